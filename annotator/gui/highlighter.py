"""Highlights coded spans block by block, so one change re-draws only the paragraphs it touches.

Spans arrive in code points and are converted once, through the article's OffsetMap, into the
document's UTF-16 positions. Where spans overlap, the innermost one gives the background and
the next one out draws an underline in its colour, so every layer stays visible.
"""

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.offsets import OffsetMap


@dataclass(frozen=True, slots=True)
class Span:
    key: int  # annotation id
    start: int  # UTF-16 document positions, half-open
    end: int
    color: str


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: dict[int, Span] = {}
        self._by_block: dict[int, set[int]] = {}
        self._formats: dict[tuple[str, str | None], QTextCharFormat] = {}
        self.offsets = OffsetMap("")

    def reset(self, offsets: OffsetMap, spans: list[tuple[int, int, int, str]]) -> None:
        """Replace every span: (key, start, end, colour) with code-point offsets."""
        self.offsets = offsets
        self._spans.clear()
        self._by_block.clear()
        for key, start, end, color in spans:
            self._index(self._span(key, start, end, color))
        self.rehighlight()
        self.changed()

    def add(self, key: int, start: int, end: int, color: str) -> None:
        span = self._span(key, start, end, color)
        self._index(span)
        self._redraw(span)
        self.changed()

    def remove(self, key: int) -> None:
        span = self._spans.pop(key, None)
        if span is None:
            return
        for number in self._blocks(span):
            keys = self._by_block.get(number)
            if keys is not None:
                keys.discard(key)
        self._redraw(span)
        self.changed()

    def spans(self) -> list[Span]:
        return list(self._spans.values())

    def span_keys_at(self, position: int) -> list[int]:
        """Keys of the spans covering UTF-16 ``position``, innermost first."""
        block = self.document().findBlock(position)
        found = [
            self._spans[k]
            for k in self._by_block.get(block.blockNumber(), ())
            if self._spans[k].start <= position < self._spans[k].end
        ]
        found.sort(key=lambda s: s.end - s.start)
        return [s.key for s in found]

    def changed(self) -> None:
        """Called after every change of spans; the reader repaints its stripes."""

    def _span(self, key: int, start: int, end: int, color: str) -> Span:
        return Span(key, self.offsets.to_utf16(start), self.offsets.to_utf16(end), color)

    def _blocks(self, span: Span) -> range:
        doc = self.document()
        first = doc.findBlock(span.start).blockNumber()
        last = doc.findBlock(max(span.start, span.end - 1)).blockNumber()
        return range(first, last + 1)

    def _index(self, span: Span) -> None:
        self._spans[span.key] = span
        for number in self._blocks(span):
            self._by_block.setdefault(number, set()).add(span.key)

    def _redraw(self, span: Span) -> None:
        doc = self.document()
        for number in self._blocks(span):
            self.rehighlightBlock(doc.findBlockByNumber(number))

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

    def highlightBlock(self, text: str) -> None:
        keys = self._by_block.get(self.currentBlock().blockNumber())
        if not keys:
            return
        base = self.currentBlock().position()
        length = self.currentBlock().length() - 1  # UTF-16 units, without the separator
        spans = [self._spans[k] for k in keys]
        cuts = {0, length}
        for span in spans:
            cuts.add(min(max(span.start - base, 0), length))
            cuts.add(min(max(span.end - base, 0), length))
        ordered = sorted(cuts)
        for lo, hi in pairwise(ordered):
            covering = [s for s in spans if s.start - base <= lo and s.end - base >= hi]
            if not covering:
                continue
            covering.sort(key=lambda s: (s.end - s.start, s.key))
            outer = covering[1].color if len(covering) > 1 else None
            self.setFormat(lo, hi - lo, self._format(covering[0].color, outer))
