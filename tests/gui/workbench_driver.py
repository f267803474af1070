"""Driving the workbench as a researcher does, for the tests: pixel positions computed from
the text itself (UTF-16 code units counted here, not through the application's OffsetMap)."""

from collections import Counter

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.records import AnnotationRecord
from annotator.gui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def point(window: MainWindow, index: int, *, inside: bool = True) -> QPoint:
    """A pixel on code point ``index`` of the open article: just right of its left edge."""
    view = window.reader.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(view.toPlainText(), index))
    rect = view.cursorRect(cursor)
    return QPoint(rect.x() + (2 if inside else -2), rect.center().y())


def drag_select(qtbot: QtBot, window: MainWindow, start: int, end: int) -> None:
    """Select code points [start, end) with the mouse."""
    viewport = window.reader.view.viewport()
    qtbot.mousePress(viewport, LEFT, pos=point(window, start))
    qtbot.mouseMove(viewport, point(window, end))
    qtbot.mouseRelease(viewport, LEFT, pos=point(window, end))


def code(qtbot: QtBot, window: MainWindow, text: str, quote: str, key: str, nth: int = 0) -> None:
    """Select the ``nth`` occurrence of ``quote`` with the mouse and press a tag key."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    drag_select(qtbot, window, start, start + len(quote))
    qtbot.keyClick(window.reader.view, key)


def click(qtbot: QtBot, window: MainWindow, index: int) -> None:
    qtbot.mouseClick(window.reader.view.viewport(), LEFT, pos=point(window, index))


def stored(window: MainWindow) -> list[AnnotationRecord]:
    return article_annotations(window.project, window.article_id or 0)


def tags_of(window: MainWindow) -> list[tuple[str, str]]:
    return [(window.session.tag(r.tag_id).name, r.quote) for r in stored(window)]


def background(window: MainWindow, index: int) -> QColor:
    """The colour most of code point ``index``'s cell is painted in (its glyph is thin)."""
    view = window.reader.view
    text = view.toPlainText()
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(text, index))
    left = view.cursorRect(cursor)
    cursor.setPosition(utf16(text, index + 1))
    right = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    seen: Counter[str] = Counter()
    for x in range(left.x() + 1, max(right.x() - 1, left.x() + 2)):
        for y in range(left.top() + 3, left.bottom() - 2):
            seen[image.pixelColor(int(x * ratio), int(y * ratio)).name().upper()] += 1
    return QColor(seen.most_common(1)[0][0])
