"""A watch over every modal dialog a GUI test opens.

A dialog the test did not announce is closed at once and fails the test, so a forgotten
question ends in a second with its title and text instead of hanging until CI's time runs
out. A test announces a dialog with ``dialogs.expect(kind, answer)``: when a dialog of that
kind opens, ``answer`` gets it and works it with real key presses and clicks.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

Answer = Callable[[QDialog], None]


def describe(dialog: QWidget) -> str:
    """The dialog's class, title and, for a message box, its text."""
    text = f"{type(dialog).__name__} “{dialog.windowTitle()}”"
    if isinstance(dialog, QMessageBox):
        text += f": {dialog.text()}"
    return text


@dataclass
class _Expected:
    kind: type[QDialog]
    answer: Answer


class DialogGuard(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.expected: list[_Expected] = []
        self.unexpected: list[str] = []
        self.errors: list[BaseException] = []
        self.seen: list[str] = []

    def expect(self, kind: type[QDialog], answer: Answer) -> None:
        """The next dialog to open is a ``kind``; ``answer`` works it (and must close it)."""
        self.expected.append(_Expected(kind, answer))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and watched.isWindow()
            and watched.isModal()
            and not isinstance(watched, QProgressDialog)  # progress asks nothing
        ):
            self._opened(watched)
        return False

    def _opened(self, dialog: QDialog) -> None:
        self.seen.append(describe(dialog))
        if self.expected and isinstance(dialog, self.expected[0].kind):
            answer = self.expected.pop(0).answer
            QTimer.singleShot(0, lambda: self._answer(dialog, answer))
            return
        self.unexpected.append(describe(dialog))
        QTimer.singleShot(0, dialog.reject)

    def _answer(self, dialog: QDialog, answer: Answer) -> None:
        try:
            answer(dialog)
        except BaseException as exc:  # a failed answer must not leave the dialog open
            self.errors.append(exc)
            dialog.reject()
            return
        if dialog.isVisible():
            self.errors.append(AssertionError(f"the answer left {describe(dialog)} open"))
            dialog.reject()

    def install(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
