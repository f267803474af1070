"""The crash dialog: an unexpected error is logged with its traceback, and the researcher is
told that their work is saved and where the log is, instead of the window vanishing."""

import logging
import re
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import APP_NAME
from annotator.core.errors import AnnotatorError
from annotator.core.logs import log_path
from annotator.gui import messages

log = logging.getLogger(__name__)
# PySide puts this before an error raised in a Python override of a Qt method.
_PYSIDE_PREFIX = re.compile(r"^Error calling Python override of [\w:]+\(\): ")


def crash_text(error: BaseException, project: str | None) -> str:
    where = f" in {project}" if project else ""
    return (
        f"{APP_NAME} ran into an unexpected problem: {type(error).__name__}: {error}\n\n"
        f"Your work up to your last action is saved{where}: every action is written to the "
        "project the moment you make it. You can go on working, or close and reopen "
        f"{APP_NAME}.\n\n"
        f"The details are in the log file:\n{log_path()}"
    )


def show_crash_dialog(parent: QWidget | None, text: str, details: str) -> None:
    """The dialog itself; tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: unexpected problem", text)
    box.setParent(parent, box.windowFlags())
    box.setDetailedText(details)
    open_log = box.addButton("Open the log folder", QMessageBox.ButtonRole.ActionRole)
    copy = box.addButton("Copy the details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is open_log:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent)))
    elif box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(f"{text}\n\n{details}")


class CrashHandler:
    """``sys.excepthook`` for the window: log, then say so, once at a time."""

    def __init__(self, current_project: Callable[[], str | None]) -> None:
        self.current_project = current_project
        self.showing = False

    def __call__(
        self, kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(kind, value, trace))
        if isinstance(value, AnnotatorError):
            # A failure the core has put in words (a busy or read-only project, a full
            # disk): that sentence is the message; the details go to the log.
            log.warning("%s\n%s", value, details)
            messages.show_error(None, _PYSIDE_PREFIX.sub("", str(value)))
            return
        log.critical("unexpected error\n%s", details)
        if issubclass(kind, KeyboardInterrupt) or self.showing:
            return
        self.showing = True
        try:
            project = self.current_project()
        except Exception:
            project = None
        try:
            show_crash_dialog(None, crash_text(value, project), details)
        finally:
            self.showing = False

    def install(self) -> None:
        sys.excepthook = self
