"""The workbench does exactly what the researcher meant: each defect found by hand, replayed
through real mouse and key events on the real window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.annotations import add_annotation
from annotator.core.coders import ensure_coder
from annotator.core.models import CodingStatus
from annotator.gui.code_matches import CodeMatchesDialog
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import ARTICLE, activate, shown_mark
from tests.gui.dialogs import DialogGuard
from tests.gui.workbench_driver import (
    LEFT,
    background,
    click,
    code,
    drag_select,
    point,
    stored,
    tags_of,
)
from tests.helpers import add_text_article

CTRL = Qt.KeyboardModifier.ControlModifier
LONG = "A long report\n\n" + "".join(
    f"Paragraph {n}: the council will replace every diesel bus by 2030, the mayor said, "
    f"and the plan depends on a national grant.\n\n"
    for n in range(60)
)


def _open_long(qtbot: QtBot, window: MainWindow) -> int:
    article = add_text_article(window.project, LONG, "long.txt").article_id
    window.reload_after_import()
    window.open_article(article)
    return article


def test_return_in_code_all_matches_searches_and_never_codes(
    qtbot: QtBot, window: MainWindow, dialogs: DialogGuard
) -> None:
    qtbot.keyClick(window, "f", CTRL)
    qtbot.keyClicks(window.find_bar.field, "2030")
    button = next(
        b for b in window.find_bar.findChildren(QPushButton) if b.text().startswith("Code all")
    )
    seen: list[int] = []

    def change_the_phrase_and_press_return(dialog: QDialog) -> None:
        assert isinstance(dialog, CodeMatchesDialog)
        assert dialog.list.count() == 2  # the find bar's phrase, searched at once
        field = dialog.pattern
        field.selectAll()
        qtbot.keyClicks(field, "diesel")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        seen.append(dialog.list.count())
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    dialogs.expect(CodeMatchesDialog, change_the_phrase_and_press_return)
    qtbot.mouseClick(button, LEFT)
    assert seen == [1]  # Return searched the new phrase: one "diesel"
    assert stored(window) == []


def test_a_key_on_a_clicked_span_retags_it_and_never_adds_a_twin(
    qtbot: QtBot, window: MainWindow
) -> None:
    code(qtbot, window, ARTICLE, "national grant", "2")
    inside = ARTICLE.index("national grant") + 4
    click(qtbot, window, inside)
    assert window.reader.view.selected_span() is None  # chosen, not selected
    qtbot.keyClick(window.reader.view, "4")
    assert tags_of(window) == [("statistic", "national grant")]
    # the same words selected again and the same key: no second identical span
    code(qtbot, window, ARTICLE, "national grant", "4")
    assert tags_of(window) == [("statistic", "national grant")]
    assert "already" in window.statusBar().currentMessage()


def test_a_retagged_or_noted_span_stays_the_chosen_one(qtbot: QtBot, window: MainWindow) -> None:
    """With two spans in the list, re-tagging or noting one must not pass the choice to the
    other (the list's row of the changed span is replaced), so the next key acts on the span
    the researcher clicked."""
    code(qtbot, window, ARTICLE, "national grant", "1")
    code(qtbot, window, ARTICLE, "Critics called", "3")
    click(qtbot, window, ARTICLE.index("national grant") + 3)
    [grant] = [r for r in stored(window) if r.quote == "national grant"]
    qtbot.keyClick(window.reader.view, "2")
    assert window.reader.view.chosen is not None and window.reader.view.chosen.id == grant.id
    assert window.annotation_panel.current_id() == grant.id
    qtbot.keyClick(window.reader.view, "4")
    assert sorted(tags_of(window)) == [
        ("criticism", "Critics called"),
        ("statistic", "national grant"),
    ]
    assert window.statusBar().currentMessage().startswith("Chosen: statistic")
    click(qtbot, window, ARTICLE.index("Critics called") + 3)
    [critics] = [r for r in stored(window) if r.quote == "Critics called"]
    qtbot.keyClick(window.reader.view, "1")
    assert window.reader.view.chosen is not None and window.reader.view.chosen.id == critics.id
    assert sorted(tags_of(window)) == [
        ("pledge", "Critics called"),
        ("statistic", "national grant"),
    ]


def test_a_key_acts_only_on_a_visibly_chosen_span(qtbot: QtBot, window: MainWindow) -> None:
    code(qtbot, window, ARTICLE, "Critics called", "3")
    click(qtbot, window, ARTICLE.index("The plan"))  # plain text: the choice goes
    assert window.reader.view.chosen is None
    assert window.annotation_panel.current_id() is None
    qtbot.keyClick(window.reader.view, "1")
    assert tags_of(window) == [("criticism", "Critics called")]

    _open_long(qtbot, window)
    text = LONG
    code(qtbot, window, text, "diesel bus", "1")
    view = window.reader.view
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)  # the chosen span scrolls out of view
    assert view.chosen is not None
    qtbot.keyClick(view, "3")
    assert tags_of(window) == [("pledge", "diesel bus")]


def test_a_drag_starting_beside_the_chosen_span_selects_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    code(qtbot, window, ARTICLE, "national grant", "2")
    start = ARTICLE.index("national grant")
    click(qtbot, window, start + 3)
    before = [(r.start, r.end) for r in stored(window)]
    viewport = window.reader.view.viewport()
    outside = point(window, start - 1)  # the character before the span
    qtbot.mouseMove(viewport, outside)
    assert viewport.cursor().shape() == Qt.CursorShape.IBeamCursor
    qtbot.mousePress(viewport, LEFT, pos=outside)
    qtbot.mouseMove(viewport, point(window, start - 9))
    qtbot.mouseRelease(viewport, LEFT, pos=point(window, start - 9))
    assert [(r.start, r.end) for r in stored(window)] == before
    assert window.reader.view.selected_span() == (start - 9, start - 1)
    # on the handle itself the pointer says so, and a drag moves the boundary
    click(qtbot, window, start + 3)
    handle = window.reader.view.handle_point("start")
    assert handle is not None
    qtbot.mouseMove(viewport, handle)
    assert viewport.cursor().shape() == Qt.CursorShape.SizeHorCursor


def _scroll_value(window: MainWindow) -> int:
    return window.reader.view.verticalScrollBar().value()


def test_the_text_does_not_jump_under_the_pointer(qtbot: QtBot, window: MainWindow) -> None:
    _open_long(qtbot, window)
    view = window.reader.view
    view.setFocus()
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    first, last = (
        view.cursorForPosition(view.viewport().rect().topLeft()).position(),
        view.cursorForPosition(view.viewport().rect().bottomRight()).position(),
    )
    middle = LONG.index("diesel bus", (first + last) // 2)
    top = _scroll_value(window)
    width = view.viewport().width()
    drag_select(qtbot, window, middle, middle + len("diesel bus"))
    qtbot.keyClick(view, "1")
    for quote, key in (("diesel", "2"), ("bus", "4"), ("diese", "3"), ("iese", "1")):
        at = LONG.index(quote, middle)
        drag_select(qtbot, window, at, at + len(quote))
        qtbot.keyClick(view, key)  # nested spans: the stripe margin keeps its width
    assert view.viewport().width() == width
    click(qtbot, window, middle + 1)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    table = window.annotation_panel.table
    rect = table.visualRect(window.annotation_model.index(0, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    click(qtbot, window, middle + 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, "z", CTRL)
    assert _scroll_value(window) == top


def test_statuses_and_counts_stay_fresh(qtbot: QtBot, window: MainWindow) -> None:
    first = window.article_id or 0
    code(qtbot, window, ARTICLE, "Critics called", "3")
    assert shown_mark(window, first) is CodingStatus.IN_PROGRESS  # at once
    assert "in progress" in window.reader.source.text()
    second = _open_long(qtbot, window)
    assert window.article_id == second
    qtbot.keyClick(window.reader.view, "z", CTRL)  # undoes the criticism in the first
    criticism = window.tag_model.index(2, 0).data()
    assert str(criticism).endswith("0 · 0")


def test_the_list_and_the_text_choose_the_same_span(qtbot: QtBot, window: MainWindow) -> None:
    code(qtbot, window, ARTICLE, "Critics called", "3")
    code(qtbot, window, ARTICLE, "national grant", "2")
    click(qtbot, window, ARTICLE.index("Critics") + 2)
    table = window.annotation_panel.table
    rect = table.visualRect(window.annotation_model.index(0, 1))  # national grant
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    chosen = window.reader.view.chosen
    assert chosen is not None and chosen.quote == "national grant"
    # the chosen span keeps its tag colour (#EEDD88, caveat), not the selection colour
    colour = background(window, ARTICLE.index("national grant") + 5)
    assert colour.name().upper() == "#EEDD88"


def test_delete_with_the_focus_in_the_text(qtbot: QtBot, window: MainWindow) -> None:
    code(qtbot, window, ARTICLE, "Critics called", "3")
    click(qtbot, window, ARTICLE.index("Critics") + 2)
    assert window.reader.view.hasFocus()
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Delete)
    assert stored(window) == []


def test_undo_and_redo_show_the_article_they_change(qtbot: QtBot, window: MainWindow) -> None:
    first = window.article_id or 0
    code(qtbot, window, ARTICLE, "Critics called", "3")
    _open_long(qtbot, window)
    qtbot.keyClick(window.reader.view, "z", CTRL)
    assert window.article_id == first
    assert stored(window) == []
    _open_long(qtbot, window)
    qtbot.keyClick(window.reader.view, "z", CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.article_id == first
    chosen = window.reader.view.chosen
    assert chosen is not None and chosen.quote == "Critics called"


def test_find_results_look_like_no_tag(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, "f", CTRL)
    qtbot.keyClicks(window.find_bar.field, "national")
    inside = background(window, ARTICLE.index("national") + 3)
    tag_colours = {t.color.upper() for t in window.session.tags}
    assert inside.name().upper() not in tag_colours
    assert inside == window.reader.view.palette().base().color()  # outlined, not filled


def test_blind_coding_counts_only_the_coders_own_work(qtbot: QtBot, window: MainWindow) -> None:
    other = ensure_coder(window.project, "Other Coder")
    pledge = window.session.tags[0]
    add_annotation(window.project, window.article_id or 0, pledge.id, other.id, 0, 7)
    window.reload_after_import()
    assert str(window.tag_model.index(0, 0).data()).endswith("0 · 0")
    qtbot.keyClick(window, "o", CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert str(window.tag_model.index(0, 0).data()).endswith("1 · 1")


def test_switching_coder_chooses_from_the_list(
    qtbot: QtBot, window: MainWindow, dialogs: DialogGuard
) -> None:
    menu = window.coder_menu

    def pick(text: str) -> None:
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(menu.isVisible)
        action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
        qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())

    def name_it(name: str) -> object:
        def answer(dialog: QDialog) -> None:
            field = dialog.findChild(QLineEdit)
            assert field is not None
            qtbot.keyClicks(field, name)
            qtbot.keyClick(field, Qt.Key.Key_Return)

        return answer

    dialogs.expect(QDialog, name_it("Second Coder"))  # type: ignore[arg-type]
    pick("New coder…")
    assert window.session.coder.name == "Second Coder"
    pick("Test Coder")
    assert window.session.coder.name == "Test Coder"
    dialogs.expect(QDialog, name_it("second coder"))  # type: ignore[arg-type]
    dialogs.expect(QDialog, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    pick("New coder…")  # a name that exists already is refused with a message
    activate(qtbot, window)
    assert window.session.coder.name == "Test Coder"
