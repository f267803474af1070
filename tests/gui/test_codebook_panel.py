from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.codebook import list_tags
from annotator.core.records import TagRecord
from annotator.gui import messages
from annotator.gui.main_window import MainWindow
from annotator.gui.tag_dialog import TagDialog
from tests.gui.test_workbench import _code


def _names(window: MainWindow) -> list[str]:
    return [t.name for t in list_tags(window.project)]


def test_add_edit_key_nest_and_undo_through_the_panel(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[TagRecord] = []
    monkeypatch.setattr(messages, "edit_tag", lambda _p, _tags, _tag: answers.pop(0))
    pledge = window.session.tags[0]
    answers.append(TagRecord(0, "conditional pledge", "#BBCC33", "if…", 1, 0, pledge.id))
    window.codebook.addRequested.emit()
    tags = {t.name: t for t in list_tags(window.project)}
    assert tags["conditional pledge"].shortcut == 1 and tags["pledge"].shortcut is None
    assert tags["conditional pledge"].parent_id == pledge.id
    child = window.tag_model.index(0, 0, window.tag_model.index(0, 0))
    assert child.data().startswith("1  conditional pledge")
    answers.append(replace(tags["caveat"], name="condition", color="#EE7733"))
    window.codebook.editRequested.emit(tags["caveat"].id)
    assert "condition" in _names(window) and "caveat" not in _names(window)
    assert window.undo_stack.undoText() == "rename caveat"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert _names(window) == ["pledge", "caveat", "criticism", "statistic"]
    assert list_tags(window.project)[0].shortcut == 1


def test_merge_and_delete_with_their_annotations_and_undo(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _code(qtbot, window, "national grant", "2")
    _code(qtbot, window, "Critics", "3")
    tags = {t.name: t.id for t in window.session.tags}
    monkeypatch.setattr(messages, "ask_choice", lambda *_a: "pledge")
    window.codebook.mergeRequested.emit(tags["caveat"])
    records = article_annotations(window.project, window.article_id or 0)
    assert {window.session.tag(r.tag_id).name for r in records} == {"pledge", "criticism"}
    questions: list[str] = []

    def confirm(_parent: object, _title: str, question: str) -> bool:
        questions.append(question)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    window.codebook.deleteRequested.emit(tags["criticism"])
    assert "1 annotation(s)" in questions[0]
    assert len(article_annotations(window.project, window.article_id or 0)) == 1
    window.undo_stack.undo()
    window.undo_stack.undo()
    records = article_annotations(window.project, window.article_id or 0)
    assert sorted(window.session.tag(r.tag_id).name for r in records) == ["caveat", "criticism"]
    assert window.annotation_model.rowCount() == 2


def test_reorder_and_sheet_round_trip(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from annotator.core.export.codebook_sheet import export_codebook_sheet  # noqa: PLC0415

    statistic = window.session.tags[3]
    window.codebook.moveRequested.emit(statistic.id, -1)
    assert _names(window)[2:] == ["statistic", "criticism"]
    window.undo_stack.undo()
    sheet = tmp_path / "codebook.csv"
    export_codebook_sheet(window.session.tags, sheet)
    text = sheet.read_text("utf-8-sig").replace("A condition, exception", "A limit, exception")
    sheet.write_text(text + "hedge,caveat,Softened claims,#AA4499,5\n", "utf-8")
    window.codebook_actions.import_from(sheet)
    tags = {t.name: t for t in list_tags(window.project)}
    assert tags["caveat"].definition.startswith("A limit, exception")
    assert tags["hedge"].parent_id == tags["caveat"].id and tags["hedge"].shortcut == 5
    window.undo_stack.undo()
    assert "hedge" not in _names(window)
    assert list_tags(window.project)[1].definition.startswith("A condition")


def test_tag_dialog_fields(qtbot: QtBot, window: MainWindow) -> None:
    tags = window.session.tags
    dialog = TagDialog(tags, tags[0])
    qtbot.addWidget(dialog)
    assert dialog.parent_tag.findText("pledge") == -1  # not inside itself
    dialog.name.setText("  promise ")
    dialog.key.setCurrentIndex(dialog.key.findData(7))
    result = dialog.result_tag()
    assert (result.name, result.shortcut, result.id) == ("promise", 7, tags[0].id)
