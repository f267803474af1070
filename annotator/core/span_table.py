"""Every span of one or more tags across the project, keyword in context: the text before, the
quoted text, the text after, then its article, outlet, date, attributes, coder and note.

Filtered (tags, coders, an attribute's value, words), sorted on any column and grouped by
article or by an attribute's value in the database, one window of rows at a time. The context
is cut from the stored text by the database (``substr`` counts characters on both backends),
for the rows of the window only: no article's whole text is read to show the table.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from annotator.core.models import (
    Annotation,
    Article,
    ArticleAttribute,
    Coder,
    Tag,
)
from annotator.core.text_order import folded, offer_fold, offer_function

if TYPE_CHECKING:
    from annotator.core.project import Project

CONTEXT = 60
NO_VALUE = "(no value)"
COLUMNS = ("before", "quote", "after", "tag", "article", "outlet", "published", "coder", "note")


@dataclass(frozen=True, slots=True)
class SpanRow:
    id: int
    version: int
    article_id: int
    start: int
    end: int
    tag_id: int
    tag: str
    coder: str
    quote: str
    note: str
    before: str
    after: str
    title: str
    outlet: str
    published: str
    attributes: dict[int, str]


@dataclass(frozen=True)
class SpanQuery:
    """Which spans, in which order, grouped how. Sort keys: ``COLUMNS`` and ``attr:<id>``;
    ``group``: None, ``"article"`` or ``"attr:<id>"``."""

    tags: frozenset[int] | None = None
    coders: frozenset[int] | None = None
    attribute: tuple[int, str] | None = None  # (attribute id, value); NO_VALUE: none set
    words: str = ""
    sort: str = ""
    descending: bool = False
    group: str | None = None
    numbers: frozenset[int] = field(default_factory=frozenset)  # number attributes


@dataclass(frozen=True, slots=True)
class SpanGroup:
    key: str  # the article id or the attribute value, as text
    label: str
    count: int


def _attribute_value(attribute_id: int) -> Any:
    return (
        sa.select(ArticleAttribute.value)
        .where(
            ArticleAttribute.article_id == Annotation.article_id,
            ArticleAttribute.attribute_id == attribute_id,
        )
        .scalar_subquery()
    )


def _before() -> Any:
    first = sa.case((Annotation.start > CONTEXT, Annotation.start - CONTEXT), else_=0)
    return sa.func.substr(Article.text, first + 1, Annotation.start - first)


def _after() -> Any:
    return sa.func.substr(Article.text, Annotation.end + 1, CONTEXT)


def _column(key: str, numbers: frozenset[int] = frozenset()) -> Any:
    plain = {
        "quote": Annotation.quote,
        "tag": Tag.name,
        "article": Article.title,
        "outlet": Article.outlet,
        "published": Article.published,
        "coder": Coder.name,
        "note": Annotation.note,
    }
    if key in plain:
        return plain[key]
    if key == "before":
        # Read from right to left, as a concordance sorts its left context: by the word just
        # before the span, then the one before that.
        return annotator_reverse(_before())
    if key == "after":
        return _after()
    if key.startswith("attr:"):
        number = int(key[5:])
        value = _attribute_value(number)
        return sa.cast(value, sa.Float) if number in numbers else value
    raise ValueError(f"no span column {key!r}")


def _is_text(key: str, numbers: frozenset[int]) -> bool:
    """Whether the column sorts as words (not a number, not a date)."""
    if key.startswith("attr:"):
        return int(key[5:]) not in numbers
    return key != "published"


def _joined(select: Any) -> Any:
    return (
        select.select_from(Annotation)
        .join(Article, Article.id == Annotation.article_id)
        .join(Tag, Tag.id == Annotation.tag_id)
        .join(Coder, Coder.id == Annotation.coder_id)
    )


def _joined_for(select: Any, sort: str) -> Any:
    """Only the tables the sort needs: the filters read the annotation (and the attribute
    values by its article), so counting and the default order walk one index."""
    if sort in ("", "quote", "note") or sort.startswith("attr:"):
        return select.select_from(Annotation)
    return _joined(select)


def _filtered(select: Any, query: SpanQuery, group_key: str | None = None) -> Any:
    if query.tags is not None:
        select = select.where(Annotation.tag_id.in_(query.tags))
    if query.coders is not None:
        select = select.where(Annotation.coder_id.in_(query.coders))
    if query.attribute is not None:
        select = select.where(_value_is(query.attribute[0], query.attribute[1]))
    for word in query.words.split():
        pattern = sa.func.lower(Annotation.quote).contains(word.lower(), autoescape=True)
        in_note = sa.func.lower(Annotation.note).contains(word.lower(), autoescape=True)
        select = select.where(sa.or_(pattern, in_note))
    if group_key is not None and query.group is not None:
        if query.group == "article":
            select = select.where(Annotation.article_id == int(group_key))
        else:
            select = select.where(_value_is(int(query.group[5:]), group_key))
    return select


def _value_is(attribute_id: int, value: str) -> Any:
    value_of = _attribute_value(attribute_id)
    return value_of.is_(None) if value == NO_VALUE else value_of == value


def count_spans(project: "Project", query: SpanQuery, group_key: str | None = None) -> int:
    with project.engine.connect() as connection:
        return int(connection.scalar(_count_statement(query, group_key)) or 0)


@lru_cache(maxsize=64)
def _count_statement(query: SpanQuery, group_key: str | None) -> Any:
    return _filtered(_joined_for(sa.select(sa.func.count()), ""), query, group_key)


@lru_cache(maxsize=64)
def _ids_statement(query: SpanQuery, group_key: str | None) -> Any:
    """Built once per query and group (statements are immutable); a window is two numbers."""
    select = _joined_for(sa.select(Annotation.id), query.sort)
    select = _ordered(_filtered(select, query, group_key), query)
    return select.limit(sa.bindparam("limit")).offset(sa.bindparam("offset"))


def _ordered(select: Any, query: SpanQuery) -> Any:
    if query.sort:
        expression = _column(query.sort, query.numbers)
        if _is_text(query.sort, query.numbers):
            expression = folded(expression)  # "apple", "Banana": either case together
        select = select.order_by(expression.desc() if query.descending else expression.asc())
    # Articles in the order they came in (their ids; the browser's order), spans by position:
    # the order of the annotation index on (article, start), so a window needs no sort.
    return select.order_by(Annotation.article_id, Annotation.start, Annotation.id)


def span_ids(
    project: "Project",
    query: SpanQuery,
    offset: int = 0,
    limit: int | None = None,
    group_key: str | None = None,
) -> list[int]:
    window = {"offset": offset, "limit": 2**31 - 1 if limit is None else limit}
    with project.engine.connect() as connection:
        if query.sort == "before":
            _offer_reverse(connection)
        if query.sort:
            offer_fold(connection)
        return [int(i) for i in connection.scalars(_ids_statement(query, group_key), window)]


class annotator_reverse(GenericFunction[str]):  # noqa: N801 (an SQL function's name)
    """A text read backwards: PostgreSQL's ``reverse``; on SQLite a function of this module
    given to the connection that sorts by it (SQLite has none)."""

    type = sa.String()
    inherit_cache = True


@compiles(annotator_reverse, "postgresql")
def _postgres_reverse(element: annotator_reverse, compiler: Any, **kw: Any) -> str:
    return f"reverse({compiler.process(element.clauses, **kw)})"


def _offer_reverse(connection: sa.Connection) -> None:
    offer_function(connection, "annotator_reverse", _reversed)


def _reversed(value: object) -> object:
    return value[::-1] if isinstance(value, str) and value else value


def span_rows(
    project: "Project",
    query: SpanQuery,
    offset: int,
    limit: int,
    group_key: str | None = None,
) -> list[SpanRow]:
    """One window of rows in order: the ids first (sorting reads no text), then the rows."""
    return rows_of(project, span_ids(project, query, offset, limit, group_key))


_IDS: Any = sa.bindparam("ids", expanding=True)
_ROWS = _joined(
    sa.select(
        Annotation.id,
        Annotation.version,
        Annotation.article_id,
        Annotation.start,
        Annotation.end,
        Annotation.tag_id,
        Tag.name,
        Coder.name,
        Annotation.quote,
        Annotation.note,
        _before(),
        _after(),
        Article.title,
        Article.outlet,
        Article.published,
    )
).where(Annotation.id.in_(_IDS))
_VALUES = sa.select(
    ArticleAttribute.article_id, ArticleAttribute.attribute_id, ArticleAttribute.value
).where(ArticleAttribute.article_id.in_(_IDS))


def rows_of(project: "Project", ids: list[int]) -> list[SpanRow]:
    if not ids:
        return []
    values: dict[int, dict[int, str]] = {}
    with project.engine.connect() as connection:
        found = {row[0]: row for row in connection.execute(_ROWS, {"ids": ids})}
        articles = sorted({row[2] for row in found.values()})
        for article_id, attribute_id, value in connection.execute(_VALUES, {"ids": articles}):
            values.setdefault(article_id, {})[attribute_id] = value
    return [_row(found[i], values.get(found[i][2], {})) for i in ids if i in found]


def _row(row: Any, values: dict[int, str]) -> SpanRow:
    (ident, version, article, start, end, tag_id, tag, coder, quote, note) = row[:10]
    before, after, title, outlet, published = row[10:]
    return SpanRow(
        ident,
        version,
        article,
        start,
        end,
        tag_id,
        tag,
        coder,
        quote,
        note,
        before or "",
        after or "",
        title,
        outlet,
        published,
        values,
    )


def span_groups(project: "Project", query: SpanQuery) -> list[SpanGroup]:
    """The groups with their counts: articles in the project's order, or attribute values
    (spans of articles without a value last)."""
    if query.group is None:
        return []
    with project.session() as session:
        if query.group == "article":
            select = _filtered(
                _joined(sa.select(Article.id, Article.title, sa.func.count())), query
            )
            rows = session.execute(
                select.group_by(Article.id, Article.title, Article.position).order_by(
                    Article.position, Article.id
                )
            )
            return [SpanGroup(str(a), t, int(n)) for a, t, n in rows]
        number = int(query.group[5:])
        inner = _filtered(
            _joined(sa.select(_attribute_value(number).label("value"))), query
        ).subquery()
        rows = session.execute(sa.select(inner.c.value, sa.func.count()).group_by(inner.c.value))
        counted = [(v, int(n)) for v, n in rows]
    counted.sort(key=lambda vn: _group_order(vn[0], number in query.numbers))
    return [SpanGroup(v or NO_VALUE, v or NO_VALUE, n) for v, n in counted]


def _group_order(value: str | None, number: bool) -> tuple[int, float, str]:
    if value is None:
        return (2, 0.0, "")
    if number:
        try:
            return (0, float(value), value)
        except ValueError:
            return (1, 0.0, value)
    return (0, 0.0, value.casefold())
