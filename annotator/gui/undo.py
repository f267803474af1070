"""One QUndoCommand per user edit; each calls the coding session, which commits at once."""

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from annotator.core import codebook_edit
from annotator.core.codebook import list_tags
from annotator.core.codebook_edit import MergedTag, RemovedTag
from annotator.core.coders import StatusRow
from annotator.core.export.codebook_sheet import TagRow
from annotator.core.models import CodingStatus
from annotator.core.records import AnnotationRecord, TagRecord
from annotator.gui.session import CodingSession


class AddAnnotationCommand(QUndoCommand):
    def __init__(
        self,
        session: CodingSession,
        article_id: int,
        tag_id: int,
        start: int,
        end: int,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(f"add {session.tag(tag_id).name}", parent)
        self._session = session
        self._args = (article_id, tag_id, start, end)
        self.record: AnnotationRecord | None = None
        # coding an article marks it in progress; undo puts the status back as it was
        self._status: tuple[StatusRow, StatusRow] = (None, None)

    def redo(self) -> None:
        coder, article = self._session.coder.id, self._args[0]
        if self.record is None:
            before = self._session.status_row(coder, article)
            self.record = self._session.add(*self._args)
            self._status = (before, self._session.status_row(coder, article))
        else:
            self._session.restore(self.record)
            self._session.put_status_row(self.record.coder_id, article, self._status[1])

    def undo(self) -> None:
        assert self.record is not None
        self._session.delete(self.record.id)
        self._session.put_status_row(self.record.coder_id, self.record.article_id, self._status[0])


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
        self._after = note
        self._before: AnnotationRecord | None = None

        self._done: AnnotationRecord | None = None

    def redo(self) -> None:
        if self._done is not None:  # a redo puts back exactly what the first one made
            self._session.put_back(self._done)
            return
        self._before = self._session.annotation(self._id)
        self._session.set_note(self._id, self._after)
        self._done = self._session.annotation(self._id)

    def undo(self) -> None:
        assert self._before is not None
        self._session.put_back(self._before)


class ChangeAnnotationCommand(QUndoCommand):
    """Re-tag an annotation or move its boundaries."""

    def __init__(
        self,
        session: CodingSession,
        record: AnnotationRecord,
        *,
        tag_id: int | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        text = f"change to {session.tag(tag_id).name}" if tag_id is not None else "resize"
        super().__init__(f"{text} ({session.tag(record.tag_id).name})")
        self._session = session
        self._id = record.id
        self._tag_id = tag_id
        self._span = span
        self._before: AnnotationRecord | None = None
        self._done: AnnotationRecord | None = None

    def redo(self) -> None:
        if self._done is not None:
            self._session.put_back(self._done)
            return
        before = self._session.change(self._id, tag_id=self._tag_id, span=self._span)
        self._before = self._before or before
        self._done = self._session.annotation(self._id)

    def undo(self) -> None:
        assert self._before is not None
        self._session.put_back(self._before)

    def id(self) -> int:
        return 1 if self._span is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Repeated boundary moves of one annotation undo as one step."""
        if not isinstance(other, ChangeAnnotationCommand) or other._id != self._id:
            return False
        if self._span is None or other._span is None:
            return False
        self._span = other._span
        self._done = other._done
        return True


class CodeMatchesCommand(QUndoCommand):
    """One tag applied to many matches: one step to undo."""

    def __init__(
        self, session: CodingSession, tag_id: int, matches: list[tuple[int, int, int]]
    ) -> None:
        super().__init__(f"code {len(matches)} matches as {session.tag(tag_id).name}")
        # Qt runs the children; Python must keep them alive, or their overrides are lost.
        self.children = [
            AddAnnotationCommand(session, article_id, tag_id, start, end, self)
            for article_id, start, end in matches
        ]


class StatusCommand(QUndoCommand):
    def __init__(self, session: CodingSession, article_id: int, status: CodingStatus) -> None:
        super().__init__(f"mark {status.value}")
        self._session = session
        self._article = article_id
        self._coder = session.coder.id
        self._status = status
        self._before: StatusRow = None
        self._done: StatusRow = None

    def redo(self) -> None:
        if self._done is not None:
            self._session.put_status_row(self._coder, self._article, self._done)
            return
        self._before = self._session.status_row(self._coder, self._article)
        self._session.set_status(self._article, self._status)
        self._done = self._session.status_row(self._coder, self._article)

    def undo(self) -> None:
        self._session.put_status_row(self._coder, self._article, self._before)


# ----- codebook ---------------------------------------------------------------------------
class AddTagCommand(QUndoCommand):
    def __init__(
        self,
        session: CodingSession,
        name: str,
        color: str,
        definition: str,
        shortcut: int | None,
        parent_id: int | None,
    ) -> None:
        super().__init__(f"add tag {name}")
        self._session = session
        self._args = (name, color, definition, shortcut, parent_id)
        self.tag: TagRecord | None = None
        self._keys_before: list[TagRecord] = []

    def redo(self) -> None:
        self._keys_before = list(self._session.tags)
        if self.tag is None:
            self.tag = self._session.add_tag(*self._args)
        else:
            self._session.restore_tag(RemovedTag(self.tag, (), ()))
            if self.tag.shortcut is not None:
                self._session.update_tag(self.tag)

    def undo(self) -> None:
        assert self.tag is not None
        self._session.delete_tag(self.tag.id)
        self._session.restore_tags(self._keys_before)


class UpdateTagCommand(QUndoCommand):
    """Rename, recolour, redefine, nest or give a key: any change of one tag's fields."""

    def __init__(self, session: CodingSession, changed: TagRecord, what: str) -> None:
        super().__init__(f"{what} {session.tag(changed.id).name}")
        self._session = session
        self._changed = changed
        self._before: list[TagRecord] = []

    def redo(self) -> None:
        self._before = self._session.update_tag(self._changed)

    def undo(self) -> None:
        self._session.restore_tags(self._before)


class MoveTagCommand(QUndoCommand):
    def __init__(self, session: CodingSession, tag_id: int, step: int) -> None:
        super().__init__(f"move {session.tag(tag_id).name} {'up' if step < 0 else 'down'}")
        self._session = session
        self._tag = tag_id
        self._step = step
        self._before: list[TagRecord] = []

    def redo(self) -> None:
        self._before = self._session.move_tag(self._tag, self._step)

    def undo(self) -> None:
        self._session.restore_tags(self._before)


class DeleteTagCommand(QUndoCommand):
    def __init__(self, session: CodingSession, tag_id: int) -> None:
        super().__init__(f"delete tag {session.tag(tag_id).name}")
        self._session = session
        self._tag = tag_id
        self._removed: RemovedTag | None = None

    def redo(self) -> None:
        self._removed = self._session.delete_tag(self._tag)

    def undo(self) -> None:
        assert self._removed is not None
        self._session.restore_tag(self._removed)


class MergeTagCommand(QUndoCommand):
    def __init__(self, session: CodingSession, source: int, into: int) -> None:
        super().__init__(f"merge {session.tag(source).name} into {session.tag(into).name}")
        self._session = session
        self._source, self._into = source, into
        self._merged: MergedTag | None = None

    def redo(self) -> None:
        self._merged = self._session.merge_tags(self._source, self._into)

    def undo(self) -> None:
        assert self._merged is not None
        self._session.unmerge_tags(self._merged)


class ImportCodebookCommand(QUndoCommand):
    """A codebook sheet applied: new tags added, known ones updated; one step to undo."""

    def __init__(self, session: CodingSession, rows: list[TagRow], name: str) -> None:
        super().__init__(f"import codebook {name}")
        self._session = session
        self._rows = rows
        self._before: list[TagRecord] = []
        self._added: list[int] = []

    def redo(self) -> None:
        session = self._session
        project = session.project
        self._before = list(session.tags)
        known = {t.name for t in session.tags}
        self._added = [
            codebook_edit.add_tag(project, row.name, row.color, row.definition).id
            for row in self._rows
            if row.name not in known
        ]
        names = {t.name: t for t in list_tags(project)}
        for row in self._rows:
            tag = names[row.name]
            parent = names[row.parent].id if row.parent in names else None
            changed = replace(
                tag,
                color=row.color,
                definition=row.definition,
                shortcut=row.key,
                parent_id=parent,
            )
            if changed != tag:
                codebook_edit.update_tag(project, changed)
        session.reload_tags()

    def undo(self) -> None:
        for tag_id in self._added:
            codebook_edit.delete_tag(self._session.project, tag_id)
        self._session.restore_tags(self._before)
