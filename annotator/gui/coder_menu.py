"""Code > Coder: the project's coders to choose from, and "New coder…" apart, so a typo never
makes a new coder by accident."""

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from annotator.core.coders import list_coders
from annotator.core.models import CoderKind
from annotator.gui import messages

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class CoderMenu(QMenu):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__("Cod&er", window)
        self.setObjectName("coderMenu")
        self.window_ = window
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        group = QActionGroup(self)
        current = self.window_.session.coder.id
        for coder in list_coders(self.window_.project):
            if coder.kind != CoderKind.PERSON.value:
                continue
            action = QAction(coder.name, self)
            action.setCheckable(True)
            action.setChecked(coder.id == current)
            action.triggered.connect(
                lambda _checked=False, name=coder.name: self.window_.switch_to_coder(name)
            )
            group.addAction(action)
            self.addAction(action)
        self.addSeparator()
        new = QAction("&New coder…", self)
        new.triggered.connect(self.new_coder)
        self.addAction(new)

    def new_coder(self) -> None:
        """Ask for a new coder's name; a name the project knows already is refused."""
        window = self.window_
        name = messages.ask_text(window, "New coder", "Name of the new coder:", "")
        clean = " ".join((name or "").split())
        if not clean:
            if name is not None:
                window.statusBar().showMessage("A coder needs a name; nobody was added.", 6000)
            return
        known = {c.name.casefold(): c.name for c in list_coders(window.project)}
        if clean.casefold() in known:
            messages.show_error(
                window,
                f"There is already a coder named {known[clean.casefold()]}. "
                "Choose them in Code > Coder.",
            )
            return
        window.switch_to_coder(clean)
