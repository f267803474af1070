"""Dialogs for article attributes: define or edit one, and set one value on many articles."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from annotator.core.attribute_values import KIND_NAMES
from annotator.core.attributes import AttributeRecord
from annotator.core.models import AttributeKind


class AttributeDialog(QDialog):
    """A name, a kind, and for a fixed list its values (one a line); an existing attribute
    can be deleted from here too (the dialog then ends with `DELETE`)."""

    DELETE = 2

    def __init__(self, parent: QWidget | None, record: AttributeRecord | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit attribute" if record else "New attribute")
        self.name = QLineEdit(record.name if record else "")
        self.name.setPlaceholderText("company, country, article type…")
        self.kind = QComboBox()
        for kind, label in KIND_NAMES.items():
            self.kind.addItem(label, kind.value)
        if record is not None:
            self.kind.setCurrentIndex(self.kind.findData(record.kind))
        self.choices = QPlainTextEdit("\n".join(record.choices) if record else "")
        self.choices.setPlaceholderText("one value a line")
        self.choices.setTabChangesFocus(True)
        self.choices_label = QLabel("&Values:")
        self.choices_label.setBuddy(self.choices)
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Kind:", self.kind)
        form.addRow(self.choices_label, self.choices)
        hint = QLabel(
            "Numbers are kept as plain decimals (1200, 3.5); dates as YYYY-MM-DD. Changing "
            "the kind converts the values that fit and refuses when one does not."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if record is not None:
            delete = buttons.addButton("&Delete attribute…", QDialogButtonBox.ButtonRole.ResetRole)
            delete.clicked.connect(lambda: self.done(self.DELETE))
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._show_choices)
        self._show_choices()

    def _show_choices(self) -> None:
        listed = self.kind.currentData() == AttributeKind.CHOICE.value
        self.choices.setVisible(listed)
        self.choices_label.setVisible(listed)

    def values(self) -> tuple[str, str, tuple[str, ...]]:
        lines = tuple(v for v in self.choices.toPlainText().splitlines() if v.strip())
        return self.name.text(), str(self.kind.currentData()), lines


class SetValueDialog(QDialog):
    """One attribute and the value to give every chosen article (empty: none)."""

    def __init__(
        self, parent: QWidget | None, attributes: list[AttributeRecord], articles: int
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set an attribute")
        self.attributes = attributes
        self.attribute = QComboBox()
        for record in attributes:
            self.attribute.addItem(f"{record.name} ({record.kind_name})", record.id)
        self.value = QComboBox()
        self.value.setEditable(True)
        editor = self.value.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("empty: no value")
        form = QFormLayout(self)
        form.addRow(QLabel(f"For the {articles} chosen article(s):"))
        form.addRow("&Attribute:", self.attribute)
        form.addRow("&Value:", self.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.attribute.currentIndexChanged.connect(self._offer_choices)
        self._offer_choices()

    def chosen(self) -> AttributeRecord:
        return self.attributes[max(self.attribute.currentIndex(), 0)]

    def _offer_choices(self) -> None:
        self.value.clear()
        record = self.chosen() if self.attributes else None
        if record is not None and record.choices:
            self.value.addItems(["", *record.choices])
        self.value.setCurrentText("")
