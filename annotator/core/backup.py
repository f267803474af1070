"""Backups of a project file, taken before a change that cannot be undone (an upgrade of its
schema, a merge), in the folder the settings name (beside the project by default); only as
many are kept as the settings say, the oldest removed after a new one is made.

A backup is taken with SQLite's online backup API, so it holds every committed change,
including what is still in the write-ahead log, and is consistent even while others write.
It is written under a temporary name, opened and checked, and only then given its own
name, which no other backup ever takes: a backup is never overwritten.
"""

import logging
import os
import secrets
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.backup_policy import backup_folder, prune_backups
from annotator.core.errors import AnnotatorError
from annotator.core.files import FileWriteError, describe_os_error, publish_new, temporary_name
from annotator.core.sqlite_files import Access, connect_for_reading, remove_database_file

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bak"


class BackupError(AnnotatorError):
    """A backup could not be made or did not check out; nothing else was done."""


def backup_name(path: Path, reason: str) -> Path:
    """A name beside ``path`` that says when and why, and that no other backup has."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.{reason}-{stamp}-{secrets.token_hex(3)}{BACKUP_SUFFIX}")


def backups_of(path: Path, reason: str = "") -> list[Path]:
    """The backups of ``path`` (made for ``reason``, when given), oldest first."""
    prefix = f"{path.name}.{reason}"
    found = [
        p
        for p in backup_folder(path).glob("*" + BACKUP_SUFFIX)
        if p.name.startswith(prefix) and p.name != path.name
    ]
    return sorted(found, key=lambda p: p.name[len(path.name) :])


def backup_project(project_or_path: "Project | Path | str", reason: str) -> Path:
    """Copy a project file aside before ``reason`` (a word or two, used in the name); the
    backup's path. Raises :class:`BackupError` when it cannot be made or checked."""
    location = getattr(project_or_path, "location", project_or_path)
    path = Path(str(location))
    if "://" in str(location):
        raise BackupError("A project on a database server is backed up by its administrator.")
    try:
        folder = backup_folder(path)
    except OSError as exc:
        raise FileWriteError(describe_os_error(Path(exc.filename or path.parent), exc)) from exc
    partial = temporary_name(folder / path.name)
    try:
        copy_project_file(path, partial)
        target = _claim_name(partial, folder / path.name, reason)
    except sqlite3.Error as exc:
        raise BackupError(
            f"No backup of {path} could be made ({exc}); nothing was changed. "
            "Check the disk, or run `annotator check` on the project."
        ) from exc
    except OSError as exc:
        raise FileWriteError(
            describe_os_error(path.with_name(path.name + BACKUP_SUFFIX), exc)
            + " Nothing was changed."
        ) from exc
    finally:
        remove_database_file(partial)
    log.info("backed up %s to %s", path, target)
    prune_backups([p for p in backups_of(path) if p != target] + [target])
    return target


def copy_project_file(source: Path, target: Path, access: Access | None = None) -> None:
    """Copy the project ``source`` to the new file ``target`` and check the copy."""
    _copy(source, target, access)
    _verify(target)


def _copy(source: Path, partial: Path, access: Access | None = None) -> None:
    # The source is opened so that it is never written to; the copy is complete and
    # consistent even when other programs write to the project meanwhile.
    src = connect_for_reading(source, access)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # The backup is a plain file on its own: no write-ahead log to carry with it.
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())


def _verify(partial: Path) -> None:
    conn = sqlite3.connect(partial.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        findings = [row[0] for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()
    if findings != ["ok"]:
        raise sqlite3.DatabaseError("the copy did not check out: " + "; ".join(findings[:3]))


def _claim_name(partial: Path, path: Path, reason: str) -> Path:
    # A new name is never taken by another backup, even one made in the same second by
    # another program: publishing refuses a name that exists.
    for _attempt in range(10):
        target = backup_name(path, reason)
        try:
            publish_new(partial, target)
        except FileExistsError:
            continue
        return target
    raise OSError("no free backup name was found")
