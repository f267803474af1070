"""The coding session: the open project, who is coding, and signals for every change.

Views listen to these signals and update only what changed; undo commands call the methods.
"""

from PySide6.QtCore import QObject, Signal

from annotator.core import annotations as store
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import Project
from annotator.core.records import AnnotationRecord, CoderRecord, TagRecord


class CodingSession(QObject):
    annotationAdded = Signal(object)  # AnnotationRecord
    annotationRemoved = Signal(object)  # AnnotationRecord
    annotationChanged = Signal(object)  # AnnotationRecord, as it is now
    coderChanged = Signal(object)  # CoderRecord

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

    def add(self, article_id: int, tag_id: int, start: int, end: int) -> AnnotationRecord:
        record = store.add_annotation(self.project, article_id, tag_id, self.coder.id, start, end)
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

    def set_note(self, annotation_id: int, note: str) -> None:
        store.set_note(self.project, annotation_id, note)
        self.annotationChanged.emit(store.get_annotation(self.project, annotation_id))
