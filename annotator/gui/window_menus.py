"""The main window's menus and their actions: built once, each action added to the window too,
so that its shortcut works wherever the focus is."""

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from annotator.gui.coder_menu import CoderMenu
from annotator.gui.help_menu import add_help_actions
from annotator.gui.settings_dialog import open_settings

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def window_action(
    window: "MainWindow",
    text: str,
    slot: Any,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | list[str] | None = None,
    *,
    checkable: bool = False,
    checked: bool = False,
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if checkable:
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(slot)
    else:
        action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_menus(window: "MainWindow") -> None:
    """The window's menus: File, Edit, View, Code, Team and Help, each action also on the window
    so its shortcut works wherever the focus is."""
    keys = QKeySequence.StandardKey
    transfers = window.transfers
    menu = window.menuBar().addMenu("&File")
    menu.addAction(window_action(window, "&New project…", window.choose_new_project, keys.New))
    menu.addAction(window_action(window, "&Open project…", window.choose_project, keys.Open))
    menu.addAction(window_action(window, "Connect to a &server…", window.team.connect_to_server))
    menu.addSeparator()
    # On a team's server these are the lead's (team.py disables them for a coder).
    window.lead_actions = [
        window_action(window, "&Import articles…", transfers.choose_import, "Ctrl+I"),
        window_action(window, "Import a &folder…", transfers.choose_import_folder, "Ctrl+Shift+I"),
    ]
    menu.addActions(window.lead_actions)
    menu.addAction(
        window_action(
            window, "Import a&nnotations (W3C JSON)…", transfers.choose_import_annotations
        )
    )
    window.lead_actions.append(window_action(window, "&Merge projects…", transfers.choose_merge))
    menu.addAction(window.lead_actions[-1])
    menu.addAction(window_action(window, "&Export…", transfers.choose_export, "Ctrl+E"))
    menu.addSeparator()
    menu.addAction(window_action(window, "&Quit", window.close, keys.Quit))

    _edit_menu(window)
    _view_menu(window)
    _code_menu(window)
    window.team.add_menu()
    window.suggestions.add_menu_action(window.team.menu)
    help_menu = window.menuBar().addMenu("&Help")
    add_help_actions(window, help_menu)


def _edit_menu(window: "MainWindow") -> None:
    keys = QKeySequence.StandardKey
    coding = window.coding
    edit = window.menuBar().addMenu("&Edit")
    # Undo and redo go through the coding actions, which show what a step changed.
    undo = window_action(window, "&Undo", coding.undo, keys.Undo)
    redo = window_action(window, "&Redo", coding.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
    stack = window.undo_stack
    undo.setEnabled(False)
    redo.setEnabled(False)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}".strip()))
    stack.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}".strip()))
    edit.addAction(undo)
    edit.addAction(redo)
    edit.addSeparator()
    edit.addAction(window_action(window, "Edit &note…", coding.note_current, "Ctrl+M"))
    edit.addAction(window_action(window, "Change &tag…", coding.retag_current, "Ctrl+T"))
    edit.addAction(window_action(window, "&Delete annotation\tDel", coding.delete_current))
    edit.addAction(
        window_action(
            window, "End one character &later", lambda: coding.resize(0, 1), "Shift+Alt+Right"
        )
    )
    edit.addAction(
        window_action(
            window, "End one character &earlier", lambda: coding.resize(0, -1), "Shift+Alt+Left"
        )
    )
    edit.addAction(
        window_action(
            window,
            "Start one character earlier",
            lambda: coding.resize(-1, 0),
            "Ctrl+Shift+Alt+Left",
        )
    )
    edit.addAction(
        window_action(
            window, "Start one character later", lambda: coding.resize(1, 0), "Ctrl+Shift+Alt+Right"
        )
    )
    edit.addSeparator()
    edit.addAction(window_action(window, "&Find…", window.find_bar.open_bar, keys.Find))
    edit.addAction(
        window_action(
            window, "Code &all matches…", lambda: coding.code_all_matches("", False), "Ctrl+Shift+F"
        )
    )
    edit.addSeparator()
    edit.addAction(window_action(window, "&Settings…", lambda: open_settings(window), "Ctrl+,"))


def _view_menu(window: "MainWindow") -> None:
    keys = QKeySequence.StandardKey
    coding = window.coding
    view = window.menuBar().addMenu("&View")
    window.show_others_action = window_action(
        window,
        "Show &other coders' annotations",
        window.set_show_others,
        "Ctrl+Shift+O",
        checkable=True,
        checked=window.settings.show_other_coders,
    )
    view.addAction(window.show_others_action)
    window.snap_action = window_action(
        window,
        "&Snap selections to whole words",
        window.set_snap,
        checkable=True,
        checked=window.settings.snap_to_words,
    )
    view.addAction(window.snap_action)
    window.suggestions_action = window_action(
        window,
        "Su&ggestions panel",
        window.suggestions.set_panel_shown,
        checkable=True,
        checked=window.settings.show_suggestions,
    )
    view.addAction(window.suggestions_action)
    view.addSeparator()
    view.addAction(
        window_action(
            window, "&Next annotation", lambda: coding.step_annotation(+1), ["F8", "Alt+Down"]
        )
    )
    view.addAction(
        window_action(
            window,
            "&Previous annotation",
            lambda: coding.step_annotation(-1),
            ["Shift+F8", "Alt+Up"],
        )
    )
    view.addSeparator()
    view.addAction(window_action(window, "Zoom &in", lambda: window.zoom(+1), keys.ZoomIn))
    view.addAction(window_action(window, "Zoom &out", lambda: window.zoom(-1), keys.ZoomOut))
    view.addSeparator()
    window.corpus.add_menu_actions(view)


def _code_menu(window: "MainWindow") -> None:
    coding = window.coding
    code = window.menuBar().addMenu("&Code")
    window.code_menu = code
    code.addAction(
        window_action(window, "Mark &done and open the next", coding.mark_done_and_next, "Ctrl+D")
    )
    window.coder_menu = CoderMenu(window)
    code.addMenu(window.coder_menu)
    code.addAction(window_action(window, "C&oders…", window.show_coders))
    # A coder's connection reads only their own work: agreement and review are the lead's.
    window.lead_actions += [
        window_action(window, "&Agreement…", window.show_agreement, "Ctrl+Shift+G"),
        window_action(window, "&Review disagreements…", window.show_review, "Ctrl+R"),
    ]
    code.addActions(window.lead_actions[-2:])
    window.fixed_code_actions = len(code.actions())
