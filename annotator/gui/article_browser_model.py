"""The article browser's model: one row per article, a window of rows read at a time, sorted
and filtered by the database; attribute cells edited through an undoable command."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.article_table import (
    ArticleQuery,
    ArticleRow,
    article_rows,
    count_articles,
    is_count,
    number_attributes,
    rows_of,
)
from annotator.core.attributes import AttributeRecord
from annotator.core.models import CodingStatus
from annotator.core.project import Project
from annotator.core.records import CoderRecord, TagRecord
from annotator.gui.paged_rows import PagedRows

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SHOWN = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole))
STATUS_SHORT = {
    CodingStatus.NOT_STARTED.value: "–",
    CodingStatus.IN_PROGRESS.value: "◐ in progress",
    CodingStatus.DONE.value: "✓ done",
}


@dataclass(frozen=True)
class BrowserColumn:
    key: str
    title: str
    tip: str = ""


class ArticleBrowserModel(QAbstractTableModel):
    """Rows of `ArticleRow`; ``edit_value(article_id, attribute, text)`` writes a cell."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.query = ArticleQuery()
        self.columns: list[BrowserColumn] = []
        self._getters: list[Callable[[ArticleRow], Any]] = []  # per column: what a cell shows
        self.attributes: dict[int, AttributeRecord] = {}
        self.edit_value: Callable[[int, AttributeRecord, str], bool] | None = None
        self.rows: PagedRows[ArticleRow] = PagedRows(
            lambda: count_articles(self.project, self.query),
            lambda offset, limit: article_rows(self.project, self.query, offset, limit),
            lambda row: row.id,
        )

    # ----- what is shown --------------------------------------------------------------------
    def configure(
        self,
        coders: list[CoderRecord],
        tags: list[TagRecord],
        attributes: list[AttributeRecord],
        counted: frozenset[int] | None = None,
    ) -> None:
        """The columns: metadata, each coder's status, a count per tag, each attribute;
        ``counted`` (blind coding) limits the counts to those coders' annotations."""
        self.beginResetModel()
        self.attributes = {a.id: a for a in attributes}
        self.columns = [
            BrowserColumn("title", "Title"),
            BrowserColumn("outlet", "Outlet"),
            BrowserColumn("published", "Date"),
            BrowserColumn("language", "Language"),
            BrowserColumn("source", "Source"),
            *(BrowserColumn(f"status:{c.id}", c.name, f"{c.name}'s coding status") for c in coders),
            BrowserColumn("annotations", "Spans", "annotations of every tag and coder"),
            *(BrowserColumn(f"tag:{t.id}", t.name, f"annotations tagged {t.name}") for t in tags),
            *(
                BrowserColumn(f"attr:{a.id}", a.name, f"attribute ({a.kind_name}); F2 edits")
                for a in attributes
            ),
        ]
        known = {c.key for c in self.columns}
        self.query = ArticleQuery(
            tuple((k, v) for k, v in self.query.filters if k in known),
            self.query.sort if self.query.sort in known else "",
            self.query.descending,
            number_attributes({a.id: a.kind for a in attributes}),
            counted,
        )
        self._getters = [cell_getter(c.key) for c in self.columns]
        self.rows.reload()
        self.endResetModel()

    def set_query(self, query: ArticleQuery) -> None:
        self.beginResetModel()
        self.query = query
        self.rows.reload()
        self.endResetModel()

    def set_filter(self, key: str, text: str) -> None:
        self.set_query(self.query.with_filter(key, text))

    def reload(self) -> None:
        self.set_query(self.query)

    def refresh_articles(self, article_ids: tuple[int, ...] | list[int]) -> None:
        """These articles' counts, statuses or values changed: redraw their rows if read."""
        wanted = {i: self.rows.loaded_row_of(i) for i in article_ids}
        read = [i for i, r in wanted.items() if r >= 0]
        found = {row.id: row for row in rows_of(self.project, read, self.query.coders)}
        for article_id, row in wanted.items():
            if row >= 0 and article_id in found:
                self.rows.replace(row, found[article_id])
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # ----- Qt's model interface ---------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.rows.total

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        value = dict(self.query.filters).get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            # A mark every interface font has (a funnel sign is missing from many).
            return column.title + (" •" if value is not None else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.tip or column.title
            return tip + (f" (filtered by “{value}”)" if value is not None else "")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].key.startswith("attr:"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def article(self, row: int) -> ArticleRow | None:
        return self.rows.row(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows.row(index.row())
        if row is None:
            return None
        if role in _SHOWN:
            return self._getters[index.column()](row)
        key = self.columns[index.column()].key
        if role == Qt.ItemDataRole.TextAlignmentRole and is_count(key):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return row.title
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_value is None:
            return False
        key = self.columns[index.column()].key
        row = self.rows.row(index.row())
        if row is None or not key.startswith("attr:"):
            return False
        attribute = self.attributes[int(key[5:])]
        text = "" if value is None else str(value)
        if text == row.attributes.get(attribute.id, ""):
            return False
        return self.edit_value(row.id, attribute, text)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        q = self.query
        self.set_query(
            replace(
                q, sort=self.columns[column].key, descending=order == Qt.SortOrder.DescendingOrder
            )
        )


def cell_getter(key: str) -> Callable[[ArticleRow], Any]:
    """What a column's cell shows for a row; chosen once per column, since a view asks for
    every visible cell each time it paints."""
    if key in ("title", "outlet", "published", "language", "source", "annotations"):
        return attrgetter(key)
    kind, _, ident = key.partition(":")
    number = int(ident)
    if kind == "status":
        blank = CodingStatus.NOT_STARTED.value

        def status(row: ArticleRow) -> str:
            stored = row.statuses.get(number, blank)
            return STATUS_SHORT.get(stored, stored)

        return status
    if kind == "tag":
        return lambda row: row.counts.get(number, 0)
    return lambda row: row.attributes.get(number, "")
