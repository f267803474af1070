"""The Search tab: full-text search across the articles, best first, each article with its
hits and a snippet around each (the match in bold); Enter or a double-click opens the article
at the match. More results are read on request, a page at a time."""

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPainter,
    QShortcut,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.full_text import SearchResult, search
from annotator.gui import messages

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

PAGE = 50
HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # (article id, start, end)
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


class SnippetDelegate(QStyledItemDelegate):
    """Paints an item's HTML (escaped text with the match in bold), nothing else."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(markup)
        document.setDocumentMargin(1)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                context.palette.ColorRole.Text, option.palette.highlightedText().color()
            )
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 6))


class SearchPanel(QWidget):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("searchPanel")
        self.words = QLineEdit()
        self.words.setObjectName("searchWords")
        self.words.setPlaceholderText(
            'Words to find: all of them; "a phrase"; pledg* for pledge, pledges, pledged; '
            "a OR b; -word to leave out"
        )
        self.words.setClearButtonEnabled(True)
        self.words.returnPressed.connect(self.run)
        go = QPushButton("&Search")
        go.clicked.connect(self.run)
        self.more = QPushButton("&More results")
        self.more.setObjectName("moreResults")
        self.more.clicked.connect(self.load_more)
        self.more.setEnabled(False)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setHeaderLabels(["Article / hit", "Offset"])
        self.results.setItemDelegateForColumn(0, SnippetDelegate(self.results))
        self.results.setUniformRowHeights(True)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results.itemActivated.connect(lambda item, _c: self.open_item(item))
        QShortcut(QKeySequence("Ctrl+L"), self, self.words.setFocus)
        top = QHBoxLayout()
        label = QLabel("F&ind")
        label.setBuddy(self.words)
        top.addWidget(label)
        top.addWidget(self.words, 1)
        top.addWidget(go)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.more)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addLayout(bottom)
        self.query = ""
        self.shown = 0
        self.total = 0

    def reload(self) -> None:
        if self.query:
            self.run()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.words.setFocus()

    def run(self, words: str | None = None) -> None:
        self.query = (words if words is not None else self.words.text()).strip()
        if words is not None:
            self.words.setText(words)
        self.results.clear()
        self.shown = self.total = 0
        if self.query:
            self.load_more()
        else:
            self.summary.setText("")
            self.more.setEnabled(False)

    def load_more(self) -> None:
        try:
            with messages.busy():
                found = search(self.window_.project, self.query, limit=PAGE, offset=self.shown)
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            self.more.setEnabled(False)
            return
        self.total = found.total
        for result in found.results:
            self._add(result)
        self.shown += len(found.results)
        self.more.setEnabled(self.shown < self.total)
        named = quoted(self.query)
        self.summary.setText(
            f"{self.total:,} article(s) match {named}; showing the best {self.shown:,}."
            if self.total
            else f"Nothing matches {named}."
        )
        first = self.results.topLevelItem(0)
        if first is not None and self.results.currentItem() is None:
            self.results.setCurrentItem(first)
            first.setExpanded(True)

    def _add(self, result: SearchResult) -> None:
        more = (
            f", {result.hit_count - len(result.hits)} more"
            if result.hit_count > len(result.hits)
            else ""
        )
        item = QTreeWidgetItem([f"{result.title}  ({result.hit_count} hit(s){more})", ""])
        first = result.hits[0] if result.hits else None
        item.setData(0, HIT_ROLE, (result.article_id, first.start, first.end) if first else None)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        for hit in result.hits:
            child = QTreeWidgetItem(["", str(hit.start)])
            child.setData(
                0,
                HTML_ROLE,
                f"{html.escape(hit.before)}<b>{html.escape(hit.text)}</b>{html.escape(hit.after)}",
            )
            child.setData(0, Qt.ItemDataRole.ToolTipRole, hit.snippet)
            child.setData(0, HIT_ROLE, (result.article_id, hit.start, hit.end))
            child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.addChild(child)
        unlisted = result.hit_count - len(result.hits)
        if unlisted > 0:  # said where the list ends, not only beside a title it may cut off
            note = QTreeWidgetItem(
                [f"… and {unlisted:,} more in this article, not listed: add words to narrow"]
            )
            note.setForeground(0, self.palette().placeholderText())
            item.addChild(note)
        item.setToolTip(0, item.text(0))
        self.results.addTopLevelItem(item)

    def open_item(self, item: QTreeWidgetItem) -> None:
        place = item.data(0, HIT_ROLE)
        if not place:
            return
        article_id, start, end = place
        self.window_.corpus.show_article(article_id)
        view = self.window_.reader.view
        view.select_span(start, end)
        view.reveal(start, end)
        view.setFocus()


def quoted(query: str) -> str:
    """The query as the summary names it: in quotes, unless it is one phrase in its own."""
    one_phrase = len(query) > 1 and query[0] == query[-1] == '"' and '"' not in query[1:-1]
    return query if one_phrase else f"“{query}”"
