"""Database failures in plain words: one sentence that says what happened and what to do.

SQLAlchemy and driver errors are translated here, in one place, into the application's own
errors; the original, with its SQL, goes to the log.
"""

import errno
import logging
import re
import sqlite3
import sys

import sqlalchemy as sa

from annotator.core.errors import (
    AnnotatorError,
    ConflictError,
    DamagedProjectError,
    DatabaseUnavailableError,
    DiskFullError,
    DuplicateError,
    InvalidDataError,
    ProjectBusyError,
    ReadOnlyProjectError,
)
from annotator.core.sqlite_files import BUSY_TIMEOUT_SECONDS

log = logging.getLogger(__name__)

NOTHING_SAVED = "Nothing was saved"

# What a unique column means to the user, by table and column.
UNIQUE_MEANING = {
    ("coder", "name"): "a coder with this name exists already",
    ("tag", "name"): "a tag with this name exists already",
    ("article", "uri"): "an article with the same text is in the project already",
    ("annotation", "uuid"): "this annotation is in the project already",
    ("coder_article_status", "coder_id"): "another program set the same status at that moment",
}
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (\w+)\.(\w+)")
_PG_KEY = re.compile(r"^(\w+?)_(\w+)_key$")


def _is_stale(exc: BaseException) -> bool:
    """A write the ORM found changed under it. The ORM's module is looked up, not imported:
    where it was never loaded (the quick read-only commands) no such error can arise."""
    orm_errors = sys.modules.get("sqlalchemy.orm.exc")
    return orm_errors is not None and isinstance(exc, orm_errors.StaleDataError)


def translate(
    exc: BaseException, where: str = "the project", read_only_reason: str = ""
) -> AnnotatorError | None:
    """The user's error for a database failure, or None when it is a programming error that
    must stay as it is (and reach a developer)."""
    if isinstance(exc, AnnotatorError):
        return exc
    if _is_stale(exc):
        return _logged(
            exc,
            ConflictError(
                "Someone else changed this in the meantime, so your change was not saved. "
                "Look at it again and repeat the change if it still applies."
            ),
        )
    if isinstance(exc, OSError):
        return _logged(exc, _os_error(exc, where))
    if not isinstance(exc, sa.exc.DBAPIError) or isinstance(exc, sa.exc.ProgrammingError):
        return None
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        return _logged(exc, _sqlite(orig, where, read_only_reason))
    sqlstate = getattr(orig, "sqlstate", None)
    if orig is not None and isinstance(sqlstate, str):
        return _logged(exc, _postgres(orig, sqlstate, where))
    if exc.connection_invalidated or isinstance(exc, sa.exc.OperationalError):
        return _logged(exc, _unreachable(where))
    return None


def is_damage(exc: sa.exc.DBAPIError) -> bool:
    """The database found its file broken (not busy, full or refused)."""
    orig = exc.orig
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(orig)


def _logged(exc: BaseException, error: AnnotatorError) -> AnnotatorError:
    log.warning("%s (%s)", error, type(exc).__name__, exc_info=exc)
    return error


def _busy(where: str) -> ProjectBusyError:
    return ProjectBusyError(
        f"{_cap(where)} is busy: another program or window kept it locked for more than "
        f"{BUSY_TIMEOUT_SECONDS:g} seconds. {NOTHING_SAVED}; try again in a moment."
    )


def _full(where: str) -> DiskFullError:
    return DiskFullError(
        f"The disk holding {where} is full. {NOTHING_SAVED}; free some space and try again."
    )


FOUND_DAMAGED = "the quick check found the file damaged"
"""Why a project found damaged after it was opened reads only (`Project.refuse_writes`)."""


def _read_only(where: str, reason: str) -> ReadOnlyProjectError:
    why = f" ({reason})" if reason else ""
    advice = (
        "Export what can still be read; if there is a backup of it (a .bak file, made "
        "before each upgrade and merge), restore the newest to work on. `annotator check` "
        "lists what is damaged."
        if reason == FOUND_DAMAGED
        else "To work in it, copy it to a folder you can write to and open the copy."
    )
    return ReadOnlyProjectError(
        f"{_cap(where)} is open read-only{why}: you can read and export it, but not change "
        f"it. {advice}"
    )


def _unreachable(where: str) -> DatabaseUnavailableError:
    return DatabaseUnavailableError(
        f"{_cap(where)} could not be reached. {NOTHING_SAVED}; check the connection to the "
        "database server (or the disk) and try again."
    )


def _damaged(where: str) -> DamagedProjectError:
    return DamagedProjectError(
        f"{_cap(where)} is damaged: the database reports a broken file. {NOTHING_SAVED}. "
        "Run `annotator check` on it, and restore it from its newest backup (a .bak file "
        "beside it)."
    )


def _duplicate(meaning: str) -> DuplicateError:
    return DuplicateError(f"That cannot be saved: {meaning}. {NOTHING_SAVED}.")


def _invalid(detail: str) -> InvalidDataError:
    return InvalidDataError(f"That cannot be saved: {detail}. {NOTHING_SAVED}.")


def _sqlite(orig: sqlite3.Error, where: str, read_only_reason: str) -> AnnotatorError:
    name = getattr(orig, "sqlite_errorname", "") or ""
    message = str(orig)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in message:
        return _busy(where)
    if name.startswith("SQLITE_FULL") or "disk is full" in message:
        return _full(where)
    if name.startswith("SQLITE_READONLY") or "readonly database" in message:
        return _read_only(where, read_only_reason)
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in message:
        return _damaged(where)
    if name in {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}:
        match = _SQLITE_UNIQUE.search(message)
        key = (match.group(1), match.group(2)) if match else ("", "")
        return _duplicate(UNIQUE_MEANING.get(key, "it exists already"))
    if name.startswith("SQLITE_CONSTRAINT_FOREIGNKEY"):
        return _invalid("it refers to something that was deleted in the meantime")
    if name.startswith("SQLITE_CONSTRAINT"):
        return _invalid("a value is missing or out of range")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return _unreachable(where)
    return _invalid(message)


def _postgres(orig: BaseException, sqlstate: str, where: str) -> AnnotatorError:
    diag = getattr(orig, "diag", None)
    if sqlstate == "23505":
        table = getattr(diag, "table_name", "") or ""
        constraint = getattr(diag, "constraint_name", "") or ""
        match = _PG_KEY.match(constraint)
        column = match.group(2) if match else ""
        return _duplicate(UNIQUE_MEANING.get((table, column), "it exists already"))
    if sqlstate == "23503":
        return _invalid("it refers to something that was deleted in the meantime")
    if sqlstate.startswith("23"):
        return _invalid("a value is missing or out of range")
    if sqlstate.startswith("22"):
        detail = getattr(diag, "message_primary", "") or "a value the database refuses"
        return _invalid(detail.rstrip("."))
    if sqlstate in ("40001", "40P01", "55P03"):
        return _busy(where)
    if sqlstate == "53100":
        return _full(where)
    if sqlstate == "25006":
        return _read_only(where, "the server allows reading only")
    if sqlstate.startswith("XX"):
        return _damaged(where)
    if sqlstate.startswith(("08", "57", "53")):
        return _unreachable(where)
    return _invalid(getattr(diag, "message_primary", "") or str(orig).splitlines()[0])


def _os_error(exc: OSError, where: str) -> AnnotatorError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(where)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _read_only(where, exc.strerror or "")
    return _unreachable(where)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
