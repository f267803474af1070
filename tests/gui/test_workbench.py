"""The coding workbench through its widgets: resize, re-tag, find, code all matches, mark
done and next, filters, stepping, hover text, stripes, zoom and remembered layout."""

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.coders import get_status
from annotator.core.models import CodingStatus
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui import messages
from annotator.gui.code_matches import CodeMatchesDialog
from annotator.gui.main_window import MainWindow
from annotator.gui.reader import ReaderView
from tests.gui.conftest import ARTICLE, shown_mark
from tests.helpers import add_text_article

ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def _select(window: MainWindow, start: int, end: int) -> None:
    view = window.reader.view
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(start))
    cursor.setPosition(view.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _code(qtbot: QtBot, window: MainWindow, quote: str, key: str, nth: int = 0) -> None:
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.index(quote, start + 1)
    _select(window, start, start + len(quote))
    qtbot.keyClick(window.reader.view, key)


def _stored(window: MainWindow) -> list[tuple[str, str]]:
    records = article_annotations(window.project, window.article_id or 0)
    return [(window.session.tag(r.tag_id).name, r.quote) for r in records]


def test_snap_to_whole_words_is_on_by_default(qtbot: QtBot, window: MainWindow) -> None:
    start = ARTICLE.index("council will")
    _select(window, start + 2, start + 10)  # "uncil wi"
    qtbot.keyClick(window.reader.view, "1")
    assert _stored(window) == [("pledge", "council will")]
    window.snap_action.setChecked(False)
    _select(window, start + 2, start + 10)
    qtbot.keyClick(window.reader.view, "2")
    assert ("caveat", "uncil wi") in _stored(window)


def test_snapping_leaves_a_selection_inside_japanese_as_it_was_made(
    qtbot: QtBot, window: MainWindow
) -> None:
    # Japanese puts no spaces between words: the run "も気候目標を示した" is not one word.
    text = "Toyota も気候目標を示した。"
    article = add_text_article(window.project, text, "tokyo.txt").article_id
    window.open_article(article)
    start = text.index("気候")
    _select(window, start, start + 2)
    qtbot.keyClick(window.reader.view, "1")
    assert _stored(window) == [("pledge", "気候")]
    _select(window, text.index("oyo"), text.index("oyo") + 3)  # Latin letters still snap
    qtbot.keyClick(window.reader.view, "2")
    assert ("caveat", "Toyota") in _stored(window)


def test_resize_by_keys_and_undo_in_one_step(qtbot: QtBot, window: MainWindow) -> None:
    _code(qtbot, window, "national grant", "2")
    window.annotation_panel.table.selectRow(0)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Left, ALT_SHIFT)
    qtbot.keyClick(window, Qt.Key.Key_Right, ALT_SHIFT | Qt.KeyboardModifier.ControlModifier)
    assert _stored(window) == [("caveat", "ational gr")]
    assert window.undo_stack.count() == 2  # the add, then the boundary moves as one step
    window.undo_stack.undo()
    assert _stored(window) == [("caveat", "national grant")]


def test_retag_with_a_key_or_the_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _code(qtbot, window, "headline without a budget", "3")
    window.annotation_panel.table.selectRow(0)
    view = window.reader.view
    view.moveCursor(QTextCursor.MoveOperation.Start)  # no selection: the key re-tags
    qtbot.keyClick(view, "4")
    assert _stored(window) == [("statistic", "headline without a budget")]
    monkeypatch.setattr(messages, "ask_choice", lambda *_a: "criticism")
    qtbot.keyClick(window, "t", Qt.KeyboardModifier.ControlModifier)
    assert _stored(window) == [("criticism", "headline without a budget")]
    assert window.undo_stack.undoText().startswith("change to criticism")
    window.undo_stack.undo()
    assert _stored(window) == [("statistic", "headline without a budget")]


def test_find_bar_and_code_all_matches_in_one_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClick(window, "f", Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "2030")
    assert window.find_bar.count.text() == "2 match(es)"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    second = ARTICLE.index("2030", ARTICLE.index("2030") + 1)
    assert window.reader.view.selected_span() == (second, second + 4)
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()

    def choose(dialog: CodeMatchesDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.regex.setChecked(True)
        dialog.pattern.setText(r"\b(bus|buses)\b")
        dialog.scope.setCurrentIndex(0)
        dialog.search()
        assert dialog.list.count() == 2
        dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
        dialog.tag.setCurrentIndex(dialog.tag.findText("statistic"))
        return True

    monkeypatch.setattr(messages, "run_dialog", choose)
    window.coding.code_all_matches("", False)
    assert _stored(window) == [("statistic", "buses")]
    assert window.undo_stack.undoText() == "code 1 matches as statistic"
    window.undo_stack.undo()
    assert _stored(window) == []


def test_mark_done_opens_the_next_article_not_done(qtbot: QtBot, window: MainWindow) -> None:
    first = window.article_id or 0
    second = add_text_article(window.project, "A second article to code.").article_id
    window.reload_after_import()
    window.open_article(first)
    qtbot.keyClick(window, "d", Qt.KeyboardModifier.ControlModifier)
    coder = window.session.coder.id
    assert get_status(window.project, coder, first) is CodingStatus.DONE
    assert window.article_id == second
    assert shown_mark(window, first) is CodingStatus.DONE
    window.undo_stack.undo()
    assert get_status(window.project, coder, first) is CodingStatus.NOT_STARTED


def test_filter_step_and_hover_text(qtbot: QtBot, window: MainWindow) -> None:
    _code(qtbot, window, "The plan depends on a national grant.", "2")
    _code(qtbot, window, "national grant", "4")
    _code(qtbot, window, "Critics", "3")
    model = window.annotation_model
    assert model.rowCount() == 3
    panel = window.annotation_panel
    panel.filter.setCurrentIndex(panel.filter.findText("statistic"))
    assert [r.quote for r in model.rows] == ["national grant"]
    panel.filter.setCurrentIndex(0)
    window.reader.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    chosen = panel.current_id()
    assert chosen is not None and model.record(chosen).quote == "national grant"  # type: ignore[union-attr]
    inner = ARTICLE.index("national grant") + 2
    keys = window.reader.view.highlighter.span_keys_at(window.reader.view.offsets.to_utf16(inner))
    text = window.coding.describe(keys)
    assert text.splitlines()[0].startswith("statistic: “national grant”")
    assert text.splitlines()[1].startswith("caveat: “The plan depends")
    stripes = window.reader.view.stripes
    stripes.preferred_width()
    assert len({stripes.columns[k] for k in keys}) == 2  # side by side


def test_spans_in_right_to_left_text_stay_exact(qtbot: QtBot, window: MainWindow) -> None:
    text = "الحكومة تتعهد بخفض الانبعاثات 😀 بنسبة ٤٠٪ بحلول ٢٠٣٠\n"
    article = add_text_article(window.project, text).article_id
    window.reload_after_import()
    window.open_article(article)
    quote = "بنسبة ٤٠٪"
    start = text.index(quote)
    _select(window, start, start + len(quote))
    qtbot.keyClick(window.reader.view, "4")
    [record] = article_annotations(window.project, article)
    assert (record.start, record.end, record.quote) == (start, start + len(quote), quote)


def test_zoom_and_layout_are_remembered(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    size = window.reader.view.font().pointSize()
    window.zoom(+2)
    assert window.reader.view.font().pointSize() == size + 2
    assert Settings.load().text_point_size == size + 2
    window.splitter.setSizes([150, 400, 200])
    sizes = window.splitter.sizes()
    window.save_layout()
    saved = Settings.load()
    assert saved.window_state.startswith(",".join(str(v) for v in sizes))
    again = MainWindow(window.project, saved)
    qtbot.addWidget(again)
    assert again.reader.view.font().pointSize() == saved.text_point_size
    assert again.settings.window_state == saved.window_state


def test_dark_palette_follows_the_setting(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from annotator.gui.app import apply_palette, wants_dark  # noqa: PLC0415

    monkeypatch.setenv("ANNOTATOR_THEME", "dark")
    assert wants_dark()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_palette(app, dark=True)
    assert app.palette().window().color().lightness() < 80
    apply_palette(app, dark=False)
    assert app.palette().window().color().lightness() > 200


def _knob_pixel(view: object, offset: int) -> QPoint:
    """A pixel of the round knob drawn under the end of the chosen span, found in the painted
    viewport: the darkest pixel in the column of the span's end that lies below its line."""
    assert isinstance(view, ReaderView)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_utf16(offset))
    line = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    found = [
        (QColor(image.pixel(x, y)).lightness(), y, x)
        for y in range(line.bottom() + 1, line.bottom() + 7)
        for x in range(line.left() - 5, line.left() + 3)
    ]
    lightness, y, x = min(found)
    assert lightness < 100, "no knob drawn under the span's end"
    return QPoint(x, y)


def test_drag_a_boundary_by_its_knob(qtbot: QtBot, window: MainWindow) -> None:
    """The knob below the end's bar takes hold of the end, though it lies below the line."""
    _code(qtbot, window, "national grant", "2")
    [record] = article_annotations(window.project, window.article_id or 0)
    window.coding.show_annotation(record.id)
    view = window.reader.view
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.waitUntil(lambda: view.chosen is not None)
    knob = _knob_pixel(view, record.end)
    target = ARTICLE.index("Critics called") + len("Critics")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_utf16(target))
    to = view.cursorRect(cursor).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=knob)
    qtbot.mouseMove(view.viewport(), pos=to)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=to)
    [moved] = article_annotations(window.project, window.article_id or 0)
    assert (moved.start, moved.end) == (record.start, target)


def test_drag_a_boundary_with_the_mouse(qtbot: QtBot, window: MainWindow) -> None:
    _code(qtbot, window, "national grant", "2")
    [record] = article_annotations(window.project, window.article_id or 0)
    window.coding.show_annotation(record.id)
    view = window.reader.view
    view.moveCursor(QTextCursor.MoveOperation.Start)

    def point(offset: int) -> object:
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_utf16(offset))
        rect = view.cursorRect(cursor)
        return rect.center()

    target = ARTICLE.index("Critics called") + len("Critics")
    handle = view.handle_point("end")
    assert handle is not None
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=handle)
    qtbot.mouseMove(view.viewport(), pos=point(target))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point(target))
    [moved] = article_annotations(window.project, window.article_id or 0)
    assert moved.start == record.start and moved.end == target
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts[-1].startswith("resize"), texts
    window.undo_stack.undo()
    assert _stored(window) == [("caveat", "national grant")]


def test_a_moment_after_a_change_the_project_file_alone_holds_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A researcher may copy the project file while the window is open: a moment after the
    last change, the copy (without SQLite's journal beside it) has it."""
    _code(qtbot, window, "national grant", "2")
    source = Path(window.project.location)
    copies = tmp_path / "copies"
    copies.mkdir()

    def coded_in_a_copy() -> bool:
        copy = copies / "copy.annotator"
        shutil.copyfile(source, copy)  # the file alone, as a file manager copies it
        with closing(sqlite3.connect(copy)) as connection:
            found = connection.execute("SELECT quote FROM annotation").fetchall()
        copy.unlink()
        return found == [("national grant",)]

    assert Path(f"{source}-wal").exists()  # the change is in the journal first
    qtbot.waitUntil(coded_in_a_copy, timeout=10000)


def test_the_first_article_opens_at_its_first_line(
    qtbot: QtBot, project_path: Path, settings: Settings
) -> None:
    """An article whose title fills several lines of the header (a text file's first
    sentence) opens with its first line on screen when the window starts."""
    sentence = " ".join(["The council pledged to electrify every bus route by 2030"] * 6) + "."
    text = f"{sentence}\n\nSecond paragraph, with more words.\n" + "Filler line.\n" * 200
    with open_project(project_path) as project:
        add_text_article(project, text)
    window = MainWindow(open_project(project_path), settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    view = window.reader.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(0)
    first = view.cursorRect(cursor)  # where Qt draws the first character
    assert view.viewport().rect().contains(first.center())
    window.close()


def test_a_status_change_never_moves_the_text(qtbot: QtBot, window: MainWindow) -> None:
    """The source line says the coder's status; however long it grows, it stays one line, so
    the text below it (where the coder is working) does not move."""
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.reader.view.width() < 700)
    pane, view = window.reader, window.reader.view
    article = pane.article
    assert article is not None
    top = view.mapTo(window, QPoint(0, 0)).y()
    long_status = "in progress for " + "A coder with a very long name indeed " * 4
    pane.set_header(article, long_status)
    QApplication.processEvents()
    assert view.mapTo(window, QPoint(0, 0)).y() == top
    assert pane.source.toolTip().startswith(long_status)  # all of it, on hovering
    pane.set_header(article, "done")
    QApplication.processEvents()
    assert view.mapTo(window, QPoint(0, 0)).y() == top
