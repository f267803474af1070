"""The workbench's list of articles: every title in two lines, cut with an ellipsis when
longer (the whole title in its tip).

Rows of one height let the list place ten thousand titles without measuring each one: a list
of wrapped titles of their own heights measured every title when a project opened and again
whenever the list was resized, seconds for a large corpus. The status mark beside each title
is an icon of one size (gui/status_marks.py), so an edit that changes an article's count or
status repaints that one row (the model names the row and the role) and nothing else."""

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

LINES = 2


class TitleDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        # Exactly two lines: the style cuts a longer title at the end of the second with "…".
        return QSize(size.width(), option.fontMetrics.lineSpacing() * LINES + 2)


class ArticleListView(QListView):
    """Rows of one height: a change of one row's data repaints that row and lays out nothing.

    QListView answers any data change by laying the list out again and repainting every row
    on screen, in case the row changed its size; here no row ever does."""

    def dataChanged(self, top: Index, bottom: Index, roles: Sequence[int] = ()) -> None:
        QAbstractItemView.dataChanged(self, top, bottom, list(roles))


def article_list_view(parent: QWidget | None = None) -> QListView:
    view = ArticleListView(parent)
    view.setObjectName("articleList")
    view.setWordWrap(True)
    view.setSpacing(2)
    view.setUniformItemSizes(True)
    view.setItemDelegate(TitleDelegate(view))
    side = view.fontMetrics().height()
    view.setIconSize(QSize(side, side))
    return view
