"""Long work (import, export) in a worker thread, with a progress dialog that can cancel."""

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
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
    """Runs one task at a time off the window's thread and shows its progress."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: QThread | None = None
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None

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
        dialog = QProgressDialog(title, "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        task.progressed.connect(self._progressed)
        thread.started.connect(task.run)
        task.ended.connect(thread.quit)
        task.ended.connect(self._close_dialog)
        self._thread, self.task, self.dialog = thread, task, dialog
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
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            self.dialog.setLabelText(what)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
