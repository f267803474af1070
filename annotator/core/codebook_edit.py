"""Editing the codebook: add, change, reorder, nest, merge and delete tags.

Every change returns what is needed to take it back exactly (the window's undo), including
the annotations a merge moved or a delete removed.
"""

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.annotations import record_of, restore_annotation
from annotator.core.codebook import tag_record
from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Tag
from annotator.core.records import AnnotationRecord, TagRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
    with project.session() as session:
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
        return tag_record(tag)


def _free_key(session: "Session", key: int, keep: int | None) -> None:
    """A key belongs to one tag: whoever had it loses it."""
    for other in session.scalars(sa.select(Tag).where(Tag.shortcut == key)):
        if other.id != keep:
            other.shortcut = None
    session.flush()


def update_tag(project: "Project", changed: TagRecord) -> list[TagRecord]:
    """Store ``changed``; returns every tag as it was before (a key may move between tags)."""
    with project.session() as session:
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
        return before


def restore_tags(project: "Project", records: list[TagRecord]) -> None:
    """Put tags back as they were (used to undo an update or a reorder)."""
    with project.session() as session:
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


def move_tag(project: "Project", tag_id: int, step: int) -> list[TagRecord]:
    """Move a tag up (−1) or down (+1) among its siblings; returns the tags before."""
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
        before = [tag_record(t) for t in tags]
        index = next(i for i, t in enumerate(tags) if t.id == tag_id)
        target = index + step
        if 0 <= target < len(tags):
            tags[index], tags[target] = tags[target], tags[index]
        for position, tag in enumerate(tags):
            tag.position = position
        return before


def _remove(session: "Session", tag: Tag) -> RemovedTag:
    notes = list(session.scalars(sa.select(Annotation).where(Annotation.tag_id == tag.id)))
    children = tuple(session.scalars(sa.select(Tag.id).where(Tag.parent_id == tag.id)))
    removed = RemovedTag(tag_record(tag), tuple(record_of(n) for n in notes), children)
    for child in children:
        session.get(Tag, child).parent_id = tag.parent_id  # type: ignore[union-attr]
    for note in notes:
        session.delete(note)
    session.flush()
    session.delete(tag)
    return removed


def delete_tag(project: "Project", tag_id: int) -> RemovedTag:
    """Delete a tag and its annotations; its sub-tags move up one level."""
    with project.session() as session:
        tag = session.get(Tag, tag_id)
        if tag is None:
            raise AnnotatorError("That tag no longer exists.")
        return _remove(session, tag)


def restore_tag(project: "Project", removed: RemovedTag) -> None:
    record = removed.tag
    with project.session() as session:
        session.add(Tag(**{f.name: getattr(record, f.name) for f in fields(record)}))
        session.flush()
        for child in removed.children:
            tag = session.get(Tag, child)
            if tag is not None:
                tag.parent_id = record.id
    for note in removed.annotations:
        restore_annotation(project, note)


def merge_tags(project: "Project", source_id: int, into_id: int) -> MergedTag:
    """Move every annotation of ``source`` to ``into`` and delete ``source``."""
    if source_id == into_id:
        raise AnnotatorError("A tag cannot be merged into itself.")
    with project.session() as session:
        source = session.get(Tag, source_id)
        if source is None or session.get(Tag, into_id) is None:
            raise AnnotatorError("That tag no longer exists.")
        moved = tuple(
            session.scalars(sa.select(Annotation.id).where(Annotation.tag_id == source_id))
        )
        session.execute(
            sa.update(Annotation).where(Annotation.tag_id == source_id).values(tag_id=into_id),
            execution_options={"synchronize_session": False},
        )
        session.expire_all()
        removed = _remove(session, session.get(Tag, source_id))  # type: ignore[arg-type]
    return MergedTag(removed, into_id, moved)


def unmerge_tags(project: "Project", merged: MergedTag) -> None:
    restore_tag(project, merged.removed)
    with project.session() as session:
        session.execute(
            sa.update(Annotation)
            .where(Annotation.id.in_(merged.moved))
            .values(tag_id=merged.removed.tag.id),
            execution_options={"synchronize_session": False},
        )


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
