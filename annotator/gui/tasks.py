"""Long work (import, export) in a worker thread, with a progress dialog that can cancel."""

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError

Report = Callable[[int, int, str], bool]
"""Called by the work with (done, total, what); returns False once the user cancelled."""

log = logging.getLogger(__name__)


class Task(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    ended = Signal()

    def __init__(self, work: Callable[[Report], Any]) -> None:
        super().__init__()
        self._work = work
        self.cancelled = False
        self.done = False

    def cancel(self) -> None:
        self.cancelled = True

    def _report(self, done: int, total: int, what: str) -> bool:
        self.progressed.emit(done, total, what)
        return not self.cancelled

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._report)
        except AnnotatorError as exc:
            self.done = True
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("background task failed")
            self.done = True
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.done = True
            self.succeeded.emit(result)
        self.ended.emit()


class TaskRunner(QObject):
    """Runs one task at a time off the window's thread and shows its progress.

    The progress dialog is made once and kept: a window-modal progress dialog handles events
    inside ``setValue``, where the task's end may arrive and close it; a dialog deleted or
    dropped there would be used after it was gone.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: QThread | None = None
        self.task: Task | None = None
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("progress")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.reset()
        self.dialog.hide()
        self._title = ""
        self._cancel: QMetaObject.Connection | None = None
        # Set and cleared on this thread: a task's reports are queued before its end, so they
        # are shown until the end arrives here (the worker's own `done` is set sooner).
        self._showing = False

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    def start(self, title: str, work: Callable[[Report], Any]) -> Task:
        if self.busy:
            raise AnnotatorError("Another task is still running; wait for it to finish.")
        self._release()
        task = Task(work)
        thread = QThread(self)
        task.moveToThread(thread)
        dialog = self.dialog
        self._title = title
        dialog.setWindowTitle(title)
        dialog.setLabelText(f"{title}…")
        dialog.setCancelButtonText("Cancel")
        dialog.setRange(0, 0)
        dialog.setValue(0)  # starts the minimum-duration clock: shown only if it lasts
        self._cancel = dialog.canceled.connect(task.cancel)
        self._showing = True
        task.progressed.connect(self._progressed)
        thread.started.connect(task.run)
        task.ended.connect(thread.quit)
        task.ended.connect(self._close_dialog)
        self._thread, self.task = thread, task
        thread.start()
        return task

    def stop(self) -> None:
        """Cancel the running task, if any, and wait until its thread has ended."""
        if self.task is not None:
            self.task.cancel()
        self._release()

    def _release(self) -> None:
        """Wait for the last task's thread (it has ended or is ending) and let it go."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        self._close_dialog()
        self._thread, self.task = None, None

    def _progressed(self, done: int, total: int, what: str) -> None:
        if not self._showing:
            return  # a late report of a task that has ended: the dialog is closed
        dialog = self.dialog
        dialog.setLabelText(f"{self._title}: {done:,} of {total:,}\n{what}")
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))  # may handle events: nothing after it

    def _close_dialog(self) -> None:
        self._showing = False
        if self._cancel is not None:
            QObject.disconnect(self._cancel)
            self._cancel = None
        self.dialog.reset()
        self.dialog.hide()
