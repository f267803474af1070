"""The tag table's model: every span of the chosen tags in keyword-in-context form, a window
of rows read at a time; flat, or in groups (by article or by an attribute's value) whose spans
are read only when a group is opened. The tag and note cells are edited in place."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.attributes import AttributeRecord
from annotator.core.project import Project
from annotator.core.records import TagRecord
from annotator.core.span_table import (
    SpanGroup,
    SpanQuery,
    SpanRow,
    count_spans,
    span_groups,
    span_rows,
)
from annotator.gui.paged_rows import PagedRows

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
GROUP = 0  # the internal id of a group row (and of a span row when the table is flat)


@dataclass(frozen=True)
class SpanColumn:
    key: str
    title: str


def _flat(text: str) -> str:
    return " ".join(text.split())


# The columns whose text comes from one field of the row: spaces flattened, or as it is.
FLATTENED = {"before": "before", "quote": "quote", "after": "after", "note": "note"}
PLAIN = {
    "tag": "tag",
    "article": "title",
    "outlet": "outlet",
    "published": "published",
    "coder": "coder",
}


class TagTableModel(QAbstractItemModel):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.query = SpanQuery()
        self.columns: list[SpanColumn] = []
        self.tags: dict[int, TagRecord] = {}
        self.groups: list[SpanGroup] = []
        self.edit: Callable[[SpanRow, str, Any], bool] | None = None
        self.flat: PagedRows[SpanRow] = self._paged(None)
        self._children: dict[int, PagedRows[SpanRow]] = {}

    def _paged(self, group: str | None) -> PagedRows[SpanRow]:
        return PagedRows(
            lambda: count_spans(self.project, self.query, group),
            lambda offset, limit: span_rows(self.project, self.query, offset, limit, group),
            lambda row: row.id,
        )

    def configure(self, tags: list[TagRecord], attributes: list[AttributeRecord]) -> None:
        self.tags = {t.id: t for t in tags}
        self.columns = [
            SpanColumn("before", "Before"),
            SpanColumn("quote", "Quoted text"),
            SpanColumn("after", "After"),
            SpanColumn("tag", "Tag"),
            SpanColumn("article", "Article"),
            SpanColumn("outlet", "Outlet"),
            SpanColumn("published", "Date"),
            *(SpanColumn(f"attr:{a.id}", a.name) for a in attributes),
            SpanColumn("coder", "Coder"),
            SpanColumn("note", "Note"),
        ]

    @property
    def grouped(self) -> bool:
        return self.query.group is not None

    def set_query(self, query: SpanQuery) -> None:
        self.beginResetModel()
        self.query = query
        self._children.clear()
        if query.group is None:
            self.groups = []
            self.flat.reload()
        else:
            self.groups = span_groups(self.project, query)
            self.flat.total = 0
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self.query)

    def rows_changed(self) -> bool:
        """Spans changed somewhere: the same rows are redrawn when their number is the same
        (a re-tag, a note, a moved boundary); otherwise the table is read anew (False)."""
        if self.grouped:
            if [(g.key, g.count) for g in span_groups(self.project, self.query)] != [
                (g.key, g.count) for g in self.groups
            ]:
                self.reload()
                return False
            for paged in self._children.values():
                paged.forget()
        else:
            if count_spans(self.project, self.query) != self.flat.total:
                self.reload()
                return False
            self.flat.forget()
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, len(self.columns) - 1)
            )
        for number in range(len(self.groups)):
            parent = self.index(number, 0)
            count = self.rowCount(parent)
            if count and number in self._children:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(count - 1, len(self.columns) - 1, parent)
                )
        return True

    # ----- rows -----------------------------------------------------------------------
    def _group_rows(self, number: int) -> PagedRows[SpanRow]:
        paged = self._children.get(number)
        if paged is None:
            paged = self._paged(self.groups[number].key)
            paged.total = self.groups[number].count
            self._children[number] = paged
        return paged

    def span_at(self, index: Index) -> SpanRow | None:
        if not index.isValid():
            return None
        if not self.grouped:
            return self.flat.row(index.row())
        group = int(index.internalId())
        if group == GROUP:
            return None
        return self._group_rows(group - 1).row(index.row())

    def is_group(self, index: Index) -> bool:
        return index.isValid() and self.grouped and int(index.internalId()) == GROUP

    # ----- Qt's model interface -------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        # hasIndex's checks, without its two calls back into Python
        if row < 0 or not 0 <= column < len(self.columns) or row >= self.rowCount(parent):
            return QModelIndex()
        if parent.isValid():
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, GROUP)

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or not self.grouped:
            return QModelIndex()
        group = int(child.internalId())
        return QModelIndex() if group == GROUP else self.createIndex(group - 1, 0, GROUP)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self.groups) if self.grouped else self.flat.total
        if self.is_group(parent) and parent.column() == 0:
            return self.groups[parent.row()].count
        return 0

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        if not parent.isValid():
            return True
        return self.is_group(parent) and self.groups[parent.row()].count > 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.is_group(index) or not index.isValid():
            return flags
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if self.columns[index.column()].key in ("tag", "note"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self.is_group(index):
            return self._group_data(index, role)
        row = self.span_at(index)
        if row is None:
            return None
        key = self.columns[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return row.tag_id if key == "tag" else row.note if key == "note" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "before":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key == "quote":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and key == "tag" and row.tag_id in self.tags:
            return QColor(self.tags[row.tag_id].color)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("quote", "note", "before", "after"):
            return f"{row.before}[{row.quote}]{row.after}" if key != "note" else row.note or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: SpanRow, key: str) -> str:
        # Only the cell asked for: a view asks for every cell it paints, many times over.
        if key in FLATTENED:
            return _flat(getattr(row, FLATTENED[key]))
        if key in PLAIN:
            return str(getattr(row, PLAIN[key]))
        return row.attributes.get(int(key[5:]), "")

    def _group_data(self, index: Index, role: int) -> Any:
        group = self.groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{group.label} — {group.count} span(s)"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.span_at(index)
        if role != Qt.ItemDataRole.EditRole or row is None or self.edit is None:
            return False
        return self.edit(row, self.columns[index.column()].key, value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        q = self.query
        self.set_query(
            SpanQuery(
                q.tags,
                q.coders,
                q.attribute,
                q.words,
                self.columns[column].key,
                order == Qt.SortOrder.DescendingOrder,
                q.group,
                q.numbers,
            )
        )
