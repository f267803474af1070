"""Every question and message the window puts to the user, in one place.

Tests replace these functions to answer dialogs without a person.
"""

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from annotator.core.records import TagRecord

log = logging.getLogger(__name__)


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor over work that runs in the window's thread but may take a moment."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def ask_multiline(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None


def ask_note(parent: QWidget | None, label: str, text: str = "") -> str | None:
    """The note dialog (Ctrl+Enter saves); the note, or None when cancelled."""
    from annotator.gui.note_dialog import NoteDialog  # noqa: PLC0415 - only when needed

    dialog = NoteDialog(label, text, parent)
    try:
        return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_choice(parent: QWidget | None, title: str, label: str, options: list[str]) -> str | None:
    value, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
    return value if ok else None


def ask_password(parent: QWidget | None, name: str) -> str | None:
    value, ok = QInputDialog.getText(
        parent,
        "Password",
        f"{name} is protected by a password.\nPassword to open it:",
        QLineEdit.EchoMode.Password,
    )
    return value if ok else None


def preview_trim(
    parent: QWidget | None, name: str, text: str, cut: tuple[int, int]
) -> tuple[int, int] | None:
    """Show the import preview; the cut to apply, the whole text, or None to cancel."""
    from annotator.gui.trim_preview import TrimPreview  # noqa: PLC0415 - only when needed

    dialog = TrimPreview(name, text, cut, parent)
    answer = dialog.exec()
    if answer == TrimPreview.KEEP_ALL:
        return (0, len(text))
    if answer == TrimPreview.DialogCode.Accepted:
        return dialog.cut
    return None


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def edit_tag(
    parent: QWidget | None, tags: list[TagRecord], tag: TagRecord | None
) -> TagRecord | None:
    """The tag dialog; the tag as the user left it, or None when cancelled."""
    from annotator.gui.tag_dialog import TagDialog  # noqa: PLC0415

    dialog = TagDialog(tags, tag, parent)
    if dialog.exec() == TagDialog.DialogCode.Accepted:
        return dialog.result_tag()
    return None


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog and wait; True when it was accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_error(parent: QWidget | None, message: str) -> None:
    log_error(message)
    QMessageBox.warning(parent, "Annotator", message)


def log_error(message: str) -> None:
    """Every error the user is shown goes to the log too, with the traceback that led to it
    when it is shown while an exception is being handled."""
    log.warning("shown to the user: %s", message, exc_info=sys.exc_info()[0] is not None)


def show_report(
    parent: QWidget | None, title: str, summary: str, details: str, *, problems: bool = False
) -> None:
    """A report; with ``problems`` (rows left out...) the details are shown at once, with a
    warning sign, rather than behind "Show details"."""
    icon = QMessageBox.Icon.Warning if problems else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, summary, parent=parent)
    if details and problems:
        box.setInformativeText(details)
    elif details:
        box.setDetailedText(details)
        # The details box is narrow by default; a report line per file needs room to read.
        for text in box.findChildren(QTextEdit):
            text.setMinimumSize(620, 220)
    box.exec()
