"""How far the review of each article is: disagreements left to settle, and agreed
annotations the consensus still lacks; "consensus complete" when both are none."""

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.annotations import article_annotations
from annotator.core.coders import consensus_coder
from annotator.core.consensus import agreed, lacking, missing_agreed
from annotator.core.models import Annotation, Article, ReviewDecision
from annotator.core.records import AnnotationRecord
from annotator.core.review import Decision, compare, disagreements

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class ConsensusState:
    """How far an article's consensus is: disagreements left, agreed spans not yet copied."""

    disagreements: int
    undecided: int
    agreed: int
    agreed_missing: int

    @property
    def complete(self) -> bool:
        return self.undecided == 0 and self.agreed_missing == 0


def consensus_state(
    project: "Project", article_id: int, coder_a: int, coder_b: int
) -> ConsensusState:
    """Whether the article's consensus is complete: every disagreement settled and every
    agreed annotation copied."""
    found = disagreements(project, article_id, coder_a, coder_b)
    consensus = consensus_coder(project)
    records = article_annotations(project, article_id, [coder_a, coder_b])
    shared = agreed(
        [r for r in records if r.coder_id == coder_a], [r for r in records if r.coder_id == coder_b]
    )
    missing = missing_agreed(project, article_id, coder_a, coder_b, consensus.id)
    return ConsensusState(
        disagreements=len(found),
        undecided=sum(1 for d in found if d.decision is None),
        agreed=len(shared),
        agreed_missing=len(missing),
    )


def consensus_overview(project: "Project", coder_a: int, coder_b: int) -> dict[int, ConsensusState]:
    """Every article's consensus state for the two coders, read in three queries."""
    consensus = consensus_coder(project).id
    columns = [getattr(Annotation, name) for name in AnnotationRecord.__slots__]
    query = (
        sa.select(*columns)
        .where(Annotation.coder_id.in_([coder_a, coder_b, consensus]))
        .order_by(Annotation.article_id, Annotation.start, Annotation.end, Annotation.id)
    )
    decisions = sa.select(
        ReviewDecision.article_id, ReviewDecision.start, ReviewDecision.end, ReviewDecision.decision
    ).where(ReviewDecision.coder_a_id == coder_a, ReviewDecision.coder_b_id == coder_b)
    by_article: dict[int, list[AnnotationRecord]] = defaultdict(list)
    decided: dict[int, dict[tuple[int, int], Decision]] = defaultdict(dict)
    with project.session() as session:
        articles = list(session.scalars(sa.select(Article.id)))
        for row in session.execute(query):
            record = AnnotationRecord(*row)
            by_article[record.article_id].append(record)
        for article_id, start, end, decision in session.execute(decisions):
            decided[article_id][(start, end)] = Decision(decision)
    out = {}
    for article_id in articles:
        records = by_article.get(article_id, [])
        a = [r for r in records if r.coder_id == coder_a]
        b = [r for r in records if r.coder_id == coder_b]
        have = [r for r in records if r.coder_id == consensus]
        found = compare(a, b, decided.get(article_id, {}))
        shared = agreed(a, b)
        out[article_id] = ConsensusState(
            disagreements=len(found),
            undecided=sum(1 for d in found if d.decision is None),
            agreed=len(shared),
            agreed_missing=len(lacking(shared, have)),
        )
    return out
