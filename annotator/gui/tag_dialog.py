"""Adding or changing a tag: name, colour, definition, key and parent.

A new tag gets the next colour of a colour-blind-safe palette that no tag uses yet, and the
key list says which keys other tags hold (choosing one moves it here)."""

from collections import Counter
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

# Paul Tol's "light" and "muted" schemes: distinct for the common colour-vision deficiencies,
# light enough for black text. The default codebook uses the first colours of "light".
PALETTE = (
    "#77AADD",
    "#EEDD88",
    "#EE8866",
    "#44BB99",
    "#99DDFF",
    "#BBCC33",
    "#AAAA00",
    "#FFAABB",
    "#DDDDDD",
    "#88CCEE",
    "#CC6677",
    "#DDCC77",
    "#999933",
    "#AA4499",
)


def next_colour(tags: list[TagRecord]) -> str:
    """The first palette colour no tag uses; when all are used, the least used one."""
    used = Counter(t.color.upper() for t in tags)
    return min(PALETTE, key=lambda colour: (used[colour], PALETTE.index(colour)))


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
        self.name.setObjectName("tagName")
        self.color = QLineEdit(tag.color if tag else next_colour(tags))
        self.color.setObjectName("tagColour")
        pick = QPushButton("Choose…")
        pick.clicked.connect(self._pick)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.color, 1)
        colour_row.addWidget(pick)
        self.definition = QPlainTextEdit(tag.definition if tag else "")
        self.definition.setMaximumHeight(90)
        self.key = QComboBox()
        self.key.addItem("none", None)
        holders = {t.shortcut: t.name for t in tags if t.shortcut and (not tag or t.id != tag.id)}
        for digit in range(1, 10):
            holder = holders.get(digit)
            label = f"{digit} — {holder}’s (moves here)" if holder else f"{digit} — free"
            self.key.addItem(label, digit)
        if tag is None:  # a new tag gets the first free key, if any
            free = next((d for d in range(1, 10) if d not in holders), None)
            self.key.setCurrentIndex(self.key.findData(free) if free else 0)
        else:
            self.key.setCurrentIndex(self.key.findData(tag.shortcut) if tag.shortcut else 0)
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
