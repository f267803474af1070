"""Coding stripes beside the text, one bar per span, as NVivo draws them: overlapping and
nested spans stand side by side, each in its tag's colour.

The margin has one width whatever the coding: more columns than it reserves make the bars
narrower instead of widening it, since a wider margin would re-wrap the whole article under
the researcher's pointer."""

import heapq
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from annotator.gui.reader import ReaderView

BAR, GAP, PAD = 4, 2, 6
RESERVED_COLUMNS = 5
MAX_COLUMNS = 12
WIDTH = PAD * 2 + RESERVED_COLUMNS * (BAR + GAP)


class CodingStripes(QWidget):
    def __init__(self, view: "ReaderView") -> None:
        super().__init__(view)
        self.view = view
        self._columns: dict[int, int] = {}
        self.width_in_columns = 0
        self._dirty = True
        self.setObjectName("codingStripes")

    @property
    def columns(self) -> dict[int, int]:
        """Each span's column (assigned now when an open left them for later)."""
        if self._dirty:
            self._assign()
        return self._columns

    def invalidate(self) -> None:
        """Every span may have moved: assign all columns again (on opening an article)."""
        self._dirty = True
        self.update()

    def place(self, key: int, overlapping: list[int]) -> None:
        """One new span: the leftmost column its overlapping spans leave free."""
        if self._dirty:
            return
        taken = {self._columns.get(k) for k in overlapping if k != key}
        column = next(c for c in range(len(taken) + 1) if c not in taken)
        self._columns[key] = column
        self.width_in_columns = min(max(self.width_in_columns, column + 1), MAX_COLUMNS)
        self.update()

    def forget(self, key: int) -> None:
        self._columns.pop(key, None)
        self.update()

    def _assign(self) -> None:
        """Give each span the leftmost column free at its start (interval colouring)."""
        spans = sorted(self.view.highlighter.spans(), key=lambda s: (s.start, -s.end))
        free: list[int] = []
        busy: list[tuple[int, int]] = []  # (end, column)
        used = 0
        columns: dict[int, int] = {}
        for span in spans:
            while busy and busy[0][0] <= span.start:
                heapq.heappush(free, heapq.heappop(busy)[1])
            if free:
                column = heapq.heappop(free)
            else:
                column = used
                used += 1
            columns[span.key] = column
            heapq.heappush(busy, (span.end, column))
        self._columns = columns
        self.width_in_columns = min(used, MAX_COLUMNS)
        self._dirty = False

    def preferred_width(self) -> int:
        return WIDTH

    def _column_step(self) -> tuple[float, float]:
        """Pixels from one column to the next, and a bar's width."""
        columns = max(self.width_in_columns, 1)
        if columns <= RESERVED_COLUMNS:
            return BAR + GAP, BAR
        step = (WIDTH - 2 * PAD) / columns
        return step, max(step - 1, 1)

    def _assign_later(self) -> None:
        if self._dirty:
            self._assign()
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        if self._dirty:  # a newly opened article: its text first, the stripes just after
            painter.end()
            QTimer.singleShot(0, self, self._assign_later)
            return
        view = self.view
        top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
        bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
        offset = view.viewport().y() - self.y()
        step, bar = self._column_step()
        for span in view.highlighter.near(top, bottom + 1):
            column = self._columns.get(span.key, 0)
            if column >= MAX_COLUMNS:
                continue
            cursor = view.textCursor()
            cursor.setPosition(max(span.start, top))
            y1 = view.cursorRect(cursor).top() + offset
            cursor.setPosition(min(span.end, bottom))
            y2 = view.cursorRect(cursor).bottom() + offset
            x = PAD + column * step
            painter.fillRect(QRectF(x, y1, bar, max(y2 - y1, 2)), QColor(span.color).darker(115))
        painter.end()
