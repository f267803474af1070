"""Answer a modal dialog that a test is about to open, with real clicks and keys.

Where the GUI tests' dialog guard (the ``dialogs`` fixture) is present, the answer is
announced to it, so the guard lets this dialog through and still fails any other; without it,
the answer runs once the dialog is the active modal widget.
"""

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

D = TypeVar("D", bound=QDialog)


def expect_dialog(
    request: pytest.FixtureRequest, kind: type[D], answer: Callable[[D], None]
) -> None:
    """Run ``answer`` on the next ``kind`` dialog to open; it must close the dialog."""
    try:
        guard = request.getfixturevalue("dialogs")
    except pytest.FixtureLookupError:
        guard = None
    if guard is not None:
        guard.expect(kind, answer)
        return

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, find)
            return
        try:
            answer(dialog)
        finally:
            if dialog.isVisible():  # fail the test rather than wait for ever
                dialog.reject()

    QTimer.singleShot(0, find)
