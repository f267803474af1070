"""A list of names with checkboxes, as the export and agreement dialogs use it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def checklist(items: list[tuple[str, object]], checked: set[object] | None = None) -> QListWidget:
    """``items`` are (label, data); every item starts checked unless ``checked`` says."""
    widget = QListWidget()
    for label, data in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        on = checked is None or data in checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(130)
    return widget


def items_of(widget: QListWidget) -> list[QListWidgetItem]:
    return [widget.item(i) for i in range(widget.count())]


def checked_data(widget: QListWidget) -> list[object]:
    on = Qt.CheckState.Checked
    return [i.data(Qt.ItemDataRole.UserRole) for i in items_of(widget) if i.checkState() == on]


def check_all(widget: QListWidget, state: Qt.CheckState) -> None:
    for item in items_of(widget):
        item.setCheckState(state)
