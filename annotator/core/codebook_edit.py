"""Editing the codebook: add, change, reorder, nest, merge and delete tags, and apply a
codebook sheet.

Every change is one transaction through the one write path (so the window hears of it) and
returns what is needed to take it back (the window's undo), including the annotations a merge
moved or a delete removed.
"""

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.annotation_writes import AnnotationWriter, writing
from annotator.core.codebook import tag_record
from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Tag
from annotator.core.records import AnnotationRecord, TagRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.export.codebook_sheet import TagRow
    from annotator.core.project import Project

EDITABLE = ("name", "color", "definition", "shortcut", "position", "parent_id")


@dataclass(frozen=True)
class RemovedTag:
    """A deleted tag with everything that went with it."""

    tag: TagRecord
    annotations: tuple[AnnotationRecord, ...]
    children: tuple[int, ...]  # tags that had it as parent


@dataclass(frozen=True)
class MergedTag:
    removed: RemovedTag
    into: int
    moved: tuple[int, ...]  # ids of the annotations moved to ``into``


def _check(session: "Session", tag: TagRecord) -> None:
    name = " ".join(tag.name.split())
    if not name:
        raise AnnotatorError("A tag needs a name.")
    clash = session.scalar(sa.select(Tag.id).where(Tag.name == name, Tag.id != tag.id))
    if clash is not None:
        raise AnnotatorError(f"There is already a tag named {name!r}.")
    if tag.shortcut is not None and not 1 <= tag.shortcut <= 9:
        raise AnnotatorError("A tag's key is a digit from 1 to 9.")
    if not (len(tag.color) == 7 and tag.color.startswith("#")):
        raise AnnotatorError(f"{tag.color!r} is not a colour like #77AADD.")
    parent = tag.parent_id
    seen = {tag.id}
    while parent is not None:
        if parent in seen:
            raise AnnotatorError("A tag cannot be nested inside itself.")
        seen.add(parent)
        parent = session.scalar(sa.select(Tag.parent_id).where(Tag.id == parent))


def add_tag(
    project: "Project",
    name: str,
    color: str,
    definition: str = "",
    shortcut: int | None = None,
    parent_id: int | None = None,
) -> TagRecord:
    with writing(project, "codebook") as writer:
        return _add(writer, name, color, definition, shortcut, parent_id)


def _add(
    writer: AnnotationWriter,
    name: str,
    color: str,
    definition: str,
    shortcut: int | None,
    parent_id: int | None,
) -> TagRecord:
    session = writer.session
    position = session.scalar(sa.select(sa.func.coalesce(sa.func.max(Tag.position), -1)))
    draft = TagRecord(
        0,
        " ".join(name.split()),
        color.upper(),
        definition,
        shortcut,
        (position or 0) + 1,
        parent_id,
    )
    _check(session, draft)
    if shortcut is not None:
        _free_key(session, shortcut, None)
    tag = Tag(
        name=draft.name,
        color=draft.color,
        definition=definition,
        shortcut=shortcut,
        position=draft.position,
        parent_id=parent_id,
    )
    session.add(tag)
    session.flush()
    writer.tags_changed = True
    return tag_record(tag)


def _free_key(session: "Session", key: int, keep: int | None) -> None:
    """A key belongs to one tag: whoever had it loses it."""
    for other in session.scalars(sa.select(Tag).where(Tag.shortcut == key)):
        if other.id != keep:
            other.shortcut = None
    session.flush()


def update_tag(project: "Project", changed: TagRecord) -> list[TagRecord]:
    """Store ``changed``; returns every tag as it was before (a key may move between tags)."""
    with writing(project, "codebook") as writer:
        return _update(writer, changed)


def _update(writer: AnnotationWriter, changed: TagRecord) -> list[TagRecord]:
    session = writer.session
    _check(session, changed)
    before = [tag_record(t) for t in session.scalars(sa.select(Tag))]
    if changed.shortcut is not None:
        _free_key(session, changed.shortcut, changed.id)
    tag = session.get(Tag, changed.id)
    if tag is None:
        raise AnnotatorError("That tag no longer exists.")
    for name in EDITABLE:
        setattr(tag, name, getattr(changed, name))
    tag.name = " ".join(tag.name.split())
    session.flush()
    writer.tags_changed = True
    return before


def restore_tags(project: "Project", records: list[TagRecord]) -> None:
    """Put tags back as they were (used to undo an update or a reorder)."""
    with writing(project, "codebook") as writer:
        _restore_tags(writer, records)


def _restore_tags(writer: AnnotationWriter, records: list[TagRecord]) -> None:
    session = writer.session
    for record in records:
        tag = session.get(Tag, record.id)
        if tag is not None:
            tag.shortcut = None
    session.flush()
    for record in records:
        tag = session.get(Tag, record.id)
        if tag is not None:
            for name in EDITABLE:
                setattr(tag, name, getattr(record, name))
    session.flush()
    writer.tags_changed = True


def move_tag(project: "Project", tag_id: int, step: int) -> list[TagRecord]:
    """Move a tag up (−1) or down (+1) among its siblings; returns the tags before."""
    with writing(project, "codebook") as writer:
        tags = list(writer.session.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
        before = [tag_record(t) for t in tags]
        index = next(i for i, t in enumerate(tags) if t.id == tag_id)
        target = index + step
        if 0 <= target < len(tags):
            tags[index], tags[target] = tags[target], tags[index]
        for position, tag in enumerate(tags):
            tag.position = position
        writer.tags_changed = True
        return before


def _remove(writer: AnnotationWriter, tag: Tag) -> RemovedTag:
    session = writer.session
    ids = list(session.scalars(sa.select(Annotation.id).where(Annotation.tag_id == tag.id)))
    notes = tuple(writer.delete(annotation_id, None) for annotation_id in ids)
    children = tuple(session.scalars(sa.select(Tag.id).where(Tag.parent_id == tag.id)))
    removed = RemovedTag(tag_record(tag), notes, children)
    for child in children:
        session.get(Tag, child).parent_id = tag.parent_id  # type: ignore[union-attr]
    session.flush()
    session.delete(tag)
    session.flush()
    writer.tags_changed = True
    return removed


def delete_tag(project: "Project", tag_id: int) -> RemovedTag:
    """Delete a tag and its annotations; its sub-tags move up one level."""
    with writing(project, "codebook") as writer:
        tag = writer.session.get(Tag, tag_id)
        if tag is None:
            raise AnnotatorError("That tag no longer exists.")
        return _remove(writer, tag)


def restore_tag(project: "Project", removed: RemovedTag) -> RemovedTag:
    """Bring a deleted tag back with its annotations; returns it as restored."""
    with writing(project, "codebook") as writer:
        return _restore_tag(writer, removed)


def _restore_tag(writer: AnnotationWriter, removed: RemovedTag) -> RemovedTag:
    record = removed.tag
    session = writer.session
    session.add(Tag(**{f.name: getattr(record, f.name) for f in fields(record)}))
    session.flush()
    for child in removed.children:
        tag = session.get(Tag, child)
        if tag is not None:
            tag.parent_id = record.id
    session.flush()
    notes = tuple(writer.restore(note) for note in removed.annotations)
    writer.tags_changed = True
    return replace(removed, annotations=notes)


def merge_tags(project: "Project", source_id: int, into_id: int) -> MergedTag:
    """Move every annotation of ``source`` to ``into`` and delete ``source``."""
    if source_id == into_id:
        raise AnnotatorError("A tag cannot be merged into itself.")
    with writing(project, "codebook") as writer:
        session = writer.session
        source = session.get(Tag, source_id)
        if source is None or session.get(Tag, into_id) is None:
            raise AnnotatorError("That tag no longer exists.")
        moved = tuple(
            session.scalars(sa.select(Annotation.id).where(Annotation.tag_id == source_id))
        )
        for annotation_id in moved:
            writer.change(annotation_id, None, tag_id=into_id)
        removed = _remove(writer, source)
    return MergedTag(removed, into_id, moved)


def unmerge_tags(project: "Project", merged: MergedTag) -> None:
    with writing(project, "codebook") as writer:
        _restore_tag(writer, merged.removed)
        present = set(
            writer.session.scalars(sa.select(Annotation.id).where(Annotation.id.in_(merged.moved)))
        )
        for annotation_id in merged.moved:
            if annotation_id in present:
                writer.change(annotation_id, None, tag_id=merged.removed.tag.id)


def take_back_added_tag(project: "Project", tag_id: int, before: list[TagRecord]) -> None:
    """Undo an added tag: remove it and give back a key it took from another tag."""
    with writing(project, "undo") as writer:
        tag = writer.session.get(Tag, tag_id)
        if tag is not None:
            _remove(writer, tag)
        _restore_tags(writer, before)


def put_back_added_tag(project: "Project", tag: TagRecord) -> None:
    """Redo an added tag: the same tag again, taking its key from whoever has it now."""
    with writing(project, "redo") as writer:
        session = writer.session
        if tag.shortcut is not None:
            _free_key(session, tag.shortcut, None)
        session.add(Tag(**{f.name: getattr(tag, f.name) for f in fields(tag)}))
        session.flush()
        writer.tags_changed = True


@dataclass(frozen=True)
class AppliedCodebook:
    """What applying a codebook sheet did: the tags as they were, and the ones it added."""

    before: tuple[TagRecord, ...]
    added: tuple[int, ...]


def apply_codebook(project: "Project", rows: "list[TagRow]") -> AppliedCodebook:
    """Add the sheet's new tags and update the known ones, all in one transaction: a row
    that is refused leaves the codebook exactly as it was."""
    with writing(project, "codebook") as writer:
        session = writer.session
        before = tuple(tag_record(t) for t in session.scalars(sa.select(Tag)))
        known = {t.name for t in before}
        added = [
            _add(writer, row.name, row.color, row.definition, None, None).id
            for row in rows
            if row.name not in known
        ]
        names = {t.name: tag_record(t) for t in session.scalars(sa.select(Tag))}
        for row in rows:
            tag = names[" ".join(row.name.split())]
            parent = names[row.parent].id if row.parent in names else None
            changed = replace(
                tag, color=row.color, definition=row.definition, shortcut=row.key, parent_id=parent
            )
            if changed != tag:
                _update(writer, changed)
        return AppliedCodebook(before, tuple(added))


def unapply_codebook(project: "Project", applied: AppliedCodebook) -> None:
    with writing(project, "codebook") as writer:
        for tag_id in applied.added:
            tag = writer.session.get(Tag, tag_id)
            if tag is not None:
                _remove(writer, tag)
        _restore_tags(writer, list(applied.before))


def usage(project: "Project", tag_id: int) -> int:
    with project.session() as session:
        return (
            session.scalar(
                sa.select(sa.func.count())
                .select_from(Annotation)
                .where(Annotation.tag_id == tag_id)
            )
            or 0
        )
