"""Progress per article for the lead: who is assigned, each one's status, and the article's
state: not started, in progress, done (every assigned coder done) or reviewed (the lead
settled it: the consensus is complete, or the consensus coder marked it done)."""

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.models import (
    Article,
    Assignment,
    Coder,
    CoderArticleStatus,
    CoderKind,
    CodingStatus,
)
from annotator.core.team.reliability import current_sample

if TYPE_CHECKING:
    from annotator.core.project import Project


class ArticleState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class ArticleProgress:
    article_id: int
    title: str
    in_sample: bool
    coders: tuple[tuple[str, CodingStatus], ...]  # (name, status), by name
    state: ArticleState


def _reviewed(project: "Project", article_id: int, coder_ids: list[int]) -> bool:
    from annotator.core.review_progress import consensus_state  # noqa: PLC0415

    state = consensus_state(project, article_id, coder_ids[0], coder_ids[1])
    return state.complete and (state.agreed or state.disagreements) > 0


def article_progress(project: "Project") -> list[ArticleProgress]:
    """Every assigned article's progress, in the project's order."""
    sample = current_sample(project) or set()
    with project.session() as session:
        rows = session.execute(
            sa.select(Assignment.article_id, Coder.id, Coder.name, CoderArticleStatus.status)
            .join(Coder, Coder.id == Assignment.coder_id)
            .outerjoin(
                CoderArticleStatus,
                sa.and_(
                    CoderArticleStatus.coder_id == Assignment.coder_id,
                    CoderArticleStatus.article_id == Assignment.article_id,
                ),
            )
        ).all()
        settled = set(
            session.scalars(
                sa.select(CoderArticleStatus.article_id)
                .join(Coder, Coder.id == CoderArticleStatus.coder_id)
                .where(
                    Coder.kind == CoderKind.CONSENSUS.value,
                    CoderArticleStatus.status == CodingStatus.DONE.value,
                )
            )
        )
        titles = dict(
            session.execute(
                sa.select(Article.id, Article.title).order_by(Article.position, Article.id)
            ).all()
        )
    by_article: dict[int, list[tuple[int, str, CodingStatus]]] = defaultdict(list)
    for article_id, coder_id, name, status in rows:
        by_article[article_id].append(
            (coder_id, name, CodingStatus(status or CodingStatus.NOT_STARTED.value))
        )
    out = []
    for article_id, title in titles.items():
        team = sorted(by_article.get(article_id, []), key=lambda t: t[1])
        if not team:
            continue
        statuses = [s for _c, _n, s in team]
        if all(s == CodingStatus.DONE for s in statuses):
            reviewed = article_id in settled or (
                len(team) >= 2 and _reviewed(project, article_id, [c for c, _n, _s in team])
            )
            state = ArticleState.REVIEWED if reviewed else ArticleState.DONE
        elif any(s != CodingStatus.NOT_STARTED for s in statuses):
            state = ArticleState.IN_PROGRESS
        else:
            state = ArticleState.NOT_STARTED
        out.append(
            ArticleProgress(
                article_id,
                title,
                article_id in sample,
                tuple((n, s) for _c, n, s in team),
                state,
            )
        )
    return out
