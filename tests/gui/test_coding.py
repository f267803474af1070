from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.project import open_project
from annotator.gui.main_window import MainWindow
from annotator.gui.note_dialog import NoteDialog
from tests.gui.conftest import ARTICLE
from tests.gui.dialogs import DialogGuard
from tests.helpers import content


def _select(window: MainWindow, start: int, end: int) -> None:
    """Select code points [start, end) as a user would, with the keyboard."""
    view = window.reader.view
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(start))
    view.setTextCursor(cursor)
    for _ in range(view.offsets.to_utf16(end) - view.offsets.to_utf16(start)):
        view.moveCursor(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)


def _backgrounds(window: MainWindow, position: int) -> list[str]:
    """The background painted at UTF-16 ``position`` ([] where nothing is coded)."""
    cursor = QTextCursor(window.reader.view.document())
    cursor.setPosition(position + 1)
    brush = cursor.charFormat().background()
    if brush.style() == Qt.BrushStyle.NoBrush:
        return []
    return [brush.color().name().upper()]


def _underlined(window: MainWindow, position: int) -> bool:
    cursor = QTextCursor(window.reader.view.document())
    cursor.setPosition(position + 1)
    style = cursor.charFormat().underlineStyle()
    return style != QTextCharFormat.UnderlineStyle.NoUnderline


def test_select_press_1_stores_and_highlights_then_delete(qtbot: QtBot, window: MainWindow) -> None:
    start = ARTICLE.index("The council will replace")
    end = ARTICLE.index(", the mayor said")
    _select(window, start, end)
    qtbot.keyClick(window.reader.view, "1")

    [stored] = article_annotations(window.project, window.article_id or 0)
    assert (stored.start, stored.end) == (start, end)
    assert stored.quote == "The council will replace every diesel bus by 2030"
    assert window.session.tag(stored.tag_id).name == "pledge"
    assert stored.coder_id == window.session.coder.id
    assert window.session.coder.name == "Test Coder"
    middle = window.reader.view.offsets.to_utf16(start + 5)
    assert _backgrounds(window, middle) == ["#77AADD"]
    assert window.annotation_model.rowCount() == 1
    assert window.annotation_model.data(window.annotation_model.index(0, 0)) == "pledge"
    assert window.tag_model.index(0, 0).data().endswith("1 · 1")

    window.annotation_panel.table.setFocus()
    window.annotation_panel.table.selectRow(0)
    qtbot.keyClick(window.annotation_panel.table, Qt.Key.Key_Delete)
    assert article_annotations(window.project, window.article_id or 0) == []
    assert _backgrounds(window, middle) == []
    assert window.annotation_model.rowCount() == 0


def test_a_span_after_an_emoji_keeps_exact_offsets(qtbot: QtBot, window: MainWindow) -> None:
    start = ARTICLE.index("by 2030")
    _select(window, start, start + len("by 2030"))
    qtbot.keyClick(window.reader.view, "4")
    [stored] = article_annotations(window.project, window.article_id or 0)
    assert stored.start == start  # a code-point offset, one less than Qt's UTF-16 position
    assert stored.quote == "by 2030"


def test_overlapping_spans_each_stay_visible(qtbot: QtBot, window: MainWindow) -> None:
    outer = (ARTICLE.index("The plan depends"), ARTICLE.index(" Critics"))
    inner = (ARTICLE.index("a national grant"), ARTICLE.index("a national grant") + 16)
    _select(window, *outer)
    qtbot.keyClick(window.reader.view, "2")
    _select(window, *inner)
    qtbot.keyClick(window.reader.view, "4")
    offsets = window.reader.view.offsets
    assert _backgrounds(window, offsets.to_utf16(outer[0] + 1)) == ["#EEDD88"]
    assert _backgrounds(window, offsets.to_utf16(inner[0] + 1)) == ["#44BB99"]
    assert _underlined(window, offsets.to_utf16(inner[0] + 1))  # the caveat around it
    assert not _underlined(window, offsets.to_utf16(outer[0] + 1))
    assert len(article_annotations(window.project, window.article_id or 0)) == 2


def test_clicking_a_tag_in_the_codebook_applies_it(qtbot: QtBot, window: MainWindow) -> None:
    start = ARTICLE.index("Critics called")
    _select(window, start, len(ARTICLE) - 1)
    tree = window.codebook.tree
    rect = tree.visualRect(window.tag_model.index(2, 0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [stored] = article_annotations(window.project, window.article_id or 0)
    assert window.session.tag(stored.tag_id).name == "criticism"
    assert stored.quote == "Critics called it a headline without a budget."


def test_a_key_without_selection_stores_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, "1")
    assert article_annotations(window.project, window.article_id or 0) == []
    assert "Select some text first" in window.statusBar().currentMessage()


def test_undo_and_redo_an_annotation(qtbot: QtBot, window: MainWindow) -> None:
    _select(window, 0, 7)
    qtbot.keyClick(window.reader.view, "1")
    [made] = article_annotations(window.project, window.article_id or 0)
    assert window.undo_stack.undoText() == "add pledge"
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier)
    assert article_annotations(window.project, window.article_id or 0) == []
    qtbot.keyClick(
        window, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    [back] = article_annotations(window.project, window.article_id or 0)
    assert content(back) == content(made) and back.version > made.version
    assert window.annotation_model.rowCount() == 1


def test_note_is_written_through_the_list_and_saved_with_ctrl_enter(
    qtbot: QtBot, window: MainWindow, dialogs: DialogGuard
) -> None:
    _select(window, 0, 7)
    qtbot.keyClick(window.reader.view, "1")

    def write(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        qtbot.keyClicks(dialog.editor, "Check the budget line.")
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    dialogs.expect(NoteDialog, write)
    table = window.annotation_panel.table
    rect = table.visualRect(window.annotation_model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [stored] = article_annotations(window.project, window.article_id or 0)
    assert stored.note == "Check the budget line."
    assert window.annotation_model.data(window.annotation_model.index(0, 2)) == (
        "Check the budget line."
    )
    window.undo_stack.undo()
    [stored] = article_annotations(window.project, window.article_id or 0)
    assert stored.note == ""


def test_clicking_an_annotation_in_the_list_chooses_it_without_selecting_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    start = ARTICLE.index("Critics")
    _select(window, start, start + 7)
    qtbot.keyClick(window.reader.view, "3")
    window.reader.view.moveCursor(QTextCursor.MoveOperation.Start)
    table = window.annotation_panel.table
    window.coding.choose(None)
    rect = table.visualRect(window.annotation_model.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = window.reader.view.chosen
    assert chosen is not None and (chosen.start, chosen.end) == (start, start + 7)
    assert window.reader.view.selected_span() is None  # its tag colour stays visible


def test_status_bar_shows_the_coder(window: MainWindow) -> None:
    assert window.coder_label.text() == "Coding as Test Coder · other coders hidden"


def test_work_is_there_after_closing_and_reopening(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    _select(window, 0, 7)
    qtbot.keyClick(window.reader.view, "1")
    window.close()
    with open_project(project_path) as project:
        [stored] = article_annotations(project, 1)
        assert stored.quote == "Council"
