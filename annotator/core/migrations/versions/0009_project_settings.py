"""project settings: settings the whole team shares (such as whether suggestions may be shown
in the reliability sample), changed by the lead and announced to every open window

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Kept in project_meta before this revision, where a lead on a team's server may not write.
MOVED = ("suggestions_in_reliability_sample",)


def upgrade() -> None:
    op.create_table(
        "project_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    meta = sa.table("project_meta", sa.column("key"), sa.column("value"))
    setting = sa.table("project_setting", sa.column("key"), sa.column("value"))
    bind = op.get_bind()
    for key, value in bind.execute(sa.select(meta.c.key, meta.c.value)).all():
        if key in MOVED:
            bind.execute(sa.insert(setting).values(key=key, value=value))
            bind.execute(sa.delete(meta).where(meta.c.key == key))
    if bind.dialect.name == "postgresql":  # the function is migration 0006's
        op.execute(
            "CREATE TRIGGER annotator_log_project_setting AFTER INSERT OR UPDATE OR DELETE "
            "ON project_setting FOR EACH ROW EXECUTE FUNCTION annotator_log_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS annotator_log_project_setting ON project_setting")
    meta = sa.table("project_meta", sa.column("key"), sa.column("value"))
    setting = sa.table("project_setting", sa.column("key"), sa.column("value"))
    bind = op.get_bind()
    for key, value in bind.execute(sa.select(setting.c.key, setting.c.value)).all():
        if key in MOVED:
            bind.execute(sa.insert(meta).values(key=key, value=value))
    op.drop_table("project_setting")
