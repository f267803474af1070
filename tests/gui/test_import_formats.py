from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.articles import get_article
from annotator.core.importing.service import ImportResult, Outcome
from annotator.gui import messages
from annotator.gui.main_window import MainWindow
from annotator.gui.trim_preview import TrimPreview

MEDIANAMA = "txt/medianama-facial-recognition-2020.txt"


def test_preview_moves_the_cut_to_the_cursor_lines(qtbot: QtBot, corpus: Path) -> None:
    text = (corpus / MEDIANAMA).read_text("utf-8")
    dialog = TrimPreview("m.txt", text, (69, 3708))
    qtbot.addWidget(dialog)
    view = dialog.view
    cursor = view.textCursor()
    cursor.setPosition(text.index("This comes amid protests"))
    view.setTextCursor(cursor)
    dialog.start_at_cursor()
    assert dialog.cut == (text.index("This comes amid protests"), 3708)
    cursor.setPosition(text.index("However, Microsoft"))
    view.setTextCursor(cursor)
    dialog.end_at_cursor()
    start = text.index("However, Microsoft")
    assert dialog.cut[1] == text.index("\n", start)
    assert "Importing" in dialog.summary.text()
    greyed = view.extraSelections()
    assert len(greyed) == 2


def test_import_in_the_window_uses_the_chosen_cut(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[int, int]] = []

    def choose(_parent: object, _name: str, text: str, cut: tuple[int, int]) -> tuple[int, int]:
        shown.append(cut)
        return (cut[0], text.index("\n\nThis comes amid"))

    monkeypatch.setattr(messages, "preview_trim", choose)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([corpus / MEDIANAMA])
    [result] = blocker.args[0]
    assert shown == [(69, 3708)]
    assert result.article_id is not None
    text = get_article(window.project, result.article_id).text
    assert text.startswith("Microsoft will not sell facial recognition tech")
    assert text.endswith("the company’s president, Brad Smith told the Washington Post.\n") or (
        "This comes amid" not in text
    )


def test_cancelling_the_preview_imports_nothing(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "preview_trim", lambda *_a: None)
    with qtbot.waitSignal(window.importFinished, timeout=5000) as blocker:
        window.import_paths([corpus / MEDIANAMA])
    assert blocker.args == [[]]
    assert window.articles.rowCount() == 1


def test_a_protected_pdf_asks_for_its_password(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "show_report", lambda *_a: None)
    asked: list[str] = []

    def password(_parent: object, name: str) -> str:
        asked.append(name)
        return "openpassword"

    monkeypatch.setattr(messages, "ask_password", password)
    path = corpus / "pdf" / "libreoffice-writer-password.pdf"
    with qtbot.waitSignal(window.importFinished, timeout=30000):  # asked first: one import
        window.import_paths([path])
    assert asked == ["libreoffice-writer-password.pdf"]
    assert window.articles.rowCount() == 2


def test_pdf_annotations_show_their_page(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "show_report", lambda *_a: None)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([corpus / "pdf" / "naacl06-shinyama.pdf"])
    results: list[ImportResult] = blocker.args[0]
    assert results[0].outcome is Outcome.IMPORTED
    view = window.reader.view
    text = view.toPlainText()
    start = text.index("2 Basic Idea")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 12, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, "1")
    [record] = article_annotations(window.project, window.article_id or 0)
    model = window.annotation_model
    assert model.data(model.index(0, model.PAGE_COLUMN)) == "2"
    assert not window.annotation_panel.table.isColumnHidden(model.PAGE_COLUMN)
    assert record.quote == "2 Basic Idea"


def test_cancel_keeps_what_finished(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "show_report", lambda *_a: None)
    files = sorted((corpus / "html").glob("*.html"))[:12]
    with qtbot.waitSignal(window.importFinished, timeout=60000) as blocker:
        window.import_paths(files)
        task = window.tasks.task
        assert task is not None
        task.cancel()  # as the Cancel button does: the file in hand is finished, then it stops
    results: list[ImportResult] = blocker.args[0]
    assert len(results) == 1
    assert window.articles.rowCount() == 1 + len(results)
