"""One QUndoCommand per user edit; each calls the coding session, which commits at once."""

from PySide6.QtGui import QUndoCommand

from annotator.core.records import AnnotationRecord
from annotator.gui.session import CodingSession


class AddAnnotationCommand(QUndoCommand):
    def __init__(
        self, session: CodingSession, article_id: int, tag_id: int, start: int, end: int
    ) -> None:
        super().__init__(f"add {session.tag(tag_id).name}")
        self._session = session
        self._args = (article_id, tag_id, start, end)
        self.record: AnnotationRecord | None = None

    def redo(self) -> None:
        if self.record is None:
            self.record = self._session.add(*self._args)
        else:
            self._session.restore(self.record)

    def undo(self) -> None:
        assert self.record is not None
        self._session.delete(self.record.id)


class DeleteAnnotationCommand(QUndoCommand):
    def __init__(self, session: CodingSession, record: AnnotationRecord) -> None:
        super().__init__(f"delete {session.tag(record.tag_id).name}")
        self._session = session
        self._record = record

    def redo(self) -> None:
        self._record = self._session.delete(self._record.id)

    def undo(self) -> None:
        self._session.restore(self._record)


class EditNoteCommand(QUndoCommand):
    def __init__(self, session: CodingSession, record: AnnotationRecord, note: str) -> None:
        super().__init__("edit note")
        self._session = session
        self._id = record.id
        self._before = record.note
        self._after = note

    def redo(self) -> None:
        self._session.set_note(self._id, self._after)

    def undo(self) -> None:
        self._session.set_note(self._id, self._before)
