"""article attributes: attributes the researcher defines, and each article's values

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attribute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "article_attribute",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attribute_id"], ["attribute.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "attribute_id"),
    )
    with op.batch_alter_table("article_attribute") as batch:
        batch.create_index("ix_article_attribute_attribute", ["attribute_id", "value"])


def downgrade() -> None:
    with op.batch_alter_table("article_attribute") as batch:
        batch.drop_index("ix_article_attribute_attribute")
    op.drop_table("article_attribute")
    op.drop_table("attribute")
