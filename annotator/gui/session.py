"""The coding session: the open project, who is coding, and signals for every change.

Views listen to these signals and update only what changed; undo commands call the methods.
"""

from PySide6.QtCore import QObject, Signal

from annotator.core import annotations as store
from annotator.core import codebook_edit
from annotator.core.codebook import list_tags
from annotator.core.coders import (
    StatusRow,
    ensure_coder,
    put_status_row,
    set_status,
    status_row,
)
from annotator.core.models import CodingStatus
from annotator.core.project import Project
from annotator.core.records import AnnotationRecord, CoderRecord, TagRecord


class CodingSession(QObject):
    annotationAdded = Signal(object)  # AnnotationRecord
    annotationRemoved = Signal(object)  # AnnotationRecord
    annotationChanged = Signal(object, object)  # AnnotationRecord before, after
    coderChanged = Signal(object)  # CoderRecord
    tagsChanged = Signal()
    statusChanged = Signal(int)  # article id

    def __init__(self, project: Project, coder_name: str) -> None:
        super().__init__()
        self.project = project
        self.coder: CoderRecord = ensure_coder(project, coder_name)
        self.tags: list[TagRecord] = list_tags(project)

    def tag(self, tag_id: int) -> TagRecord:
        return next(t for t in self.tags if t.id == tag_id)

    def tag_for_key(self, key: int) -> TagRecord | None:
        return next((t for t in self.tags if t.shortcut == key), None)

    def switch_coder(self, name: str) -> None:
        self.coder = ensure_coder(self.project, name)
        self.coderChanged.emit(self.coder)

    # ----- annotations ------------------------------------------------------------------
    def add(
        self, article_id: int, tag_id: int, start: int, end: int, coder_id: int | None = None
    ) -> AnnotationRecord:
        record = store.add_annotation(
            self.project, article_id, tag_id, coder_id or self.coder.id, start, end
        )
        self.annotationAdded.emit(record)
        return record

    def restore(self, record: AnnotationRecord) -> AnnotationRecord:
        restored = store.restore_annotation(self.project, record)
        self.annotationAdded.emit(restored)
        return restored

    def delete(self, annotation_id: int) -> AnnotationRecord:
        record = store.delete_annotation(self.project, annotation_id)
        self.annotationRemoved.emit(record)
        return record

    def annotation(self, annotation_id: int) -> AnnotationRecord:
        return store.get_annotation(self.project, annotation_id)

    def set_note(self, annotation_id: int, note: str) -> None:
        before = store.set_note(self.project, annotation_id, note)
        self.annotationChanged.emit(before, store.get_annotation(self.project, annotation_id))

    def change(
        self, annotation_id: int, *, tag_id: int | None = None, span: tuple[int, int] | None = None
    ) -> AnnotationRecord:
        before = store.change_annotation(self.project, annotation_id, tag_id=tag_id, span=span)
        self.annotationChanged.emit(before, store.get_annotation(self.project, annotation_id))
        return before

    def put_back(self, record: AnnotationRecord) -> None:
        before = store.get_annotation(self.project, record.id)
        store.put_back(self.project, record)
        self.annotationChanged.emit(before, store.get_annotation(self.project, record.id))

    # ----- codebook ---------------------------------------------------------------------
    def reload_tags(self) -> None:
        self.tags = list_tags(self.project)
        self.tagsChanged.emit()

    def add_tag(
        self, name: str, color: str, definition: str, shortcut: int | None, parent_id: int | None
    ) -> TagRecord:
        tag = codebook_edit.add_tag(self.project, name, color, definition, shortcut, parent_id)
        self.reload_tags()
        return tag

    def update_tag(self, changed: TagRecord) -> list[TagRecord]:
        before = codebook_edit.update_tag(self.project, changed)
        self.reload_tags()
        return before

    def restore_tags(self, records: list[TagRecord]) -> None:
        codebook_edit.restore_tags(self.project, records)
        self.reload_tags()

    def move_tag(self, tag_id: int, step: int) -> list[TagRecord]:
        before = codebook_edit.move_tag(self.project, tag_id, step)
        self.reload_tags()
        return before

    def delete_tag(self, tag_id: int) -> codebook_edit.RemovedTag:
        removed = codebook_edit.delete_tag(self.project, tag_id)
        self.reload_tags()
        return removed

    def restore_tag(self, removed: codebook_edit.RemovedTag) -> None:
        codebook_edit.restore_tag(self.project, removed)
        self.reload_tags()

    def merge_tags(self, source: int, into: int) -> codebook_edit.MergedTag:
        merged = codebook_edit.merge_tags(self.project, source, into)
        self.reload_tags()
        return merged

    def unmerge_tags(self, merged: codebook_edit.MergedTag) -> None:
        codebook_edit.unmerge_tags(self.project, merged)
        self.reload_tags()

    # ----- status -----------------------------------------------------------------------
    def set_status(self, article_id: int, status: CodingStatus) -> CodingStatus:
        before = set_status(self.project, self.coder.id, article_id, status)
        self.statusChanged.emit(article_id)
        return before

    def status_row(self, coder_id: int, article_id: int) -> StatusRow:
        return status_row(self.project, coder_id, article_id)

    def put_status_row(self, coder_id: int, article_id: int, saved: StatusRow) -> None:
        put_status_row(self.project, coder_id, article_id, saved)
        self.statusChanged.emit(article_id)
