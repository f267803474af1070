"""Text sorted as a reader expects it: letters of either case together ("apple", "Banana",
"cherry"), not every capital before every small letter as a byte-wise sort puts them, and
from the first character a reader sees, not from a line break or space before it.

``folded(expression)`` is the expression to sort by: PostgreSQL's ``lower`` (which knows
every alphabet); on SQLite, whose own ``lower`` knows only A to Z, a function of this module
given to the connection that sorts (`offer_fold`), Python's ``str.casefold``.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction


class annotator_fold(GenericFunction[str]):  # noqa: N801 (an SQL function's name)
    """A text with its letters' case set aside, for sorting."""

    type = sa.String()
    inherit_cache = True


@compiles(annotator_fold, "postgresql")
def _postgres_fold(element: annotator_fold, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


SPACES = " \t\n\r\u00a0"
"""Left out at the start of a text for sorting: a quote may begin with a line break or a
space, which the tables do not show (their cells squeeze white space)."""


def folded(expression: Any) -> annotator_fold:
    return annotator_fold(sa.func.ltrim(expression, SPACES))


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def offer_fold(connection: sa.Connection) -> None:
    """Give a SQLite connection the function `folded` sorts with (PostgreSQL has its own)."""
    offer_function(connection, "annotator_fold", _fold)


def offer_function(connection: sa.Connection, name: str, function: Any) -> None:
    """Give a SQLite connection a function of one argument, once in the life of the
    connection (the pool keeps it: registering again would throw away its prepared
    statements). Other databases have their own functions."""
    if connection.dialect.name != "sqlite":
        return
    record = connection.connection  # the pooled connection; its info lives as long
    if name not in record.info:
        raw: Any = record.driver_connection
        raw.create_function(name, 1, function, deterministic=True)
        record.info[name] = True
