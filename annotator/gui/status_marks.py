"""The coding status marks beside each article's title: ✓ done, ◐ in progress, none yet.

Each mark is an icon of one size, an empty one for an article not started, so that a status
change repaints one row of the article list and never changes its height. The marks differ in
shape and in a colour that reads on the light and the dark palette alike.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from annotator.core.models import CodingStatus

STATUS_MARKS = {CodingStatus.DONE: "✓ ", CodingStatus.IN_PROGRESS: "◐ "}
"""The marks as text (what a screen reader says before the title)."""

COLORS = {CodingStatus.DONE: "#3A9A5B", CodingStatus.IN_PROGRESS: "#C98A1B"}

_DRAWN = 64  # pixels each mark is drawn at; the view scales it to its icon size
_icons: dict[CodingStatus, QIcon] = {}


def status_icon(status: CodingStatus) -> QIcon:
    """The mark of ``status`` (an empty one when the article is not started)."""
    icon = _icons.get(status)
    if icon is None:
        pixmap = QPixmap(_DRAWN, _DRAWN)
        pixmap.fill(Qt.GlobalColor.transparent)
        mark = STATUS_MARKS.get(status, "").strip()
        if mark:
            painter = QPainter(pixmap)
            font = QFont()
            font.setPixelSize(_DRAWN * 3 // 4)
            painter.setFont(font)
            painter.setPen(QColor(COLORS[status]))
            painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, mark)
            painter.end()
        icon = QIcon(pixmap)
        _icons[status] = icon
    return icon
