"""One QUndoCommand per coding edit, each a write through the core's one write path."""

from PySide6.QtGui import QUndoCommand

from annotator.core.annotation_writes import AnnotationWriter, Draft, writing
from annotator.core.changes import StatusChange
from annotator.core.errors import ConflictError, NothingToChange
from annotator.core.models import CodingStatus
from annotator.core.records import AnnotationRecord
from annotator.gui.session import CodingSession
from annotator.gui.write_command import WriteCommand, push


def put_statuses(
    writer: AnnotationWriter, changes: tuple[StatusChange, ...], *, forward: bool
) -> bool:
    """Put coding statuses back as they were (undo) or as they became (redo), where nobody
    changed them since; False when one had been changed."""
    done = True
    for change in changes:
        saved, expected = (
            (change.after, change.before) if forward else (change.before, change.after)
        )
        done &= writer.put_status(change.coder_id, change.article_id, saved, expected=expected)
    return done


class AddAnnotationsCommand(WriteCommand):
    """New annotations of the current coder (one, or every match of a search): one step."""

    def __init__(self, session: CodingSession, text: str, drafts: list[Draft]) -> None:
        super().__init__(session, text)
        self._session = session
        self._drafts = drafts
        self.records: list[AnnotationRecord] = []
        self._statuses: tuple[StatusChange, ...] = ()

    def perform(self) -> None:
        with writing(self._session.project) as writer:
            self.records = [writer.add(draft) for draft in self._drafts]
            self._statuses = writer.changes().statuses

    def _undo(self) -> None:
        with writing(self._session.project, "undo") as writer:
            self.records = [  # as they were when deleted: a redo brings back exactly these
                writer.delete(record.id, self._session.expected_version(record))
                for record in self.records
            ]
            put_statuses(writer, self._statuses, forward=False)

    def _redo(self) -> None:
        with writing(self._session.project, "redo") as writer:
            self.records = [writer.restore(record) for record in self.records]
            put_statuses(writer, self._statuses, forward=True)


class AddAnnotationCommand(AddAnnotationsCommand):
    def __init__(
        self, session: CodingSession, article_id: int, tag_id: int, start: int, end: int
    ) -> None:
        draft = Draft(article_id, tag_id, session.coder.id, start, end)
        super().__init__(session, f"add {session.tag(tag_id).name}", [draft])

    @property
    def record(self) -> AnnotationRecord | None:
        return self.records[0] if self.records else None


class CodeMatchesCommand(AddAnnotationsCommand):
    """One tag applied to many matches: one transaction, one step to undo."""

    def __init__(
        self, session: CodingSession, tag_id: int, matches: list[tuple[int, int, int]]
    ) -> None:
        coder = session.coder.id
        drafts = [Draft(article, tag_id, coder, start, end) for article, start, end in matches]
        super().__init__(
            session, f"code {len(matches)} matches as {session.tag(tag_id).name}", drafts
        )


class DeleteAnnotationCommand(WriteCommand):
    def __init__(self, session: CodingSession, record: AnnotationRecord) -> None:
        super().__init__(session, f"delete {session.tag(record.tag_id).name}")
        self._session = session
        self._record = record

    def perform(self) -> None:
        with writing(self._session.project) as writer:
            self._record = writer.delete(self._record.id, self._record.version)

    def _undo(self) -> None:
        with writing(self._session.project, "undo") as writer:
            self._record = writer.restore(self._record)

    def _redo(self) -> None:
        expected = self._session.expected_version(self._record)
        with writing(self._session.project, "redo") as writer:
            self._record = writer.delete(self._record.id, expected)


class ChangeAnnotationCommand(WriteCommand):
    """Re-tag an annotation, move its boundaries or edit its note."""

    def __init__(
        self,
        session: CodingSession,
        record: AnnotationRecord,
        *,
        tag_id: int | None = None,
        span: tuple[int, int] | None = None,
        note: str | None = None,
        text: str = "",
    ) -> None:
        if not text:
            text = f"change to {session.tag(tag_id).name}" if tag_id is not None else "resize"
            text = f"{text} ({session.tag(record.tag_id).name})"
        super().__init__(session, text)
        self._session = session
        self._record = record
        self._edit = (tag_id, span, note)
        self._before = record  # the content an undo puts back
        self._after = record  # the content a redo puts back
        self._current = record  # as stored now, with the version the next step expects

    def perform(self) -> None:
        tag_id, span, note = self._edit
        with writing(self._session.project) as writer:
            before, after = writer.change(
                self._record.id, self._record.version, tag_id=tag_id, span=span, note=note
            )
        if before == after:
            raise NothingToChange("Nothing to change: the annotation is like that already.")
        self._before, self._after, self._current = before, after, after

    def _revert(self, to: AnnotationRecord) -> None:
        expected = self._session.expected_version(self._current)
        with writing(self._session.project, "undo") as writer:
            _before, self._current = writer.revert(self._current.id, expected, to=to)

    def _undo(self) -> None:
        self._revert(self._before)

    def _redo(self) -> None:
        self._revert(self._after)

    def id(self) -> int:
        return 1 if self._edit[1] is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Repeated boundary moves of one annotation undo as one step."""
        if not isinstance(other, ChangeAnnotationCommand) or other._record.id != self._record.id:
            return False
        if self._edit[1] is None or other._edit[1] is None:
            return False
        self._after, self._current = other._after, other._current
        return True


class EditNoteCommand(ChangeAnnotationCommand):
    def __init__(self, session: CodingSession, record: AnnotationRecord, note: str) -> None:
        super().__init__(session, record, note=note, text="edit note")


class StatusCommand(WriteCommand):
    def __init__(self, session: CodingSession, article_id: int, status: CodingStatus) -> None:
        super().__init__(session, f"mark {status.value}")
        self._session = session
        self._article = article_id
        self._coder = session.coder.id
        self._status = status
        self._changes: tuple[StatusChange, ...] = ()

    def perform(self) -> None:
        with writing(self._session.project) as writer:
            writer.set_status(self._coder, self._article, self._status)
            self._changes = writer.changes().statuses

    def _put(self, *, forward: bool) -> None:
        with writing(self._session.project, "undo") as writer:
            if not put_statuses(writer, self._changes, forward=forward):
                raise ConflictError(
                    "This article's status was changed elsewhere since; it was left as it is."
                )

    def _undo(self) -> None:
        self._put(forward=False)

    def _redo(self) -> None:
        self._put(forward=True)


from annotator.gui.codebook_commands import (  # noqa: E402  (kept importable from here)
    AddTagCommand,
    DeleteTagCommand,
    ImportCodebookCommand,
    MergeTagCommand,
    MoveTagCommand,
    UpdateTagCommand,
)

__all__ = [
    "AddAnnotationCommand",
    "AddAnnotationsCommand",
    "AddTagCommand",
    "ChangeAnnotationCommand",
    "CodeMatchesCommand",
    "DeleteAnnotationCommand",
    "DeleteTagCommand",
    "EditNoteCommand",
    "ImportCodebookCommand",
    "MergeTagCommand",
    "MoveTagCommand",
    "StatusCommand",
    "UpdateTagCommand",
    "WriteCommand",
    "push",
]
