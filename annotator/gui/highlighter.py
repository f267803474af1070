"""Paints coded spans into the document's character formats, only where a change lands.

Spans arrive in code points and are converted once, through the article's OffsetMap, into the
document's UTF-16 positions. Where spans overlap, the innermost one gives the background and
the next one out draws an underline in its colour, so every layer stays visible (and the
coding stripes beside the text show each span as its own bar).

The formats come from one sweep over the spans' sorted ends, which keeps the spans covering
the current stretch ordered innermost first; stretches with the same look are merged. Loading
an article writes its text stretch by stretch, each with its format, in one edit block, so
opening costs about what writing the plain text costs. A newly opened article writes only
what fills the screen first; once that is painted, the rest follows (`finish_load`), before
the window takes any input. Adding or removing a span repaints only the characters it covers,
so the cost of an edit does not grow with the number of annotations.
"""

from bisect import bisect_left, bisect_right, insort
from operator import itemgetter
from typing import NamedTuple

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from annotator.core.offsets import OffsetMap

Look = tuple[str, str | None]  # background colour, underline colour (None: no underline)
Stretch = tuple[int, int, Look]  # [start, end) in UTF-16 positions, and how it looks


class Span(NamedTuple):
    """One painted span (a named tuple: an article may hold thousands, made at each open)."""

    key: int  # annotation id
    start: int  # UTF-16 document positions, half-open
    end: int
    color: str


def stretches(spans: list[Span], low: int = 0, high: int | None = None) -> list[Stretch]:
    """How each coded stretch of [low, high) looks, from one sweep over the spans' ends.

    The spans covering a stretch are kept sorted innermost first (shortest, then the key);
    the innermost gives the background, the next one out the underline. Neighbouring
    stretches that look the same are one stretch; uncoded text is left out."""
    # (length, key, colour, start, end): ordered innermost first by the first two
    items = [(e - s, k, c, s, e) for k, s, e, c in spans if e > s]
    starts = sorted(items, key=itemgetter(3))
    ends = sorted(items, key=itemgetter(4))
    active: list[tuple[int, int, str, int, int]] = []
    found: list[Stretch] = []
    count = len(items)
    i = j = 0
    last: Look | None = None
    begin = 0
    while j < count:
        position = ends[j][4]
        if i < count and starts[i][3] < position:
            position = starts[i][3]
        while j < count and ends[j][4] == position:
            del active[bisect_left(active, ends[j])]
            j += 1
        while i < count and starts[i][3] == position:
            insort(active, starts[i])
            i += 1
        now = (active[0][2], active[1][2] if len(active) > 1 else None) if active else None
        if now != last:
            if last is not None:
                found.append((begin, position, last))
            last, begin = now, position
    if low == 0 and high is None:
        return found
    top = high if high is not None else max((s.end for s in spans), default=0)
    return [(max(a, low), min(b, top), look) for a, b, look in found if a < top and b > low]


class SpanHighlighter:
    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._spans: dict[int, Span] = {}
        # which spans touch each block; None until built (see `ensure_index`)
        self._by_block: dict[int, set[int]] | None = {}
        self._block_starts: list[int] = [0]
        self._formats: dict[Look, QTextCharFormat] = {}
        self._plain = QTextCharFormat()
        self.offsets = OffsetMap("")
        # (text, code point, UTF-16 position) still to write after the first screen
        self._pending: tuple[str, int, int] | None = None

    def document(self) -> QTextDocument:
        return self._document

    def load(
        self,
        text: str,
        offsets: OffsetMap,
        spans: list[tuple[int, int, int, str]],
        first: int | None = None,
    ) -> None:
        """Make ``text`` the document's content, with every span painted: the text is written
        stretch by stretch, each stretch with its format, in one edit block.

        With ``first`` (code points), only the text up to there is written now, enough to
        fill the screen; `finish_load` writes the rest, once the first screen is painted.
        Its stretches come from the spans that begin there, which alone can cover it."""
        self.offsets = offsets
        self._take(spans)
        doc = self._document
        undo = doc.isUndoRedoEnabled()
        doc.setUndoRedoEnabled(False)
        doc.clear()
        doc.setUndoRedoEnabled(undo)
        if first is None or first >= len(text):
            self._write(text, 0, len(text), stretches(list(self._spans.values())))
            self._pending = None
            self._by_block = None
            self.changed()
            return
        cut = offsets.to_utf16(first)
        head = [s for s in self._spans.values() if s.start < cut]
        self._write(text, 0, first, stretches(head, 0, cut))
        self._pending = (text, first, cut)
        self._by_block = None

    def finish_load(self) -> None:
        """Write the text `load` left for after the first screen, with its formats."""
        if self._pending is None:
            return
        text, first, cut = self._pending
        self._pending = None
        self._write(text, first, len(text), stretches(list(self._spans.values()), cut))
        self.changed()

    def _write(self, text: str, begin: int, end: int, found: list[Stretch]) -> None:
        """Append code points [begin, end) of ``text`` to the document, each of the
        ``found`` stretches (UTF-16 positions inside it) with its format."""
        doc = self._document
        undo = doc.isUndoRedoEnabled()
        doc.setUndoRedoEnabled(False)
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        insert = cursor.insertText
        plain = self._plain
        formats = self._formats
        exact = self.offsets.exact
        to_code_point = self.offsets.to_code_point
        at = begin  # code points written so far
        for start, stop, look in found:
            first, last = (start, stop) if exact else (to_code_point(start), to_code_point(stop))
            if first > at:
                insert(text[at:first], plain)
            insert(text[first:last], formats.get(look) or self._format(look))
            at = last
        if at < end:
            insert(text[at:end], plain)
        cursor.endEditBlock()
        doc.setUndoRedoEnabled(undo)

    def reset(self, offsets: OffsetMap, spans: list[tuple[int, int, int, str]]) -> None:
        """Replace every span over the text the document holds: (key, start, end, colour)
        with code-point offsets."""
        self.finish_load()
        self.offsets = offsets
        self._take(spans)
        self._document.setUndoRedoEnabled(False)
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(self._plain)
        self._apply(cursor, stretches(list(self._spans.values())))
        cursor.endEditBlock()
        self._by_block = None
        self.changed()

    def ensure_index(self) -> None:
        """Build the index of spans by block, if it is not built yet. Opening an article
        leaves it for after the text is shown (the reader asks for it then); until it is
        there, `near` looks at every span."""
        self.finish_load()
        if self._by_block is None:
            self._index_all()

    def add(self, key: int, start: int, end: int, color: str) -> None:
        self.ensure_index()
        span = self._span(key, start, end, color)
        self._spans[key] = span
        self._index(span)
        self._repaint(span)
        self.added(key, [s.key for s in self.near(span.start, span.end)])

    def remove(self, key: int) -> None:
        self.ensure_index()
        span = self._spans.pop(key, None)
        if span is None:
            return
        assert self._by_block is not None
        for number in self._blocks(span.start, span.end):
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

    def near(self, low: int, high: int) -> list[Span]:
        """Spans that overlap [low, high), found through the blocks the range touches."""
        spans = self._spans
        by_block = self._by_block
        if by_block is None:
            return [s for s in spans.values() if s.start < high and s.end > low]
        keys: set[int] = set()
        for number in self._blocks(low, high):
            keys |= by_block.get(number, set())
        return [spans[k] for k in keys if spans[k].start < high and spans[k].end > low]

    # ----- internals --------------------------------------------------------------------
    def _take(self, spans: list[tuple[int, int, int, str]]) -> None:
        if self.offsets.exact:
            self._spans = {key: Span(key, start, end, color) for key, start, end, color in spans}
            return
        to_utf16 = self.offsets.to_utf16
        self._spans = {
            key: Span(key, to_utf16(start), to_utf16(end), color)
            for key, start, end, color in spans
        }

    def _span(self, key: int, start: int, end: int, color: str) -> Span:
        return Span(key, self.offsets.to_utf16(start), self.offsets.to_utf16(end), color)

    def _index_all(self) -> None:
        """Where each block starts, then which spans touch each block."""
        starts = []
        block = self._document.firstBlock()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        self._block_starts = starts = starts or [0]
        by_block: dict[int, set[int]] = {}
        for key, start, end, _color in self._spans.values():
            first = bisect_right(starts, start) - 1
            last = bisect_right(starts, end - 1) - 1 if end - 1 > start else first
            for number in range(first, last + 1):
                keys = by_block.get(number)
                if keys is None:
                    by_block[number] = {key}
                else:
                    keys.add(key)
        self._by_block = by_block

    def _blocks(self, low: int, high: int) -> range:
        """Numbers of the blocks that [low, high) touches (at least the block of ``low``)."""
        starts = self._block_starts
        first = bisect_right(starts, low) - 1
        last = bisect_right(starts, max(low, high - 1)) - 1
        return range(max(first, 0), max(last, 0) + 1)

    def _index(self, span: Span) -> None:
        by_block = self._by_block
        assert by_block is not None
        for number in self._blocks(span.start, span.end):
            keys = by_block.get(number)
            if keys is None:
                by_block[number] = {span.key}
            else:
                keys.add(span.key)

    def _repaint(self, span: Span) -> None:
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(self._plain)
        self._apply(cursor, stretches(self.near(span.start, span.end), span.start, span.end))
        cursor.endEditBlock()

    def _apply(self, cursor: QTextCursor, found: list[Stretch]) -> None:
        move = cursor.setPosition
        keep = QTextCursor.MoveMode.KeepAnchor
        paint = cursor.setCharFormat
        for start, end, look in found:
            move(start)
            move(end, keep)
            paint(self._format(look))

    def _format(self, look: Look) -> QTextCharFormat:
        fmt = self._formats.get(look)
        if fmt is None:
            background, underline = look
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(background))
            fmt.setForeground(QColor("#111111"))
            if underline is not None:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(underline).darker(160))
            self._formats[look] = fmt
        return fmt
