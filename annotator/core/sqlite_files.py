"""SQLite project files: engines for any file name, read-only opening, and the checks a file
passes before it is trusted.

Every URL is built with ``sqlalchemy.URL.create`` (a name may hold ``# ? % & ' "``), and a
file that is only looked at is opened so that nothing is left beside it: a writable file
through a connection that refuses to write (``PRAGMA query_only``), which removes its
``-wal``/``-shm`` when it closes, and a file that cannot be written with ``mode=ro``.
"""

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from annotator.core.settings import Settings

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
# How long a write waits for another program's write to finish before it gives up.
BUSY_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Access:
    """How a project file can be opened: ``reason`` says why it is read-only ("" if not)."""

    reason: str = ""
    immutable: bool = False

    @property
    def read_only(self) -> bool:
        return bool(self.reason)


def sqlite_url(path: Path) -> sa.URL:
    return sa.URL.create("sqlite", database=str(Path(path).absolute()))


def sqlite_uri_url(path: Path, **options: str) -> sa.URL:
    """A URL naming the file as a quoted SQLite ``file:`` URI with ``options``."""
    uri = Path(path).absolute().as_uri().replace("file://", "file:", 1)
    return sa.URL.create("sqlite", database=uri, query={**options, "uri": "true"})


def file_access(path: Path) -> Access:
    """Whether ``path`` (an existing file) can be written, and why not when it cannot."""
    folder = path.absolute().parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return Access(f"the disk holding {folder} is read-only", _immutable(path))
    except (AttributeError, OSError):
        pass  # no statvfs on this platform: the checks below still hold
    if not os.access(path, os.W_OK):
        return Access("the file is read-only", immutable=False)
    if not os.access(folder, os.W_OK):
        return Access(f"the folder {folder} is read-only", _immutable(path))
    return Access()


def _immutable(path: Path) -> bool:
    # In a folder nobody here can write to, SQLite cannot make the shared-memory file a
    # read-only reader needs; a file without a write-ahead log beside it is complete and
    # can be read as immutable. With a log beside it, the log must be read too.
    return not Path(f"{path}-wal").exists()


def _pragmas(*statements: str) -> Any:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for statement in statements:
            cursor.execute(statement)
        cursor.close()

    return apply


def writing_engine(path: Path, flush_every_action: bool | None = None) -> Engine:
    """The engine of a project the user works in: WAL, foreign keys, a busy timeout.

    In WAL mode ``synchronous=NORMAL`` (the default) commits without waiting for the disk:
    the log is flushed at checkpoints. A crash of the application (or of anything but the
    operating system) loses nothing that was committed; a power cut or a system crash may
    lose the last transactions before the latest checkpoint, never the file's consistency.
    ``synchronous=FULL`` flushes the log at every commit (the setting "Flush every action to
    disk", `Settings.flush_every_action`, read when None is given)."""
    if flush_every_action is None:
        flush_every_action = Settings.load().flush_every_action
    synchronous = "FULL" if flush_every_action else "NORMAL"
    engine = sa.create_engine(sqlite_url(path), connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    sa.event.listen(
        engine,
        "connect",
        _pragmas(
            "PRAGMA foreign_keys=ON",
            "PRAGMA journal_mode=WAL",
            f"PRAGMA synchronous={synchronous}",
        ),
    )
    return engine


def reading_engine(path: Path, access: Access | None = None) -> Engine:
    """An engine that cannot change the file and leaves nothing beside it."""
    access = access if access is not None else file_access(path)
    if not access.read_only:
        engine = sa.create_engine(
            sqlite_url(path),
            poolclass=sa.pool.NullPool,
            connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
        )
        sa.event.listen(engine, "connect", _pragmas("PRAGMA query_only=ON"))
        return engine
    options = {"mode": "ro"}
    if access.immutable:
        options["immutable"] = "1"
    return sa.create_engine(
        sqlite_uri_url(path, **options),
        poolclass=sa.pool.NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
    )


def migrating_engine(path: Path) -> Engine:
    """An engine whose transactions include schema changes (SQLite's DDL is transactional,
    but Python's driver commits around it unless told not to), each taken with the write
    lock at once. Foreign keys are off while tables are rebuilt and checked before commit."""
    engine = sa.create_engine(
        sqlite_url(path),
        poolclass=sa.pool.NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
    )

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        _pragmas("PRAGMA foreign_keys=OFF", "PRAGMA journal_mode=WAL")(dbapi_connection, _record)

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def connect_for_reading(path: Path, access: Access | None = None) -> sqlite3.Connection:
    """A plain driver connection that cannot change ``path`` and leaves nothing beside it."""
    access = access if access is not None else file_access(path)
    if not access.read_only:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        conn.execute("PRAGMA query_only=ON")
        return conn
    uri = Path(path).absolute().as_uri() + "?mode=ro" + ("&immutable=1" if access.immutable else "")
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)


def has_sqlite_magic(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def quick_check(conn: sa.Connection, *, full: bool = False) -> list[str]:
    """SQLite's own check of the file's structure: an empty list when it is sound."""
    pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
    findings = [str(row[0]) for row in conn.exec_driver_sql(pragma)]
    return [] if findings == ["ok"] else findings


def foreign_key_problems(conn: sa.Connection) -> list[str]:
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    return [
        f"row {rowid} of {table} points to a missing {parent}" for table, rowid, parent, _ in rows
    ]


def remove_database_file(path: Path) -> None:
    """Remove an unfinished database file and the journal files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
