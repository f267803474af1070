"""Accepting and rejecting a suggestion as undoable steps, each a write through the core.

Accepting creates an ordinary annotation of the current coder (the suggestion's score kept
beside it); undoing deletes it like any other annotation, and a redo brings it back. A
rejection is remembered as a negative example; undoing it forgets it.
"""

from annotator.core.annotation_writes import writing
from annotator.core.changes import StatusChange
from annotator.core.records import AnnotationRecord
from annotator.core.suggest.decisions import accept, forget, reject
from annotator.core.suggest.suggestion import Suggestion
from annotator.gui.session import CodingSession
from annotator.gui.undo import put_statuses
from annotator.gui.write_command import WriteCommand


class AcceptSuggestionCommand(WriteCommand):
    def __init__(
        self,
        session: CodingSession,
        suggestion: Suggestion,
        span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(session, f"accept suggested {session.tag(suggestion.tag_id).name}")
        self._session = session
        self.suggestion = suggestion
        self._span = span
        self.record: AnnotationRecord | None = None
        self._statuses: tuple[StatusChange, ...] = ()

    def perform(self) -> None:
        with writing(self._session.project, "suggestion") as writer:
            self.record = accept(writer, self.suggestion, self._session.coder.id, self._span)
            self._statuses = writer.changes().statuses

    def _undo(self) -> None:
        assert self.record is not None
        with writing(self._session.project, "undo") as writer:
            self.record = writer.delete(self.record.id, self._session.expected_version(self.record))
            put_statuses(writer, self._statuses, forward=False)
            writer.suggestions_changed = True

    def _redo(self) -> None:
        assert self.record is not None
        with writing(self._session.project, "redo") as writer:
            self.record = writer.restore(self.record)
            put_statuses(writer, self._statuses, forward=True)
            writer.suggestions_changed = True


class RejectSuggestionCommand(WriteCommand):
    def __init__(self, session: CodingSession, suggestion: Suggestion) -> None:
        super().__init__(session, f"reject suggested {session.tag(suggestion.tag_id).name}")
        self._session = session
        self.suggestion = suggestion
        self._decision = 0

    def perform(self) -> None:
        with writing(self._session.project, "suggestion") as writer:
            self._decision = reject(writer, self.suggestion, self._session.coder.id)

    def _undo(self) -> None:
        with writing(self._session.project, "undo") as writer:
            forget(writer, self._decision)

    def _redo(self) -> None:
        self.perform()
