"""The project's schema: which revision a database holds, creating it, and upgrading it one
migration per transaction, so that an interrupted upgrade leaves the last complete revision.

On PostgreSQL an advisory lock is held around all of it, so that several people opening an
empty team database at once create it once; on SQLite each migration takes the write lock
when it begins and looks again at the revision it finds.
"""

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from annotator.core import migrations
from annotator.core.errors import AnnotatorError, NewerSchemaError, NotAProjectError
from annotator.core.schema_revisions import UnreadableMigrations, known_revisions
from annotator.core.sqlite_files import foreign_key_problems
from annotator.core.table_clauses import project_meta

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

APPLICATION_ID = "annotator"
# One number for the whole application, so every copy of it waits for the same lock.
SCHEMA_LOCK_KEY = 0x616E6E6F74617472  # "annotatr"
# Alembic keeps the running migration in module globals: one upgrade at a time per process.
_ALEMBIC = threading.Lock()


def alembic_config() -> "Config":
    # Alembic is loaded only when it is needed, so that a command starts fast.
    from alembic.config import Config  # noqa: PLC0415

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    return cfg


@functools.cache
def head_revisions() -> tuple[frozenset[str], str]:
    """Every revision this version of the application knows, and the newest."""
    try:
        return known_revisions()  # read from the files, without loading Alembic
    except UnreadableMigrations:
        pass
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(alembic_config())
    known = frozenset(rev.revision for rev in script.walk_revisions())
    head = script.get_current_head()
    assert head is not None
    return known, head


def current_revision(conn: sa.Connection) -> str | None:
    """The revision in ``alembic_version`` (one row; none before the first migration)."""
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().first()


def inspect_schema(conn: sa.Connection, where: str) -> str | None:
    """Current revision of a project database, ``None`` when it holds no tables at all.

    Raises when the database holds something other than a project of this application.
    """
    tables = set(sa.inspect(conn).get_table_names())
    if not tables:
        return None
    if "project_meta" not in tables or "alembic_version" not in tables:
        raise NotAProjectError(
            f"{where} is a database, but not an Annotator project; it was left untouched. "
            "Open a project file, or create a new project with File > New project."
        )
    app = conn.execute(
        sa.select(project_meta.c.value).where(project_meta.c.key == "application")
    ).scalar()
    if app != APPLICATION_ID:
        raise NotAProjectError(f"{where} is not an Annotator project; it was left untouched.")
    revision = current_revision(conn)
    known, _head = head_revisions()
    if revision not in known:
        raise NewerSchemaError(
            f"{where} was written by a newer version of Annotator (schema {revision}); "
            "it was left untouched. Update Annotator to open it."
        )
    return revision or ""


def _run_alembic(conn: sa.Connection, target: str) -> None:
    from alembic import command  # noqa: PLC0415

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    with _ALEMBIC:
        command.upgrade(cfg, target)


def _check_foreign_keys(conn: sa.Connection, revision: str) -> None:
    if conn.dialect.name != "sqlite":
        return  # the server checks every constraint as the migration runs
    problems = foreign_key_problems(conn)
    if problems:
        raise AnnotatorError(
            f"The upgrade to schema {revision} was undone: it would break links between "
            f"rows ({problems[0]}). The project is as it was; please report this."
        )


def create_schema(engine: Engine) -> None:
    """Create every table and the project's first rows in one transaction: a project is
    either complete, with its codebook, or not there at all."""
    from sqlalchemy.orm import Session  # noqa: PLC0415  (opening a project needs no ORM)

    from annotator.core.codebook import default_tags  # noqa: PLC0415
    from annotator.core.models import ProjectMeta  # noqa: PLC0415

    with engine.begin() as conn:
        if inspect_schema(conn, "the database") is not None:
            return  # someone else created it while we waited for the lock
        _run_alembic(conn, "head")
        with Session(bind=conn) as session:
            session.add(ProjectMeta(key="application", value=APPLICATION_ID))
            session.add_all(default_tags())
            session.flush()
    log.info("created a project schema")


def upgrade_schema(engine: Engine, where: str) -> list[str]:
    """Apply the missing migrations, each in its own transaction; the revisions applied."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(alembic_config())
    _known, head = head_revisions()
    applied: list[str] = []
    while True:
        with engine.begin() as conn:
            current = inspect_schema(conn, where)
            if current == head:
                return applied
            step = next(
                rev.revision
                for rev in script.walk_revisions()
                if rev.down_revision == (current or None)
            )
            _run_alembic(conn, step)
            _check_foreign_keys(conn, step)
        log.info("upgraded %s to schema %s", where, step)
        applied.append(step)


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Hold the application's advisory lock on a PostgreSQL server (nothing on SQLite)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(sa.select(sa.func.pg_advisory_lock(SCHEMA_LOCK_KEY)))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.select(sa.func.pg_advisory_unlock(SCHEMA_LOCK_KEY)))
            conn.commit()
