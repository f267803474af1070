"""Every question and message the window puts to the user, in one place.

Tests replace these functions to answer dialogs without a person.
"""

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_multiline(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "Annotator", message)


def show_report(parent: QWidget | None, title: str, summary: str, details: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, summary, parent=parent)
    if details:
        box.setDetailedText(details)
    box.exec()
