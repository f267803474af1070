"""The article browser's rows, a window at a time: sorted and filtered in the database on any
column (metadata, each coder's status, the count of each tag, each attribute), without ever
reading an article's text.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.models import (
    Annotation,
    Article,
    ArticleAttribute,
    AttributeKind,
    CoderArticleStatus,
    CodingStatus,
)
from annotator.core.text_order import folded, offer_fold

if TYPE_CHECKING:
    from annotator.core.project import Project

FIXED = ("title", "outlet", "published", "language", "source")
ALL = 2**31 - 1  # a window as long as any table
_COMPARISON = re.compile(r"^\s*(<=|>=|<|>|=)?\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str
    outlet: str
    published: str
    language: str
    source: str
    annotations: int
    statuses: dict[int, str]  # coder id -> status, where one is stored
    counts: dict[int, int]  # tag id -> annotations of that tag
    attributes: dict[int, str]  # attribute id -> value


@dataclass(frozen=True)
class ArticleQuery:
    """Which articles, in which order. Column keys: the fixed ones (``title``, ``outlet``,
    ``published``, ``language``, ``source``), ``annotations``, ``status:<coder id>``,
    ``tag:<tag id>``, ``attr:<attribute id>``. A filter on a count is a number or a
    comparison (``>2``, ``<=1``, ``0``); on anything else, text the value contains."""

    filters: tuple[tuple[str, str], ...] = ()
    sort: str = ""
    descending: bool = False
    number_attributes: frozenset[int] = field(default_factory=frozenset)
    coders: frozenset[int] | None = None  # whose annotations the counts count (None: all)

    def with_filter(self, key: str, text: str) -> "ArticleQuery":
        kept = tuple((k, v) for k, v in self.filters if k != key)
        return replace(self, filters=(*kept, (key, text)) if text.strip() else kept)


def column_expression(
    key: str, numbers: frozenset[int] = frozenset(), coders: frozenset[int] | None = None
) -> Any:
    """The SQL expression of a column, per article; counts count ``coders``' work only, when
    given (blind coding)."""
    counted = [] if coders is None else [Annotation.coder_id.in_(sorted(coders))]
    fixed = {
        "title": Article.title,
        "outlet": Article.outlet,
        "published": Article.published,
        "language": Article.language,
        "source": Article.source_kind,
    }
    if key in fixed:
        return fixed[key]
    if key == "annotations":
        return (
            sa.select(sa.func.count())
            .where(Annotation.article_id == Article.id, *counted)
            .scalar_subquery()
        )
    kind, _, ident = key.partition(":")
    number = int(ident) if ident.isdigit() else -1
    if kind == "status":
        stored = (
            sa.select(CoderArticleStatus.status)
            .where(
                CoderArticleStatus.article_id == Article.id, CoderArticleStatus.coder_id == number
            )
            .scalar_subquery()
        )
        return sa.func.coalesce(stored, CodingStatus.NOT_STARTED.value)
    if kind == "tag":
        return (
            sa.select(sa.func.count())
            .where(Annotation.article_id == Article.id, Annotation.tag_id == number, *counted)
            .scalar_subquery()
        )
    if kind == "attr":
        value = (
            sa.select(ArticleAttribute.value)
            .where(
                ArticleAttribute.article_id == Article.id, ArticleAttribute.attribute_id == number
            )
            .scalar_subquery()
        )
        return sa.cast(value, sa.Float) if number in numbers else value
    raise ValueError(f"no article column {key!r}")


def is_count(key: str) -> bool:
    return key == "annotations" or key.startswith("tag:")


def _condition(
    key: str, text: str, numbers: frozenset[int], coders: frozenset[int] | None = None
) -> Any:
    expression = column_expression(key, numbers, coders)
    if is_count(key) or (key.startswith("attr:") and int(key[5:]) in numbers):
        match = _COMPARISON.match(text)
        if match:
            operator, value = match.group(1) or "=", float(match.group(2))
            return expression.op(operator)(value)
        if key.startswith("attr:"):
            expression = column_expression(key)
    return sa.func.lower(sa.func.coalesce(expression, "")).contains(
        text.strip().lower(), autoescape=True
    )


def _filtered(select: Any, query: ArticleQuery) -> Any:
    for key, text in query.filters:
        select = select.where(_condition(key, text, query.number_attributes, query.coders))
    return select


def count_articles(project: "Project", query: ArticleQuery) -> int:
    with project.engine.connect() as connection:
        return int(connection.scalar(_count_statement(query)) or 0)


@lru_cache(maxsize=32)
def _count_statement(query: ArticleQuery) -> Any:
    return _filtered(sa.select(sa.func.count()).select_from(Article), query)


def _ordered(select: Any, query: ArticleQuery) -> Any:
    if query.sort:
        expression = column_expression(query.sort, query.number_attributes, query.coders)
        if query.sort in FIXED or query.sort.startswith(("attr:", "status:")):
            # Empty values last whichever the direction, as a researcher expects.
            blank = sa.func.coalesce(sa.cast(expression, sa.String), "") == ""
            select = select.order_by(sa.case((blank, 1), else_=0))
        if _sorts_as_words(query):
            expression = folded(expression)  # "apple", "Banana": either case together
        select = select.order_by(expression.desc() if query.descending else expression.asc())
    return select.order_by(Article.position, Article.id)


def _sorts_as_words(query: ArticleQuery) -> bool:
    key = query.sort
    if key.startswith("attr:"):
        ident = key[5:]
        return not (ident.isdigit() and int(ident) in query.number_attributes)
    return key in FIXED and key != "published"


@lru_cache(maxsize=32)
def _ids_statement(query: ArticleQuery) -> Any:
    """Built once per query (statements are immutable): a window is two bound numbers."""
    select = _ordered(_filtered(sa.select(Article.id), query), query)
    return select.limit(sa.bindparam("limit")).offset(sa.bindparam("offset"))


def article_ids(
    project: "Project", query: ArticleQuery, offset: int = 0, limit: int | None = None
) -> list[int]:
    """The ids of the articles in the query's order (a window of them)."""
    with project.engine.connect() as connection:
        if query.sort:
            offer_fold(connection)
        found = connection.scalars(
            _ids_statement(query), {"offset": offset, "limit": ALL if limit is None else limit}
        )
        return [int(i) for i in found]


def article_rows(
    project: "Project", query: ArticleQuery, offset: int, limit: int
) -> list[ArticleRow]:
    """One window of rows, in order: the ids first, then what each column shows for them."""
    return rows_of(project, article_ids(project, query, offset, limit), query.coders)


_IDS: Any = sa.bindparam("ids", expanding=True)
_BASE = sa.select(
    Article.id,
    Article.title,
    Article.outlet,
    Article.published,
    Article.language,
    Article.source_kind,
).where(Article.id.in_(_IDS))
_STATUSES = sa.select(
    CoderArticleStatus.article_id, CoderArticleStatus.coder_id, CoderArticleStatus.status
).where(CoderArticleStatus.article_id.in_(_IDS))
_COUNTS = (
    sa.select(Annotation.article_id, Annotation.tag_id, sa.func.count())
    .where(Annotation.article_id.in_(_IDS))
    .group_by(Annotation.article_id, Annotation.tag_id)
)
_VALUES = sa.select(
    ArticleAttribute.article_id, ArticleAttribute.attribute_id, ArticleAttribute.value
).where(ArticleAttribute.article_id.in_(_IDS))


def rows_of(
    project: "Project", ids: Iterable[int], coders: frozenset[int] | None = None
) -> list[ArticleRow]:
    """The rows of these articles; the counts count ``coders``' annotations only, when given."""
    ids = list(ids)
    if not ids:
        return []
    window = {"ids": ids}
    statuses: dict[int, dict[int, str]] = {}
    counts: dict[int, dict[int, int]] = {}
    values: dict[int, dict[int, str]] = {}
    with project.engine.connect() as connection:
        base = {row[0]: row for row in connection.execute(_BASE, window).all()}
        for article_id, coder_id, status in connection.execute(_STATUSES, window).all():
            statuses.setdefault(article_id, {})[coder_id] = status
        counting = _COUNTS
        if coders is not None:
            # ``coder_id + 0``: without it SQLite reads every annotation of the coder through
            # the coder's index (0.1 s at 200,000 annotations) instead of the window's.
            counting = _COUNTS.where((Annotation.coder_id + 0).in_(sorted(coders)))
        for article_id, tag_id, number in connection.execute(counting, window).all():
            counts.setdefault(article_id, {})[tag_id] = int(number)
        for article_id, attribute_id, value in connection.execute(_VALUES, window).all():
            values.setdefault(article_id, {})[attribute_id] = value
    rows = []
    for article_id in ids:
        if article_id not in base:
            continue  # deleted meanwhile
        _id, title, outlet, published, language, source = base[article_id]
        tally = counts.get(article_id, {})
        rows.append(
            ArticleRow(
                article_id,
                title,
                outlet,
                published,
                language,
                source,
                sum(tally.values()),
                statuses.get(article_id, {}),
                tally,
                values.get(article_id, {}),
            )
        )
    return rows


def number_attributes(kinds: dict[int, str]) -> frozenset[int]:
    return frozenset(a for a, kind in kinds.items() if kind == AttributeKind.NUMBER)
