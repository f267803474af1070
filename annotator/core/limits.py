"""One rule for the text a project stores, the same on SQLite and on PostgreSQL, so that a
project can move from a laptop to a team server and back.

PostgreSQL refuses NUL characters and lone surrogates in text and enforces column lengths;
SQLite would accept all three. Here NUL and lone surrogates become U+FFFD (one character for
one, so no offset moves) and a value longer than its column is refused with a clear reason,
on both, before anything is written.
"""

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from annotator.core.errors import InvalidDataError

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

WHAT = {
    ("tag", "name"): "A tag name",
    ("tag", "color"): "A tag colour",
    ("coder", "name"): "A coder's name",
    ("article", "published"): "An article's publication date",
    ("article", "language"): "An article's language",
    ("article", "source_kind"): "An article's kind of source",
}


def clean_text(value: str) -> str:
    """``value`` with NUL characters and lone surrogates replaced by U+FFFD."""
    if _UNSTORABLE.search(value) is None:
        return value
    return _UNSTORABLE.sub(REPLACEMENT, value)


def fit(value: str, length: int) -> str:
    """``value`` cut to ``length`` characters, for metadata that may be shortened."""
    return value if len(value) <= length else value[: length - 1].rstrip() + "…"


def _check(target: Any) -> None:
    table = sa.inspect(target).mapper.local_table
    for column in table.columns:
        value = getattr(target, column.key, None)
        if not isinstance(value, str):
            continue
        cleaned = clean_text(value)
        if cleaned is not value:
            setattr(target, column.key, cleaned)
        length = getattr(column.type, "length", None)
        if length is not None and len(cleaned) > length:
            what = WHAT.get((table.name, column.key), f"The {table.name}'s {column.key}")
            raise InvalidDataError(
                f"{what} is too long ({len(cleaned)} characters; at most {length}): "
                f"{cleaned[:40]!r}… Nothing was saved."
            )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for target in (*session.new, *session.dirty):
        _check(target)


def enforce_limits(sessions: sessionmaker[Session]) -> None:
    """Check every row written through ``sessions`` against the one rule."""
    sa.event.listen(sessions, "before_flush", _before_flush)
