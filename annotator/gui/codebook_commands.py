"""One QUndoCommand per codebook edit: add, change, move, merge and delete a tag, and apply a
codebook sheet; each a core call in one transaction, announced on the change feed."""

from annotator.core import codebook_edit
from annotator.core.codebook_edit import AppliedCodebook, MergedTag, RemovedTag
from annotator.core.export.codebook_sheet import TagRow
from annotator.core.records import TagRecord
from annotator.gui.session import CodingSession
from annotator.gui.write_command import WriteCommand


class AddTagCommand(WriteCommand):
    def __init__(
        self,
        session: CodingSession,
        name: str,
        color: str,
        definition: str,
        shortcut: int | None,
        parent_id: int | None,
    ) -> None:
        super().__init__(session, f"add tag {name}")
        self._session = session
        self._args = (name, color, definition, shortcut, parent_id)
        self.tag: TagRecord | None = None
        self._before: list[TagRecord] = []

    def perform(self) -> None:
        self._before = list(self._session.tags)
        self.tag = codebook_edit.add_tag(self._session.project, *self._args)

    def _undo(self) -> None:
        assert self.tag is not None
        codebook_edit.take_back_added_tag(self._session.project, self.tag.id, self._before)

    def _redo(self) -> None:
        assert self.tag is not None
        codebook_edit.put_back_added_tag(self._session.project, self.tag)


class UpdateTagCommand(WriteCommand):
    """Rename, recolour, redefine, nest or give a key: any change of one tag's fields."""

    def __init__(self, session: CodingSession, changed: TagRecord, what: str) -> None:
        super().__init__(session, f"{what} {session.tag(changed.id).name}")
        self._session = session
        self._changed = changed
        self._before: list[TagRecord] = []

    def perform(self) -> None:
        self._before = codebook_edit.update_tag(self._session.project, self._changed)

    def _undo(self) -> None:
        codebook_edit.restore_tags(self._session.project, self._before)

    def _redo(self) -> None:
        self._before = codebook_edit.update_tag(self._session.project, self._changed)


class MoveTagCommand(WriteCommand):
    def __init__(self, session: CodingSession, tag_id: int, step: int) -> None:
        super().__init__(session, f"move {session.tag(tag_id).name} {'up' if step < 0 else 'down'}")
        self._session = session
        self._tag = tag_id
        self._step = step
        self._before: list[TagRecord] = []

    def perform(self) -> None:
        self._before = codebook_edit.move_tag(self._session.project, self._tag, self._step)

    def _undo(self) -> None:
        codebook_edit.restore_tags(self._session.project, self._before)

    def _redo(self) -> None:
        self.perform()


class DeleteTagCommand(WriteCommand):
    def __init__(self, session: CodingSession, tag_id: int) -> None:
        super().__init__(session, f"delete tag {session.tag(tag_id).name}")
        self._session = session
        self._tag = tag_id
        self._removed: RemovedTag | None = None

    def perform(self) -> None:
        self._removed = codebook_edit.delete_tag(self._session.project, self._tag)

    def _undo(self) -> None:
        assert self._removed is not None
        self._removed = codebook_edit.restore_tag(self._session.project, self._removed)

    def _redo(self) -> None:
        self.perform()


class MergeTagCommand(WriteCommand):
    def __init__(self, session: CodingSession, source: int, into: int) -> None:
        super().__init__(session, f"merge {session.tag(source).name} into {session.tag(into).name}")
        self._session = session
        self._source, self._into = source, into
        self._merged: MergedTag | None = None

    def perform(self) -> None:
        self._merged = codebook_edit.merge_tags(self._session.project, self._source, self._into)

    def _undo(self) -> None:
        assert self._merged is not None
        codebook_edit.unmerge_tags(self._session.project, self._merged)

    def _redo(self) -> None:
        self.perform()


class ImportCodebookCommand(WriteCommand):
    """A codebook sheet applied: new tags added, known ones updated; all or nothing, and one
    step to undo."""

    def __init__(self, session: CodingSession, rows: list[TagRow], name: str) -> None:
        super().__init__(session, f"import codebook {name}")
        self._session = session
        self._rows = rows
        self._applied: AppliedCodebook | None = None

    def perform(self) -> None:
        self._applied = codebook_edit.apply_codebook(self._session.project, self._rows)

    def _undo(self) -> None:
        assert self._applied is not None
        codebook_edit.unapply_codebook(self._session.project, self._applied)

    def _redo(self) -> None:
        self.perform()
