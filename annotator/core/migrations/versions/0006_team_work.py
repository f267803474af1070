"""team work: members and their roles, assignments, the reliability sample, and the change log
that tells every open window what the others changed (filled by triggers on PostgreSQL; on
SQLite each application connection adds its own temporary triggers)

Revision ID: 0006
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose changes other windows need to see, in the order the log names them.
LOGGED = (
    "annotation",
    "coder_article_status",
    "tag",
    "article",
    "coder",
    "attribute",
    "article_attribute",
    "assignment",
    "reliability_draw",
    "review_decision",
    "team_member",
)

# SECURITY DEFINER: a coder's connection writes its change log rows through the owner's
# rights, so coders need no right on the log itself. Long texts are left out of the "before"
# copy: a window needs the spans, tags and versions, not an article's text.
LOG_FUNCTION = """
CREATE OR REPLACE FUNCTION annotator_log_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  r jsonb;
  o jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
  IF TG_OP = 'INSERT' THEN
    o := NULL;
  ELSE
    o := to_jsonb(OLD) - 'text' - 'definition' - 'choices';
  END IF;
  INSERT INTO change_log (txid, client, kind, op, row_id, article_id, coder_id, detail, at)
  VALUES (txid_current(), coalesce(current_setting('annotator.client', true), ''),
          TG_TABLE_NAME, left(TG_OP, 1), (r->>'id')::integer, (r->>'article_id')::integer,
          (r->>'coder_id')::integer, coalesce(o::text, ''), timezone('utc', now()));
  PERFORM pg_notify('annotator_changes', txid_current()::text);
  RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "team_member",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("login"),
        sa.UniqueConstraint("coder_id"),
    )
    op.create_table(
        "reliability_draw",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("requested", sa.String(length=32), nullable=False),
        sa.Column("coders_per_article", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["attribute_id"], ["attribute.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reliability_article",
        sa.Column("draw_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("stratum", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["draw_id"], ["reliability_draw.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("draw_id", "article_id"),
    )
    op.create_table(
        "assignment",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("draw_id", sa.Integer(), nullable=True),
        sa.Column("assigned", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["draw_id"], ["reliability_draw.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("article_id", "coder_id"),
    )
    with op.batch_alter_table("assignment") as batch:
        batch.create_index("ix_assignment_coder", ["coder_id"])
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("client", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("coder_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("change_log") as batch:
        batch.create_index("ix_change_log_txid", ["txid"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(LOG_FUNCTION)
        for table in LOGGED:
            op.execute(
                f"CREATE TRIGGER annotator_log_{table} AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION annotator_log_change()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in LOGGED:
            op.execute(f"DROP TRIGGER IF EXISTS annotator_log_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS annotator_log_change()")
    with op.batch_alter_table("change_log") as batch:
        batch.drop_index("ix_change_log_txid")
    op.drop_table("change_log")
    with op.batch_alter_table("assignment") as batch:
        batch.drop_index("ix_assignment_coder")
    op.drop_table("assignment")
    op.drop_table("reliability_article")
    op.drop_table("reliability_draw")
    op.drop_table("team_member")
