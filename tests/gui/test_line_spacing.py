"""Line spacing: chosen in the settings dialog, applied at once to the reader's text, which
keeps selecting, hit-testing and drawing where the spaced lines are."""

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.gui.main_window import MainWindow
from annotator.gui.reader import ReaderView
from annotator.gui.settings_dialog import SettingsDialog
from tests.gui.expect_dialog import expect_dialog
from tests.helpers import add_text_article

SENTENCE = "The council will replace every diesel bus by 2030, the mayor said. "
# A title, then one paragraph long enough to wrap over several lines at any window width.
LONG = "Buses 🚌 and spacing\n\n" + (SENTENCE * 30).rstrip() + "\n\nThe next paragraph.\n"
PARAGRAPH = LONG.index(SENTENCE)  # where the long paragraph starts, in code points


def _open_long_article(window: MainWindow) -> ReaderView:
    article = add_text_article(window.project, LONG, "long.txt").article_id
    window.open_article(article)
    return window.reader.view


def _utf16(text: str, code_point: int) -> int:
    """The Qt position of code point ``code_point`` (astral characters count twice)."""
    return len(text[:code_point].encode("utf-16-le")) // 2


def _line_tops(view: ReaderView, first: int, count: int) -> list[int]:
    """The viewport y of the first ``count`` visual lines from Qt position ``first``, found
    by walking the text cursor along the paragraph."""
    cursor = QTextCursor(view.document())
    tops: list[int] = []
    position = first
    while len(tops) < count:
        cursor.setPosition(position)
        top = view.cursorRect(cursor).top()
        if not tops or top != tops[-1]:
            tops.append(top)
        position += 1
    return tops


def _choose_spacing(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow, label: str
) -> None:
    """Open the settings with Ctrl+, choose ``label`` in Line spacing by keyboard, press OK."""

    def choose(dialog: SettingsDialog) -> None:
        combo = dialog.findChild(QComboBox, "setting_line_spacing")
        assert combo is not None
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Home)
        for _ in range(combo.count()):
            if combo.currentText() == label:
                break
            QTest.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText() == label
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    expect_dialog(request, SettingsDialog, choose)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(SettingsDialog)))
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(SettingsDialog)))


def test_line_spacing_is_a_declared_setting_offered_in_steps() -> None:
    assert Settings().line_spacing == 100
    assert Settings.load().line_spacing == 100


@pytest.mark.parametrize(("label", "factor"), [("150 %", 1.5), ("200 %", 2.0), ("100 %", 1.0)])
def test_the_chosen_spacing_puts_the_lines_of_a_paragraph_that_far_apart(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow, label: str, factor: float
) -> None:
    view = _open_long_article(window)
    if label == "100 %":  # from another spacing back to single
        _choose_spacing(qtbot, request, window, "200 %")
    _choose_spacing(qtbot, request, window, label)
    assert Settings.load().line_spacing == round(factor * 100)
    pitch = QFontMetrics(view.font()).lineSpacing()
    tops = _line_tops(view, _utf16(LONG, PARAGRAPH), 3)
    for upper, lower in itertools.pairwise(tops):
        assert abs((lower - upper) - factor * pitch) <= 1, (tops, pitch)
    # from the long paragraph's last line to the next paragraph: two spaced lines (the empty
    # one between), the same however often the view is painted and asked
    text = view.text  # the article's text as imported
    following = text.index("The next")
    end = text.rindex(".", 0, following) + 1  # the end of the long paragraph
    cursor = QTextCursor(view.document())
    cursor.setPosition(_utf16(text, end))
    view.setTextCursor(cursor)
    view.centerCursor()  # on screen: Qt places only what is near the view exactly
    for _ in range(3):
        view.viewport().repaint()
        cursor.setPosition(_utf16(text, end))
        last = view.cursorRect(cursor).top()
        cursor.setPosition(_utf16(text, following))
        after = view.cursorRect(cursor).top()
        assert abs((after - last) - 2 * factor * pitch) <= 2, (last, after, pitch)


def test_a_new_window_opens_with_the_saved_spacing(
    qtbot: QtBot, project_path: object, window: MainWindow, request: pytest.FixtureRequest
) -> None:
    _choose_spacing(qtbot, request, window, "135 %")
    again = MainWindow(window.project, Settings.load())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    view = _open_long_article(again)
    pitch = QFontMetrics(view.font()).lineSpacing()
    tops = _line_tops(view, _utf16(LONG, PARAGRAPH), 2)
    assert abs((tops[1] - tops[0]) - 1.35 * pitch) <= 1, (tops, pitch)
    again.close()


def test_selecting_across_spaced_lines_with_the_mouse_takes_the_words_between(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow
) -> None:
    view = _open_long_article(window)
    _choose_spacing(qtbot, request, window, "200 %")
    # from the second sentence's "council" to the fourth sentence's "council"
    start = PARAGRAPH + len(SENTENCE) + SENTENCE.index("council")
    end = PARAGRAPH + 3 * len(SENTENCE) + SENTENCE.index("council")
    cursor = QTextCursor(view.document())
    cursor.setPosition(_utf16(LONG, start))
    low = view.cursorRect(cursor)
    cursor.setPosition(_utf16(LONG, end))
    high = view.cursorRect(cursor)
    assert high.top() > low.bottom()  # on a later line
    port = view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, pos=QPoint(low.left() + 1, low.center().y()))
    QTest.mouseMove(port, QPoint(high.left() + 1, high.center().y()))
    QTest.mouseRelease(
        port, Qt.MouseButton.LeftButton, pos=QPoint(high.left() + 1, high.center().y())
    )
    assert view.selected_span() == (start, end)
