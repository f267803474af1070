"""The workbench's list of articles: every title in two lines, cut with an ellipsis when
longer (the whole title in its tip).

Rows of one height let the list place ten thousand titles without measuring each one: a list
of wrapped titles of their own heights measured every title when a project opened and again
whenever the list was resized, seconds for a large corpus."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

LINES = 2


class TitleDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        # Exactly two lines: the style cuts a longer title at the end of the second with "…".
        return QSize(size.width(), option.fontMetrics.lineSpacing() * LINES + 2)


def article_list_view(parent: QWidget | None = None) -> QListView:
    view = QListView(parent)
    view.setObjectName("articleList")
    view.setWordWrap(True)
    view.setSpacing(2)
    view.setUniformItemSizes(True)
    view.setItemDelegate(TitleDelegate(view))
    return view
