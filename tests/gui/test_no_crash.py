"""Native crashes found by the soak test, each replayed through the window's own controls."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import ARTICLE, activate
from tests.gui.dialogs import DialogGuard
from tests.gui.soak_machine import accept_button


def _code_all(qtbot: QtBot, window: MainWindow, dialogs: DialogGuard, phrase: str) -> None:
    qtbot.keyClick(window, "f", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, phrase)
    button = next(
        b for b in window.find_bar.findChildren(QPushButton) if b.text().startswith("Code all")
    )

    def answer(dialog: QDialog) -> None:
        apply = accept_button(dialog)
        assert apply is not None
        qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)

    dialogs.expect(QDialog, answer)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    activate(qtbot, window)


def test_coding_all_matches_then_undo_then_a_new_edit_does_not_crash(
    qtbot: QtBot, window: MainWindow, dialogs: DialogGuard
) -> None:
    # The undo stack drops an undone step when a new one is pushed; a step made of child
    # commands that Python also owned was freed twice there (a segmentation fault in Qt).
    _code_all(qtbot, window, dialogs, "2030")
    assert len(article_annotations(window.project, window.article_id or 0)) == 2
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader.view, "z", Qt.KeyboardModifier.ControlModifier)
    assert article_annotations(window.project, window.article_id or 0) == []
    view = window.reader.view
    cursor = view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("Council"), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, "1")  # pushes a new step: the undone one is deleted
    assert [r.quote for r in article_annotations(window.project, window.article_id or 0)] == [
        ARTICLE[: len("Council")]
    ]
    window.undo_stack.clear()  # deletes every step, as quitting does
