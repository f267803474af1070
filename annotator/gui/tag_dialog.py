"""Adding or changing a tag: name, colour, definition, key and parent."""

from dataclasses import replace

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from annotator.core.records import TagRecord


def _descendants(tags: list[TagRecord], root: int) -> set[int]:
    found = {root}
    changed = True
    while changed:
        changed = False
        for tag in tags:
            if tag.parent_id in found and tag.id not in found:
                found.add(tag.id)
                changed = True
    return found


class TagDialog(QDialog):
    def __init__(
        self, tags: list[TagRecord], tag: TagRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change tag" if tag else "Add tag")
        self.original = tag
        self.name = QLineEdit(tag.name if tag else "")
        self.color = QLineEdit(tag.color if tag else "#BBCC33")
        pick = QPushButton("Choose…")
        pick.clicked.connect(self._pick)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.color, 1)
        colour_row.addWidget(pick)
        self.definition = QPlainTextEdit(tag.definition if tag else "")
        self.definition.setMaximumHeight(90)
        self.key = QComboBox()
        self.key.addItem("none", None)
        for digit in range(1, 10):
            self.key.addItem(str(digit), digit)
        self.key.setCurrentIndex(self.key.findData(tag.shortcut) if tag and tag.shortcut else 0)
        self.parent_tag = QComboBox()
        self.parent_tag.addItem("(top level)", None)
        excluded = _descendants(tags, tag.id) if tag else set()
        for other in tags:
            if other.id not in excluded:
                self.parent_tag.addItem(other.name, other.id)
        if tag and tag.parent_id:
            self.parent_tag.setCurrentIndex(self.parent_tag.findData(tag.parent_id))
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Colour", colour_row)
        form.addRow("Definition", self.definition)
        form.addRow("Key", self.key)
        form.addRow("Inside", self.parent_tag)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _pick(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color.text()), self, "Tag colour")
        if chosen.isValid():
            self.color.setText(chosen.name().upper())

    def result_tag(self) -> TagRecord:
        fields = {
            "name": self.name.text().strip(),
            "color": self.color.text().strip().upper(),
            "definition": self.definition.toPlainText().strip(),
            "shortcut": self.key.currentData(),
            "parent_id": self.parent_tag.currentData(),
        }
        if self.original is None:
            return TagRecord(0, position=0, **fields)
        return replace(self.original, **fields)
