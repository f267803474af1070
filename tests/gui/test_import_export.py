import json
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from annotator.core.importing.service import ImportResult, Outcome
from annotator.core.rows import Selection
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui import messages, welcome
from annotator.gui.main_window import MainWindow


def test_import_in_the_window_lists_the_new_articles(
    qtbot: QtBot, window: MainWindow, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports: list[str] = []
    monkeypatch.setattr(
        messages, "show_report", lambda _p, _t, summary, _d: reports.append(summary)
    )
    files = sorted((corpus / "txt").glob("*.txt"))[:3]
    empty = files[0].parent / "does-not-exist.txt"
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([*files, empty])
    results: list[ImportResult] = blocker.args[0]
    assert [r.outcome for r in results] == [Outcome.IMPORTED] * 3 + [Outcome.FAILED]
    assert window.articles.rowCount() == 4
    assert reports == ["3 imported, 0 duplicate(s), 1 failed."]
    assert window.article_id == results[0].article_id


def test_export_in_the_window_writes_the_workbook(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "from-window.xlsx"
    with qtbot.waitSignal(window.exportFinished, timeout=30000) as blocker:
        window.export_to(out)
    assert blocker.args == [out]
    names = openpyxl.load_workbook(out).sheetnames
    assert names[0] == "Annotations" and names[-3:] == ["Articles", "Codebook", "Summary"]


def test_first_start_asks_for_the_name_and_remembers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["  ", "  Maria   Lopez "])
    monkeypatch.setattr(messages, "ask_text", lambda *_args, **_kw: next(answers))
    settings = Settings.load()
    assert settings.coder_name == ""
    assert app_module.ensure_coder_name(settings)
    assert Settings.load().coder_name == "Maria Lopez"


def test_declining_the_name_question_does_not_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "ask_text", lambda *_args, **_kw: None)
    assert not app_module.ensure_coder_name(Settings.load())


def test_first_start_opens_the_sample_project_with_one_annotation_per_tag(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_module.make_application()
    # The welcome screen's choice (tests/gui/test_first_run.py clicks it).
    monkeypatch.setattr(app_module, "ask_start_location", lambda _recent: welcome.SAMPLE)
    project = app_module.open_start_project(None, settings)
    assert project is not None
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    assert window.articles.rowCount() == 1
    tags = sorted(
        window.annotation_model.data(window.annotation_model.index(r, 0)) for r in range(4)
    )
    assert tags == ["caveat", "criticism", "pledge", "statistic"]
    assert Path(project.location).name == app_module.SAMPLE_NAME
    window.close()


def test_export_dialog_chooses_format_and_selection(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    from annotator.core.coders import list_coders  # noqa: PLC0415
    from annotator.gui.export_dialog import ExportDialog  # noqa: PLC0415

    view = window.reader.view
    cursor = view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, "1")
    dialog = ExportDialog(
        window.session.tags, list_coders(window.project), window.articles.articles, window
    )
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(3)  # W3C JSON
    dialog.path.setText(str(tmp_path / "chosen"))
    assert dialog.target() == tmp_path / "chosen.json"
    assert dialog.selection() == Selection()
    dialog.tags.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.selection().tags == frozenset({"pledge", "criticism", "statistic"})
    dialog.format.setCurrentIndex(2)
    assert dialog.matrix and dialog.target() == tmp_path / "chosen.csv"
    dialog.format.setCurrentIndex(3)
    with qtbot.waitSignal(window.exportFinished, timeout=30000):
        window.export_to(dialog.target(), dialog.selection(), matrix=dialog.matrix)
    data = json.loads((tmp_path / "chosen.json").read_text("utf-8"))
    assert data["total"] == 1
    assert "Exported 1 annotation(s)" in window.statusBar().currentMessage()


def test_export_dialog_can_leave_out_the_sheets_per_tag(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import QPoint, Qt  # noqa: PLC0415

    from annotator.core.coders import list_coders  # noqa: PLC0415
    from annotator.gui.export_dialog import ExportDialog  # noqa: PLC0415

    dialog = ExportDialog(
        window.session.tags, list_coders(window.project), window.articles.articles, window
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.tag_sheets
    assert box.isEnabled() and box.isChecked()  # Excel is the first format
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked()
    dialog.format.setCurrentIndex(1)  # CSV: no sheets to choose
    assert not box.isEnabled()
    dialog.format.setCurrentIndex(0)
    dialog.path.setText(str(tmp_path / "lean"))
    with qtbot.waitSignal(window.exportFinished, timeout=30000):
        window.export_to(
            dialog.target(), dialog.selection(), matrix=dialog.matrix, tag_sheets=box.isChecked()
        )
    names = openpyxl.load_workbook(tmp_path / "lean.xlsx").sheetnames
    assert names == ["Annotations", "Articles", "Codebook", "Summary"]


def test_annotations_import_in_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.annotations import add_annotation  # noqa: PLC0415
    from annotator.core.interchange.w3c import export_w3c  # noqa: PLC0415

    article_id = window.article_id or 0
    tag = window.session.tags[3]
    add_annotation(window.project, article_id, tag.id, window.session.coder.id, 0, 7)
    out = tmp_path / "w3c.json"
    export_w3c(window.project, out)
    data = json.loads(out.read_text("utf-8"))
    data["first"]["items"][0]["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    data["first"]["items"][0]["body"][0]["value"] = "brand new tag"
    out.write_text(json.dumps(data), "utf-8")
    reports: list[str] = []
    monkeypatch.setattr(
        messages, "show_report", lambda _p, _t, _s, details: reports.append(details)
    )
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_annotations(out)
    assert "new tags added to the codebook: brand new tag" in reports[0]
    assert window.tag_model.rowCount() == 5
    assert window.annotation_model.rowCount() == 2


def test_refi_qda_from_the_window_both_ways(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.interchange.refi_import import import_qdc  # noqa: PLC0415
    from annotator.core.project import open_project  # noqa: PLC0415
    from tests.core.interchange.foreign import write_rich  # noqa: PLC0415

    reports: list[str] = []
    monkeypatch.setattr(
        messages, "show_report", lambda _p, _t, _s, details: reports.append(details)
    )
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, text: errors.append(text))

    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_paths([write_rich(tmp_path / "other-tool.qdpx")])
    assert window.articles.rowCount() == 3
    assert "new tags: conditional pledge" in reports[0]
    assert "PictureSource Chart" in reports[0]
    names = {window.tag_model.data(window.tag_model.index(r, 0)) for r in range(5)}
    assert "statistic" in str(names)

    project_out = tmp_path / "from-window.qdpx"
    with qtbot.waitSignal(window.exportFinished, timeout=30000) as blocker:
        window.export_to(project_out)
    assert blocker.args == [project_out]
    assert "Exported 3 article(s)" in window.statusBar().currentMessage()
    codebook_out = tmp_path / "from-window.qdc"
    with qtbot.waitSignal(window.exportFinished, timeout=30000):
        window.export_to(codebook_out)
    with open_project(tmp_path / "elsewhere.annotator") as elsewhere:
        assert import_qdc(elsewhere, codebook_out).new_tags == ["conditional pledge"]

    nothing = Selection(tags=frozenset({"not a tag"}))
    with qtbot.waitSignal(window.exportFinished, timeout=30000) as blocker:
        window.export_to(tmp_path / "empty.qdc", nothing)
    assert blocker.args == [None]
    assert errors and "needs at least one" in errors[0]
    assert not (tmp_path / "empty.qdc").exists()
