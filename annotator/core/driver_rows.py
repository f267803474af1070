"""Rows of plain columns as the database driver returns them."""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa


def driver_rows(connection: sa.Connection, query: sa.Executable) -> Sequence[Any]:
    """Every row of ``query`` as the driver's own tuples, for columns that need no
    conversion (integers). SQLAlchemy's row objects cost about as much as reading the rows:
    an article's 10,000 spans are read in half the time without them."""
    result = connection.execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()
