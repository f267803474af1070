"""The reading pane: the article's title and source above its text, with coded spans drawn."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from annotator.core.offsets import OffsetMap
from annotator.core.records import AnnotationRecord, ArticleRecord
from annotator.gui.highlighter import SpanHighlighter


class ReaderView(QPlainTextEdit):
    """Read-only text that can be selected by mouse and keyboard; keys 1–9 apply a tag."""

    tagKeyPressed = Signal(int)
    spanClicked = Signal(list)  # annotation ids at the clicked point, innermost first

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
        self.offsets = OffsetMap("")
        self.setObjectName("reader")

    def load(self, text: str) -> None:
        self.offsets = OffsetMap(text)
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

    def mark_annotation(self, record: AnnotationRecord | None) -> None:
        """Outline the chosen annotation with a strong underline."""
        if record is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_utf16(record.start))
        cursor.setPosition(self.offsets.to_utf16(record.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#202020"))
        fmt.setFontUnderline(True)
        selection.format = fmt
        self.setExtraSelections([selection])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        if modifiers == Qt.KeyboardModifier.NoModifier and len(text) == 1 and "1" <= text <= "9":
            self.tagKeyPressed.emit(int(text))
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        cursor = self.textCursor()
        if not cursor.hasSelection():
            keys = self.highlighter.span_keys_at(cursor.position())
            if keys:
                self.spanClicked.emit(keys)


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.source)
        layout.addSpacing(6)
        layout.addWidget(self.view, 1)
        self.show_empty()

    def show_empty(self) -> None:
        self.title.setText("No article open")
        self.source.setText("Choose an article on the left, or import articles with Ctrl+I.")
        self.view.load("")

    def show_article(self, article: ArticleRecord) -> None:
        self.title.setText(article.title)
        parts = [
            article.outlet,
            article.author,
            article.published,
            article.url or article.original_name,
            f"{len(article.text):,} characters",
        ]
        self.source.setText(" · ".join(p for p in parts if p))
        self.view.load(article.text)
