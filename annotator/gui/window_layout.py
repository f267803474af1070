"""How the main window shares the screen: its first size comes from the screen's available
area, the article keeps at least 60 % of the width, and the side panels give way first (they
shrink to their minimum, then fold away; the article never does)."""

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSplitter, QTreeView

PREFERRED = QSize(1320, 860)
SCREEN_SHARE = 0.94  # of the available area, leaving room for the window's frame
ARTICLE_SHARE = 0.62
LEFT_SHARE = 0.15
LEFT_MIN, RIGHT_MIN = 140, 230


def first_window_rect(available: QRect) -> QRect:
    """The window's first place: as large as preferred, never larger than the screen's
    available area (less a margin for the frame), centred in it."""
    width = min(PREFERRED.width(), int(available.width() * SCREEN_SHARE))
    height = min(PREFERRED.height(), int(available.height() * SCREEN_SHARE))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def split_sizes(width: int) -> list[int]:
    """Articles list, article, side panel: the article gets at least its share."""
    left = max(LEFT_MIN, int(width * LEFT_SHARE))
    article = max(int(width * ARTICLE_SHARE), width - left - RIGHT_MIN * 3 // 2)
    right = max(RIGHT_MIN, width - left - article)
    article = width - left - right
    return [left, article, right]


def fit_codebook(right: QSplitter, tree: QTreeView, rows: int) -> None:
    """Give the codebook the height its tags need (up to half the panel), the annotation
    list the rest, so no tag hides below the fold."""
    total = sum(right.sizes()) or right.height()
    row = tree.sizeHintForRow(0) if tree.model() and tree.model().rowCount() else 22
    chrome = tree.parentWidget().sizeHint().height() - tree.sizeHint().height() if (
        tree.parentWidget() is not None
    ) else 60
    wanted = chrome + max(rows, 4) * max(row, 18) + 8
    codebook = min(wanted, total // 2) if total else wanted
    right.setSizes([codebook, max(total - codebook, 0)])
