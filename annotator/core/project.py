"""Opening, creating and migrating a project: an SQLite file or a database URL.

Anything that is not a project of this application is refused before it is written to, so a
wrong file picked by mistake is left exactly as it was.
"""

import glob
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from annotator.core import migrations
from annotator.core.backup_policy import backup_folder, prune_backups
from annotator.core.changes import ChangeFeed
from annotator.core.codebook import add_default_codebook
from annotator.core.errors import NewerSchemaError, NotAProjectError, NotPermittedError
from annotator.core.models import ProjectMeta
from annotator.core.schema_revisions import UnreadableMigrations, known_revisions
from annotator.core.team.change_log import label_connections

if TYPE_CHECKING:
    from alembic.config import Config

APPLICATION_ID = "annotator"
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's code for a right or a row policy refused
SQLITE_MAGIC = b"SQLite format 3\x00"


def _alembic_config() -> "Config":
    # Alembic is loaded only to migrate: a project already at the head does without it.
    from alembic.config import Config  # noqa: PLC0415

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return cfg


def _head_revisions() -> tuple[set[str], str]:
    try:
        fast_known, fast_head = known_revisions()
    except UnreadableMigrations:
        pass
    else:
        return set(fast_known), fast_head
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(_alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    head = script.get_current_head()
    assert head is not None
    return known, head


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


def _sqlite_engine(path: Path, *, read_only: bool = False) -> Engine:
    if read_only:
        uri = path.resolve().as_uri().replace("file://", "file:", 1)
        engine = sa.create_engine(
            "sqlite:///" + uri + "?mode=ro&uri=true", poolclass=sa.pool.NullPool
        )
    else:
        engine = sa.create_engine(f"sqlite:///{path}")

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    return engine


def _inspect_schema(engine: Engine, where: str) -> str | None:
    """Current revision of a project database, ``None`` when it holds no tables at all.

    Raises when the database holds something other than a project of this application.
    """
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        if not tables:
            return None
        if "project_meta" not in tables or "alembic_version" not in tables:
            raise NotAProjectError(
                f"{where} is a database, but not an Annotator project; it was left untouched. "
                "Open a project file, or create a new project with File > New project."
            )
        app = conn.execute(
            sa.select(ProjectMeta.value).where(ProjectMeta.key == "application")
        ).scalar()
        if app != APPLICATION_ID:
            raise NotAProjectError(f"{where} is not an Annotator project; it was left untouched.")
        revisions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
        revision = next(iter(revisions.all()), None)
    known, _head = _head_revisions()
    if revision not in known:
        raise NewerSchemaError(
            f"{where} was written by a newer version of Annotator (schema {revision}); "
            "it was left untouched. Update Annotator to open it."
        )
    return revision or ""


def _check_sqlite_file(path: Path) -> str | None:
    if path.is_dir():
        raise NotAProjectError(f"{path} is a folder, not a project file.")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise NotAProjectError(f"{path} cannot be read: {exc.strerror}.") from exc
    if magic != SQLITE_MAGIC:
        raise NotAProjectError(
            f"{path} is not an Annotator project (it is not a database file); "
            "it was left untouched. To bring articles in, use File > Import articles."
        )
    engine = _sqlite_engine(path, read_only=True)
    try:
        return _inspect_schema(engine, str(path))
    except sa.exc.DatabaseError as exc:
        raise NotAProjectError(f"{path} is damaged or not a database: {exc.orig}") from exc
    finally:
        engine.dispose()


def _upgrade(engine: Engine) -> None:
    from alembic import command  # noqa: PLC0415

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Project:
    """An open project: the database engine and a factory of sessions.

    Every service call commits its own work at once, so nothing waits for a "Save".
    """

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        # A server's address never carries its password here: the location is shown, logged
        # and remembered among the recent projects.
        self.location = public_location(location)
        # Names this program's writes in the change log, so that its window tells them from
        # the other members' (annotator/core/team/live.py).
        self.client = uuid.uuid4().hex
        label_connections(engine, self.client)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.changes = ChangeFeed()  # every committed write is announced here

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except sa.exc.DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
                raise NotPermittedError() from exc
            raise

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_project(location: str | Path, *, create: bool = True) -> Project:
    """Open the project at ``location`` (a file path or a SQLAlchemy URL), migrating it to
    the current schema; create it when missing and ``create`` is true."""
    text = str(location)
    if is_url(text):
        engine = sa.create_engine(text)
        try:
            revision = _inspect_schema(engine, engine.url.render_as_string(hide_password=True))
            if revision is None and not create:
                raise NotAProjectError(f"{public_location(text)} holds no project.")
        except BaseException:
            engine.dispose()
            raise
    else:
        path = Path(text).expanduser()
        if path.exists():
            revision = _check_sqlite_file(path)
            if revision is None:
                raise NotAProjectError(
                    f"{path} is an empty database, not an Annotator project; it was left untouched."
                )
            _known, head = _head_revisions()
            if revision != head:
                folder = backup_folder(path)
                shutil.copy2(path, folder / f"{path.name}.before-{head}.bak")
                prune_backups(list(folder.glob(f"{glob.escape(path.name)}.before-*.bak")))
        elif not create:
            raise NotAProjectError(f"There is no project at {path}.")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            revision = None
        engine = _sqlite_engine(path)
        text = str(path)
    try:
        if revision != _head_revisions()[1]:
            _upgrade(engine)
        project = Project(engine, text)
        if revision is None:
            _initialise(project)
    except BaseException:
        engine.dispose()
        raise
    return project


def _initialise(project: Project) -> None:
    with project.session() as session:
        session.add(ProjectMeta(key="application", value=APPLICATION_ID))
    add_default_codebook(project)
