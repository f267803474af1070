"""The coding session: the open project, who is coding, and a Qt signal for every change.

The session writes nothing itself. It listens to the project's change feed (every committed
write in the core is announced there, whoever made it) and turns each change into signals the
views follow, in the window's thread, one annotation at a time; a large batch (an import, a
merge) becomes one `reloadNeeded`.
"""

import logging

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal

from annotator.core.changes import ELSEWHERE, Changes
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, list_coders
from annotator.core.errors import AnnotatorError
from annotator.core.models import CodingStatus
from annotator.core.project import Project
from annotator.core.records import AnnotationRecord, CoderRecord, TagRecord
from annotator.core.team.roles import membership
from annotator.gui.conflicts import refusal_text

log = logging.getLogger(__name__)

FOLD_AFTER_MS = 1000
"""Quiet time after a change before the journal is folded into the project file."""

BULK = 300
"""More changes than this in one transaction are shown by reloading once, not one by one."""


class CodingSession(QObject):
    annotationAdded = Signal(object)  # AnnotationRecord
    annotationRemoved = Signal(object)  # AnnotationRecord
    annotationChanged = Signal(object, object)  # AnnotationRecord before, after
    coderChanged = Signal(object)  # CoderRecord
    tagsChanged = Signal()
    statusChanged = Signal(int, object)  # article id, CodingStatus (the current coder's)
    reloadNeeded = Signal()  # articles, coders or many annotations changed at once
    attributesChanged = Signal(object)  # the articles whose attribute values changed; () when
    # attributes were defined, edited or deleted
    failed = Signal(str)  # an undo or redo step could not be applied; the reason
    teamChanged = Signal()  # assignments, the sample, reviews or anyone's statuses changed
    teamWorkChanged = Signal()  # assignments, the sample or reviews (not a status) changed
    suggestionsChanged = Signal()  # suggestions were accepted or rejected (or undone)
    settingsChanged = Signal()  # a setting the whole project shares changed
    _heardElsewhere = Signal(object)  # Changes committed in another thread

    def __init__(self, project: Project, coder_name: str) -> None:
        super().__init__()
        self.project = project
        # On a team's server a member codes as the coder their login belongs to.
        self.member = membership(project)
        self.coder: CoderRecord = ensure_coder(
            project, self.member.coder_name if self.member else coder_name
        )
        # True while changes another program made are being shown: views then leave the
        # reader's choice and place alone.
        self.elsewhere = False
        self.tags: list[TagRecord] = list_tags(project)
        self._reload_pending = False
        # The version of each annotation as this window last wrote it: an undo or redo expects
        # exactly that, so a step of ours never trips over our own later steps, while another
        # writer's edit in between is still caught.
        self._versions: dict[str, int] = {}
        self._heardElsewhere.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = project.changes.subscribe(self._heard)
        # A moment after the last change, the project file alone holds it (see
        # `Project.fold_journal`): a copy of the file made then misses nothing.
        self._fold = QTimer(self)
        self._fold.setSingleShot(True)
        self._fold.setInterval(FOLD_AFTER_MS)
        self._fold.timeout.connect(project.fold_journal)

    def close(self) -> None:
        """Stop listening (the project is being closed or replaced)."""
        self._unsubscribe()
        self._fold.stop()

    def tag(self, tag_id: int) -> TagRecord:
        return next(t for t in self.tags if t.id == tag_id)

    def tag_for_key(self, key: int) -> TagRecord | None:
        return next((t for t in self.tags if t.shortcut == key), None)

    def switch_coder(self, name: str) -> None:
        self.coder = ensure_coder(self.project, name)
        self.coderChanged.emit(self.coder)

    def reload_tags(self) -> None:
        self.tags = list_tags(self.project)
        self.tagsChanged.emit()

    def expected_version(self, record: AnnotationRecord) -> int:
        """The version an undo or redo of ``record`` expects to find stored."""
        return self._versions.get(record.uuid, record.version)

    def _remember_versions(self, changes: Changes) -> None:
        for record in changes.added:
            self._versions[record.uuid] = record.version
        for _before, after in changes.changed:
            self._versions[after.uuid] = after.version
        for record in changes.removed:
            self._versions.pop(record.uuid, None)

    def explain(self, exc: AnnotatorError, seen: AnnotationRecord | None = None) -> str:
        """A refused write in words; for a conflict, both versions, named."""
        coders = {c.id: c.name for c in list_coders(self.project)}
        tags = {t.id: t.name for t in self.tags}
        return refusal_text(
            exc,
            seen,
            lambda i: tags.get(i, "a deleted tag"),
            lambda i: coders.get(i, "someone"),
        )

    def report_failure(self, what: str, reason: str) -> None:
        """An undo or redo step was refused; the window says so once it is safe to."""
        log.warning("%s refused: %s", what, reason)
        self.failed.emit(reason)

    # ----- listening to the core -----------------------------------------------------------
    def _heard(self, changes: Changes) -> None:
        if QThread.currentThread() == self.thread():
            if changes.origin != ELSEWHERE:  # only this window's own writes set what it expects
                self._remember_versions(changes)
            self._dispatch(changes, at_once=True)  # the user's own step: shown before the next
        else:
            self._heardElsewhere.emit(changes)

    def _dispatch(self, changes: Changes, at_once: bool = False) -> None:
        self._fold.start()
        if changes.attributes or changes.attribute_values:
            self.attributesChanged.emit(() if changes.attributes else changes.attribute_values)
        self.elsewhere = changes.origin == ELSEWHERE
        try:
            self._show(changes, at_once)
        finally:
            self.elsewhere = False
        if changes.team or changes.statuses:
            self.teamChanged.emit()
        if changes.team:
            self.teamWorkChanged.emit()
        if changes.suggestions:
            self.suggestionsChanged.emit()
        if changes.settings:
            self.settingsChanged.emit()

    def _show(self, changes: Changes, at_once: bool) -> None:
        # A coder another member added changes nothing shown until their work arrives.
        coders = changes.coders and changes.origin != ELSEWHERE
        if changes.articles or coders or changes.size > BULK or (changes.tags and changes.size):
            self._schedule_reload()
            if at_once:
                self.flush()
            return
        if changes.origin == ELSEWHERE and self._reload_pending:
            return  # the reload about to run reads these from the database
        if changes.tags:
            self.tags = list_tags(self.project)
            self.tagsChanged.emit()
        for record in changes.added:
            self.annotationAdded.emit(record)
        for before, after in changes.changed:
            self.annotationChanged.emit(before, after)
        for record in changes.removed:
            self.annotationRemoved.emit(record)
        now = {s.article_id: s.after for s in changes.statuses if s.coder_id == self.coder.id}
        for article_id, row in now.items():
            status = CodingStatus(row[0]) if row is not None else CodingStatus.NOT_STARTED
            self.statusChanged.emit(article_id, status)

    def _schedule_reload(self) -> None:
        """Many changes arriving together (a folder import) give one reload."""
        if not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        """Show now what is waiting to be shown (a finished import calls this)."""
        if self._reload_pending:
            self._reload_pending = False
            self.tags = list_tags(self.project)
            self.reloadNeeded.emit()
