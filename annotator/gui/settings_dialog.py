"""The settings dialog, built from the settings' own declarations (annotator/core/settings.py):
one row per setting that has a label, its description as the row's tooltip and help text."""

from dataclasses import Field, fields
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.settings import Settings

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

FONT_FIELDS = {"text_font_family"}


def shown_fields() -> list[Field[Any]]:
    """The settings the dialog offers, in their declared order."""
    return [f for f in fields(Settings) if "label" in f.metadata]


class FolderField(QWidget):
    """A folder path with a button that chooses it; empty means the declared default."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.choose = QPushButton("Choose…")
        self.choose.clicked.connect(self._choose)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.choose)

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Backup folder", self.edit.text())
        if folder:
            self.edit.setText(folder)


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``values()`` gives what the user chose."""

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, reading_font: QFont | None = None
    ) -> None:
        super().__init__(parent)
        # An empty font setting means "the reader's own default": shown as that font, and
        # left empty unless the user picks another.
        self.default_family = QFontInfo(reading_font or QFont()).family()
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in shown_fields():
            editor = self._editor(spec)
            editor.setObjectName(f"setting_{spec.name}")
            editor.setToolTip(spec.metadata["doc"])
            self.editors[spec.name] = editor
            label = QLabel(spec.metadata["label"])
            label.setToolTip(spec.metadata["doc"])
            if isinstance(editor, QCheckBox):
                editor.setText(spec.metadata["label"])
                label = QLabel("")
            form.addRow(label, editor)
        self.load(settings)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(self.restore_defaults)
        self.buttons = buttons
        note = QLabel("Hover over a setting to see what it does.")
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _editor(self, spec: Field[Any]) -> QWidget:
        meta = spec.metadata
        if spec.name in FONT_FIELDS:
            return QFontComboBox()
        if "choices" in meta:
            combo = QComboBox()
            unit = meta.get("unit")
            for choice in meta["choices"]:
                combo.addItem(f"{choice} {unit}" if unit else str(choice).capitalize(), choice)
            return combo
        if meta.get("folder"):
            return FolderField("beside the project")
        if spec.type in (bool, "bool"):
            return QCheckBox()
        if spec.type in (int, "int"):
            spin = QSpinBox()
            low, high = meta.get("range", (0, 1_000_000))
            spin.setRange(low, high)
            return spin
        return QLineEdit()

    def load(self, settings: Settings) -> None:
        for name, editor in self.editors.items():
            value = getattr(settings, name)
            if isinstance(editor, QFontComboBox):
                editor.setCurrentFont(QFont(value or self.default_family))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, FolderField):
                editor.edit.setText(value)
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value))

    def restore_defaults(self) -> None:
        """Every shown setting back to its declared default (the name stays: it is a person)."""
        defaults = Settings()
        current = self.values()
        defaults.coder_name = str(current["coder_name"])
        self.load(defaults)

    def values(self) -> dict[str, object]:
        chosen: dict[str, object] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QFontComboBox):
                family = editor.currentFont().family()
                chosen[name] = "" if family == self.default_family else family
            elif isinstance(editor, QComboBox):
                chosen[name] = editor.currentData()
            elif isinstance(editor, FolderField):
                chosen[name] = editor.edit.text().strip()
            elif isinstance(editor, QCheckBox):
                chosen[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                chosen[name] = editor.value()
            elif isinstance(editor, QLineEdit):
                chosen[name] = " ".join(editor.text().split())
        return chosen

    def problem(self) -> str | None:
        """What stops the values from being saved, in words; None when they are fine."""
        if not self.values()["coder_name"]:
            return "Your name cannot be empty: it is recorded on every annotation you make."
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            from annotator.gui import messages  # noqa: PLC0415

            messages.show_error(self, problem)
            return
        super().accept()


def reading_font(base: QFont, settings: Settings) -> QFont:
    """The reader's font as the settings ask: their family (if any) and size."""
    font = QFont(base)
    if settings.text_font_family:
        font.setFamilies([settings.text_font_family])
    font.setPointSize(settings.text_point_size)
    return font


def open_settings(window: "MainWindow") -> SettingsDialog:
    """Show the settings dialog; what the user accepts is saved and applied at once."""
    dialog = SettingsDialog(window.settings, window, reading_font=window.reader.view.font())
    dialog.accepted.connect(lambda: apply_settings(window, dialog.values()))
    dialog.open()
    return dialog


def apply_settings(window: "MainWindow", values: dict[str, object]) -> None:
    """Save ``values`` and make the window show them."""
    settings = window.settings
    old_name = settings.coder_name
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    if settings.coder_name != old_name:
        window.session.switch_coder(settings.coder_name)
    view = window.reader.view
    view.setFont(reading_font(view.font(), settings))
    view.set_line_spacing(settings.line_spacing)
    window.snap_action.setChecked(settings.snap_to_words)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        from annotator.gui.app import apply_palette, wants_dark  # noqa: PLC0415

        apply_palette(app, dark=wants_dark(settings.theme))
