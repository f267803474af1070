"""Opening a project to read it from the command line. A damaged file is read as it is,
read-only, as the window does, so that a researcher can still export what it holds; the
command says so on standard error. Commands that change a project refuse a damaged one."""

import sys
from pathlib import Path
from typing import TextIO

from annotator.core.backup import backups_of
from annotator.core.display import printable
from annotator.core.errors import DamagedProjectError
from annotator.core.project import Project, is_url, open_project


def open_to_read(location: str, err: TextIO | None = None) -> Project:
    """The project at ``location``, opened as usual, or read-only when its file is damaged
    (with a warning on ``err``, standard error by default)."""
    try:
        return open_project(location, create=False)
    except DamagedProjectError:
        if is_url(location):
            raise
    project = open_project(location, create=False, read_only=True, verify=False)
    print(f"annotator: warning: {printable(damaged_note(Path(location)))}", file=err or sys.stderr)
    return project


def damaged_note(path: Path) -> str:
    saved = backups_of(path)
    restore = (
        f"To work on it again, restore its newest backup, {saved[-1].name}."
        if saved
        else "`annotator check` lists the damage."
    )
    return (
        f"{path} is damaged (SQLite's check of it failed), so it was read as it is, "
        "read-only, and nothing was written to it. What lies in its damaged parts may be "
        f"missing, or stop the command. {restore}"
    )
