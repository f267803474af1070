"""The rows every annotation export shares: one per annotation, with its article and context."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.models import Annotation, Article, Coder, SuggestionDecision, Tag
from annotator.core.pages import all_page_maps
from annotator.core.text import context_after, context_before

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class Selection:
    """Which annotations an export takes; None means all."""

    tags: frozenset[str] | None = None
    coders: frozenset[str] | None = None
    articles: frozenset[int] | None = None

    def apply(self, query: Any) -> Any:
        """``query`` (a select joined to Annotation, Tag and Coder) with these filters."""
        if self.tags is not None:
            query = query.where(Tag.name.in_(self.tags))
        if self.coders is not None:
            query = query.where(Coder.name.in_(self.coders))
        if self.articles is not None:
            query = query.where(Annotation.article_id.in_(self.articles))
        return query


@dataclass(slots=True)
class AnnotationRow:
    article_id: int
    article_title: str
    outlet: str
    published: date | str
    url: str
    article_uri: str
    page: str
    tag: str
    tag_path: str
    tag_color: str
    quote: str
    context_before: str
    context_after: str
    start: int
    end: int
    coder: str
    note: str
    created: datetime
    modified: datetime
    uuid: str
    # The model's score when the annotation is an accepted suggestion; None when coded by hand.
    suggestion_score: float | None = None

    def cells(self, suggestions: bool = False) -> tuple[Any, ...]:
        """The values in the order of the Annotations sheet and the CSV (the suggestion
        score last, when asked)."""
        if suggestions:
            return (*self.cells(), self.suggestion_score)
        return (
            self.article_title,
            self.outlet,
            self.published,
            self.url,
            self.article_uri,
            self.page,
            self.tag,
            self.tag_path,
            self.quote,
            self.context_before,
            self.context_after,
            self.start,
            self.end,
            self.coder,
            self.note,
            self.created,
            self.modified,
            self.uuid,
        )


def as_date(value: str) -> date | str:
    """An ISO date (or the date part of an ISO time) as a date; anything else unchanged."""
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else value
    except ValueError:
        return value


def tag_paths(project: "Project") -> dict[int, str]:
    """Each tag's path from the top of the codebook: "pledge › conditional pledge"."""
    with project.session() as session:
        tags = {t.id: (t.name, t.parent_id) for t in session.scalars(sa.select(Tag))}
    paths: dict[int, str] = {}
    for tag_id in tags:
        names: list[str] = []
        current: int | None = tag_id
        seen: set[int] = set()
        while current is not None and current in tags and current not in seen:
            seen.add(current)
            name, current = tags[current]
            names.append(name)
        paths[tag_id] = " › ".join(reversed(names))
    return paths


def has_accepted_suggestions(project: "Project") -> bool:
    """Whether any annotation of the project is an accepted suggestion."""
    query = (
        sa.select(Annotation.id)
        .join(SuggestionDecision, SuggestionDecision.annotation_uuid == Annotation.uuid)
        .where(SuggestionDecision.decision == "accepted")
        .limit(1)
    )
    with project.session() as session:
        return session.scalar(query) is not None


def count_rows(project: "Project", selection: Selection | None = None) -> int:
    query = (
        sa.select(sa.func.count())
        .select_from(Annotation)
        .join(Tag, Annotation.tag_id == Tag.id)
        .join(Coder, Annotation.coder_id == Coder.id)
    )
    with project.session() as session:
        return session.scalar((selection or Selection()).apply(query)) or 0


def annotation_rows(
    project: "Project", selection: Selection | None = None
) -> Iterator[AnnotationRow]:
    """Every selected annotation, article by article in position order, streamed."""
    query = (
        sa.select(
            Article.id,
            Article.title,
            Article.outlet,
            Article.published,
            Article.url,
            Article.uri,
            Tag.id,
            Tag.name,
            Tag.color,
            Annotation.quote,
            Annotation.start,
            Annotation.end,
            Coder.name,
            Annotation.note,
            Annotation.created,
            Annotation.modified,
            Annotation.uuid,
            SuggestionDecision.score,
        )
        .join(Article, Annotation.article_id == Article.id)
        .outerjoin(
            SuggestionDecision,
            sa.and_(
                SuggestionDecision.annotation_uuid == Annotation.uuid,
                SuggestionDecision.decision == "accepted",
            ),
        )
        .join(Tag, Annotation.tag_id == Tag.id)
        .join(Coder, Annotation.coder_id == Coder.id)
        .order_by(Article.position, Article.id, Annotation.start, Annotation.end, Annotation.id)
    )
    query = (selection or Selection()).apply(query)
    paths = tag_paths(project)
    pages = all_page_maps(project)
    current_id = -1
    text = ""
    with project.session() as session:
        # Core rows, streamed: the ORM's per-row bookkeeping would cost more than the rest.
        connection = session.connection().execution_options(yield_per=2000)
        rows: Iterator[Any] = connection.execute(query)
        for row in rows:
            (article_id, title, outlet, published, url, uri, tag_id, tag, color) = row[:9]
            quote, start, end, coder, note, created, modified, uuid, suggested = row[9:]
            if article_id != current_id:
                current_id = article_id
                text = session.scalar(sa.select(Article.text).where(Article.id == article_id)) or ""
            page_map = pages.get(article_id)
            yield AnnotationRow(
                article_id=article_id,
                article_title=title,
                outlet=outlet,
                published=as_date(published),
                url=url,
                article_uri=uri,
                page=page_map.label(start, end) if page_map else "",
                tag=tag,
                tag_path=paths.get(tag_id) or tag,
                tag_color=color,
                quote=quote,
                context_before=context_before(text, start),
                context_after=context_after(text, end),
                start=start,
                end=end,
                coder=coder,
                note=note,
                created=created,
                modified=modified,
                uuid=uuid,
                suggestion_score=round(suggested, 4) if suggested is not None else None,
            )
