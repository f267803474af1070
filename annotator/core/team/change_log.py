"""The change log's writers on each connection: which program a change came from.

Every application connection is labelled with the opening program's own client token, so
that its window can tell its own writes (already announced by the core) from the others'.
On PostgreSQL the label is a session setting read by the log's triggers (migration 0006); on
SQLite a trigger cannot read such a setting, so each connection adds temporary triggers of its
own that write the token as a literal. Writes made outside the application (the sqlite3
shell) are not logged on SQLite; on PostgreSQL they are, with an empty client.
"""

import logging
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

# The tables each window follows, with the columns kept as the row was before a change.
SQLITE_LOGGED: dict[str, tuple[str, ...]] = {
    "annotation": (
        "id",
        "uuid",
        "article_id",
        "tag_id",
        "coder_id",
        "start",
        "end",
        "quote",
        "note",
        "created",
        "modified",
        "version",
    ),
    "coder_article_status": ("coder_id", "article_id", "status", "modified"),
    "tag": ("id",),
    "article": ("id",),
    "coder": ("id",),
    "attribute": ("id",),
    "article_attribute": ("article_id",),
    "assignment": ("article_id", "coder_id"),
    "reliability_draw": ("id",),
    "review_decision": ("id", "article_id"),
    "team_member": ("coder_id",),
    "project_setting": ("key",),
}
KEEP_FOR = timedelta(days=2)
"""How long log rows are kept: a window more than this behind reloads instead."""


def _column(table: str, row: str, name: str) -> str:
    return f'{row}."{name}"' if name in SQLITE_LOGGED[table] else "NULL"


def _sqlite_trigger(table: str, op: str, client: str) -> str:
    event = {"I": "INSERT", "U": "UPDATE", "D": "DELETE"}[op]
    row = "OLD" if op == "D" else "NEW"
    if op == "I":
        detail = "''"
    else:
        pairs = ", ".join(f"'{name}', OLD.\"{name}\"" for name in SQLITE_LOGGED[table])
        detail = f"json_object({pairs})"
    # Every name here is one of ours and the client a hex token: nothing comes from outside.
    return (
        f"CREATE TEMP TRIGGER IF NOT EXISTS annotator_log_{table}_{op} AFTER {event} "  # noqa: S608
        f"ON main.{table} BEGIN INSERT INTO change_log "
        "(txid, client, kind, op, row_id, article_id, coder_id, detail, at) VALUES "
        f"(0, '{client}', '{table}', '{op}', {_column(table, row, 'id')}, "
        f"{_column(table, row, 'article_id')}, {_column(table, row, 'coder_id')}, {detail}, "
        "strftime('%Y-%m-%d %H:%M:%f', 'now')); END"
    )


def label_connections(engine: Engine, client: str) -> None:
    """Make every connection the engine opens from now on log its writes as ``client``."""
    assert client.isalnum()  # written into SQL as it is

    if engine.dialect.name == "postgresql":

        @sa.event.listens_for(engine, "connect")
        def _label(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT set_config('annotator.client', %s, false)", (client,))
            dbapi_connection.commit()

    elif engine.dialect.name == "sqlite":
        statements = [_sqlite_trigger(t, op, client) for t in SQLITE_LOGGED for op in "IUD"]

        @sa.event.listens_for(engine, "connect")
        def _triggers(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                exists = cursor.execute(
                    "SELECT 1 FROM main.sqlite_master WHERE name = 'change_log'"
                ).fetchone()
                if exists:
                    for statement in statements:
                        cursor.execute(statement)
            except Exception:  # a read-only copy, an old schema: nothing to log there
                log.debug("no change log on this connection", exc_info=True)
            finally:
                cursor.close()

    engine.dispose()  # connections opened before (to migrate) reconnect with the label


def prune(engine: Engine) -> None:
    """Forget log rows older than `KEEP_FOR` (where this connection may)."""
    from annotator.core.models import ChangeLog, utcnow  # noqa: PLC0415  (not for quick reads)

    try:
        with engine.begin() as conn:
            conn.execute(sa.delete(ChangeLog).where(ChangeLog.at < utcnow() - KEEP_FOR))
    except sa.exc.DBAPIError:  # a coder's connection may not delete: the lead's will
        log.debug("change log not pruned", exc_info=True)
