"""The window's status line: a message that does not fit ends in an ellipsis, clear of what
stands on the right ("Coding as …"), and the whole message is the line's tooltip."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

GAP = 12
"""Pixels kept clear between a message and the first widget on its right."""


class StatusLine(QStatusBar):
    """Qt's status bar draws a long message up to the widget beside it and cuts it there, in
    the middle of a word, so that it reads on into that widget's text. This one paints the
    message itself, shortened with an ellipsis to leave a gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        self.messageChanged.connect(self.setToolTip)

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        super().addPermanentWidget(widget, stretch or 0)
        self._permanent.append(widget)

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        panel = QStyleOption()
        panel.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, panel, painter, self)
        right = self.width() - GAP
        for widget in self._permanent:
            if not widget.isVisible():
                continue
            frame = QStyleOption()
            frame.rect = widget.geometry().adjusted(-2, -1, 2, 1)
            frame.palette = self.palette()
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter, widget
            )
            right = min(right, widget.x() - GAP)
        area = self.rect().adjusted(6, 0, 0, 0)
        area.setRight(max(area.left(), right))
        shown = self.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, area.width())
        painter.setPen(self.palette().windowText().color())
        flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(area, int(flags | Qt.TextFlag.TextSingleLine), shown)
        painter.end()
