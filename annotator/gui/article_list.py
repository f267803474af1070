"""The article list: a list view that redraws one row when one article changes.

Qt's QListView lays out every row again whenever any row's data changes (it asks each row for
its size, eight model reads a row: 80,000 reads for a project of 10,000 articles), because a
row whose text changed may have a new height. An edit changes one article's count or status
mark; this view repaints that row alone when its height stays what the layout gave it, and
lets QListView lay out everything only when a row really changes size (a renamed title that
wraps onto one more line). A new list is laid out in batches, so the window answers while the
rows of a large project are measured; the scroll bar is always there, so that its appearing
never narrows the rows and makes Qt measure every one of them a second time.

A row's size depends on its title alone (every status mark is an icon of one size), so the
delegate measures each title once per width and font: Qt asks a row's size whenever it needs
its place (to repaint it, to scroll to it), and measuring asks the model for eight values.
"""

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

SIZE_NEUTRAL = frozenset(
    {
        # every status mark is an icon of one size (gui/status_marks.py)
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
    }
)
"""Roles whose change never changes the size of a row of the article list."""


class TitleSizes(QStyledItemDelegate):
    """Draws rows as Qt does; remembers the size of each title at the width it was measured."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sizes: dict[tuple[int, str], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title = index.data(Qt.ItemDataRole.DisplayRole)
        key = (option.rect.width(), str(title))
        size = self.sizes.get(key)
        if size is None:
            if len(self.sizes) > 4 * max(index.model().rowCount(), 1000):
                self.sizes.clear()  # widths a resize went through, no longer asked for
            size = self.sizes[key] = super().sizeHint(option, index)
        return QSize(size)


class ArticleListView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_sizes = TitleSizes(self)
        self.setItemDelegate(self.title_sizes)
        side = self.fontMetrics().height()
        self.setIconSize(QSize(side, side))
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(100)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.full_layouts = 0  # how often a data change made the view lay out every row

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.title_sizes.sizes.clear()  # titles take another size in another font
        super().changeEvent(event)

    def dataChanged(self, top: Index, bottom: Index, roles: Sequence[int] = ()) -> None:
        if self._size_kept(top, bottom, roles):
            # QAbstractItemView's own handling: repaint the changed rows, no layout
            QAbstractItemView.dataChanged(self, top, bottom, list(roles))
            return
        self.full_layouts += 1
        super().dataChanged(top, bottom, list(roles))

    def _size_kept(self, top: Index, bottom: Index, roles: Sequence[int]) -> bool:
        if roles and all(Qt.ItemDataRole(r) in SIZE_NEUTRAL for r in roles):
            return True
        if top.row() != bottom.row() or not top.isValid():
            return False
        laid_out = self._laid_out_height(top.row())
        return laid_out is not None and laid_out == self._wanted_height(top)

    def _laid_out_height(self, row: int) -> int | None:
        """The height the last layout gave ``row``; None when it has not been laid out."""
        model = self.model()
        here = self.visualRect(model.index(row, 0, self.rootIndex()))
        if not here.isValid():
            return None
        if row + 1 < model.rowCount(self.rootIndex()):
            below = self.visualRect(model.index(row + 1, 0, self.rootIndex()))
            if not below.isValid():
                return None
            # QListView puts the spacing above and below every row
            return below.top() - here.top() - 2 * self.spacing()
        # the last row ends one spacing before the laid-out contents end
        top = here.top() + self.verticalOffset()
        return self.contentsSize().height() - top - self.spacing()

    def _wanted_height(self, index: Index) -> int:
        """The height the row asks for now, measured as QListView's layout measures it."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        spacing = self.spacing()
        option.rect = self.viewport().rect().adjusted(spacing, spacing, -spacing, -spacing)
        delegate = self.itemDelegateForIndex(index)
        return delegate.sizeHint(option, index).height()
