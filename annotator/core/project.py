"""Opening, creating and migrating a project: an SQLite file or a database URL.

Anything that is not a project of this application is refused before it is written to, so a
wrong file picked by mistake is left exactly as it was. A new project file is built under a
temporary name and appears under its own name only when complete. A project that cannot be
written (a read-only file, folder or disk) opens read-only and says so.
"""

import logging
import os
import shutil
import stat
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from annotator.core.backup import backup_project, backups_of, copy_project_file
from annotator.core.changes import ChangeFeed
from annotator.core.db_errors import translate
from annotator.core.errors import (
    AnnotatorError,
    DamagedProjectError,
    DatabaseUnavailableError,
    DiskFullError,
    NotAProjectError,
    NotPermittedError,
    ReadOnlyProjectError,
)
from annotator.core.files import publish_new, temporary_name
from annotator.core.limits import enforce_limits
from annotator.core.schema import (
    APPLICATION_ID,
    create_schema,
    head_revisions,
    inspect_schema,
    schema_lock,
    upgrade_schema,
)
from annotator.core.sqlite_files import (
    Access,
    file_access,
    has_sqlite_magic,
    migrating_engine,
    quick_check,
    reading_engine,
    remove_database_file,
    writing_engine,
)
from annotator.core.team.change_log import label_connections
from annotator.core.team.server_errors import explain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = ["APPLICATION_ID", "Project", "is_url", "open_project"]
log = logging.getLogger(__name__)

_head_revisions = head_revisions  # kept for callers that ask the project module


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's code for a right or a row policy refused


def is_url(location: str) -> bool:
    return "://" in location


def public_location(location: str) -> str:
    """The location without a password (a server's URL may carry one)."""
    if not is_url(location):
        return location
    try:
        url = sa.make_url(location)
    except sa.exc.ArgumentError:
        return location
    bare = sa.URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)


def upgrade_reason(head: str) -> str:
    return f"before-upgrade-to-{head}"


class Project:
    """An open project: the database engine and a factory of sessions.

    Every service call commits its own work at once, so nothing waits for a "Save".
    ``read_only_reason`` says why the project cannot be changed ("" when it can).
    """

    def __init__(
        self,
        engine: Engine,
        location: str,
        *,
        read_only_reason: str = "",
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.engine = engine
        # A server's address never carries its password here: the location is shown, logged
        # and remembered among the recent projects.
        self.location = public_location(location)
        # Names this program's writes in the change log, so that its window tells them from
        # the other members' (annotator/core/team/live.py).
        self.client = uuid.uuid4().hex
        label_connections(engine, self.client)
        self.read_only_reason = read_only_reason
        self.upgraded: list[str] = []
        self.backup: Path | None = None
        self.interrupted_upgrade = False
        self.file_checked = True  # False: opened with ``check_later``, not yet checked
        self._on_close = on_close
        self._sessions: sessionmaker[Session] | None = None  # made at the first session
        self.changes = ChangeFeed()  # every committed write is announced here

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def refuse_writes(self, reason: str) -> None:
        """Write nothing more from now on (a check found the file damaged): every connection
        reads only, and a write fails with a `ReadOnlyProjectError` giving ``reason``."""
        log.warning("%s: writing stopped: %s", self.location, reason)
        self.read_only_reason = reason
        if self.dialect == "sqlite":
            sa.event.listen(self.engine, "connect", _query_only)
            self.engine.dispose()  # connections already made are closed as they come back

    @property
    def name(self) -> str:
        """How the user knows the project: its file name, or the server's database."""
        if is_url(self.location):
            url = self.engine.url
            return f"the team project {url.database} on {url.host or 'this computer'}"
        return f"the project {Path(self.location).name}"

    @contextmanager
    def session(self) -> Iterator["Session"]:
        """A session whose work is committed on success and rolled back on any error.

        A database failure arrives as an :class:`AnnotatorError` that says what to do.
        """
        with self._translated_errors(), self._session_factory()() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A connection for reading with SQLAlchemy Core alone, failures translated as a
        session's are. A command that only reads (``annotator info``) never loads the ORM."""
        with self._translated_errors(), self.engine.connect() as connection:
            yield connection

    def _session_factory(self) -> "sessionmaker[Session]":
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker  # noqa: PLC0415  (see `reading`)

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            enforce_limits(self._sessions)
        return self._sessions

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except sa.exc.SQLAlchemyError as exc:
            if getattr(getattr(exc, "orig", None), "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
                raise NotPermittedError() from exc
            # (An OSError in the block concerns some other file, and says so itself.)
            error = translate(exc, self.name, self.read_only_reason)
            if error is None:
                raise
            raise error from exc

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def fold_journal(self) -> None:
        """Fold SQLite's write-ahead journal (the ``-wal`` file beside the project) into the
        project file, so that the file alone holds every committed change: a copy of it made
        now, without the journal, misses nothing. Passive: it waits for no reader or writer
        and folds what it can. Nothing to do on a server, or in a project open read-only."""
        if self.dialect != "sqlite" or self.read_only:
            return
        try:
            with self.engine.connect() as connection:
                # Its row read and its statement closed here, on this thread: a statement left
                # open would be finalised whenever the garbage is collected, on any thread,
                # while another thread may be using the same pooled connection.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").all()
        except sa.exc.DBAPIError:  # busy or gone: the next change, or closing, folds it
            log.debug("journal not folded", exc_info=True)

    def close(self) -> None:
        self.engine.dispose()
        if self._on_close is not None:
            self._on_close()
            self._on_close = None

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def open_project(
    location: str | Path,
    *,
    create: bool = True,
    read_only: bool = False,
    verify: bool = True,
    untouched: bool = False,
    check_later: bool = False,
) -> Project:
    """Open the project at ``location`` (a file path or a SQLAlchemy URL), migrating it to
    the current schema; create it when missing and ``create`` is true.

    ``read_only`` opens it without writing to it; an older schema is then upgraded in a
    temporary copy. ``untouched`` (someone else's project, to merge) also leaves everything
    beside the file as it is: SQLite's own files are neither made nor folded in.
    ``verify`` runs SQLite's quick check first and refuses a damaged file. ``check_later``
    (the window, which checks a large file beside itself once shown) leaves that check to the
    caller when no upgrade is due: the project's ``file_checked`` is then False, and
    `Project.refuse_writes` stops its writing if the check finds damage.
    """
    text = str(location)
    try:
        if is_url(text):
            url = _parse_url(text)
            if url.get_backend_name() != "sqlite":
                return _open_server(text, create=create, read_only=read_only or untouched)
            if not url.database or url.database == ":memory:":
                raise NotAProjectError(f"{text} names no project file.")
            text = url.database  # an SQLite URL is a file, opened with every care a file gets
        path = Path(text).expanduser()
        return _open_file(path, create, read_only, verify, untouched, check_later)
    except sa.exc.SQLAlchemyError as exc:
        error = translate(exc, text if is_url(text) else f"the project {Path(text).name}")
        if error is None:
            raise
        raise error from exc


def _parse_url(text: str) -> sa.URL:
    try:
        url = sa.make_url(text)
        url.get_dialect()
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise NotAProjectError(
            f"{text} is not a database address Annotator can open: give a project file, or "
            "a URL such as postgresql+psycopg://user@host/database."
        ) from exc
    return url


def _open_server(url: str, *, create: bool, read_only: bool) -> Project:
    engine = sa.create_engine(url, pool_pre_ping=True)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with schema_lock(engine):
            with engine.connect() as conn:
                revision = inspect_schema(conn, where)
            if revision is None:
                if not create or read_only:
                    raise NotAProjectError(f"{where} holds no project.")
                create_schema(engine)
            elif revision != head_revisions()[1]:
                if read_only:
                    raise ReadOnlyProjectError(
                        f"{where} must be upgraded to this version of Annotator before it can "
                        "be read; open it once for work (not read-only) to upgrade it."
                    )
                _upgrade_server(engine, where, revision)
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        # The server's refusals (unreachable, a wrong password, no such database or user,
        # no right to connect or to read) each have their own sentence of what to do.
        refused = getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
        if refused:
            raise NotPermittedError(explain(exc, engine.url)) from exc
        if isinstance(exc, sa.exc.OperationalError):
            raise DatabaseUnavailableError(explain(exc, engine.url)) from exc
        raise
    except BaseException:
        engine.dispose()
        raise
    if read_only:
        sa.event.listen(engine, "connect", _server_read_only)
        engine.dispose()
        return Project(engine, url, read_only_reason="opened for reading only")
    return Project(engine, url)


def _upgrade_server(engine: Engine, where: str, revision: str) -> None:
    """Upgrade a server's project; a member's login may not, and is told who may."""
    try:
        upgrade_schema(engine, where)
    except sa.exc.DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        head = head_revisions()[1]
        raise NotPermittedError(
            f"{public_location(where)} holds a project of an older schema ({revision}) than "
            f"this version of Annotator ({head}), and only the server's administrator may "
            "upgrade it: ask them to run `annotator serve-init` on it again with this version "
            "(it upgrades the project and gives the team its rights on what is new). It was "
            "left untouched."
        ) from exc


def _server_read_only(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()  # type: ignore[attr-defined]


READING = "opened for reading only"


def _open_file(
    path: Path, create: bool, read_only: bool, verify: bool, untouched: bool, check_later: bool
) -> Project:
    if not path.exists():
        if not create or read_only or untouched:
            raise NotAProjectError(f"There is no project at {path}.")
        _create_file(path)
    access = _check_file(path)
    if untouched or access.read_only:
        if Path(f"{path}-wal").exists():
            # Work in the log (of a program still writing, or one that crashed) can be read
            # in place only by making SQLite's shared-memory file beside it: read a copy.
            return _open_copy(path, access.reason or READING, access, whole=True, verify=verify)
        if untouched:
            access = Access(access.reason or READING, immutable=True)
    elif _disk_full(path) and not Path(f"{path}-shm").exists():
        # SQLite would leave an empty log and shared-memory file it cannot fill.
        raise _full_disk(path)
    reason = access.reason or (READING if read_only else "")
    deferred = verify and check_later
    revision = _inspect_file(path, access, verify and not deferred)
    _known, head = head_revisions()
    if deferred and revision != head:
        _inspect_file(path, access, verify=True)  # a file is checked before it is upgraded
        deferred = False
    if revision != head and reason:
        return _open_copy(path, reason, access, whole=False, verify=False)
    if reason:
        project = Project(reading_engine(path, access), str(path), read_only_reason=reason)
        project.file_checked = not deferred
        return project
    project = Project(writing_engine(path), str(path))
    project.file_checked = not deferred
    if revision != head:
        project.interrupted_upgrade = bool(backups_of(path, upgrade_reason(head)))
        try:
            project.backup = backup_project(path, upgrade_reason(head))
            engine = migrating_engine(path)
            try:
                project.upgraded = upgrade_schema(engine, str(path))
            finally:
                engine.dispose()
        except BaseException:
            project.close()
            raise
    return project


def _check_file(path: Path) -> Access:
    """Refuse what is not an SQLite file, without blocking on a pipe or reading a device."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise NotAProjectError(f"{path} cannot be read: {exc.strerror}.") from exc
    if stat.S_ISDIR(mode):
        raise NotAProjectError(f"{path} is a folder, not a project file.")
    if not stat.S_ISREG(mode):
        raise NotAProjectError(f"{path} is not a regular file, so it is not a project.")
    try:
        magic = has_sqlite_magic(path)
    except OSError as exc:
        raise NotAProjectError(f"{path} cannot be read: {exc.strerror}.") from exc
    if not magic:
        raise NotAProjectError(
            f"{path} is not an Annotator project (it is not a database file); "
            "it was left untouched. To bring articles in, use File > Import articles."
        )
    return file_access(path)


def _inspect_file(path: Path, access: Access, verify: bool) -> str:
    engine = reading_engine(path, access)
    try:
        with engine.connect() as conn:
            findings = quick_check(conn) if verify else []
            if findings:
                raise DamagedProjectError(_damage_message(path, findings))
            revision = inspect_schema(conn, str(path))
    except sa.exc.DatabaseError as exc:
        raise _unreadable(path, access, exc) from exc
    finally:
        engine.dispose()
    if revision is None:
        raise NotAProjectError(
            f"{path} is an empty database, not an Annotator project; it was left untouched."
        )
    return revision


def _unreadable(path: Path, access: Access, exc: sa.exc.DatabaseError) -> AnnotatorError:
    """Why a file that looks like a database could not be read, in the user's words."""
    name = str(getattr(exc.orig, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in str(exc.orig):
        return DamagedProjectError(_damage_message(path, [str(exc.orig)]))
    if name.startswith("SQLITE_FULL") or _disk_full(path):
        return _full_disk(path)
    if access.read_only and name.startswith("SQLITE_CANTOPEN"):
        return ReadOnlyProjectError(
            f"{path} cannot be read where it is ({access.reason}), because it was not "
            "closed properly. Copy it to a folder you can write to and open the copy."
        )
    return DatabaseUnavailableError(
        f"{path} could not be read ({exc.orig}). Check the disk it is on and try again; "
        "`annotator check` tells whether the file itself is damaged."
    )


def _full_disk(path: Path) -> DiskFullError:
    return DiskFullError(
        f"The disk holding {path} is full, so the project cannot be opened (it needs a "
        "little room beside it even to be read). Free some space and try again."
    )


def _disk_full(path: Path) -> bool:
    """Less room than SQLite's shared-memory file takes (32 KiB)."""
    try:
        info = os.statvfs(path.absolute().parent)
    except (AttributeError, OSError):
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def _damage_message(path: Path, findings: list[str]) -> str:
    more = f" (and {len(findings) - 1} more findings)" if len(findings) > 1 else ""
    saved = backups_of(path)
    restore = (
        f"Restore it from its newest backup, {saved[-1].name}, or run `annotator check` on it."
        if saved
        else "Run `annotator check` on it for the full list."
    )
    return (
        f"{path} is damaged, so it was not opened: SQLite reports {findings[0]!r}{more}. "
        f"Nothing was changed. {restore}"
    )


def _create_file(path: Path) -> None:
    """Build a complete new project under a temporary name, then give it its name; another
    program creating the same project at the same moment makes one of the two win."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = temporary_name(path)
    engine = migrating_engine(partial)
    try:
        create_schema(engine)
        engine.dispose()
        try:
            publish_new(partial, path)
        except FileExistsError:
            log.info("%s was created by another program meanwhile", path)
    except OSError as exc:
        error = translate(exc, f"the project {path.name}")
        raise (error or exc) from exc
    finally:
        engine.dispose()
        remove_database_file(partial)
    log.info("created %s", path)


def _open_copy(path: Path, reason: str, access: Access, *, whole: bool, verify: bool) -> Project:
    """A project that may not be written to, read from a temporary copy: of its file and
    log as they are (``whole``), or made with SQLite's backup; upgraded there if older."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-copy-"))

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    target = folder / path.name
    try:
        if whole:
            shutil.copyfile(path, target)
            shutil.copyfile(f"{path}-wal", f"{target}-wal")
        else:
            copy_project_file(path, target, access)
        revision = _inspect_file(target, Access(), verify)
        if revision != head_revisions()[1]:
            engine = migrating_engine(target)
            try:
                upgrade_schema(engine, str(path))
            finally:
                engine.dispose()
            reason += "; upgraded in a temporary copy for reading"
    except OSError as exc:
        remove()
        raise ReadOnlyProjectError(
            f"{path} could not be read: no temporary copy of it could be made "
            f"({exc.strerror or exc}). Free some space and try again."
        ) from exc
    except BaseException:
        remove()
        raise
    return Project(reading_engine(target), str(path), read_only_reason=reason, on_close=remove)


def require_writable(project: Project) -> None:
    """Refuse at once, before any work, a change to a project that is open read-only."""
    if project.read_only:
        raise ReadOnlyProjectError(
            f"{project.name[:1].upper()}{project.name[1:]} is open read-only "
            f"({project.read_only_reason}): you can read and export it, but not change it."
        )
