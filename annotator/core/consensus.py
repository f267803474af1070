"""The consensus coder's share of a review: the annotations both coders made alike (the same
tag over the same span), copied into the consensus once, and undone exactly."""

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core.annotation_writes import AnnotationWriter, Draft, writing
from annotator.core.annotations import article_annotations
from annotator.core.coders import consensus_coder
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from annotator.core.project import Project


def annotation_key(record: AnnotationRecord) -> tuple[int, int, int]:
    """What makes two coders agree on an annotation: the same tag over the same span."""
    return (record.tag_id, record.start, record.end)


def agreed(a: list[AnnotationRecord], b: list[AnnotationRecord]) -> list[AnnotationRecord]:
    """A's annotations that B has too (same tag and span)."""
    theirs = Counter(annotation_key(r) for r in b)
    shared = []
    for record in a:
        if theirs[annotation_key(record)]:
            theirs[annotation_key(record)] -= 1
            shared.append(record)
    return shared


def copy_agreed(
    writer: AnnotationWriter, shared: list[AnnotationRecord], consensus_id: int
) -> list[AnnotationRecord]:
    return [
        writer.add(Draft(r.article_id, r.tag_id, consensus_id, r.start, r.end, r.note))
        for r in shared
    ]


def missing_agreed(
    project: "Project", article_id: int, coder_a: int, coder_b: int, consensus_id: int
) -> list[AnnotationRecord]:
    """The agreed annotations (A's copy) whose tag and span the consensus does not have."""
    records = article_annotations(project, article_id, [coder_a, coder_b, consensus_id])
    shared = agreed(
        [r for r in records if r.coder_id == coder_a], [r for r in records if r.coder_id == coder_b]
    )
    return lacking(shared, [r for r in records if r.coder_id == consensus_id])


def lacking(shared: list[AnnotationRecord], have: list[AnnotationRecord]) -> list[AnnotationRecord]:
    """The agreed annotations whose tag and span are not among ``have`` (the consensus's)."""
    left = Counter(annotation_key(r) for r in have)
    missing = []
    for record in shared:
        if left[annotation_key(record)]:
            left[annotation_key(record)] -= 1
        else:
            missing.append(record)
    return missing


def take_agreed(project: "Project", article_id: int, coder_a: int, coder_b: int) -> int:
    """Copy the annotations both coders share into the consensus, once; how many were new."""
    return len(take_agreed_records(project, article_id, coder_a, coder_b))


def take_agreed_records(
    project: "Project", article_id: int, coder_a: int, coder_b: int
) -> tuple[AnnotationRecord, ...]:
    """Copy the agreed annotations the consensus lacks; the copies made (for an undo)."""
    consensus = consensus_coder(project)
    shared = missing_agreed(project, article_id, coder_a, coder_b, consensus.id)
    if not shared:
        return ()
    with writing(project, "review") as writer:
        return tuple(copy_agreed(writer, shared, consensus.id))


def untake_agreed(
    project: "Project",
    copies: tuple[AnnotationRecord, ...],
    expected: "Callable[[AnnotationRecord], int] | None" = None,
) -> tuple[AnnotationRecord, ...]:
    """Take back copies of agreed annotations (an undo); returns them as they were deleted."""
    with writing(project, "undo") as writer:
        return tuple(writer.delete(r.id, expected(r) if expected else r.version) for r in copies)


def retake_agreed(
    project: "Project", copies: tuple[AnnotationRecord, ...]
) -> tuple[AnnotationRecord, ...]:
    """Bring back copies taken back by an undo (a redo)."""
    with writing(project, "redo") as writer:
        return tuple(writer.restore(r) for r in copies)
