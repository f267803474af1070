"""The settings dialog: built from the declarations, saved and applied when accepted."""

from collections.abc import Callable
from dataclasses import fields

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.gui.main_window import MainWindow
from annotator.gui.settings_dialog import SettingsDialog
from tests.gui.expect_dialog import expect_dialog


def _with_settings(
    qtbot: QtBot,
    request: pytest.FixtureRequest,
    window: MainWindow,
    answer: Callable[[SettingsDialog], None],
) -> None:
    """Open the dialog with its shortcut (Ctrl+,), let ``answer`` work it, wait until closed."""
    expect_dialog(request, SettingsDialog, answer)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(SettingsDialog)))
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(SettingsDialog)))


def _ok(dialog: SettingsDialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_every_setting_in_the_dialog_is_declared_with_a_description() -> None:
    declared = [f for f in fields(Settings) if "label" in f.metadata]
    assert {f.name for f in declared} >= {
        "coder_name",
        "text_font_family",
        "text_point_size",
        "line_spacing",
        "theme",
        "snap_to_words",
        "backup_folder",
        "backups_to_keep",
    }
    for spec in fields(Settings):
        assert spec.metadata.get("doc"), f"{spec.name} has no description"


def test_the_dialog_shows_one_editor_per_declared_setting(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow
) -> None:
    def check(dialog: SettingsDialog) -> None:
        for spec in fields(Settings):
            editor = dialog.findChild(QWidget, f"setting_{spec.name}")
            if "label" in spec.metadata:
                assert editor is not None, spec.name
                assert editor.toolTip() == spec.metadata["doc"]
            else:
                assert editor is None, spec.name
        dialog.reject()

    _with_settings(qtbot, request, window, check)


def test_accepted_settings_are_saved_and_applied(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow
) -> None:
    def change(dialog: SettingsDialog) -> None:
        size = dialog.findChild(QSpinBox, "setting_text_point_size")
        assert size is not None
        size.setFocus()
        size.selectAll()
        QTest.keyClicks(size, "17")
        snap = dialog.findChild(QCheckBox, "setting_snap_to_words")
        assert snap is not None and snap.isChecked()
        QTest.mouseClick(snap, Qt.MouseButton.LeftButton)
        theme = dialog.findChild(QComboBox, "setting_theme")
        assert theme is not None
        theme.setFocus()
        QTest.keyClick(theme, Qt.Key.Key_End)  # the last choice: dark
        keep = dialog.findChild(QSpinBox, "setting_backups_to_keep")
        assert keep is not None
        keep.setFocus()
        keep.selectAll()
        QTest.keyClicks(keep, "3")
        _ok(dialog)

    _with_settings(qtbot, request, window, change)
    saved = Settings.load()
    assert (saved.text_point_size, saved.snap_to_words, saved.theme) == (17, False, "dark")
    assert saved.backups_to_keep == 3
    assert window.reader.view.font().pointSize() == 17
    assert not window.snap_action.isChecked()
    assert QApplication.palette().window().color().lightness() < 100  # the dark palette
    from annotator.gui.app import apply_palette  # noqa: PLC0415

    apply_palette(QApplication.instance(), dark=False)  # type: ignore[arg-type]


def test_an_empty_name_is_refused_with_a_reason(
    qtbot: QtBot,
    request: pytest.FixtureRequest,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from annotator.gui import messages  # noqa: PLC0415

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text: shown.append(text))
    still_open: list[bool] = []

    def empty_name(dialog: SettingsDialog) -> None:
        name = dialog.editors["coder_name"]
        name.setFocus()
        QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(name, Qt.Key.Key_Delete)
        _ok(dialog)
        still_open.append(dialog.isVisible())
        dialog.reject()

    _with_settings(qtbot, request, window, empty_name)
    assert still_open == [True]
    assert shown and "name" in shown[0]
    assert Settings.load().coder_name == "Test Coder"


def test_restore_defaults_keeps_the_name(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow
) -> None:
    window.settings.text_point_size = 20
    values: list[dict[str, object]] = []

    def restore(dialog: SettingsDialog) -> None:
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        values.append(dialog.values())
        dialog.reject()

    _with_settings(qtbot, request, window, restore)
    assert values[0]["text_point_size"] == Settings().text_point_size
    assert values[0]["coder_name"] == "Test Coder"


def test_accepting_without_changes_keeps_the_readers_own_font(
    qtbot: QtBot, request: pytest.FixtureRequest, window: MainWindow
) -> None:
    before = QFontInfo(window.reader.view.font()).family()
    _with_settings(qtbot, request, window, _ok)
    assert Settings.load().text_font_family == ""
    assert QFontInfo(window.reader.view.font()).family() == before
