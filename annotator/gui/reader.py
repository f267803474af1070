"""The reading pane: the article's title and source above its text, coded spans drawn as
highlights and as coding stripes in the margin; hovering shows every tag and note there."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.offsets import OffsetMap
from annotator.core.records import AnnotationRecord
from annotator.gui.highlighter import SpanHighlighter
from annotator.gui.margin import CodingStripes
from annotator.gui.overlay import (
    grabs,
    handle_rect,
    line_rects,
    paint_chosen,
    paint_find,
    paint_note_marks,
    paint_seams,
    paint_suggestions,
)
from annotator.gui.spaced_layout import SpacedLayout

Describe = Callable[[list[int]], str]
MARGIN = 12  # pixels round a span that its frame, handles, knobs and note mark may cover
DECISION_KEYS = (Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_S)
"""The suggestion list's keys that also decide in the text, while a suggestion is chosen
(its others mean something else here: Delete deletes the chosen annotation, Space scrolls)."""


class ReaderView(QPlainTextEdit):
    """Read-only text that can be selected by mouse and keyboard; keys 1–9 apply a tag; A, R
    and S decide on the chosen suggestion, while one is outlined here (letters mean nothing
    else in the text).

    One annotation at a time can be *chosen*: it is framed, with a handle at each end, and
    keeps its tag colour. Choosing never selects text and never scrolls a span that is on
    screen already, so the next click lands where the researcher aims.
    """

    tagKeyPressed = Signal(int)
    spanClicked = Signal(list)  # annotation ids at the clicked point, innermost first
    plainClicked = Signal()  # a click on text no visible span covers
    deletePressed = Signal()
    suggestionKeyPressed = Signal(int)  # Qt.Key: A, R or S, a suggestion being chosen
    suggestionClicked = Signal(int)  # a click inside a suggested passage: its code point
    boundaryDragged = Signal(int, int, int)  # annotation id, new start, new end (code points)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        # a document of its own, laid out with the line spacing (see gui/spaced_layout.py)
        document = QTextDocument(self)
        self.spacing = SpacedLayout(document)
        document.setDocumentLayout(self.spacing)
        self.setDocument(document)
        font = QFont()
        font.setFamilies(["Noto Serif", "DejaVu Serif", "Georgia", "Times New Roman", "serif"])
        font.setPointSize(12)
        self.setFont(font)
        self.document().setDocumentMargin(24)
        self.highlighter = SpanHighlighter(self.document())
        self.stripes = CodingStripes(self)
        self.highlighter.changed = self._spans_changed  # type: ignore[method-assign]
        self.highlighter.added = self._span_added  # type: ignore[method-assign]
        self.highlighter.removed = self.stripes.forget  # type: ignore[method-assign]
        self.text = ""
        self.offsets = OffsetMap("")
        self.describe: Describe | None = None
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.chosen: AnnotationRecord | None = None
        self.find_ranges: list[tuple[int, int]] = []  # UTF-16, sorted
        # Suggested passages (UTF-16 start, end, tag colour, chosen in the panel).
        self.suggested: list[tuple[int, int, str, bool]] = []
        self.notes: dict[int, int] = {}  # annotation id -> UTF-16 end, for spans with a note
        self._drag: str | None = None  # "start" or "end" while a boundary is dragged
        self.viewport().setMouseTracking(True)
        self.updateRequest.connect(self._update_stripes)
        self.setViewportMargins(0, 0, self.stripes.preferred_width(), 0)
        self.setObjectName("reader")

    def _update_stripes(self, _rect: QRect, _dy: int) -> None:
        self.stripes.update()

    @property
    def line_spacing(self) -> int:
        """The space from one line to the next, in percent of the line's height."""
        return self.spacing.percent

    def set_line_spacing(self, percent: int) -> None:
        """Space the lines ``percent`` % of their height apart, keeping the text at the top
        of the view there."""
        percent = max(100, min(300, percent))
        if percent == self.spacing.percent:
            return
        top = self.top_position() if self.text else 0
        self.spacing.set_spacing(percent)
        if top:
            self.scroll_to_top(top)
        self.viewport().update()

    # ----- text and selection -----------------------------------------------------------
    def load(
        self,
        text: str,
        spans: list[tuple[int, int, int, str]] | None = None,
        screen_first: bool = False,
    ) -> None:
        """Show ``text``, with ``spans`` (key, start, end, colour in code points) painted.

        With ``screen_first``, only about two screens of the text are written now; the
        caller paints them, then calls `finish_loading` for the rest (a long, densely coded
        article is on screen sooner). Nothing else may happen in between."""
        self.text = text  # the canonical text shown (toPlainText would copy it from Qt)
        self.offsets = OffsetMap(text)
        self._layers.clear()
        self.setExtraSelections([])
        self.chosen = None
        self.find_ranges = []
        self.suggested = []
        self.notes = {}
        if spans is None:
            self.setPlainText(text)
        else:  # the text and its formats written together (the highlighter's load)
            self.setPlainText("")
            first = self.screenful() if screen_first else None
            self.highlighter.load(text, self.offsets, spans, first)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        # From the top: made before the window has its size, the view may be shorter than a
        # line, and keeping the cursor in sight scrolls the first line away.
        self.verticalScrollBar().setValue(0)

    def finish_loading(self) -> None:
        """Write the text a `load` with ``screen_first`` left for after its first paint."""
        self.highlighter.finish_load()

    def screenful(self) -> int:
        """Code points that surely fill the view twice over: every line full of the
        narrowest characters."""
        metrics = self.fontMetrics()
        port = self.viewport()
        lines = port.height() // max(1, metrics.lineSpacing()) + 1
        per_line = port.width() // max(1, metrics.horizontalAdvance("i")) + 1
        return max(4096, 2 * lines * per_line)

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code-point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_code_point(cursor.selectionStart())
        end = self.offsets.to_code_point(cursor.selectionEnd())
        return (start, end) if end > start else None

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def select_span(self, start: int, end: int) -> None:
        """Select code points [start, end), scrolling only as far as needed to show them."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def is_on_screen(self, start: int, end: int) -> bool:
        """Whether any of code points [start, end) is inside the viewport."""
        port = self.viewport().rect()
        low = self.cursorForPosition(port.topLeft()).position()
        high = self.cursorForPosition(port.bottomRight()).position()
        return self.offsets.to_utf16(start) <= high and self.offsets.to_utf16(end) >= low

    def reveal(self, start: int, end: int) -> None:
        """Bring code points [start, end) into view, only when they are off screen."""
        if self.is_on_screen(start, end):
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def top_position(self) -> int:
        """The code point at the top of the view."""
        return self.offsets.to_code_point(self.cursorForPosition(QPoint(0, 0)).position())

    def scroll_to_top(self, position: int) -> None:
        """Put code point ``position`` at the top of the view (the text cursor goes there)."""
        self.moveCursor(QTextCursor.MoveOperation.End)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(min(position, len(self.text))))
        self.setTextCursor(cursor)

    def selection_for(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Marks drawn in the text's formats (the review's differences…), by layer."""
        self._layers[name] = selections
        self.setExtraSelections([s for layer in self._layers.values() for s in layer])

    def set_find_ranges(self, ranges: list[tuple[int, int]]) -> None:
        """Find results, in code points: outlined, never filled like a tag."""
        self.find_ranges = [(self.offsets.to_utf16(s), self.offsets.to_utf16(e)) for s, e in ranges]
        self.viewport().update()

    def set_suggestions(self, spans: list[tuple[int, int, str, bool]]) -> None:
        """Suggested passages in code points (start, end, colour, chosen): dashed outlines."""
        to = self.offsets.to_utf16
        self.suggested = [(to(s), to(e), color, current) for s, e, color, current in spans]
        self.viewport().update()

    def set_note(self, annotation_id: int, end: int | None) -> None:
        """Mark (``end`` in code points) or unmark the end of a span that carries a note."""
        before = self.notes.get(annotation_id)
        if end is None:
            self.notes.pop(annotation_id, None)
        else:
            self.notes[annotation_id] = self.offsets.to_utf16(end)
        for position in {before, self.notes.get(annotation_id)} - {None}:
            assert position is not None
            self._update_near(position, position)

    def mark_annotation(self, record: AnnotationRecord | None) -> None:
        """Choose the annotation: framed with handles, its text not selected."""
        before, self.chosen = self.chosen, record
        if record is not None:
            self.clear_selection()
        to_utf16 = self.offsets.to_utf16
        for span in (before, record):  # only where a frame goes or comes is drawn again
            if span is not None:
                self._update_near(to_utf16(span.start), to_utf16(span.end))

    def _update_near(self, start: int, end: int) -> None:
        """Repaint UTF-16 [start, end) where it is on screen, with room for the chosen
        frame's handles and knobs and a note's mark around it."""
        port = self.viewport().rect()
        low = self.cursorForPosition(port.topLeft()).position()
        high = self.cursorForPosition(port.bottomRight()).position() + 1
        first, last = max(start, low), min(end, high)
        if first > last:
            return
        region = QRegion()
        for rect in line_rects(self, first, max(last, first + 1)):
            region += rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        cursor = QTextCursor(self.document())
        for position in {first, last}:
            cursor.setPosition(position)
            region += self.cursorRect(cursor).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self.viewport().update(region)

    def zoom(self, steps: int) -> None:
        font = self.font()
        font.setPointSize(max(7, min(40, font.pointSize() + steps)))
        self.setFont(font)

    # ----- what lies under the pointer --------------------------------------------------
    def character_at(self, point: QPoint) -> int | None:
        """The UTF-16 position of the character under ``point``, None beside the text."""
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = geometry.top() + line.y()
            if top <= point.y() < top + line.height():
                x = point.x() - geometry.left()
                if x < line.x() or x > line.x() + line.naturalTextWidth():
                    return None
                index = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
                if index >= line.textStart() + line.textLength():
                    return None
                return block.position() + index
        return None

    def handle_point(self, edge: str) -> QPoint | None:
        """The middle of the chosen span's ``edge`` handle, None when nothing is chosen."""
        if self.chosen is None:
            return None
        position = self.chosen.start if edge == "start" else self.chosen.end
        return handle_rect(self, self.offsets.to_utf16(position), edge).center()

    def _handle_at(self, point: QPoint) -> str | None:
        """Which handle of the chosen annotation is under the pointer, if any."""
        if self.chosen is None:
            return None
        for edge, position in (("start", self.chosen.start), ("end", self.chosen.end)):
            if grabs(self, self.offsets.to_utf16(position), edge, point):
                return edge
        return None

    # ----- events -----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        if plain and len(text) == 1 and "1" <= text <= "9":
            self.tagKeyPressed.emit(int(text))
            event.accept()
            return
        if plain and event.key() in DECISION_KEYS and any(x[3] for x in self.suggested):
            self.suggestionKeyPressed.emit(event.key())
            event.accept()
            return
        if plain and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deletePressed.emit()
            event.accept()
            return
        if plain and event.key() == Qt.Key.Key_Escape and self.chosen is not None:
            self.plainClicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = self._handle_at(event.position().toPoint())
            if self._drag is not None:
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._drag is not None and self.chosen is not None:
            here = self.cursorForPosition(point).position()
            fixed = self.chosen.end if self._drag == "start" else self.chosen.start
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_utf16(fixed))
            cursor.setPosition(here, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            event.accept()
            return
        on_handle = self._handle_at(point) is not None
        shape = Qt.CursorShape.SizeHorCursor if on_handle else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and self.chosen is not None:
            here = self.offsets.to_code_point(
                self.cursorForPosition(event.position().toPoint()).position()
            )
            start, end = self.chosen.start, self.chosen.end
            start, end = (here, end) if self._drag == "start" else (start, here)
            self._drag = None
            self.clear_selection()
            if start > end:
                start, end = end, start
            if start < end and (start, end) != (self.chosen.start, self.chosen.end):
                self.boundaryDragged.emit(self.chosen.id, start, end)
            event.accept()
            return
        self._drag = None
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.character_at(event.position().toPoint())
        keys = self.highlighter.span_keys_at(position) if position is not None else []
        if keys:
            self.spanClicked.emit(keys)
        else:
            self.plainClicked.emit()
        if position is not None and any(s <= position < e for s, e, _c, _on in self.suggested):
            self.suggestionClicked.emit(self.offsets.to_code_point(position))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.character_at(self.viewport().mapFrom(self, event.pos()))
            keys = self.highlighter.span_keys_at(position) if position is not None else []
            if keys and self.describe is not None:
                QToolTip.showText(event.globalPos(), self.describe(keys), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        port = self.viewport().rect()
        low = self.cursorForPosition(port.topLeft()).position()
        high = self.cursorForPosition(port.bottomRight()).position() + 1
        painter = QPainter(self.viewport())
        try:
            shown = self.highlighter.near(low, high)
            ends: dict[int, set[str]] = {}
            for span in shown:
                ends.setdefault(span.end, set()).add(span.color)
            paint_seams(painter, self, [s.start for s in shown if s.color in ends.get(s.start, ())])
            visible = [(s, e) for s, e in self.find_ranges if e >= low and s <= high]
            paint_find(painter, self, visible)
            paint_suggestions(
                painter, self, [x for x in self.suggested if x[1] >= low and x[0] <= high]
            )
            paint_note_marks(painter, self, [e for e in self.notes.values() if low <= e <= high])
            if self.chosen is not None:
                start = self.offsets.to_utf16(self.chosen.start)
                end = self.offsets.to_utf16(self.chosen.end)
                if end >= low and start <= high:
                    paint_chosen(painter, self, max(start, low - 1), min(end, high))
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_stripes()

    def _spans_changed(self) -> None:
        self.stripes.invalidate()
        self._place_stripes()
        # once the text is on screen: the index that keeps later edits local
        QTimer.singleShot(0, self, self.highlighter.ensure_index)

    def _span_added(self, key: int, overlapping: list[int]) -> None:
        self.stripes.place(key, overlapping)

    def _place_stripes(self) -> None:
        """The margin keeps one width, so adding a span never re-wraps the text."""
        width = self.stripes.preferred_width()
        port = self.viewport().geometry()
        self.stripes.setGeometry(QRect(port.right() + 1, port.top(), width, port.height()))
        self.stripes.raise_()
