"""Where backups of a project go and how many are kept, as the user's settings say.

A backup is made before anything that rewrites a whole project (a merge, a schema upgrade).
The settings name a folder for them (empty: beside the project) and how many to keep of each
project; older ones are removed after a new one is made, never before.
"""

import logging
from pathlib import Path

from annotator.core.settings import Settings

log = logging.getLogger(__name__)


def backup_folder(project_path: Path, settings: Settings | None = None) -> Path:
    """The folder for ``project_path``'s backups (created when missing)."""
    chosen = (settings or Settings.load()).backup_folder.strip()
    folder = Path(chosen).expanduser() if chosen else project_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def prune_backups(backups: list[Path], settings: Settings | None = None) -> list[Path]:
    """Remove all but the newest backups (by modification time) of one project; the removed."""
    keep = max(1, (settings or Settings.load()).backups_to_keep)
    ordered = sorted(backups, key=lambda p: (p.stat().st_mtime, p.name))
    removed = ordered[: max(0, len(ordered) - keep)]
    for path in removed:
        try:
            path.unlink()
        except OSError as exc:
            log.warning("an old backup could not be removed: %s (%s)", path, exc)
        else:
            log.info("removed an old backup: %s", path)
    return removed
