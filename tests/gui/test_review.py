from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.codebook import list_tags
from annotator.core.coders import consensus_coder, ensure_coder
from annotator.core.project import open_project
from annotator.core.review import Decision
from annotator.gui import messages
from annotator.gui.main_window import MainWindow
from annotator.gui.review import ReviewWindow
from tests.gui.conftest import ARTICLE


def _code(window: MainWindow, coder: str, tag: str, quote: str, cut: int = 0) -> None:
    tags = {t.name: t.id for t in list_tags(window.project)}
    start = ARTICLE.index(quote)
    add_annotation(
        window.project,
        window.article_id or 0,
        tags[tag],
        ensure_coder(window.project, coder).id,
        start,
        start + len(quote) - cut,
    )


@pytest.fixture
def review(qtbot: QtBot, window: MainWindow) -> ReviewWindow:
    _code(window, "Ada", "pledge", "The council will replace every diesel bus by 2030")
    _code(window, "Bo", "pledge", "The council will replace every diesel bus by 2030")
    _code(window, "Ada", "caveat", "The plan depends on a national grant.")
    _code(window, "Bo", "caveat", "The plan depends on a national grant.", cut=15)
    _code(window, "Ada", "criticism", "Critics called it a headline")
    _code(window, "Bo", "statistic", "by 2030")
    window.open_article(window.article_id or 0)
    dialog = window.show_review()
    qtbot.addWidget(dialog)
    ada = dialog.a_choice.findText("Ada")
    bo = dialog.b_choice.findText("Bo")
    dialog.choose(
        window.article_id or 0, dialog.a_choice.itemData(ada), dialog.b_choice.itemData(bo)
    )
    return dialog


def test_disagreements_are_listed_and_both_panes_follow(qtbot: QtBot, review: ReviewWindow) -> None:
    assert review.list.count() == 3
    assert review.progress.text() == (
        "3 of 3 disagreement(s) remain · 1 agreed annotation(s) not yet in the consensus"
    )
    labels = [review.list.item(i).text() for i in range(3)]
    assert labels[0].startswith("Only Bo: statistic — “by 2030”")
    assert any(label.startswith("Different boundaries: caveat — ") for label in labels)
    assert any(label.startswith("Only Ada: criticism") for label in labels)
    for label in labels:  # each coder named once at most
        assert label.count("Ada") <= 1 and label.count("Bo") <= 1
    review.list.setFocus()
    qtbot.keyClick(review.list, Qt.Key.Key_Down)
    current = review.current()
    assert current is not None
    assert review.pane_a.selected_span() == (current.start, current.end)
    assert review.pane_b.selected_span() == (current.start, current.end)
    assert len(review.pane_a.extraSelections()) == 3  # every open difference is marked


def test_each_settling_action_from_the_keyboard_with_undo(
    qtbot: QtBot, review: ReviewWindow, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    consensus = consensus_coder(window.project)
    article = window.article_id or 0
    review.list.setCurrentRow(0)
    qtbot.keyClick(review, "a")
    assert review.items[0].decision is Decision.TAKE_A
    assert review.progress.text() == "2 of 3 disagreement(s) remain"  # the agreed one came along
    assert review.list.currentRow() == 1  # moved on to the next open one
    qtbot.keyClick(review, "b")
    qtbot.keyClick(review, "n")
    assert review.progress.text() == "0 of 3 disagreement(s) remain · consensus complete"
    assert review.article_choice.currentText().startswith("✓ ")
    decisions = [d.decision for d in review.items]
    assert decisions == [Decision.TAKE_A, Decision.TAKE_B, Decision.NEITHER]
    written = article_annotations(window.project, article, [consensus.id])
    # Bo's shorter caveat, and the span both coded alike, copied with the first settlement
    assert [r.quote for r in written] == [
        "The council will replace every diesel bus by 2030",
        "The plan depends on a ",
    ]
    qtbot.keyClick(review, "z", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(review, "z", Qt.KeyboardModifier.ControlModifier)
    assert [d.decision for d in review.items] == [Decision.TAKE_A, None, None]
    review.list.setCurrentRow(1)
    qtbot.keyClick(review, "t")
    assert review.items[1].decision is Decision.BOTH
    monkeypatch.setattr(messages, "ask_choice", lambda *_a: "statistic")
    review.list.setCurrentRow(2)
    item = review.items[2]
    cursor = review.pane_a.textCursor()
    cursor.setPosition(review.pane_a.offsets.to_utf16(item.start))
    cursor.setPosition(
        review.pane_a.offsets.to_utf16(item.start + 7), QTextCursor.MoveMode.KeepAnchor
    )
    review.pane_a.setTextCursor(cursor)
    qtbot.keyClick(review, "e")
    assert review.items[2].decision is Decision.EDIT
    edited = [
        r
        for r in article_annotations(window.project, article, [consensus.id])
        if r.start == item.start and r.end == item.start + 7
    ]
    assert [window.session.tag(r.tag_id).name for r in edited] == ["statistic"]
    assert window.undo_stack.undoText() == "settle: edited"


def test_agreement_dialog_shows_and_exports(
    qtbot: QtBot, review: ReviewWindow, window: MainWindow, tmp_path: Path
) -> None:
    dialog = window.show_agreement()
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 4

    def text(row: int, column: int) -> str:
        item = table.item(row, column)
        assert item is not None
        return item.text()

    assert text(0, 0) == "pledge"
    assert text(0, 1) == "1.000"
    assert text(0, table.columnCount() - 1) == "reliable"
    assert "Overall αU" in dialog.summary.text()
    assert dialog.ranked.count() == 1
    out = tmp_path / "agreement.xlsx"
    dialog.export_to(out)
    book = openpyxl.load_workbook(out)
    sheet = book["Agreement"]
    assert [c.value for c in sheet[1]][:3] == ["tag", "alpha_u", "alpha_binary"]
    assert sheet["A2"].value == "pledge" and sheet["B2"].value == pytest.approx(1.0)
    assert book.sheetnames == ["Agreement", "Articles by disagreement"]


def test_merge_and_coders_in_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.annotator"
    with open_project(other) as project:
        from tests.helpers import add_text_article  # noqa: PLC0415

        article = add_text_article(project, ARTICLE).article_id
        coder = ensure_coder(project, "Remote Coder")
        add_annotation(project, article, list_tags(project)[0].id, coder.id, 0, 7)
    monkeypatch.setattr(messages, "show_report", lambda *_a: None)
    with qtbot.waitSignal(window.mergeFinished, timeout=30000) as blocker:
        window.merge([str(other)])
    lines: list[str] = blocker.args[0]
    assert any("annotations: 1 added" in line for line in lines)
    assert window.annotation_model.rowCount() == 0  # blind coding: others are hidden
    window.show_others_action.setChecked(True)
    assert window.annotation_model.rowCount() == 1
    assert not window.annotation_panel.table.isColumnHidden(window.annotation_model.CODER_COLUMN)

    from annotator.gui.coders_dialog import CodersDialog  # noqa: PLC0415

    dialog = CodersDialog(window.project, window)
    qtbot.addWidget(dialog)
    names = iter(["New Person", "Renamed Coder"])
    monkeypatch.setattr(messages, "ask_text", lambda *_a: next(names))
    dialog.add()
    dialog.list.setCurrentRow([c.name for c in dialog.coders].index("Remote Coder"))
    dialog.rename()
    assert sorted(c.name for c in dialog.coders) == ["New Person", "Renamed Coder", "Test Coder"]


def test_the_review_list_filters_by_tag(qtbot: QtBot, review: ReviewWindow) -> None:
    review.tag_choice.setCurrentIndex(review.tag_choice.findText("caveat"))
    shown = [
        review.list.item(i).text()
        for i in range(review.list.count())
        if not review.list.isRowHidden(i)
    ]
    assert len(shown) == 1 and shown[0].startswith("Different boundaries: caveat")


def test_a_nested_span_of_another_tag_is_its_own_difference(
    qtbot: QtBot, window: MainWindow
) -> None:
    from annotator.core.review import disagreements  # noqa: PLC0415

    _code(window, "Ada", "caveat", "The plan depends on a national grant.")
    _code(window, "Bo", "caveat", "The plan depends on a national grant.", cut=15)
    _code(window, "Ada", "statistic", "national grant")
    ada = ensure_coder(window.project, "Ada").id
    bo = ensure_coder(window.project, "Bo").id
    found = disagreements(window.project, window.article_id or 0, ada, bo)
    kinds = sorted((d.kind.value, len(d.a), len(d.b)) for d in found)
    assert kinds == [("different boundaries", 1, 1), ("only A", 1, 0)]


def test_an_article_both_coded_alike_gets_its_consensus_with_one_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    for coder in ("Ada", "Bo"):
        _code(window, coder, "pledge", "The council will replace every diesel bus by 2030")
    dialog = window.show_review()
    qtbot.addWidget(dialog)
    ada, bo = dialog.a_choice.findText("Ada"), dialog.b_choice.findText("Bo")
    dialog.choose(
        window.article_id or 0, dialog.a_choice.itemData(ada), dialog.b_choice.itemData(bo)
    )
    assert dialog.progress.text() == (
        "0 of 0 disagreement(s) remain · 1 agreed annotation(s) not yet in the consensus"
    )
    assert not dialog.article_choice.currentText().startswith("✓")
    consensus = consensus_coder(window.project)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, "g")
    [copied] = article_annotations(window.project, window.article_id or 0, [consensus.id])
    assert copied.quote == "The council will replace every diesel bus by 2030"
    assert dialog.progress.text() == "0 of 0 disagreement(s) remain · consensus complete"
    assert dialog.article_choice.currentText().startswith("✓ ")
    assert not dialog.take_agreed_button.isEnabled()
    qtbot.keyClick(dialog, "z", Qt.KeyboardModifier.ControlModifier)
    assert article_annotations(window.project, window.article_id or 0, [consensus.id]) == []
    assert dialog.take_agreed_button.isEnabled()


def test_the_review_fits_on_the_screen(review: ReviewWindow) -> None:
    area = review.screen().availableGeometry()
    assert review.width() <= area.width() and review.height() <= area.height()
