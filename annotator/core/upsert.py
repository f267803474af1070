"""Each database's own INSERT (with ON CONFLICT), loaded only when a write needs it, so that
reading commands start without the PostgreSQL dialect's modules."""

from typing import Any

from sqlalchemy.orm import Session


def dialect_insert(session: Session) -> Any:
    """The ``insert`` construct of the session's database (SQLite or PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert  # noqa: PLC0415

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert  # noqa: PLC0415

    return sqlite_insert
