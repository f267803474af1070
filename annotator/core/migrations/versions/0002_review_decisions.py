"""review decisions: how each disagreement between two coders was settled

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("coder_a_id", sa.Integer(), nullable=False),
        sa.Column("coder_b_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coder_a_id"], ["coder.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coder_b_id"], ["coder.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_decision") as batch:
        batch.create_index("ix_review_decision_article", ["article_id", "coder_a_id", "coder_b_id"])


def downgrade() -> None:
    with op.batch_alter_table("review_decision") as batch:
        batch.drop_index("ix_review_decision_article")
    op.drop_table("review_decision")
