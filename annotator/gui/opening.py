"""What the window says about a project as it opens it: that it is read-only and why, that an
interrupted upgrade was completed, and what the quick check found."""

from PySide6.QtWidgets import QWidget

from annotator.core.check import check_project
from annotator.core.display import printable
from annotator.core.project import Project
from annotator.gui import messages

SHOWN = 8


def opening_notes(project: Project) -> list[str]:
    """One paragraph per thing the user should know about the project just opened."""
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
    # The file's own structure was checked as it was opened.
    problems = check_project(project, quick=True, structure=False)
    if problems:
        listed = "\n".join(f"• {printable(p.message)}" for p in problems[:SHOWN])
        more = f"\n… and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        notes.append(
            f"The quick check found {len(problems)} problem(s) in this project:\n{listed}{more}"
            "\nRun `annotator check` on it for the full list; the .bak files beside it hold "
            "earlier states."
        )
    return notes


def announce(parent: QWidget | None, project: Project) -> None:
    notes = opening_notes(project)
    if notes:
        messages.show_error(parent, "\n\n".join(notes))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
