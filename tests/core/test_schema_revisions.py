"""The quick reading of the migrations folder agrees with Alembic's own."""

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from annotator.core import migrations
from annotator.core.schema_revisions import known_revisions


def test_the_quick_reading_of_schema_revisions_agrees_with_alembic() -> None:
    """Opening a current project skips Alembic on the strength of this reading."""
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    script = ScriptDirectory.from_config(config)
    known, head = known_revisions()
    assert known == {revision.revision for revision in script.walk_revisions()}
    assert head == script.get_current_head()
