"""Paints coded spans into the document's character formats, only where a change lands.

Spans arrive in code points and are converted once, through the article's OffsetMap, into the
document's UTF-16 positions. Where spans overlap, the innermost one gives the background and
the next one out draws an underline in its colour, so every layer stays visible (and the
coding stripes beside the text show each span as its own bar). Opening paints the whole text
in one sweep; adding or removing a span repaints only the characters it covers, so the cost
of an edit does not grow with the number of annotations.
"""

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from annotator.core.offsets import OffsetMap


@dataclass(frozen=True, slots=True)
class Span:
    key: int  # annotation id
    start: int  # UTF-16 document positions, half-open
    end: int
    color: str


class SpanHighlighter:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._spans: dict[int, Span] = {}
        self._by_block: dict[int, set[int]] = {}
        self._formats: dict[tuple[str, str | None], QTextCharFormat] = {}
        self._plain = QTextCharFormat()
        self.offsets = OffsetMap("")

    def document(self) -> QTextDocument:
        return self._document

    def reset(self, offsets: OffsetMap, spans: list[tuple[int, int, int, str]]) -> None:
        """Replace every span: (key, start, end, colour) with code-point offsets."""
        self.offsets = offsets
        self._document.setUndoRedoEnabled(False)
        self._spans.clear()
        self._by_block.clear()
        for key, start, end, color in spans:
            self._index(self._span(key, start, end, color))
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(self._plain)
        self._paint(cursor, 0, self._document.characterCount(), list(self._spans.values()))
        cursor.endEditBlock()
        self.changed()

    def add(self, key: int, start: int, end: int, color: str) -> None:
        span = self._span(key, start, end, color)
        self._index(span)
        self._repaint(span)
        self.added(key, [s.key for s in self.near(span.start, span.end)])

    def remove(self, key: int) -> None:
        span = self._spans.pop(key, None)
        if span is None:
            return
        for number in self._blocks(span):
            keys = self._by_block.get(number)
            if keys is not None:
                keys.discard(key)
        self._repaint(span)
        self.removed(key)

    def spans(self) -> list[Span]:
        return list(self._spans.values())

    def span_keys_at(self, position: int) -> list[int]:
        """Keys of the spans covering UTF-16 ``position``, innermost first."""
        found = [s for s in self.near(position, position + 1) if s.start <= position < s.end]
        found.sort(key=lambda s: (s.end - s.start, s.key))
        return [s.key for s in found]

    def changed(self) -> None:
        """Called after all spans were replaced; the reader lays out its stripes again."""

    def added(self, key: int, overlapping: list[int]) -> None:
        """Called after one span was added, with the keys of the spans it overlaps."""

    def removed(self, key: int) -> None:
        """Called after one span was removed."""

    # ----- internals --------------------------------------------------------------------
    def _span(self, key: int, start: int, end: int, color: str) -> Span:
        return Span(key, self.offsets.to_utf16(start), self.offsets.to_utf16(end), color)

    def _blocks(self, span: Span) -> range:
        doc = self._document
        first = doc.findBlock(span.start).blockNumber()
        last = doc.findBlock(max(span.start, span.end - 1)).blockNumber()
        return range(first, last + 1)

    def _index(self, span: Span) -> None:
        self._spans[span.key] = span
        for number in self._blocks(span):
            self._by_block.setdefault(number, set()).add(span.key)

    def near(self, low: int, high: int) -> list[Span]:
        """Spans that overlap [low, high), found through the blocks the range touches."""
        doc = self._document
        first = doc.findBlock(low).blockNumber()
        last = doc.findBlock(max(low, high - 1)).blockNumber()
        keys: set[int] = set()
        for number in range(first, last + 1):
            keys |= self._by_block.get(number, set())
        return [
            self._spans[k] for k in keys if self._spans[k].start < high and self._spans[k].end > low
        ]

    def _repaint(self, span: Span) -> None:
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(self._plain)
        self._paint(cursor, span.start, span.end, self.near(span.start, span.end))
        cursor.endEditBlock()

    def _format(self, background: str, underline: str | None) -> QTextCharFormat:
        key = (background, underline)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(background))
            fmt.setForeground(QColor("#111111"))
            if underline is not None:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(underline).darker(160))
            self._formats[key] = fmt
        return fmt

    def _paint(self, cursor: QTextCursor, low: int, high: int, spans: list[Span]) -> None:
        """Format [low, high) from the spans overlapping it, one sweep over their ends."""
        if not spans:
            return
        cuts = {low, high}
        for span in spans:
            cuts.add(min(max(span.start, low), high))
            cuts.add(min(max(span.end, low), high))
        starting: dict[int, list[Span]] = {}
        for span in spans:
            starting.setdefault(max(span.start, low), []).append(span)
        active: dict[int, Span] = {}
        for lo, hi in pairwise(sorted(cuts)):
            for span in starting.get(lo, ()):
                active[span.key] = span
            if not active:
                continue
            live = [s for s in active.values() if s.end > lo]
            active = {s.key: s for s in live}
            if not live:
                continue
            live.sort(key=lambda s: (s.end - s.start, s.key))
            outer = live[1].color if len(live) > 1 else None
            cursor.setPosition(lo)
            cursor.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(self._format(live[0].color, outer))
