"""The base of every undoable edit: done once before it is pushed, version-checked after.

A command does its first write in `perform()`, before it is pushed (see `push`): a write that
fails raises, and the command never reaches the stack, so the stack holds only what happened.
Every later undo or redo states the version it expects; when someone else changed the data
meanwhile, the step is refused with a message and leaves the stack, and nothing is
overwritten. The window's views follow the project's change feed, not the commands.
"""

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError


class FailureReporter(Protocol):
    """Whoever tells the user that an undo or redo step was refused (the coding session)."""

    def report_failure(self, what: str, reason: str) -> None: ...

    def explain(self, exc: AnnotatorError) -> str:
        """The refusal in words (for a conflict, with both versions)."""
        ...


def push(stack: QUndoStack, command: "WriteCommand") -> None:
    """Do the command's first write, then put it on the stack. A write that fails raises
    `AnnotatorError` and leaves the stack as it was."""
    command.perform()
    stack.push(command)


class WriteCommand(QUndoCommand):
    """An edit already done once by `perform`; undo and redo write again, version-checked."""

    def __init__(self, reporter: FailureReporter, text: str) -> None:
        super().__init__(text)
        self._reporter = reporter
        self._fresh = True

    def perform(self) -> None:
        raise NotImplementedError

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._fresh:  # QUndoStack.push calls redo(); perform() has done it already
            self._fresh = False
            return
        self._guard(self._redo)

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except AnnotatorError as exc:
            # Nothing was written; the stack drops this step so it cannot claim otherwise.
            self.setObsolete(True)
            self._reporter.report_failure(self.text(), self._reporter.explain(exc))
