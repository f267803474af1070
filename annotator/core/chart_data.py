"""The figures behind the corpus charts, as tables: every chart is drawn from one of these,
and the same table is shown beside it and exported, so a chart never says what its table
does not.

- tag frequencies per article, per outlet or per attribute value (bars);
- tag frequencies over time by publication date, per month or year (lines);
- tags co-occurring in the same passages: spans of one coder in one article that overlap
  (a heat map);
- coding progress per coder: articles not started, in progress, done.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.models import (
    Annotation,
    Article,
    ArticleAttribute,
    Coder,
    CoderArticleStatus,
    CodingStatus,
    Tag,
)

if TYPE_CHECKING:
    from annotator.core.project import Project

NO_VALUE = "(no value)"
TOP_ARTICLES = 30


@dataclass(frozen=True)
class FigureTable:
    """Rows (categories) × columns (series) of counts, with what they are."""

    title: str
    row_title: str
    rows: list[str]
    columns: list[str]
    values: list[list[int]]
    note: str = ""

    def total(self) -> int:
        return sum(sum(row) for row in self.values)


def _tags(project: "Project", tag_ids: frozenset[int] | None) -> list[tuple[int, str]]:
    with project.session() as session:
        rows = session.execute(sa.select(Tag.id, Tag.name).order_by(Tag.position, Tag.id))
        return [(i, n) for i, n in rows if tag_ids is None or i in tag_ids]


def _where(select: Any, coders: frozenset[int] | None) -> Any:
    return select.where(Annotation.coder_id.in_(coders)) if coders is not None else select


def tag_frequencies(
    project: "Project",
    by: str,
    *,
    coders: frozenset[int] | None = None,
    tag_ids: frozenset[int] | None = None,
) -> FigureTable:
    """Annotations per tag for each article (the most coded ``TOP_ARTICLES``), each outlet,
    or each value of an attribute (``by``: ``article``, ``outlet`` or ``attr:<id>``)."""
    tags = _tags(project, tag_ids)
    key: Any
    if by == "article":
        key, title, label = Article.id, "article", "Annotations per tag, by article"
    elif by == "outlet":
        key, title, label = Article.outlet, "outlet", "Annotations per tag, by outlet"
    else:
        attribute_id = int(by.removeprefix("attr:"))
        key = (
            sa.select(ArticleAttribute.value)
            .where(
                ArticleAttribute.article_id == Annotation.article_id,
                ArticleAttribute.attribute_id == attribute_id,
            )
            .scalar_subquery()
        )
        title, label = "value", "Annotations per tag, by attribute value"
    select = (
        sa.select(key, Annotation.tag_id, sa.func.count())
        .select_from(Annotation)
        .join(Article, Article.id == Annotation.article_id)
        .group_by(key, Annotation.tag_id)
    )
    counts: dict[object, Counter[int]] = defaultdict(Counter)
    with project.session() as session:
        for group, tag_id, number in session.execute(_where(select, coders)):
            counts[group][tag_id] += int(number)
        names: dict[object, str] = {}
        if by == "article":
            names = dict(session.execute(sa.select(Article.id, Article.title)).all())
    note = ""
    order = sorted(counts, key=_category_order)
    if by == "article":
        order = sorted(counts, key=lambda g: -sum(counts[g].values()))
        if len(order) > TOP_ARTICLES:
            note = f"The {TOP_ARTICLES} most coded of {len(order)} articles."
            order = order[:TOP_ARTICLES]
    rows = [
        names.get(g, str(g)) if by == "article" else (str(g) if g not in (None, "") else NO_VALUE)
        for g in order
    ]
    values = [[counts[g][tag_id] for tag_id, _n in tags] for g in order]
    return FigureTable(label, title, rows, [n for _i, n in tags], values, note)


def _category_order(value: object) -> tuple[bool, float, str]:
    """Categories in reading order: numbers by value, text alphabetically, no value last."""
    empty = value is None or value == ""
    try:
        number = float(str(value))
    except ValueError:
        number = float("inf")
    return (empty, number, str(value).casefold())


def tags_over_time(
    project: "Project",
    period: str = "month",
    *,
    coders: frozenset[int] | None = None,
    tag_ids: frozenset[int] | None = None,
) -> FigureTable:
    """Annotations per tag by the articles' publication month (YYYY-MM) or year (YYYY);
    articles without an ISO date are left out and counted in the note."""
    tags = _tags(project, tag_ids)
    width = 7 if period == "month" else 4
    select = (
        sa.select(Article.published, Annotation.tag_id, sa.func.count())
        .select_from(Annotation)
        .join(Article, Article.id == Annotation.article_id)
        .group_by(Article.published, Annotation.tag_id)
    )
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    undated = 0
    with project.session() as session:
        for published, tag_id, number in session.execute(_where(select, coders)):
            stamp = (published or "")[:width]
            if len(stamp) == width and stamp[:4].isdigit() and (width == 4 or stamp[4] == "-"):
                counts[stamp][tag_id] += int(number)
            else:
                undated += int(number)
    periods = sorted(counts)
    note = f"{undated} annotation(s) of articles without a date are left out." if undated else ""
    return FigureTable(
        f"Annotations per tag, by {period} of publication",
        period,
        periods,
        [n for _i, n in tags],
        [[counts[p][tag_id] for tag_id, _n in tags] for p in periods],
        note,
    )


def co_occurrence(
    project: "Project",
    *,
    coders: frozenset[int] | None = None,
    tag_ids: frozenset[int] | None = None,
) -> FigureTable:
    """How often two tags are on overlapping spans of the same coder in the same article
    (each pair of spans once); the diagonal counts two spans of the same tag overlapping."""
    tags = _tags(project, tag_ids)
    wanted = {i for i, _n in tags}
    select = sa.select(
        Annotation.article_id,
        Annotation.coder_id,
        Annotation.start,
        Annotation.end,
        Annotation.tag_id,
    ).order_by(Annotation.article_id, Annotation.coder_id, Annotation.start)
    pairs: Counter[tuple[int, int]] = Counter()
    with project.session() as session:
        current: tuple[int, int] | None = None
        open_spans: list[tuple[int, int]] = []  # (end, tag) of spans still open
        rows = (
            session.connection().execution_options(yield_per=5000).execute(_where(select, coders))
        )
        for article_id, coder_id, start, end, tag_id in rows:
            if tag_id not in wanted:
                continue
            if (article_id, coder_id) != current:
                current, open_spans = (article_id, coder_id), []
            open_spans = [(e, t) for e, t in open_spans if e > start]
            for _end, other in open_spans:
                pairs[(min(other, tag_id), max(other, tag_id))] += 1
            open_spans.append((end, tag_id))
    ids = [i for i, _n in tags]
    values = [[pairs[(min(a, b), max(a, b))] for b in ids] for a in ids]
    return FigureTable(
        "Tags on overlapping spans (same coder, same article)",
        "tag",
        [n for _i, n in tags],
        [n for _i, n in tags],
        values,
    )


def coding_progress(project: "Project", coders: frozenset[int] | None = None) -> FigureTable:
    """Per coder (``coders`` only, when given), how many articles are not started, in
    progress and done."""
    statuses = [CodingStatus.NOT_STARTED, CodingStatus.IN_PROGRESS, CodingStatus.DONE]
    with project.session() as session:
        articles = int(session.scalar(sa.select(sa.func.count()).select_from(Article)) or 0)
        listed = sa.select(Coder.id, Coder.name).order_by(Coder.name)
        if coders is not None:
            listed = listed.where(Coder.id.in_(coders))
        shown = session.execute(listed).all()
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        for coder_id, status, number in session.execute(
            sa.select(CoderArticleStatus.coder_id, CoderArticleStatus.status, sa.func.count())
            .join(Article, Article.id == CoderArticleStatus.article_id)
            .group_by(CoderArticleStatus.coder_id, CoderArticleStatus.status)
        ):
            counts[coder_id][status] += int(number)
    values = []
    for coder_id, _name in shown:
        tally = counts[coder_id]
        started = tally[CodingStatus.IN_PROGRESS.value] + tally[CodingStatus.DONE.value]
        values.append(
            [
                articles - started,
                tally[CodingStatus.IN_PROGRESS.value],
                tally[CodingStatus.DONE.value],
            ]
        )
    return FigureTable(
        f"Coding progress per coder ({articles} articles)",
        "coder",
        [name for _id, name in shown],
        [s.value for s in statuses],
        values,
    )
