"""The reading pane: the article's title and source line above the reading view."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.core.records import ArticleRecord
from annotator.gui.one_line_label import OneLineLabel
from annotator.gui.reader import ReaderView


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
        self.source = OneLineLabel()  # says the status: its height must not change with it
        self.source.setObjectName("articleSource")
        self.source.setStyleSheet("color: palette(placeholder-text);")
        self.view = ReaderView(self)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 8, 0)
        self.layout_.setSpacing(4)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.source)
        self.layout_.addSpacing(6)
        self.layout_.addWidget(self.view, 1)
        self.article: ArticleRecord | None = None
        self.show_empty()

    def show_empty(self) -> None:
        self.article = None
        self.title.setText("No article open")
        self.source.setText("Choose an article on the left, or import articles with Ctrl+I.")
        self.view.load("")

    def show_article(
        self,
        article: ArticleRecord,
        status: str = "",
        spans: list[tuple[int, int, int, str]] | None = None,
        screen_first: bool = False,
    ) -> None:
        """The article's header and text, with ``spans`` painted (see `ReaderView.load`)."""
        self.set_header(article, status)
        self.view.load(article.text, spans, screen_first)

    def set_status(self, status: str) -> None:
        """The open article's status changed: its source line says so."""
        if self.article is not None:
            self.set_header(self.article, status)

    def set_header(self, article: ArticleRecord, status: str = "") -> None:
        self.article = article
        self.title.setText(article.title)
        parts = [
            status,  # first: what does not fit the line is cut at its end
            article.outlet,
            article.author,
            article.published,
            article.url or article.original_name,
            f"{len(article.text):,} characters",
        ]
        self.source.setText(" · ".join(p for p in parts if p))
