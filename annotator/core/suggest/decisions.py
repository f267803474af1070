"""What a coder decides about a suggestion, written through the one write path.

Accepting makes an ordinary annotation of the coder (through `AnnotationWriter.add`, so it is
announced, versioned and undone like any other) and keeps the suggestion's score beside it;
rejecting remembers the passage as a negative example. Both happen inside the caller's
`writing(...)` block, so an undoable command writes each step in one transaction.
"""

from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.annotation_writes import AnnotationWriter, Draft
from annotator.core.models import SuggestionDecision
from annotator.core.records import AnnotationRecord
from annotator.core.suggest.suggestion import ACCEPTED, REJECTED, Suggestion

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def accept(
    writer: AnnotationWriter,
    suggestion: Suggestion,
    coder_id: int,
    span: tuple[int, int] | None = None,
) -> AnnotationRecord:
    """Code the suggested passage (or ``span``, its boundaries adjusted) for the coder."""
    start, end = span if span is not None else (suggestion.start, suggestion.end)
    record = writer.add(Draft(suggestion.article_id, suggestion.tag_id, coder_id, start, end))
    _decide(writer, suggestion, coder_id, ACCEPTED, record.uuid, (start, end))
    return record


def reject(writer: AnnotationWriter, suggestion: Suggestion, coder_id: int) -> int:
    """Remember that the coder rejected the suggestion; returns the decision's id."""
    return _decide(writer, suggestion, coder_id, REJECTED, "", None)


def forget(writer: AnnotationWriter, decision_id: int) -> None:
    """Forget a decision (the undo of a rejection)."""
    writer.session.execute(
        sa.delete(SuggestionDecision).where(SuggestionDecision.id == decision_id)
    )
    writer.suggestions_changed = True


def _decide(
    writer: AnnotationWriter,
    suggestion: Suggestion,
    coder_id: int,
    decision: str,
    annotation_uuid: str,
    span: tuple[int, int] | None,
) -> int:
    start, end = span if span is not None else (suggestion.start, suggestion.end)
    row = SuggestionDecision(
        article_id=suggestion.article_id,
        tag_id=suggestion.tag_id,
        coder_id=coder_id,
        start=start,
        end=end,
        decision=decision,
        score=suggestion.score,
        annotation_uuid=annotation_uuid,
    )
    writer.session.add(row)
    writer.session.flush()
    writer.suggestions_changed = True
    return row.id


def accepted_scores(session: "Session", uuids: list[str]) -> dict[str, float]:
    """The score each of these annotations had as an accepted suggestion (others absent)."""
    found: dict[str, float] = {}
    for chunk in range(0, len(uuids), 500):
        rows = session.execute(
            sa.select(SuggestionDecision.annotation_uuid, SuggestionDecision.score).where(
                SuggestionDecision.decision == ACCEPTED,
                SuggestionDecision.annotation_uuid.in_(uuids[chunk : chunk + 500]),
            )
        )
        found.update({uuid: float(score) for uuid, score in rows})
    return found


def accepted_scores_in(session: "Session", article_id: int) -> dict[str, float]:
    """The score of each accepted suggestion of the article, by its annotation's UUID."""
    rows = session.execute(
        sa.select(SuggestionDecision.annotation_uuid, SuggestionDecision.score).where(
            SuggestionDecision.decision == ACCEPTED,
            SuggestionDecision.article_id == article_id,
        )
    )
    return {uuid: float(score) for uuid, score in rows}
