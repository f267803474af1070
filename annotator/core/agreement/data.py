"""What agreement is computed on: the chosen coders' spans over the chosen articles.

The articles are those that every chosen coder has marked done or annotated at least once.
They are laid end to end in project order, but each stays a continuum of its own: ``cuts``
marks where each begins, and no unit or gap of the coefficients crosses a cut, so no figure
depends on the order of the articles.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.errors import AnnotatorError
from annotator.core.models import (
    Annotation,
    Article,
    Coder,
    CoderArticleStatus,
    CoderKind,
    CodingStatus,
    Tag,
)

if TYPE_CHECKING:
    from annotator.core.project import Project

Interval = tuple[int, int]


@dataclass
class ArticleSlice:
    id: int
    title: str
    offset: int  # where the article starts on the continuum
    length: int


@dataclass
class AgreementData:
    coders: list[str]
    tags: list[str]
    articles: list[ArticleSlice]
    # spans[tag][coder index]: the coder's spans of the tag, on the continuum, sorted
    spans: dict[str, list[list[Interval]]] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return sum(a.length for a in self.articles)

    @property
    def cuts(self) -> list[int]:
        """Where each article after the first begins on the continuum."""
        return [a.offset for a in self.articles[1:]]


def default_coders(project: "Project") -> list[str]:
    """Every person (not the consensus) who has coded or marked an article done."""
    active = sa.union(
        sa.select(Annotation.coder_id),
        sa.select(CoderArticleStatus.coder_id).where(
            CoderArticleStatus.status == CodingStatus.DONE.value
        ),
    ).subquery()
    with project.session() as session:
        return list(
            session.scalars(
                sa.select(Coder.name)
                .where(Coder.kind == CoderKind.PERSON.value, Coder.id.in_(sa.select(active)))
                .order_by(Coder.name)
            )
        )


def gather(
    project: "Project",
    coders: list[str] | None = None,
    tags: list[str] | None = None,
    articles: set[int] | None = None,
) -> AgreementData:
    """The chosen coders' spans; ``articles`` limits them to those articles (the
    reliability sample)."""
    coders = list(dict.fromkeys(coders or default_coders(project)))
    with project.session() as session:
        known_coders = dict(session.execute(sa.select(Coder.name, Coder.id)).all())
        known_tags = dict(
            session.execute(sa.select(Tag.name, Tag.id).order_by(Tag.position, Tag.id)).all()
        )
        missing = [c for c in coders if c not in known_coders]
        if missing:
            raise AnnotatorError(f"no coder named {missing[0]!r} in this project")
        chosen_tags = list(dict.fromkeys(tags)) if tags else list(known_tags)
        unknown = [t for t in chosen_tags if t not in known_tags]
        if unknown:
            raise AnnotatorError(f"no tag named {unknown[0]!r} in this project's codebook")
        coder_ids = [known_coders[c] for c in coders]
        slices = _articles(session, coder_ids, articles)
        data = AgreementData(coders, chosen_tags, slices)
        data.spans = {tag: [[] for _ in coders] for tag in chosen_tags}
        if not coder_ids or not slices:
            return data
        offsets = {a.id: a.offset for a in slices}
        index_of_coder = {cid: i for i, cid in enumerate(coder_ids)}
        name_of_tag = {known_tags[t]: t for t in chosen_tags}
        rows = session.execute(
            sa.select(
                Annotation.article_id,
                Annotation.tag_id,
                Annotation.coder_id,
                Annotation.start,
                Annotation.end,
            )
            .where(Annotation.coder_id.in_(coder_ids))
            .where(Annotation.tag_id.in_(list(name_of_tag)))
            .where(Annotation.article_id.in_(list(offsets)))
        )
        for article_id, tag_id, coder_id, start, end in rows:
            base = offsets[article_id]
            data.spans[name_of_tag[tag_id]][index_of_coder[coder_id]].append(
                (base + start, base + end)
            )
    for per_coder in data.spans.values():
        for spans in per_coder:
            spans.sort()
    return data


def _articles(
    session: sa.orm.Session, coder_ids: list[int], among: set[int] | None = None
) -> list[ArticleSlice]:
    """Articles every chosen coder marked done or annotated, laid end to end."""
    if not coder_ids:
        return []
    engaged: dict[int, set[int]] = {}
    for article_id, coder_id in session.execute(
        sa.select(Annotation.article_id, Annotation.coder_id)
        .where(Annotation.coder_id.in_(coder_ids))
        .distinct()
    ):
        engaged.setdefault(article_id, set()).add(coder_id)
    for article_id, coder_id in session.execute(
        sa.select(CoderArticleStatus.article_id, CoderArticleStatus.coder_id).where(
            CoderArticleStatus.coder_id.in_(coder_ids),
            CoderArticleStatus.status == CodingStatus.DONE.value,
        )
    ):
        engaged.setdefault(article_id, set()).add(coder_id)
    wanted = {
        a
        for a, who in engaged.items()
        if len(who) == len(coder_ids) and (among is None or a in among)
    }
    slices: list[ArticleSlice] = []
    offset = 0
    for article_id, title, chars in session.execute(
        sa.select(Article.id, Article.title, Article.chars).order_by(Article.position, Article.id)
    ):
        if article_id in wanted:
            slices.append(ArticleSlice(article_id, title, offset, chars))
            offset += chars
    return slices
