"""How the main window shares the screen: its first size comes from the screen's available
area, the article keeps at least 60 % of the width, and the side panels give way first (they
shrink to their minimum, then fold away; the article never does)."""

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QTreeView, QWidget

PREFERRED = QSize(1320, 860)
SCREEN_SHARE = 0.94  # of the available area, leaving room for the window's frame
ARTICLE_SHARE = 0.62
LEFT_SHARE = 0.15
LEFT_MIN, RIGHT_MIN = 140, 230
MAX_CODEBOOK_ROWS = 9


def first_window_rect(available: QRect) -> QRect:
    """The window's first place: as large as preferred, never larger than the screen's
    available area (less a margin for the frame), centred in it."""
    width = min(PREFERRED.width(), int(available.width() * SCREEN_SHARE))
    height = min(PREFERRED.height(), int(available.height() * SCREEN_SHARE))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fit_on_screen(dialog: QWidget, width: int, height: int) -> None:
    """Give a dialog its preferred size where the screen's available area allows it; on a
    smaller screen, that area less a margin for the frame (its panes shrink, every control
    stays on the screen). The screen is its parent's when it has one."""
    parent = dialog.parentWidget()
    screen = (parent or dialog).screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    dialog.resize(
        min(width, int(available.width() * SCREEN_SHARE)),
        min(height, int(available.height() * SCREEN_SHARE)),
    )


def split_sizes(width: int) -> list[int]:
    """Articles list, article, side panel: the article gets at least its share."""
    left = max(LEFT_MIN, int(width * LEFT_SHARE))
    article = max(int(width * ARTICLE_SHARE), width - left - RIGHT_MIN * 3 // 2)
    right = max(RIGHT_MIN, width - left - article)
    article = width - left - right
    return [left, article, right]


def fit_codebook(right: QSplitter, tree: QTreeView, rows: int) -> None:
    """Keep every tag of the codebook in sight (up to ``MAX_CODEBOOK_ROWS``; more scroll):
    the tree is never shorter than its rows. The suggestions at the bottom get the height
    they ask for (their size hint: a few rows of the list) as long as the annotation list
    keeps its least; the annotation list takes the rest, and shares what the window gains or
    loses later."""
    row = tree.sizeHintForRow(0) if rows else 0
    row = max(row, tree.fontMetrics().height() + 4)
    shown = min(max(rows, 4), MAX_CODEBOOK_ROWS)
    tree.setMinimumHeight(shown * row + 2 * tree.frameWidth() + 4)
    right.setStretchFactor(0, 0)
    for pane in range(1, right.count()):
        right.setStretchFactor(pane, 1)
    sizes: list[int] = right.sizes()
    panel = right.widget(0)
    total = sum(sizes)
    if total and panel is not None and len(sizes) >= 2:
        codebook = panel.minimumSizeHint().height()
        rest = total - codebook
        if len(sizes) == 2:
            right.setSizes([codebook, rest])
        else:
            wanted = [_widget(right, i).sizeHint().height() for i in range(2, len(sizes))]
            listed = max(rest - sum(wanted), _least(right, 1))
            spare = rest - listed
            if spare < sum(wanted):  # short of room: the panels below share what there is
                wanted = [spare // len(wanted)] * len(wanted)
            right.setSizes([codebook, listed, *wanted])


def make_room(right: QSplitter, index: int) -> None:
    """The pane at ``index`` grows to the height it asks for (its size hint), when it is
    shorter, taken from the panes above it, nearest first, none below its least (the codebook
    gives nothing: its tags stay in sight). A pane the researcher made taller stays so."""
    sizes: list[int] = right.sizes()
    pixels = wanted = _widget(right, index).sizeHint().height() - sizes[index]
    for above in range(index - 1, 0, -1):
        given = max(0, min(wanted, sizes[above] - _least(right, above)))
        sizes[above] -= given
        sizes[index] += given
        wanted -= given
    if wanted < pixels:
        right.setSizes(sizes)


def _widget(right: QSplitter, index: int) -> QWidget:
    widget = right.widget(index)
    assert widget is not None
    return widget


def _least(right: QSplitter, index: int) -> int:
    widget = _widget(right, index)
    return max(widget.minimumSizeHint().height(), widget.minimumHeight())
