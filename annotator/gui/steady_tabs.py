"""A tab widget that does not repaint the whole window for every small change below it.

QTabWidget answers each layout request from its pages by laying itself out again and
repainting itself whole. Any page's widget asks for one whenever it might need another size:
a label whose text changes, a view whose model changes. In the workbench that meant each
add, re-tag or status change repainted every panel of the window (the reader, the lists, the
codebook, the suggestions), several milliseconds of painting for one changed row. Here a
request is passed on only when it can change something: the room the tab bar or the pages
ask for. A resize, a new tab or a style change lays the tabs out as before (Qt does those
without a request).
"""

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QTabWidget, QWidget


class SteadyTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._asked: tuple[QSize, QSize, QSize] | None = None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            asked = (self.tabBar().sizeHint(), self.minimumSizeHint(), self.sizeHint())
            if asked == self._asked:
                return True  # the same room as before: nothing to lay out or repaint
            self._asked = asked
        return super().event(event)
