"""Thin Qt models over the core's records: articles, tags and annotations."""

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from annotator.core.pages import PageMap
from annotator.core.records import AnnotationRecord, ArticleSummary, TagRecord

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ArticleListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.articles: list[ArticleSummary] = []

    def reset(self, articles: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self.articles = articles
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.articles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        article = self.articles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return article.title
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
        return next((i for i, a in enumerate(self.articles) if a.id == article_id), -1)


class TagListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[TagRecord] = []
        self.counts: dict[int, int] = {}

    def reset(self, tags: list[TagRecord], counts: dict[int, int]) -> None:
        self.beginResetModel()
        self.tags = tags
        self.counts = counts
        self.endResetModel()

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = counts
        if self.tags:
            self.dataChanged.emit(self.index(0), self.index(len(self.tags) - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.tags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tag = self.tags[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = f"{tag.shortcut}  " if tag.shortcut else "    "
            count = self.counts.get(tag.id, 0)
            return f"{key}{tag.name}" + (f"   ({count})" if count else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            key = f"Key {tag.shortcut}. " if tag.shortcut else ""
            return f"{tag.name}: {tag.definition}\n{key}Select text, then press the key or click."
        if role == Qt.ItemDataRole.UserRole:
            return tag.id
        return None


class AnnotationTableModel(QAbstractTableModel):
    """The annotations of the open article in position order."""

    HEADERS = ("Tag", "Quoted text", "Note", "Page")
    PAGE_COLUMN = 3

    def __init__(self, tags: dict[int, TagRecord]) -> None:
        super().__init__()
        self.tags = tags
        self.rows: list[AnnotationRecord] = []
        self.pages = PageMap([])

    def reset(self, rows: list[AnnotationRecord], pages: PageMap | None = None) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=_position_key)
        self.pages = pages or PageMap([])
        self.endResetModel()

    def insert(self, record: AnnotationRecord) -> int:
        row = _insertion_row(self.rows, record)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, record)
        self.endInsertRows()
        return row

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()

    def replace(self, record: AnnotationRecord) -> None:
        row = self.row_of(record.id)
        if row >= 0:
            self.rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def row_of(self, annotation_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == annotation_id), -1)

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
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        column = index.column()
        tag = self.tags.get(record.tag_id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return tag.name if tag else "?"
            if column == 1:
                return " ".join(record.quote.split())
            if column == self.PAGE_COLUMN:
                return self.pages.label(record.start, record.end)
            return record.note
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and tag:
            return QColor(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.quote if column == 1 else record.note or None
        if role == Qt.ItemDataRole.UserRole:
            return record.id
        return None


def _position_key(record: AnnotationRecord) -> tuple[int, int, int]:
    return (record.start, record.end, record.id)


def _insertion_row(rows: list[AnnotationRecord], record: AnnotationRecord) -> int:
    key = _position_key(record)
    for i, existing in enumerate(rows):
        if _position_key(existing) > key:
            return i
    return len(rows)
