"""Where two coders differ on an article, and settling each difference into the consensus.

Annotations the two coders share exactly (same tag, same span) agree. The rest are grouped
wherever they overlap; each group is one disagreement: only one coder coded there, the same
words carry different tags, or the same tag has different boundaries. Settling writes the
chosen annotations as the consensus coder's and records the decision, so progress survives;
every settlement also copies the agreed annotations the consensus still lacks, so that an
article's consensus is complete once its last disagreement is settled.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.annotation_writes import Draft, writing
from annotator.core.annotations import article_annotations
from annotator.core.changes import StatusChange
from annotator.core.coders import consensus_coder
from annotator.core.consensus import agreed, annotation_key, copy_agreed, missing_agreed
from annotator.core.models import ReviewDecision
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from annotator.core.project import Project


class Kind(StrEnum):
    ONLY_A = "only A"
    ONLY_B = "only B"
    DIFFERENT_TAGS = "different tags"
    BOUNDARIES = "different boundaries"


class Decision(StrEnum):
    TAKE_A = "take A"
    TAKE_B = "take B"
    BOTH = "take both"
    NEITHER = "take neither"
    EDIT = "edited"


@dataclass(frozen=True)
class Disagreement:
    start: int
    end: int
    kind: Kind
    a: tuple[AnnotationRecord, ...]
    b: tuple[AnnotationRecord, ...]
    decision: Decision | None = None


@dataclass(frozen=True)
class Settlement:
    """What settling wrote, so that it can be undone and redone exactly."""

    decision_id: int
    created: tuple[AnnotationRecord, ...]
    decision: tuple[int, int, int, int, int, str, datetime] | None = None
    """(article, coder A, coder B, start, end, decision, when) of the stored decision row."""
    statuses: tuple[StatusChange, ...] = ()
    """The consensus coder's coding status, as settling changed it."""


def disagreements(
    project: "Project", article_id: int, coder_a: int, coder_b: int
) -> list[Disagreement]:
    records = article_annotations(project, article_id, [coder_a, coder_b])
    a = [r for r in records if r.coder_id == coder_a]
    b = [r for r in records if r.coder_id == coder_b]
    return compare(a, b, _decisions(project, article_id, coder_a, coder_b))


def compare(
    a: list[AnnotationRecord],
    b: list[AnnotationRecord],
    decided: dict[tuple[int, int], "Decision"],
) -> list[Disagreement]:
    """Where A's and B's annotations of one article differ (each list in position order),
    with the decisions already taken by span."""
    shared = Counter(annotation_key(r) for r in agreed(a, b))
    rest: list[tuple[str, AnnotationRecord]] = []
    for side, mine in (("a", a), ("b", b)):
        left = Counter(shared)
        for record in mine:
            if left[annotation_key(record)]:
                left[annotation_key(record)] -= 1
            else:
                rest.append((side, record))
    rest.sort(key=lambda item: (item[1].start, item[1].end))
    groups: list[list[tuple[str, AnnotationRecord]]] = []
    reach = -1
    for item in rest:
        if groups and item[1].start < reach:
            groups[-1].append(item)
            reach = max(reach, item[1].end)
        else:
            groups.append([item])
            reach = item[1].end
    out = []
    for group in [part for whole in groups for part in _split_nested(whole)]:
        side_a = tuple(r for s, r in group if s == "a")
        side_b = tuple(r for s, r in group if s == "b")
        start = min(r.start for _s, r in group)
        end = max(r.end for _s, r in group)
        if not side_b:
            kind = Kind.ONLY_A
        elif not side_a:
            kind = Kind.ONLY_B
        elif {r.tag_id for r in side_a} & {r.tag_id for r in side_b}:
            kind = Kind.BOUNDARIES
        else:
            kind = Kind.DIFFERENT_TAGS
        out.append(Disagreement(start, end, kind, side_a, side_b, decided.get((start, end))))
    out.sort(key=lambda d: (d.start, d.end))
    return out


def _overlap_groups(
    items: list[tuple[str, AnnotationRecord]],
) -> list[list[tuple[str, AnnotationRecord]]]:
    groups: list[list[tuple[str, AnnotationRecord]]] = []
    reach = -1
    for item in sorted(items, key=lambda i: (i[1].start, i[1].end)):
        if groups and item[1].start < reach:
            groups[-1].append(item)
            reach = max(reach, item[1].end)
        else:
            groups.append([item])
            reach = item[1].end
    return groups


def _split_nested(
    group: list[tuple[str, AnnotationRecord]],
) -> list[list[tuple[str, AnnotationRecord]]]:
    """Where both coders used a tag (a boundary difference), spans of other tags inside it
    are differences of their own: settling the boundaries must not settle them too."""
    shared = {r.tag_id for s, r in group if s == "a"} & {r.tag_id for s, r in group if s == "b"}
    if not shared:
        return [group]
    inner = [item for item in group if item[1].tag_id not in shared]
    if not inner:
        return [group]
    outer = [item for item in group if item[1].tag_id in shared]
    return [outer, *_overlap_groups(inner)]


def _decisions(
    project: "Project", article_id: int, coder_a: int, coder_b: int
) -> dict[tuple[int, int], Decision]:
    with project.session() as session:
        rows = session.execute(
            sa.select(ReviewDecision.start, ReviewDecision.end, ReviewDecision.decision).where(
                ReviewDecision.article_id == article_id,
                ReviewDecision.coder_a_id == coder_a,
                ReviewDecision.coder_b_id == coder_b,
            )
        ).all()
    return {(s, e): Decision(d) for s, e, d in rows}


def settle(
    project: "Project",
    article_id: int,
    coder_a: int,
    coder_b: int,
    disagreement: Disagreement,
    decision: Decision,
    edited: list[tuple[int, int, int]] | None = None,
) -> Settlement:
    """Write the consensus for one disagreement; ``edited`` gives (tag, start, end) spans.

    The agreed annotations the consensus still lacks are copied in the same step."""
    if decision is Decision.TAKE_A:
        wanted = [(r.tag_id, r.start, r.end, r.note) for r in disagreement.a]
    elif decision is Decision.TAKE_B:
        wanted = [(r.tag_id, r.start, r.end, r.note) for r in disagreement.b]
    elif decision is Decision.BOTH:
        seen: dict[tuple[int, int, int], str] = {}
        for r in (*disagreement.a, *disagreement.b):
            seen.setdefault(annotation_key(r), r.note)
        wanted = [(t, s, e, note) for (t, s, e), note in seen.items()]
    elif decision is Decision.EDIT:
        wanted = [(t, s, e, "") for t, s, e in edited or []]
    else:
        wanted = []
    consensus = consensus_coder(project)
    shared = missing_agreed(project, article_id, coder_a, coder_b, consensus.id)
    with writing(project, "review") as writer:
        created = [
            writer.add(Draft(article_id, tag, consensus.id, start, end, note))
            for tag, start, end, note in wanted
        ]
        created += copy_agreed(writer, shared, consensus.id)
        row = ReviewDecision(
            article_id=article_id,
            coder_a_id=coder_a,
            coder_b_id=coder_b,
            start=disagreement.start,
            end=disagreement.end,
            decision=decision.value,
        )
        writer.session.add(row)
        writer.session.flush()
        stored = (article_id, coder_a, coder_b, disagreement.start, disagreement.end)
        statuses = writer.changes().statuses
        return Settlement(row.id, tuple(created), (*stored, decision.value, row.created), statuses)


def unsettle(
    project: "Project",
    settlement: Settlement,
    expected: "Callable[[AnnotationRecord], int] | None" = None,
) -> Settlement:
    """Take back a settlement: its consensus annotations and its decision. An annotation
    someone changed since is not taken back silently: the whole step is refused.
    ``expected`` gives the version each annotation should have now (default: as created).
    Returns the settlement as taken back, for a redo."""
    with writing(project, "undo") as writer:
        deleted = tuple(
            writer.delete(record.id, expected(record) if expected else record.version)
            for record in settlement.created
        )
        for change in settlement.statuses:
            writer.put_status(
                change.coder_id, change.article_id, change.before, expected=change.after
            )
        writer.session.execute(
            sa.delete(ReviewDecision).where(ReviewDecision.id == settlement.decision_id)
        )
    return replace(settlement, created=deleted)


def resettle(project: "Project", settlement: Settlement) -> Settlement:
    """Put back a settlement that was taken back (a redo): the same annotations and decision."""
    assert settlement.decision is not None
    article_id, coder_a, coder_b, start, end, decision, when = settlement.decision
    with writing(project, "redo") as writer:
        created = tuple(writer.restore(record) for record in settlement.created)
        for change in settlement.statuses:
            writer.put_status(
                change.coder_id, change.article_id, change.after, expected=change.before
            )
        free = writer.session.get(ReviewDecision, settlement.decision_id) is None
        row = ReviewDecision(
            id=settlement.decision_id if free else None,
            article_id=article_id,
            coder_a_id=coder_a,
            coder_b_id=coder_b,
            start=start,
            end=end,
            decision=decision,
            created=when,
        )
        writer.session.add(row)
        writer.session.flush()
        return Settlement(row.id, created, settlement.decision, settlement.statuses)
