"""The guard that fails a test on a dialog it did not expect, instead of hanging."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from annotator.gui import messages
from tests.gui.dialogs import DialogGuard


def test_an_unexpected_message_box_is_closed_and_reported(dialogs: DialogGuard) -> None:
    messages.show_error(None, "Nobody answers this.")  # returns: the guard closed it
    assert dialogs.unexpected == ["QMessageBox “Annotator”: Nobody answers this."]
    dialogs.unexpected.clear()  # this test wanted exactly that


def test_an_expected_dialog_is_answered_with_real_keys(dialogs: DialogGuard) -> None:
    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        QTest.mouseClick(dialog.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    dialogs.expect(QMessageBox, answer)
    assert messages.confirm(None, "Delete tag", "Delete it?")
    assert dialogs.unexpected == []
