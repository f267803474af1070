"""The quick reads' table clauses name tables and columns the schema really has."""

import pytest

from annotator.core import table_clauses
from annotator.core.models import Base


@pytest.mark.parametrize("clause", table_clauses.ALL, ids=lambda c: c.name)
def test_every_column_is_in_the_schema(clause: object) -> None:
    table = Base.metadata.tables[clause.name]  # type: ignore[attr-defined]
    named = {column.name for column in clause.c}  # type: ignore[attr-defined]
    assert named <= set(table.columns.keys())
    assert named  # a clause with no columns would pass the line above
