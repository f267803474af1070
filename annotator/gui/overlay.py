"""What the reader draws over its text, outside the character formats: the chosen annotation's
frame and boundary handles, find results as outlines, a mark on spans that carry a note, and a
thin gap where two spans of one colour meet. None of it changes the layout, so the text never
moves while it is drawn."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygon,
    QTextCursor,
    QTextLine,
)

if TYPE_CHECKING:
    from annotator.gui.reader import ReaderView

HANDLE_WIDTH = 7  # the grab area of a boundary handle, inside the span, in pixels
# Find results are outlined, never filled: no fill can be told apart from every tag colour.
FIND = QColor("#c2185b")


def line_rects(view: "ReaderView", start: int, end: int) -> list[QRect]:
    """Viewport rectangles covering UTF-16 positions [start, end), one per visual line
    (lines not laid out yet, far off screen, give none)."""
    rects: list[QRect] = []
    offset = view.contentOffset()
    block = view.document().findBlock(start)
    while block.isValid() and block.position() < end:
        base = block.position()
        geometry = view.blockBoundingGeometry(block).translated(offset)
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            line_start = base + line.textStart()
            low, high = max(start, line_start), min(end, line_start + line.textLength())
            if high <= low:
                continue
            x1 = _x(line, low - base)
            x2 = _x(line, high - base)
            rects.append(
                QRectF(
                    geometry.left() + min(x1, x2),
                    geometry.top() + line.y(),
                    abs(x2 - x1),
                    line.height(),
                ).toAlignedRect()
            )
        block = block.next()
    return rects


def _x(line: QTextLine, position: int) -> float:
    """The x of a cursor at ``position`` in the line's block (PySide returns a pair)."""
    found: tuple[float, int] = line.cursorToX(position)  # type: ignore[assignment]
    return found[0]


def handle_rect(view: "ReaderView", position: int, edge: str) -> QRect:
    """The grab area of a boundary at UTF-16 ``position``: inside the span, beside its edge."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    x = rect.left() if edge == "start" else rect.left() - HANDLE_WIDTH
    return QRect(x, rect.top(), HANDLE_WIDTH, rect.height())


def knob_rect(grab: QRect, edge: str) -> QRectF:
    """The round knob of a boundary handle: above the start's bar, below the end's."""
    x = grab.left() if edge == "start" else grab.right()
    y = grab.top() - 2 if edge == "start" else grab.bottom() + 2
    return QRectF(x - 3.5, y - 3.5, 7, 7)


def grabs(view: "ReaderView", position: int, edge: str, point: QPoint) -> bool:
    """Whether a press at ``point`` takes hold of a boundary: on its handle, or on its knob
    (with a pixel round). Each is tested alone: the box round both would reach past the end
    into the next word, where a press starts a selection."""
    grab = handle_rect(view, position, edge)
    knob = knob_rect(grab, edge).toAlignedRect().adjusted(-1, -1, 1, 1)
    return grab.contains(point) or knob.contains(point)


def paint_chosen(painter: QPainter, view: "ReaderView", start: int, end: int) -> None:
    """A frame round the chosen span and a handle at each end; the tag colour stays visible."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    ink = view.palette().text().color()  # dark on a light page, light on a dark one
    painter.setPen(QPen(ink, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for rect in line_rects(view, start, end):
        painter.drawRoundedRect(QRectF(rect).adjusted(-1.5, -0.5, 1.5, 0.5), 2.5, 2.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    for edge, position in (("start", start), ("end", end)):
        grab = handle_rect(view, position, edge)
        x = grab.left() if edge == "start" else grab.right()
        painter.drawRect(QRectF(x - 1.5, grab.top(), 3, grab.height()))
        painter.drawEllipse(knob_rect(grab, edge))


def paint_find(painter: QPainter, view: "ReaderView", ranges: list[tuple[int, int]]) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(FIND, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for start, end in ranges:
        for rect in line_rects(view, start, end):
            painter.drawRoundedRect(QRectF(rect).adjusted(-1, 0, 1, 0), 2, 2)


def paint_note_marks(painter: QPainter, view: "ReaderView", ends: list[int]) -> None:
    """A small folded corner at the end of each span that carries a note."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(view.palette().text().color())
    cursor = QTextCursor(view.document())
    for position in ends:
        cursor.setPosition(position)
        rect = view.cursorRect(cursor)
        x, y = rect.left(), rect.top()
        painter.drawPolygon(QPolygon([QPoint(x - 6, y), QPoint(x, y), QPoint(x, y + 6)]))


def paint_seams(painter: QPainter, view: "ReaderView", positions: list[int]) -> None:
    """A thin gap in the page colour where one span ends and the next of its colour begins."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(view.palette().base().color(), 2))
    cursor = QTextCursor(view.document())
    for position in positions:
        cursor.setPosition(position)
        rect = view.cursorRect(cursor)
        path = QPainterPath()
        path.moveTo(rect.left(), rect.top() + 1)
        path.lineTo(rect.left(), rect.bottom())
        painter.drawPath(path)


def paint_suggestions(
    painter: QPainter, view: "ReaderView", spans: list[tuple[int, int, str, bool]]
) -> None:
    """Suggested passages: a dashed outline in the tag's colour (thicker round the one the
    Suggestions panel has chosen); never a fill, so nothing looks coded that is not."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for start, end, color, current in spans:
        pen = QPen(QColor(color), 2.5 if current else 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        for rect in line_rects(view, start, end):
            painter.drawRoundedRect(QRectF(rect).adjusted(-2, -1, 2, 1), 3, 3)
