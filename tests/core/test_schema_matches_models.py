"""The migrations build exactly the tables the models declare: a migration that forgets a
column or an index fails here, not in a researcher's project."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from annotator.core.full_text import SEARCH_TABLES
from annotator.core.models import Base
from annotator.core.project import open_project


def _modelled(name: str | None, kind: str, _parent: object) -> bool:
    """The search index's tables are the migration's alone: no model declares them."""
    return not (kind == "table" and (name or "").startswith(SEARCH_TABLES))


def test_a_new_project_has_the_models_schema(tmp_path: Path) -> None:
    with open_project(tmp_path / "p.annotator") as project, project.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _modelled}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
