"""What both storage backends accept, as one rule, so that a project can move from a laptop
to a team server and back.

PostgreSQL refuses NUL characters and lone surrogates in text and enforces column lengths
that SQLite would not check. Imports pass names and text through here where outside data
comes in: NUL (and a lone surrogate) becomes U+FFFD, one character for one, so no offset
moves; a name longer than its column is refused with a reason; a short metadata field is cut
instead, at a character boundary. Every row written through a project's sessions is held to
the same rule before it is flushed, on both backends, whatever wrote it.
"""

import re
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.errors import InvalidDataError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

NAME_LIMIT = 200  # tag and coder names (String(200) columns)
PUBLISHED_LIMIT = 32
LANGUAGE_LIMIT = 16
SOURCE_KIND_LIMIT = 16

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


def no_nul(value: str) -> str:
    """``value`` with every NUL replaced by U+FFFD, the replacement character."""
    return value.replace("\0", REPLACEMENT) if "\0" in value else value


def clean_text(value: str) -> str:
    """``value`` with NUL characters and lone surrogates replaced by U+FFFD."""
    if _UNSTORABLE.search(value) is None:
        return value
    return _UNSTORABLE.sub(REPLACEMENT, value)


def fit(value: str, limit: int) -> str:
    """A metadata field cut to ``limit`` characters (the column's length on both backends)."""
    return value if len(value) <= limit else value[:limit]


def name_problem(value: str, what: str) -> str | None:
    """Why ``value`` cannot be a tag's or coder's name on both backends, or None."""
    if not value.strip():
        return f"the {what} name is empty"
    if len(value) > NAME_LIMIT:
        return f"the {what} name is longer than {NAME_LIMIT} characters ({len(value)})"
    return None


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


def _before_flush(session: "Session", _context: Any, _instances: Any) -> None:
    for target in (*session.new, *session.dirty):
        _check(target)


def enforce_limits(sessions: "sessionmaker[Session]") -> None:
    """Check every row written through ``sessions`` against the one rule."""
    sa.event.listen(sessions, "before_flush", _before_flush)
