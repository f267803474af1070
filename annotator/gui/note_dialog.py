"""The note on an annotation: several lines of text, saved with Ctrl+Enter or the button."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.window_layout import fit_on_screen

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NoteEdit(QPlainTextEdit):
    """Enter starts a new line; Ctrl+Enter saves (the dialog accepts)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dialog = self.window()
            if isinstance(dialog, QDialog):
                dialog.accept()
                event.accept()
                return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    def __init__(self, label: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.editor = NoteEdit(text)
        self.editor.setObjectName("noteText")
        self.editor.setTabChangesFocus(True)
        prompt = QLabel(label)
        prompt.setWordWrap(True)
        hint = QLabel("Ctrl+Enter saves the note; Esc leaves it as it was.")
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        fit_on_screen(self, 520, 300)
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def note(self) -> str:
        return self.editor.toPlainText().strip()
