"""Two articles side by side, each with its highlights (the review's reading panes), to
compare how two outlets or two companies said the same thing."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotations import article_annotations
from annotator.core.articles import get_article
from annotator.core.attributes import list_attributes, values_by_article
from annotator.core.coders import list_coders
from annotator.core.errors import AnnotatorError
from annotator.gui import messages
from annotator.gui.reader import ReaderView

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class ArticlePane(QWidget):
    """One article: its title, source and attributes above its text, and whose highlights."""

    def __init__(self, window: "MainWindow", article_id: int, name: str) -> None:
        super().__init__()
        self.window_ = window
        self.article_id = article_id
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.coder = QComboBox()
        self.coder.setObjectName(f"{name}Coder")
        self.coder.addItem("every coder", None)
        for coder in list_coders(window.project):
            self.coder.addItem(coder.name, coder.id)
        self.view = ReaderView()
        self.view.setObjectName(name)
        self.view.setFont(window.reader.view.font())
        self.view.set_line_spacing(window.reader.view.line_spacing)
        row = QHBoxLayout()
        row.addWidget(self.header, 1)
        caption = QLabel("Highlights of")
        caption.setBuddy(self.coder)
        row.addWidget(caption)
        row.addWidget(self.coder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.coder.currentIndexChanged.connect(lambda _i: self.paint())
        self.load()

    def load(self) -> None:
        window = self.window_
        article = get_article(window.project, self.article_id)
        names = {a.id: a.name for a in list_attributes(window.project)}
        values = values_by_article(window.project, [self.article_id]).get(self.article_id, {})
        facts = [
            article.outlet,
            article.published,
            *(f"{names[a]}: {v}" for a, v in values.items()),
        ]
        self.header.setText(article.title + "\n" + " · ".join(f for f in facts if f))
        self.view.load(article.text)
        self.paint()

    def paint(self) -> None:
        coder = self.coder.currentData()
        records = article_annotations(
            self.window_.project, self.article_id, [int(coder)] if coder is not None else None
        )
        tags = {t.id: t.color for t in self.window_.session.tags}
        self.view.highlighter.reset(
            self.view.offsets,
            [(r.id, r.start, r.end, tags.get(r.tag_id, "#DDDDDD")) for r in records],
        )


class SideBySide(QDialog):
    def __init__(self, window: "MainWindow", first: int, second: int) -> None:
        super().__init__(window)
        self.setWindowTitle("Two articles side by side")
        self.setObjectName("sideBySide")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        try:
            self.left = ArticlePane(window, first, "leftPane")
            self.right = ArticlePane(window, second, "rightPane")
        except AnnotatorError as exc:
            messages.show_error(window, str(exc))
            raise
        splitter.addWidget(self.left)
        splitter.addWidget(self.right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        available = window.screen().availableGeometry()
        self.resize(min(1200, available.width() - 40), min(760, available.height() - 60))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        # Bound methods, so that the connections end with the dialog.
        window.session.tagsChanged.connect(self._repaint)
        window.session.annotationAdded.connect(self._one)
        window.session.annotationRemoved.connect(self._one)
        window.session.annotationChanged.connect(self._two)

    def _one(self, _record: object) -> None:
        self._repaint()

    def _two(self, _before: object, _after: object) -> None:
        self._repaint()

    def _repaint(self) -> None:
        if self.isVisible():
            self.left.paint()
            self.right.paint()
