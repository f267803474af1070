"""Thin Qt models over the core's records: articles, tags and annotations."""

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.core.models import CodingStatus
from annotator.core.pages import PageMap
from annotator.core.records import AnnotationRecord, ArticleSummary, TagRecord
from annotator.gui.status_marks import STATUS_MARKS, status_icon

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ArticleListModel(QAbstractListModel):
    """Every article of the project, with the current coder's status mark.

    An edit changes one row: `add_to_count` and `set_status` say exactly which row and which
    role changed, so the list view repaints that row alone (see `gui/article_list_view.py`)."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[ArticleSummary] = []
        self.statuses: dict[int, CodingStatus] = {}
        self._rows: dict[int, int] = {}  # article id -> row

    def reset(
        self, articles: list[ArticleSummary], statuses: dict[int, CodingStatus] | None = None
    ) -> None:
        self.beginResetModel()
        self.articles = articles
        self._rows = {a.id: row for row, a in enumerate(articles)}
        if statuses is not None:
            self.statuses = statuses
        self.endResetModel()

    def refresh(self, articles: list[ArticleSummary]) -> None:
        """New summaries of the same articles (counts after a codebook change): the rows
        that differ are redrawn; a different list of articles resets the model."""
        if [a.id for a in articles] != [a.id for a in self.articles]:
            self.reset(articles)
            return
        changed = [
            row for row, (a, b) in enumerate(zip(articles, self.articles, strict=True)) if a != b
        ]
        before, self.articles = self.articles, articles
        if not changed:
            return
        first, last = self.index(changed[0]), self.index(changed[-1])
        if all(_uncounted(articles[r]) == _uncounted(before[r]) for r in changed):
            # only counts differ, and they are in the tooltip: no row changes its size
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.ToolTipRole])
        else:
            self.dataChanged.emit(first, last)

    def set_status(self, article_id: int, status: CodingStatus) -> None:
        if self.statuses.get(article_id, CodingStatus.NOT_STARTED) == status:
            return
        self.statuses[article_id] = status
        row = self.row_of(article_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(
                index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.AccessibleTextRole]
            )

    def set_statuses(self, statuses: dict[int, CodingStatus]) -> None:
        """Every article's status anew (another coder): the marks change, no row's size."""
        self.statuses = statuses
        if self.articles:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self.articles) - 1),
                [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.AccessibleTextRole],
            )

    def add_to_count(self, article_id: int, delta: int) -> None:
        """The article gained (or lost) ``delta`` annotations."""
        row = self.row_of(article_id)
        if row < 0:
            return
        old = self.articles[row]
        self.articles[row] = replace(old, annotations=old.annotations + delta)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.ToolTipRole])

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.articles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        article = self.articles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return article.title
        if role == Qt.ItemDataRole.DecorationRole:
            # a mark of one size for every status (none included), beside the title: a
            # status change never re-wraps a title, so the row keeps its height
            return status_icon(self.statuses.get(article.id, CodingStatus.NOT_STARTED))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            status = self.statuses.get(article.id, CodingStatus.NOT_STARTED)
            return STATUS_MARKS.get(status, "") + article.title
        if role == Qt.ItemDataRole.ToolTipRole:
            source = article.outlet or article.original_name
            return (
                f"{article.title}\n{source}\n{article.chars:,} characters · "
                f"{article.annotations} annotation(s)"
            )
        if role == Qt.ItemDataRole.UserRole:
            return article.id
        return None

    def row_of(self, article_id: int) -> int:
        return self._rows.get(article_id, -1)


class AnnotationTableModel(QAbstractTableModel):
    """The annotations of the open article in position order, optionally of one tag only."""

    HEADERS = ("Tag", "Quote", "Note", "Page", "Coder")
    PAGE_COLUMN = 3
    CODER_COLUMN = 4

    def __init__(self, tags: dict[int, TagRecord]) -> None:
        super().__init__()
        self.tags = tags
        self.coders: dict[int, str] = {}
        self.everything: list[AnnotationRecord] = []  # in position order, as `rows`
        self.rows: list[AnnotationRecord] = []
        self.pages = PageMap([])
        self.tag_filter: int | None = None
        self._by_id: dict[int, AnnotationRecord] = {}
        self._quotes: dict[int, str] = {}  # the quote on one line, as the list shows it

    def _shown(self, record: AnnotationRecord) -> bool:
        return self.tag_filter is None or record.tag_id == self.tag_filter

    def reset(self, rows: list[AnnotationRecord], pages: PageMap | None = None) -> None:
        self.beginResetModel()
        self.everything = sorted(rows, key=_position_key)
        self.rows = [r for r in self.everything if self._shown(r)]
        self._by_id = {r.id: r for r in self.everything}
        self._quotes = {}
        if pages is not None:
            self.pages = pages
        self.endResetModel()

    def set_filter(self, tag_id: int | None) -> None:
        self.tag_filter = tag_id
        self.reset(self.everything)

    def insert(self, record: AnnotationRecord) -> int:
        self.everything.insert(_insertion_row(self.everything, record), record)
        self._by_id[record.id] = record
        if not self._shown(record):
            return -1
        row = _insertion_row(self.rows, record)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, record)
        self.endInsertRows()
        return row

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        record = self._by_id.pop(annotation_id, None)
        self._quotes.pop(annotation_id, None)
        if record is None:
            return
        del self.everything[_index_of(self.everything, record)]
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()

    def replace(self, record: AnnotationRecord) -> None:
        self.remove(record.id)
        self.insert(record)

    def record(self, annotation_id: int) -> AnnotationRecord | None:
        return self._by_id.get(annotation_id)

    def row_of(self, annotation_id: int) -> int:
        record = self._by_id.get(annotation_id)
        if record is None:
            return -1
        row = _index_of(self.rows, record)
        return row if row < len(self.rows) and self.rows[row].id == annotation_id else -1

    def at(self, start: int, end: int) -> list[AnnotationRecord]:
        """The annotations of exactly [start, end), of any tag or coder."""
        low = bisect_left(self.everything, (start, end), key=_span_key)
        high = bisect_right(self.everything, (start, end), key=_span_key)
        return self.everything[low:high]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _TABLE_ROLES or not index.isValid():
            return None  # most roles a view asks for (font, alignment…) are not ours
        record = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                tag = self.tags.get(record.tag_id)
                return tag.name if tag else "?"
            if column == 1:
                return self._quote(record)
            if column == self.PAGE_COLUMN:
                return self.pages.label(record.start, record.end)
            if column == self.CODER_COLUMN:
                return self.coders.get(record.coder_id, "")
            return record.note
        if role == Qt.ItemDataRole.DecorationRole:
            tag = self.tags.get(record.tag_id)
            return QColor(tag.color) if column == 0 and tag else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.quote if column == 1 else record.note or None
        return record.id  # UserRole

    def _quote(self, record: AnnotationRecord) -> str:
        flat = self._quotes.get(record.id)
        if flat is None:
            flat = self._quotes[record.id] = " ".join(record.quote.split())
        return flat


_TABLE_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.UserRole,
    }
)


def _uncounted(article: ArticleSummary) -> ArticleSummary:
    return replace(article, annotations=0)


def _position_key(record: AnnotationRecord) -> tuple[int, int, int]:
    return (record.start, record.end, record.id)


def _span_key(record: AnnotationRecord) -> tuple[int, int]:
    return (record.start, record.end)


def _insertion_row(rows: list[AnnotationRecord], record: AnnotationRecord) -> int:
    return bisect_right(rows, _position_key(record), key=_position_key)


def _index_of(rows: list[AnnotationRecord], record: AnnotationRecord) -> int:
    """Where ``record`` is (or would go) in ``rows``, which are in position order."""
    return bisect_left(rows, _position_key(record), key=_position_key)
