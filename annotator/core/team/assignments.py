"""Assignments: which articles each coder is asked to code, by hand or dealt evenly at
random (optionally stratified by an article attribute), and each coder's progress.

Every write goes through here, in one transaction, and is announced with ``team=True``.
"""

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.models import (
    Article,
    ArticleAttribute,
    Assignment,
    Coder,
    CoderArticleStatus,
    CodingStatus,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project


def strata(
    session: "Session", article_ids: Sequence[int], attribute_id: int | None
) -> dict[str, list[int]]:
    """The articles grouped by their value of the attribute ("" when they have none), each
    group in id order; one group of all when no attribute is given."""
    ordered = sorted(article_ids)
    if attribute_id is None:
        return {"": ordered}
    values = dict(
        session.execute(
            sa.select(ArticleAttribute.article_id, ArticleAttribute.value).where(
                ArticleAttribute.attribute_id == attribute_id
            )
        ).all()
    )
    groups: dict[str, list[int]] = defaultdict(list)
    for article_id in ordered:
        groups[values.get(article_id, "")].append(article_id)
    return dict(sorted(groups.items()))


def deal(
    groups: dict[str, list[int]], coder_ids: Sequence[int], rng: random.Random
) -> dict[int, int]:
    """Each article to one coder, evenly: every group shuffled and dealt round the coders,
    the deal going on from group to group so that the totals differ by one at most."""
    if not coder_ids:
        raise AnnotatorError("Choose at least one coder to assign articles to.")
    order = list(coder_ids)
    rng.shuffle(order)
    dealt: dict[int, int] = {}
    turn = 0
    for members in groups.values():
        shuffled = list(members)
        rng.shuffle(shuffled)
        for article_id in shuffled:
            dealt[article_id] = order[turn % len(order)]
            turn += 1
    return dealt


def _store(session: "Session", pairs: Iterable[tuple[int, int]], draw_id: int | None) -> int:
    existing: set[tuple[int, int]] = {
        (a, c) for a, c in session.execute(sa.select(Assignment.article_id, Assignment.coder_id))
    }
    added = 0
    for article_id, coder_id in pairs:
        if (article_id, coder_id) in existing:
            continue
        session.add(Assignment(article_id=article_id, coder_id=coder_id, draw_id=draw_id))
        existing.add((article_id, coder_id))
        added += 1
    return added


def assign(project: "Project", article_ids: Iterable[int], coder_id: int) -> int:
    """Assign the articles to the coder (by hand); returns how many were new."""
    with project.session() as session:
        added = _store(session, ((a, coder_id) for a in article_ids), None)
    project.changes.publish(Changes(team=True))
    return added


def unassign(project: "Project", article_ids: Iterable[int], coder_id: int) -> int:
    """Take the articles back from the coder; returns how many assignments went."""
    with project.session() as session:
        result = session.execute(
            sa.delete(Assignment).where(
                Assignment.coder_id == coder_id, Assignment.article_id.in_(list(article_ids))
            )
        )
        gone = int(getattr(result, "rowcount", 0))
    project.changes.publish(Changes(team=True))
    return gone


def assign_evenly(
    project: "Project",
    coder_ids: Sequence[int],
    *,
    article_ids: Sequence[int] | None = None,
    attribute_id: int | None = None,
    seed: int | None = None,
) -> dict[int, int]:
    """Deal the articles (default: those nobody is assigned yet) evenly at random among the
    coders, stratified by the attribute when one is given; returns article → coder."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    with project.session() as session:
        if article_ids is None:
            taken = sa.select(Assignment.article_id)
            article_ids = list(session.scalars(sa.select(Article.id).where(~Article.id.in_(taken))))
        dealt = deal(strata(session, article_ids, attribute_id), coder_ids, rng)
        _store(session, ((a, c) for a, c in dealt.items()), None)
    project.changes.publish(Changes(team=True))
    return dealt


def assignments(project: "Project", coder_id: int | None = None) -> dict[int, set[int]]:
    """Article → the coders assigned to it (only ``coder_id``'s when given)."""
    query = sa.select(Assignment.article_id, Assignment.coder_id)
    if coder_id is not None:
        query = query.where(Assignment.coder_id == coder_id)
    out: dict[int, set[int]] = defaultdict(set)
    with project.session() as session:
        for article_id, coder in session.execute(query):
            out[article_id].add(coder)
    return dict(out)


@dataclass(frozen=True)
class CoderProgress:
    coder_id: int
    name: str
    assigned: int
    not_started: int
    in_progress: int
    done: int


def coder_progress(project: "Project") -> list[CoderProgress]:
    """Each assigned coder's progress on their assignments."""
    status = sa.func.coalesce(CoderArticleStatus.status, CodingStatus.NOT_STARTED.value)
    query = (
        sa.select(Coder.id, Coder.name, status, sa.func.count())
        .join(Assignment, Assignment.coder_id == Coder.id)
        .outerjoin(
            CoderArticleStatus,
            sa.and_(
                CoderArticleStatus.coder_id == Assignment.coder_id,
                CoderArticleStatus.article_id == Assignment.article_id,
            ),
        )
        .group_by(Coder.id, Coder.name, status)
    )
    counts: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    with project.session() as session:
        for coder_id, name, state, count in session.execute(query):
            counts[(coder_id, name)][state] = count
    return [
        CoderProgress(
            coder_id,
            name,
            sum(by.values()),
            by.get(CodingStatus.NOT_STARTED.value, 0),
            by.get(CodingStatus.IN_PROGRESS.value, 0),
            by.get(CodingStatus.DONE.value, 0),
        )
        for (coder_id, name), by in sorted(counts.items(), key=lambda item: item[0][1])
    ]
