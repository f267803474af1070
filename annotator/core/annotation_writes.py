"""The one write path for annotations: create, change, delete and restore.

Every caller (the window's commands, imports of every format, merge, review, the command
line) writes annotations through an `AnnotationWriter` inside `writing(project, origin)`:
one short transaction per user action, committed at the end of the block and then announced
on the project's change feed. The rules live here once:

- identity is the annotation's UUID: a UUID already stored is "already here", a UUID whose
  deletion is remembered (a tombstone) is "deleted here"; content never decides identity;
- every change and deletion states the version it expects; a different stored version is
  another writer's edit and raises `ConflictError`, nothing is overwritten;
- every write (undo and redo included) raises the version by one, so that versions only grow
  and a merge can tell the newer of two copies;
- coding an article marks it in progress for the coder, in the same transaction.
"""

import logging
import uuid as uuid_module
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa

from annotator.core.annotation_rows import read_record
from annotator.core.changes import Changes, StatusChange, StatusRow
from annotator.core.errors import AnnotatorError, ConflictError, NotPermittedError
from annotator.core.models import (
    Annotation,
    AnnotationTombstone,
    Article,
    CoderArticleStatus,
    CodingStatus,
    Tag,
    utcnow,
)
from annotator.core.records import AnnotationRecord
from annotator.core.upsert import dialect_insert

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

log = logging.getLogger(__name__)

ANNOTATIONS = cast("sa.Table", Annotation.__table__)
TOMBSTONES = cast("sa.Table", AnnotationTombstone.__table__)

GONE = "That annotation no longer exists; it may have been deleted."


@dataclass(frozen=True, slots=True)
class Draft:
    """An annotation to create. An empty ``uuid`` gives it a new identity."""

    article_id: int
    tag_id: int
    coder_id: int
    start: int
    end: int
    note: str = ""
    uuid: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    version: int = 1


class Outcome(StrEnum):
    ADDED = "added"
    PRESENT = "already here"
    DELETED_HERE = "deleted here"


def _rowcount(result: Any) -> int:
    return int(cast("sa.CursorResult[Any]", result).rowcount)


class AnnotationWriter:
    """Every annotation write of one transaction, and the record of what it changed."""

    def __init__(self, session: "Session", origin: str) -> None:
        self.session = session
        self.origin = origin
        self.tags_changed = False
        self.articles_changed = False
        self.coders_changed = False
        self.suggestions_changed = False
        self._added: dict[str, AnnotationRecord] = {}
        self._changed: dict[str, tuple[AnnotationRecord, AnnotationRecord]] = {}
        self._removed: dict[str, AnnotationRecord] = {}
        self._statuses: dict[tuple[int, int], StatusChange] = {}
        self._texts: dict[int, str] = {}
        self._tag_names: dict[int, str] = {}

    # ----- what changed ----------------------------------------------------------------
    def changes(self) -> Changes:
        return Changes(
            origin=self.origin,
            added=tuple(self._added.values()),
            changed=tuple(self._changed.values()),
            removed=tuple(self._removed.values()),
            statuses=tuple(s for s in self._statuses.values() if s.before != s.after),
            tags=self.tags_changed,
            articles=self.articles_changed,
            coders=self.coders_changed,
            suggestions=self.suggestions_changed,
        )

    def _note_added(self, record: AnnotationRecord) -> None:
        self._removed.pop(record.uuid, None)
        self._added[record.uuid] = record

    def _note_changed(self, before: AnnotationRecord, after: AnnotationRecord) -> None:
        if before.uuid in self._added:
            self._added[before.uuid] = after
            return
        first = self._changed.get(before.uuid, (before, after))[0]
        self._changed[before.uuid] = (first, after)

    def _note_removed(self, record: AnnotationRecord) -> None:
        if self._added.pop(record.uuid, None) is not None:
            return
        first = self._changed.pop(record.uuid, (record, record))[0]
        self._removed[record.uuid] = first

    # ----- reading what a write needs --------------------------------------------------
    def article_text(self, article_id: int) -> str:
        """The article's text, read once per transaction (for writers of many spans)."""
        if article_id not in self._texts:
            text = self.session.scalar(sa.select(Article.text).where(Article.id == article_id))
            if text is None:
                raise AnnotatorError(f"There is no article with id {article_id}.")
            self._texts[article_id] = text
        return self._texts[article_id]

    def _quote(self, article_id: int, start: int, end: int) -> str:
        if article_id in self._texts:
            chars = len(self._texts[article_id])
            quote = None
        else:  # the length and the quote in one statement, without reading the whole text
            row = self.session.execute(
                sa.select(
                    Article.chars, sa.func.substr(Article.text, start + 1, max(end - start, 0))
                ).where(Article.id == article_id)
            ).first()
            if row is None:
                raise AnnotatorError(f"There is no article with id {article_id}.")
            chars, quote = row
        if not 0 <= start < end <= chars:
            raise AnnotatorError(
                f"The span {start}–{end} lies outside the article (0–{chars}); "
                "an annotation covers at least one character of it."
            )
        if quote is None:
            return self._texts[article_id][start:end]
        return str(quote)

    def tag_name(self, tag_id: int) -> str:
        if tag_id not in self._tag_names:
            name = self.session.scalar(sa.select(Tag.name).where(Tag.id == tag_id))
            if name is None:
                raise AnnotatorError("That tag no longer exists; it may have been deleted.")
            self._tag_names[tag_id] = name
        return self._tag_names[tag_id]

    def _current(self, annotation_id: int, expected: int | None) -> AnnotationRecord:
        current = read_record(self.session, annotation_id)
        if current is None:
            raise ConflictError(GONE, expected, None)
        if expected is not None and current.version != expected:
            raise self._conflict(current, expected)
        return current

    def _conflict(self, current: AnnotationRecord | None, expected: object = None) -> ConflictError:
        if current is None:
            return ConflictError(GONE, expected, None)
        what = f"{self.tag_name(current.tag_id)} “{_short(current.quote)}”"
        return ConflictError(
            f"Someone else changed this annotation ({what}) since you last saw it; your "
            "change was not applied. The annotation is shown as it is now.",
            expected,
            current,
        )

    def _refusal(self, before: AnnotationRecord) -> AnnotatorError:
        """Why a write that found its row touched nothing: another writer's edit, or (on a
        team's server) a row the connected member's role may not change."""
        now = read_record(self.session, before.id)
        if now is not None and now.version == before.version:
            return NotPermittedError()
        return self._conflict(now, before.version)

    # ----- annotations -----------------------------------------------------------------
    def identity(self, ident: str) -> Outcome | None:
        """What the project knows of this UUID: present, deleted here, or nothing (None)."""
        if self.session.scalar(sa.select(Annotation.id).where(Annotation.uuid == ident)):
            return Outcome.PRESENT
        if self.session.get(AnnotationTombstone, ident) is not None:
            return Outcome.DELETED_HERE
        return None

    def create(self, draft: Draft) -> tuple[Outcome, AnnotationRecord | None]:
        """Store ``draft`` unless its identity is known; the outcome says which happened."""
        ident = draft.uuid or str(uuid_module.uuid4())
        if draft.uuid:
            known = self.identity(ident)
            if known is not None:
                return known, None
        quote = self._quote(draft.article_id, draft.start, draft.end)
        now = utcnow()
        record = self._insert(
            uuid=ident,
            article_id=draft.article_id,
            tag_id=draft.tag_id,
            coder_id=draft.coder_id,
            start=draft.start,
            end=draft.end,
            quote=quote,
            note=draft.note,
            created=draft.created or now,
            modified=draft.modified or draft.created or now,
            version=draft.version,
        )
        self._note_added(record)
        self.mark_in_progress(draft.coder_id, draft.article_id)
        return Outcome.ADDED, record

    def _insert(self, **values: Any) -> AnnotationRecord:
        """One annotation row, written as given (an INSERT, without the ORM's bookkeeping)."""
        result = self.session.connection().execute(sa.insert(ANNOTATIONS), values)
        if values.get("id") is None:
            key = result.inserted_primary_key
            assert key is not None
            values["id"] = key[0]
        return AnnotationRecord(**values)

    def add(self, draft: Draft) -> AnnotationRecord:
        """Create an annotation the user just made (a new identity, never a duplicate)."""
        outcome, record = self.create(draft)
        if record is None:
            raise AnnotatorError(f"That annotation is {outcome.value}.")
        return record

    def change(
        self,
        annotation_id: int,
        expected_version: int | None,
        *,
        tag_id: int | None = None,
        span: tuple[int, int] | None = None,
        note: str | None = None,
    ) -> tuple[AnnotationRecord, AnnotationRecord]:
        """Re-tag, move or annotate an annotation; returns it (before, after)."""
        before = self._current(annotation_id, expected_version)
        values: dict[str, Any] = {}
        if tag_id is not None and tag_id != before.tag_id:
            self.tag_name(tag_id)
            values["tag_id"] = tag_id
        if span is not None and span != (before.start, before.end):
            values["start"], values["end"] = span
            values["quote"] = self._quote(before.article_id, *span)
        if note is not None and note != before.note:
            values["note"] = note
        if not values:
            return before, before
        values["modified"] = utcnow()
        return before, self._write(before, values)

    def revert(
        self, annotation_id: int, expected_version: int, to: AnnotationRecord
    ) -> tuple[AnnotationRecord, AnnotationRecord]:
        """Give an annotation the content of ``to`` (an undo or redo of a change)."""
        before = self._current(annotation_id, expected_version)
        values = {
            "tag_id": to.tag_id,
            "start": to.start,
            "end": to.end,
            "quote": to.quote,
            "note": to.note,
            "modified": utcnow(),
        }
        self.tag_name(to.tag_id)
        return before, self._write(before, values)

    def put(self, before: AnnotationRecord, incoming: AnnotationRecord) -> AnnotationRecord:
        """Take a newer copy of an annotation as it is, version included (a merge)."""
        if incoming.version <= before.version:
            raise AnnotatorError("Only a newer copy of an annotation replaces the stored one.")
        values = {
            "tag_id": incoming.tag_id,
            "start": incoming.start,
            "end": incoming.end,
            "quote": self._quote(before.article_id, incoming.start, incoming.end),
            "note": incoming.note,
            "modified": incoming.modified,
        }
        return self._write(before, values, version=incoming.version)

    def _write(
        self, before: AnnotationRecord, values: dict[str, Any], version: int | None = None
    ) -> AnnotationRecord:
        values["version"] = version if version is not None else before.version + 1
        result = self.session.execute(
            sa.update(Annotation)
            .where(Annotation.id == before.id, Annotation.version == before.version)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) != 1:
            raise self._refusal(before)
        after = replace(before, **values)  # exactly what the row now holds
        self._note_changed(before, after)
        return after

    def delete(
        self, annotation_id: int, expected_version: int | None, version: int | None = None
    ) -> AnnotationRecord:
        """Remove an annotation, remembering its deletion; returns it as it was."""
        before = self._current(annotation_id, expected_version)
        result = self.session.execute(
            sa.delete(Annotation)
            .where(Annotation.id == before.id, Annotation.version == before.version)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) != 1:
            raise self._refusal(before)
        deletion = version if version is not None else before.version + 1
        self.remember_deletion(before.uuid, before.article_id, before.coder_id, deletion)
        self._note_removed(before)
        return before

    def remember_deletion(self, ident: str, article_id: int, coder_id: int, version: int) -> None:
        """Keep the deletion of ``ident`` (at ``version``) so that merges carry it."""
        table = TOMBSTONES
        connection = self.session.connection()
        kept = connection.execute(
            sa.select(table.c.version).where(table.c.uuid == ident)
        ).scalar_one_or_none()
        if kept is None:
            connection.execute(
                sa.insert(table).values(
                    uuid=ident,
                    article_id=article_id,
                    coder_id=coder_id,
                    version=version,
                    deleted=utcnow(),
                )
            )
        elif version > kept:
            connection.execute(
                sa.update(table).where(table.c.uuid == ident).values(version=version)
            )

    def restore(self, record: AnnotationRecord) -> AnnotationRecord:
        """Bring back a deleted annotation as it was (an undo of a delete, a redo of an add).

        Refused when someone else brought it back or changed it before deleting it."""
        if self.session.scalar(sa.select(Annotation.id).where(Annotation.uuid == record.uuid)):
            raise ConflictError(
                "That annotation is already back; someone else restored it.", record, None
            )
        tombstone = self.session.get(AnnotationTombstone, record.uuid)
        if tombstone is not None and tombstone.version != record.version + 1:
            raise ConflictError(
                "Someone else changed that annotation before it was deleted; it was not "
                "brought back.",
                record,
                None,
            )
        version = (tombstone.version if tombstone is not None else record.version + 1) + 1
        if tombstone is not None:
            self.session.delete(tombstone)
            self.session.flush()
        taken = self.session.scalar(sa.select(Annotation.id).where(Annotation.id == record.id))
        values = {name: getattr(record, name) for name in AnnotationRecord.__slots__}
        if taken is not None:
            values["id"] = None
        values["quote"] = self._quote(record.article_id, record.start, record.end)
        values["version"] = version
        values["modified"] = utcnow()
        restored = self._insert(**values)
        self._note_added(restored)
        return restored

    # ----- coding statuses -------------------------------------------------------------
    def status_row(self, coder_id: int, article_id: int) -> StatusRow:
        row = self.session.execute(
            sa.select(CoderArticleStatus.status, CoderArticleStatus.modified).where(
                CoderArticleStatus.coder_id == coder_id,
                CoderArticleStatus.article_id == article_id,
            )
        ).first()
        return (row[0], row[1]) if row is not None else None

    def _note_status(
        self, coder_id: int, article_id: int, before: StatusRow, after: StatusRow
    ) -> None:
        first = self._statuses.get((coder_id, article_id))
        self._statuses[(coder_id, article_id)] = StatusChange(
            coder_id, article_id, first.before if first else before, after
        )

    def mark_in_progress(self, coder_id: int, article_id: int) -> None:
        """A coder who codes an article not yet started has it in progress."""
        before = self.status_row(coder_id, article_id)
        if before is not None and before[0] != CodingStatus.NOT_STARTED.value:
            return
        after = (CodingStatus.IN_PROGRESS.value, utcnow())
        self._upsert_status(coder_id, article_id, *after)
        self._note_status(coder_id, article_id, before, after)

    def set_status(self, coder_id: int, article_id: int, status: CodingStatus) -> StatusRow:
        """Set the coder's status for an article; returns the row as it was."""
        before = self.status_row(coder_id, article_id)
        after = (status.value, utcnow())
        self._upsert_status(coder_id, article_id, *after)
        self._note_status(coder_id, article_id, before, after)
        return before

    def put_status(
        self, coder_id: int, article_id: int, saved: StatusRow, *, expected: StatusRow
    ) -> bool:
        """Put a status row back as it was, only if it is still ``expected`` (an undo)."""
        before = self.status_row(coder_id, article_id)
        if before != expected:
            return False
        if saved is None:
            self.session.execute(
                sa.delete(CoderArticleStatus).where(
                    CoderArticleStatus.coder_id == coder_id,
                    CoderArticleStatus.article_id == article_id,
                )
            )
        else:
            self._upsert_status(coder_id, article_id, *saved)
        self._note_status(coder_id, article_id, before, saved)
        return True

    def _upsert_status(self, coder_id: int, article_id: int, status: str, when: datetime) -> None:
        """Insert or update the row in one statement: two writers at once cannot collide."""
        insert = dialect_insert(self.session)(CoderArticleStatus).values(
            coder_id=coder_id, article_id=article_id, status=status, modified=when
        )
        self.session.execute(
            insert.on_conflict_do_update(
                index_elements=["coder_id", "article_id"],
                set_={"status": status, "modified": when},
            )
        )


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@contextmanager
def writing(project: "Project", origin: str = "edit") -> Iterator[AnnotationWriter]:
    """One transaction of writes; committed when the block ends, then announced.

    When the block raises, nothing is written and nothing is announced."""
    with project.session() as session:
        writer = AnnotationWriter(session, origin)
        yield writer
    changes = writer.changes()
    if changes:
        log.info(
            "%s: %d added, %d changed, %d removed, %d statuses",
            origin,
            len(changes.added),
            len(changes.changed),
            len(changes.removed),
            len(changes.statuses),
        )
    project.changes.publish(changes)


# ----- one user action, one call -----------------------------------------------------------
def add_annotation(
    project: "Project",
    article_id: int,
    tag_id: int,
    coder_id: int,
    start: int,
    end: int,
    note: str = "",
) -> AnnotationRecord:
    """Store a new annotation over ``[start, end)`` of the article's canonical text."""
    with writing(project) as writer:
        return writer.add(Draft(article_id, tag_id, coder_id, start, end, note))


def add_annotations(
    project: "Project", drafts: Iterable[Draft], origin: str = "edit"
) -> list[AnnotationRecord]:
    """Store several new annotations in one transaction (code all matches)."""
    with writing(project, origin) as writer:
        return [writer.add(draft) for draft in drafts]


def change_annotation(
    project: "Project",
    annotation_id: int,
    *,
    expected_version: int | None = None,
    tag_id: int | None = None,
    span: tuple[int, int] | None = None,
    note: str | None = None,
) -> tuple[AnnotationRecord, AnnotationRecord]:
    """Re-tag, move or annotate an annotation; returns it (before, after)."""
    with writing(project) as writer:
        return writer.change(annotation_id, expected_version, tag_id=tag_id, span=span, note=note)


def set_note(
    project: "Project", annotation_id: int, note: str, expected_version: int | None = None
) -> AnnotationRecord:
    """Replace an annotation's note; returns the annotation as it was before."""
    return change_annotation(project, annotation_id, expected_version=expected_version, note=note)[
        0
    ]


def delete_annotation(
    project: "Project", annotation_id: int, expected_version: int | None = None
) -> AnnotationRecord:
    """Remove an annotation and return what it was, so it can be restored."""
    with writing(project) as writer:
        return writer.delete(annotation_id, expected_version)


def restore_annotation(project: "Project", record: AnnotationRecord) -> AnnotationRecord:
    """Bring back a deleted annotation as it was (same uuid and content, a newer version)."""
    with writing(project, "undo") as writer:
        return writer.restore(record)
