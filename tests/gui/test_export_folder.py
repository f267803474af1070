"""The Export dialog, opened with Ctrl+E, proposes the project's own folder the first time and
the folder exported to last after that (before, always the home folder), and says what a CSV
file does to text that begins with = + - @ or '."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from annotator.gui.export_dialog import ExportDialog
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import activate
from tests.gui.expect_dialog import expect_dialog


def _type_path(dialog: ExportDialog, path: Path) -> None:
    field = dialog.path
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, str(path))


def test_export_proposes_the_project_folder_then_the_last_one(
    qtbot: QtBot,
    window: MainWindow,
    project_path: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    seen: dict[str, object] = {}

    def first(dialog: ExportDialog) -> None:
        seen["first"] = Path(dialog.path.text()).parent
        seen["note before"] = dialog.csv_note.isVisible()
        QTest.keyClick(dialog.format, Qt.Key.Key_Down)  # Excel → CSV, one row per annotation
        seen["note for csv"] = dialog.csv_note.isVisible()
        seen["note"] = dialog.csv_note.text()
        _type_path(dialog, exports / "codes")
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    activate(qtbot, window)
    expect_dialog(request, ExportDialog, first)
    with qtbot.waitSignal(window.exportFinished, timeout=30000):
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen["first"] == project_path.parent
    assert seen["note before"] is False and seen["note for csv"] is True
    assert "= + - @ or '" in str(seen["note"])
    assert (exports / "codes.csv").is_file()

    def second(dialog: ExportDialog) -> None:
        seen["second"] = Path(dialog.path.text()).parent
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    activate(qtbot, window)
    expect_dialog(request, ExportDialog, second)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "second" in seen)
    assert seen["second"] == exports
