"""Help: the keyboard-shortcut sheet (F1) and About."""

import sqlite3
import sys

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from annotator import __version__
from annotator.gui.help_menu import AboutDialog, ShortcutSheet
from annotator.gui.main_window import MainWindow


def _native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def _press_f1(qtbot: QtBot, window: MainWindow) -> ShortcutSheet:
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(window.findChildren(ShortcutSheet)))
    [sheet] = window.findChildren(ShortcutSheet)
    return sheet


def test_f1_shows_every_shortcut_of_the_menus_and_the_tag_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    sheet = _press_f1(qtbot, window)
    rows = dict(sheet.rows())
    # Shortcuts the README promises, written out here rather than read from the window.
    assert rows["Find"] == _native("Ctrl+F")
    assert rows["Mark done and open the next"] == _native("Ctrl+D")
    assert rows["Next annotation"].startswith(_native("F8"))
    assert rows["Code all matches"] == _native("Ctrl+Shift+F")
    assert rows["Edit note"] == _native("Ctrl+M")
    assert rows["Tag as pledge"] == "1"
    assert rows["Keyboard shortcuts"].startswith(_native("F1"))
    # And nothing with a key is left out: every menu action that has one is listed.
    listed = set(rows)
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.shortcuts() or action.isSeparator():
                continue
            assert action.text().replace("&", "").rstrip("…").strip() in listed, action.text()
    sheet.close()


def test_the_filter_keeps_the_matching_rows(qtbot: QtBot, window: MainWindow) -> None:
    sheet = _press_f1(qtbot, window)
    QTest.keyClicks(sheet.filter, "zoom")
    assert sorted(command for command, _keys in sheet.rows()) == ["Zoom in", "Zoom out"]
    sheet.close()


def test_about_names_the_versions(qtbot: QtBot) -> None:
    QApplication.instance()
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.plain_text()
    assert f"Annotator {__version__}" in text
    assert f"Qt {qVersion()}" in text
    assert f"Python {sys.version.split()[0]}" in text
    assert f"SQLite {sqlite3.sqlite_version}" in text


def test_the_application_icon_comes_in_the_usual_sizes(qtbot: QtBot) -> None:
    from annotator.gui.app import app_icon  # noqa: PLC0415

    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == {16, 22, 24, 32, 48, 64, 128, 256, 512}
