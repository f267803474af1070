"""The columns that quick reads use, as SQLAlchemy Core table clauses.

A command that starts, reads a little and ends (``annotator info``) should not pay for
building the ORM's mapped classes, which costs more than the reading on a small project.
These clauses name the same tables and columns as `annotator.core.models`, which stays the
one definition of the schema; a test checks that every column named here is there.
"""

import sqlalchemy as sa

project_meta = sa.table("project_meta", sa.column("key"), sa.column("value"))

article = sa.table(
    "article",
    sa.column("id"),
    sa.column("uri"),
    sa.column("title"),
    sa.column("chars"),
    sa.column("source_kind"),
    sa.column("original_name"),
    sa.column("outlet"),
    sa.column("url"),
    sa.column("position"),
)

annotation = sa.table("annotation", sa.column("article_id"))

tag = sa.table(
    "tag",
    sa.column("id"),
    sa.column("name"),
    sa.column("color"),
    sa.column("definition"),
    sa.column("shortcut"),
    sa.column("position"),
    sa.column("parent_id"),
)

coder = sa.table("coder", sa.column("id"), sa.column("name"), sa.column("kind"))

attribute = sa.table(
    "attribute",
    sa.column("id"),
    sa.column("name"),
    sa.column("kind"),
    sa.column("choices"),
    sa.column("position"),
)

article_attribute = sa.table(
    "article_attribute", sa.column("article_id"), sa.column("attribute_id"), sa.column("value")
)

ALL = (project_meta, article, annotation, tag, coder, attribute, article_attribute)
