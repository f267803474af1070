"""The reading pane: the article's title and source above its text, coded spans drawn as
highlights and as coding stripes in the margin; hovering shows every tag and note there."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QToolTip, QVBoxLayout, QWidget

from annotator.core.offsets import OffsetMap
from annotator.core.records import AnnotationRecord, ArticleRecord
from annotator.gui.highlighter import SpanHighlighter
from annotator.gui.margin import CodingStripes

Describe = Callable[[list[int]], str]


class ReaderView(QPlainTextEdit):
    """Read-only text that can be selected by mouse and keyboard; keys 1–9 apply a tag."""

    tagKeyPressed = Signal(int)
    spanClicked = Signal(list)  # annotation ids at the clicked point, innermost first
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
        self.offsets = OffsetMap("")
        self.describe: Describe | None = None
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.chosen: AnnotationRecord | None = None
        self._drag: str | None = None  # "start" or "end" while a boundary is dragged
        self.viewport().setMouseTracking(True)
        self.updateRequest.connect(lambda _rect, _dy: self.stripes.update())
        self.setObjectName("reader")

    # ----- text and selection -----------------------------------------------------------
    def load(self, text: str) -> None:
        self.offsets = OffsetMap(text)
        self._layers.clear()
        self.setExtraSelections([])
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code-point offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_code_point(cursor.selectionStart())
        end = self.offsets.to_code_point(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select code points [start, end) and scroll there."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def selection_for(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Marks drawn over the text (the chosen annotation, find results…), by layer."""
        self._layers[name] = selections
        self.setExtraSelections([s for layer in self._layers.values() for s in layer])

    def mark_annotation(self, record: AnnotationRecord | None) -> None:
        """Outline the chosen annotation with a strong underline."""
        self.chosen = record
        if record is None:
            self.set_layer("current", [])
            return
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#202020"))
        fmt.setFontUnderline(True)
        self.set_layer("current", [self.selection_for(record.start, record.end, fmt)])

    def zoom(self, steps: int) -> None:
        font = self.font()
        font.setPointSize(max(7, min(40, font.pointSize() + steps)))
        self.setFont(font)

    # ----- events -----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        if modifiers == Qt.KeyboardModifier.NoModifier and len(text) == 1 and "1" <= text <= "9":
            self.tagKeyPressed.emit(int(text))
            event.accept()
            return
        super().keyPressEvent(event)

    def _edge_at(self, event: QMouseEvent) -> str | None:
        """Which boundary of the chosen annotation lies under the pointer, if any."""
        if self.chosen is None:
            return None
        position = self.offsets.to_code_point(
            self.cursorForPosition(event.position().toPoint()).position()
        )
        if abs(position - self.chosen.start) <= 1:
            return "start"
        if abs(position - self.chosen.end) <= 1:
            return "end"
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        edge = self._edge_at(event) if event.button() == Qt.MouseButton.LeftButton else None
        if edge is not None:
            self._drag = edge
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and self.chosen is not None:
            here = self.cursorForPosition(event.position().toPoint()).position()
            fixed = self.chosen.end if self._drag == "start" else self.chosen.start
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_utf16(fixed))
            cursor.setPosition(here, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            event.accept()
            return
        near_edge = self._edge_at(event) is not None
        shape = Qt.CursorShape.SizeHorCursor if near_edge else Qt.CursorShape.IBeamCursor
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
            if start > end:
                start, end = end, start
            if start < end and (start, end) != (self.chosen.start, self.chosen.end):
                self.boundaryDragged.emit(self.chosen.id, start, end)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        cursor = self.textCursor()
        if not cursor.hasSelection():
            keys = self.highlighter.span_keys_at(cursor.position())
            if keys:
                self.spanClicked.emit(keys)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.cursorForPosition(self.viewport().mapFrom(self, event.pos()))
            keys = self.highlighter.span_keys_at(position.position())
            if keys and self.describe is not None:
                QToolTip.showText(event.globalPos(), self.describe(keys), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_stripes()

    def _spans_changed(self) -> None:
        self.stripes.invalidate()
        self._place_stripes()

    def _span_added(self, key: int, overlapping: list[int]) -> None:
        width = self.stripes.width_in_columns
        self.stripes.place(key, overlapping)
        if self.stripes.width_in_columns != width:
            self._place_stripes()

    def _place_stripes(self) -> None:
        width = self.stripes.preferred_width()
        if self.viewportMargins().right() != width:
            self.setViewportMargins(0, 0, width, 0)
        port = self.viewport().geometry()
        self.stripes.setGeometry(QRect(port.right() + 1, port.top(), width, port.height()))
        self.stripes.raise_()


class ReaderPane(QWidget):
    """Title and source line above the reading view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont()
        title_font.setPointSize(15)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.source = QLabel()
        self.source.setObjectName("articleSource")
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: palette(placeholder-text);")
        self.view = ReaderView(self)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 8, 0)
        self.layout_.setSpacing(4)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.source)
        self.layout_.addSpacing(6)
        self.layout_.addWidget(self.view, 1)
        self.show_empty()

    def show_empty(self) -> None:
        self.title.setText("No article open")
        self.source.setText("Choose an article on the left, or import articles with Ctrl+I.")
        self.view.load("")

    def show_article(self, article: ArticleRecord, status: str = "") -> None:
        self.set_header(article, status)
        self.view.load(article.text)

    def set_header(self, article: ArticleRecord, status: str = "") -> None:
        self.title.setText(article.title)
        parts = [
            article.outlet,
            article.author,
            article.published,
            article.url or article.original_name,
            f"{len(article.text):,} characters",
            status,
        ]
        self.source.setText(" · ".join(p for p in parts if p))
