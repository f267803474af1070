"""full-text search: an index of every article's text, kept up to date by the database;
indexes of the articles' order and of each tag's spans in article order

SQLite: an FTS5 table over ``article.text`` (external content: the text is not stored twice),
filled and kept up to date by triggers on ``article``, so every write path (import, merge,
delete, a future one) keeps it right. PostgreSQL: a table of ``tsvector`` documents with a GIN
index, kept up to date the same way. Existing projects get their index built here.

The texts are indexed exactly as stored. SQLite's tokenizer already treats every Unicode space
(a non-breaking space, U+2028) as a space; PostgreSQL's parser does not, so its documents are
made from the text with each such character replaced by a plain space, one for one, which
keeps every offset the same.

Revision ID: 0005
Revises: 0004
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)

# Every character Python counts as a space that PostgreSQL's parser takes for a letter, and
# the zero-width ones; each becomes a plain space in the indexed text (one for one).
SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
)

SQLITE_UP = (
    "CREATE VIRTUAL TABLE article_fts USING fts5(text, content='article', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN "
    "INSERT INTO article_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER article_fts_update AFTER UPDATE OF text ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO article_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS article_fts_update",
    "DROP TRIGGER IF EXISTS article_fts_delete",
    "DROP TRIGGER IF EXISTS article_fts_insert",
    "DROP TABLE IF EXISTS article_fts",
)

POSTGRES_UP = (
    f"""CREATE FUNCTION annotator_search_text(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT translate(body, '{SPACES}', '{" " * len(SPACES)}') $$""",
    # A text too long for one tsvector (1 MB of distinct words and positions) is indexed
    # from its beginning rather than refused: an import must never fail for the index.
    """CREATE FUNCTION annotator_search_document(body text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        RETURN to_tsvector('simple', annotator_search_text(body));
    EXCEPTION WHEN program_limit_exceeded THEN
        RETURN to_tsvector('simple', annotator_search_text(left(body, 200000)));
    END $$""",
    """CREATE TABLE article_search (
        article_id integer PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX ix_article_search_document ON article_search USING gin (document)",
    """CREATE FUNCTION annotator_index_article() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO article_search (article_id, document)
        VALUES (NEW.id, annotator_search_document(NEW.text))
        ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER article_search_index AFTER INSERT OR UPDATE OF text ON article
    FOR EACH ROW EXECUTE FUNCTION annotator_index_article()""",
    """INSERT INTO article_search (article_id, document)
    SELECT id, annotator_search_document(text) FROM article""",
)
POSTGRES_DOWN = (
    "DROP TRIGGER IF EXISTS article_search_index ON article",
    "DROP FUNCTION IF EXISTS annotator_index_article()",
    "DROP TABLE IF EXISTS article_search",
    "DROP FUNCTION IF EXISTS annotator_search_document(text)",
    "DROP FUNCTION IF EXISTS annotator_search_text(text)",
)


def _has_fts5(bind: sa.engine.Connection) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.annotator_fts5_probe USING fts5(x)")
    except sa.exc.OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.annotator_fts5_probe")
    return True


def upgrade() -> None:
    # Lists of articles (the browser, the workbench) read a window in this order.
    with op.batch_alter_table("article") as batch:
        batch.create_index("ix_article_position", ["position", "id"])
    # Every span of a tag in article order (the tag table): read without sorting.
    with op.batch_alter_table("annotation") as batch:
        batch.create_index("ix_annotation_tag_article", ["tag_id", "article_id", "start"])
    bind = op.get_bind()
    statements: tuple[str, ...]
    if bind.dialect.name == "sqlite":
        if not _has_fts5(bind):
            # The project still opens; searching says why it cannot.
            log.warning("this SQLite has no FTS5: the project gets no full-text index")
            return
        statements = SQLITE_UP
    elif bind.dialect.name == "postgresql":
        statements = POSTGRES_UP
    else:
        return
    for statement in statements:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(bind.dialect.name, ())
    for statement in statements:
        bind.exec_driver_sql(statement)
    with op.batch_alter_table("annotation") as batch:
        batch.drop_index("ix_annotation_tag_article")
    with op.batch_alter_table("article") as batch:
        batch.drop_index("ix_article_position")
