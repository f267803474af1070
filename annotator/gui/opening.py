"""What the window says about a project as it opens it: that it is read-only and why, that an
interrupted upgrade was completed, and what the quick check of its rows found.

The window opens a project file without waiting for SQLite's check of it (`open_project`'s
``check_later``; a file due for an upgrade is checked first all the same). The file and its
rows are checked after the window is shown, on a thread of their own: a large project takes
most of a second, the researcher can start reading meanwhile, and what the check finds is
shown as soon as it is known. A damaged file is then kept from any further writing: it stays
open read-only, to be read and exported, and the message says where the backups are."""

import logging
import threading
from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from annotator.core.backup import backups_of
from annotator.core.check import check_project
from annotator.core.db_errors import FOUND_DAMAGED, is_damage
from annotator.core.display import printable
from annotator.core.project import Project, is_url
from annotator.gui import messages

log = logging.getLogger(__name__)
SHOWN = 8


def opening_notes(project: Project) -> list[str]:
    """One paragraph per thing the user should know at once about the project just opened
    (what the row check finds comes after: `RowCheck`)."""
    notes = []
    if project.interrupted_upgrade:
        notes.append(
            "An earlier upgrade of this project to this version of Annotator was interrupted; "
            "it has been completed now, and the project was checked."
        )
    if project.read_only:
        notes.append(
            f"{_capitalised(printable(project.name))} is open read-only "
            f"({printable(project.read_only_reason)}): you can read and export it, but not "
            "change it."
        )
    return notes


def problems_note(problems: list[str], damaged: bool, location: str) -> str:
    listed = "\n".join(f"• {printable(p)}" for p in problems[:SHOWN])
    more = f"\n… and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    stopped = (
        "\nSo that nothing more is written to a damaged file, it is now open read-only: you "
        "can read and export it, but not change it."
        if damaged
        else ""
    )
    return (
        f"The quick check found {len(problems)} problem(s) in this project:\n{listed}{more}"
        f"{stopped}\nRun `annotator check` on it for the full list. {backup_note(location)}"
    )


def backup_note(location: str) -> str:
    """Where an earlier state of the project is, if anywhere."""
    if is_url(location):
        return "Earlier states are in the database server's own backups."
    found = backups_of(Path(location))
    if found:
        return f"The newest backup of it is {printable(str(found[-1]))}."
    return (
        "There is no backup of it (Annotator makes one before each upgrade and merge): "
        "export what can still be read."
    )


class RowCheck(QObject):
    """The quick check of a project's rows, run beside the window; its findings are shown
    in the window's thread once known, unless another project was opened meanwhile."""

    found = Signal(list, bool)  # the problems' messages, and whether the file is damaged

    def __init__(self, parent: QWidget | None, project: Project) -> None:
        super().__init__(parent)
        self.project = project
        self.window = parent
        self.found.connect(self._show)
        self.worker = threading.Thread(target=self._run, name="row check", daemon=True)
        self.worker.start()

    def _run(self) -> None:
        try:
            problems = check_project(
                self.project, quick=True, structure=not self.project.file_checked
            )
        except sa.exc.DatabaseError as exc:
            if not is_damage(exc):
                log.warning("the row check of %s failed", self.project.location, exc_info=True)
                return
            # A damaged page met by the queries of the rows, before SQLite's own check.
            self.found.emit([f"the file could not be read: {exc.orig}"], True)
            return
        except Exception:  # closed meanwhile: logged, not shown
            log.warning("the row check of %s did not finish", self.project.location, exc_info=True)
            return
        damaged = any(p.kind == "file" for p in problems)
        self.found.emit([p.message for p in problems], damaged)

    def _show(self, problems: list[str], damaged: bool) -> None:
        current = getattr(self.window, "project", self.project)
        if not problems or current is not self.project:
            return
        if damaged and not self.project.read_only:
            self.project.refuse_writes(FOUND_DAMAGED)
            shown = getattr(self.window, "show_title", None)
            if shown is not None:
                shown()
        messages.show_error(self.window, problems_note(problems, damaged, self.project.location))

    def wait(self) -> None:
        """Until the check has finished (before its project is closed)."""
        self.worker.join()


def announce(parent: QWidget | None, project: Project) -> RowCheck:
    """Say at once what must be said about the project just opened, and check its rows
    beside the window (`RowCheck`)."""
    notes = opening_notes(project)
    if notes:
        messages.show_error(parent, "\n\n".join(notes))
    return RowCheck(parent, project)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
