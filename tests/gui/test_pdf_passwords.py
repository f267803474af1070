"""A protected PDF imported in the window: a wrong password is asked again at once, and the
window never gives command-line advice."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.importing.service import Outcome
from annotator.gui.main_window import MainWindow
from tests.gui.dialogs import DialogGuard

PROTECTED = "pdf/libreoffice-writer-password.pdf"  # its password is "openpassword"


def _type(qtbot: QtBot, asked: list[str], password: str) -> Callable[[QDialog], None]:
    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        asked.append(dialog.labelText())
        field = dialog.findChild(QLineEdit)
        qtbot.keyClicks(field, password)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    return answer


def test_a_wrong_password_is_asked_again_before_any_report(
    qtbot: QtBot, window: MainWindow, corpus: Path, dialogs: DialogGuard
) -> None:
    asked: list[str] = []
    dialogs.expect(QInputDialog, _type(qtbot, asked, "not the password"))
    dialogs.expect(QInputDialog, _type(qtbot, asked, "openpassword"))
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([corpus / PROTECTED])
    [result] = blocker.args[0]
    assert result.outcome is Outcome.IMPORTED
    assert len(asked) == 2 and "wrong password" not in asked[0].lower()
    assert "Wrong password, try again" in asked[1]
    assert all(not seen.startswith("QMessageBox") for seen in dialogs.seen)  # no report


def test_giving_up_after_a_wrong_password_reports_without_command_line_advice(
    qtbot: QtBot, window: MainWindow, corpus: Path, dialogs: DialogGuard
) -> None:
    asked: list[str] = []
    report: list[str] = []

    def read_report(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        report.append(f"{box.text()}\n{box.informativeText()}\n{box.detailedText()}")
        box.accept()

    dialogs.expect(QInputDialog, _type(qtbot, asked, "not the password"))
    dialogs.expect(QInputDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    dialogs.expect(QMessageBox, read_report)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([corpus / PROTECTED])
    [result] = blocker.args[0]
    assert result.outcome is Outcome.FAILED
    [said] = report
    assert "1 failed" in said and "password given is wrong" in said
    assert "--password" not in said and "in the window" not in said
