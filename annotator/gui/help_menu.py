"""The Help menu: the keyboard-shortcut sheet, built from the window's real actions so that it
cannot drift from them; About, with the versions of everything a bug report needs; and the
settings dialog's wiring into the window."""

import sqlite3
import sys
from typing import TYPE_CHECKING

import sqlalchemy
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator import APP_NAME, __version__
from annotator.core.logs import log_dir
from annotator.core.paths import config_dir, data_dir
from annotator.gui.window_layout import fit_on_screen

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def shortcut_text(action: QAction) -> str:
    """An action's shortcuts as the platform writes them, or "" when it has none."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    return ", ".join(k for k in keys if k)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action, shortcuts)]) for every menu action that has a key."""
    sheet: list[tuple[str, list[tuple[str, str]]]] = []
    for top in menu_bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = [
            (action.text().replace("&", "").rstrip("…").strip(), shortcut_text(action))
            for action in menu.actions()
            if not action.isSeparator() and shortcut_text(action)
        ]
        if rows:
            sheet.append((top.text().replace("&", ""), rows))
    return sheet


def tag_keys(window: "MainWindow") -> list[tuple[str, str]]:
    """The codebook's keys: a key codes the selection (or re-tags the chosen span)."""
    return [(f"Tag as {t.name}", str(t.shortcut)) for t in window.session.tags if t.shortcut]


class ShortcutSheet(QDialog):
    """Every keyboard shortcut of the window, by menu, with a filter."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutSheet")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter: type part of a command or a key")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        sections = menu_shortcuts(window.menuBar())
        tags = tag_keys(window)
        if tags:
            sections.append(("Codebook (the text has the focus)", tags))
        for title, rows in sections:
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for command, keys in rows:
                QTreeWidgetItem(group, [command, keys])
        self.tree.expandAll()
        self.filter.textChanged.connect(self.apply_filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        fit_on_screen(self, 520, 560)

    def groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            assert group is not None
            children = [group.child(j) for j in range(group.childCount())]
            found.append((group, [c for c in children if c is not None]))
        return found

    def rows(self) -> list[tuple[str, str]]:
        """The visible (command, keys) rows, for tests and for the filter."""
        return [
            (item.text(0), item.text(1))
            for _group, items in self.groups()
            for item in items
            if not item.isHidden()
        ]

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for group, items in self.groups():
            visible = 0
            for item in items:
                match = not needle or needle in f"{item.text(0)} {item.text(1)}".lower()
                item.setHidden(not match)
                visible += match
            group.setHidden(visible == 0)


def versions() -> list[tuple[str, str]]:
    return [
        (APP_NAME, __version__),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("Python", sys.version.split()[0]),
        ("SQLite", sqlite3.sqlite_version),
        ("SQLAlchemy", sqlalchemy.__version__),
    ]


def about_text() -> str:
    rows = "".join(f"<tr><td>{name}</td><td><b>{v}</b></td></tr>" for name, v in versions())
    folders = (
        f"<tr><td>Settings</td><td>{config_dir()}</td></tr>"
        f"<tr><td>Data</td><td>{data_dir()}</td></tr>"
        f"<tr><td>Log</td><td>{log_dir()}</td></tr>"
    )
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Hand-coding of news articles and reports for policy research. Everything you do "
        "is saved at once in the project.</p>"
        f"<table cellspacing='4'>{rows}</table><p>Folders:</p>"
        f"<table cellspacing='4'>{folders}</table>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        text = QLabel(about_text())
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setMinimumWidth(440)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(96, 96))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def plain_text(self) -> str:
        return "\n".join(f"{name} {version}" for name, version in versions())


def add_help_actions(window: "MainWindow", help_menu: QMenu) -> None:
    """Keyboard shortcuts (F1) and About in the Help menu."""
    sheet = QAction("&Keyboard shortcuts", window)
    sheet.setObjectName("shortcutSheetAction")
    keys = {QKeySequence("F1").toString(): QKeySequence("F1")}
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents):
        if key.toString() != "Help":  # the Help key of old keyboards: F1 is enough to name
            keys.setdefault(key.toString(), key)
    sheet.setShortcuts(list(keys.values()))
    sheet.triggered.connect(lambda: show_shortcuts(window))
    window.addAction(sheet)
    help_menu.addAction(sheet)
    help_menu.addSeparator()
    about = QAction(f"&About {APP_NAME}", window)
    about.triggered.connect(lambda: AboutDialog(window).exec())
    window.addAction(about)
    help_menu.addAction(about)


def show_shortcuts(window: "MainWindow") -> ShortcutSheet:
    sheet = ShortcutSheet(window)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.show()
    return sheet
