"""The project's lists (articles with their annotation counts, tags, coders, attributes and
each article's values) read with SQLAlchemy Core alone.

These are the one way the lists are read, by the window and the command line alike. They need
neither the ORM nor the models, so a command that only reads them (``annotator info``)
starts without building either (see `annotator.core.table_clauses`).
"""

from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.attribute_values import JsonValue, json_value, parse_choices
from annotator.core.records import ArticleSummary, AttributeRecord, CoderRecord, TagRecord
from annotator.core.table_clauses import (
    annotation,
    article,
    article_attribute,
    attribute,
    coder,
    tag,
)

if TYPE_CHECKING:
    from annotator.core.project import Project


def list_articles(project: "Project") -> list[ArticleSummary]:
    """Every article in the project's order, with its number of annotations."""
    counts = (
        sa.select(annotation.c.article_id, sa.func.count().label("n"))
        .group_by(annotation.c.article_id)
        .subquery()
    )
    a = article.c
    query = (
        sa.select(
            a.id,
            a.uri,
            a.title,
            a.chars,
            a.source_kind,
            a.original_name,
            a.outlet,
            a.url,
            sa.func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.article_id == a.id)
        .order_by(a.position, a.id)
    )
    with project.reading() as connection:
        return [ArticleSummary(*row) for row in connection.execute(query).all()]


def list_tags(project: "Project") -> list[TagRecord]:
    """The codebook, in its order."""
    t = tag.c
    query = sa.select(
        t.id, t.name, t.color, t.definition, t.shortcut, t.position, t.parent_id
    ).order_by(t.position, t.id)
    with project.reading() as connection:
        return [TagRecord(*row) for row in connection.execute(query).all()]


def list_coders(project: "Project") -> list[CoderRecord]:
    """Every coder, by name."""
    query = sa.select(coder.c.id, coder.c.name, coder.c.kind).order_by(coder.c.name)
    with project.reading() as connection:
        return [CoderRecord(*row) for row in connection.execute(query).all()]


def list_attributes(project: "Project") -> list[AttributeRecord]:
    """The attributes articles can have, in their order."""
    c = attribute.c
    query = sa.select(c.id, c.name, c.kind, c.choices, c.position).order_by(c.position, c.id)
    with project.reading() as connection:
        rows = connection.execute(query).all()
    return [
        AttributeRecord(key, name, kind, parse_choices(choices), position)
        for key, name, kind, choices, position in rows
    ]


def named_values(project: "Project") -> dict[int, dict[str, JsonValue]]:
    """Each article's values by attribute name, in the attributes' order, as JSON holds them
    (for ``info --json``): a number as a number, a date as ISO 8601 text, other values as
    text. The values are read as stored and put in order here: sorting every value of the
    project in SQL would cost more than ordering a few names per article."""
    by_article: dict[int, dict[int, str]] = {}
    c = attribute.c
    v = article_attribute.c
    with project.reading() as connection:
        order = connection.execute(sa.select(c.id, c.name, c.kind).order_by(c.position, c.id)).all()
        rows = connection.execute(  # fetched at once, not row by row
            sa.select(v.article_id, v.attribute_id, v.value)
        ).all()
    for article_id, attribute_id, value in rows:
        by_article.setdefault(article_id, {})[attribute_id] = value
    return {
        article_id: {
            name: json_value(kind, values[key]) for key, name, kind in order if key in values
        }
        for article_id, values in by_article.items()
    }
