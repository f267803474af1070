"""Starting the application: the QApplication, the first-run questions, the crash handler."""

import logging
import os
import re
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from annotator import APP_NAME, __version__
from annotator.core.errors import AnnotatorError
from annotator.core.paths import data_dir
from annotator.core.project import Project, open_project
from annotator.core.sample import SAMPLE_CODER, create_sample_project
from annotator.core.settings import Settings
from annotator.gui import messages
from annotator.gui.main_window import MainWindow
from annotator.gui.opening import announce

SAMPLE_NAME = "Sample project.annotator"
# PySide puts this before an error raised in a Python override of a Qt method.
_PYSIDE_PREFIX = re.compile(r"^Error calling Python override of [\w:]+\(\): ")
log = logging.getLogger("annotator")


def log_path() -> Path:
    return data_dir() / "annotator.log"


def _setup_logging() -> None:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def _excepthook(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> None:
    if isinstance(value, AnnotatorError):
        # A failure the core has put in words (a busy or read-only project, a full disk):
        # the sentence is the message; the details are in the log already.
        log.warning("%s", value, exc_info=(kind, value, trace))
        messages.show_error(None, _PYSIDE_PREFIX.sub("", str(value)))
        return
    log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, trace)))
    text = (
        f"Something went wrong: {kind.__name__}: {value}\n\n"
        "Your work up to the last action is saved in the project. "
        f"The details are in the log file:\n{log_path()}"
    )
    QMessageBox.critical(None, APP_NAME, text)


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Annotator")
    app.setDesktopFileName("org.annotator.Annotator")
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 - keys() is a Qt call
        app.setStyle("Fusion")
    apply_palette(app, dark=wants_dark())
    return app


LIGHT = {
    QPalette.ColorRole.Window: "#f4f3ef",
    QPalette.ColorRole.Base: "#fdfcf9",
    QPalette.ColorRole.AlternateBase: "#f1efe9",
    QPalette.ColorRole.Highlight: "#c9d7ea",
    QPalette.ColorRole.HighlightedText: "#111111",
}
DARK = {
    QPalette.ColorRole.Window: "#26282b",
    QPalette.ColorRole.WindowText: "#e6e4df",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2b2d31",
    QPalette.ColorRole.Text: "#e6e4df",
    QPalette.ColorRole.Button: "#2f3236",
    QPalette.ColorRole.ButtonText: "#e6e4df",
    QPalette.ColorRole.ToolTipBase: "#2f3236",
    QPalette.ColorRole.ToolTipText: "#e6e4df",
    QPalette.ColorRole.PlaceholderText: "#9a9893",
    QPalette.ColorRole.Highlight: "#3d5a80",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
}


def wants_dark() -> bool:
    """Dark when the system uses a dark scheme, or when ANNOTATOR_THEME=dark asks for it."""
    theme = os.environ.get("ANNOTATOR_THEME", "").lower()
    if theme in ("dark", "light"):
        return theme == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_palette(app: QApplication, *, dark: bool) -> None:
    """A soft, low-contrast palette, light or dark. Highlighted spans keep dark text on
    their light tag colours in both, so they read the same."""
    palette = app.style().standardPalette()
    for role, color in (DARK if dark else LIGHT).items():
        palette.setColor(role, color)
    app.setPalette(palette)


def ensure_coder_name(settings: Settings) -> bool:
    """Ask for the researcher's name the first time; False when they decline."""
    while not settings.coder_name.strip():
        name = messages.ask_text(
            None,
            "Welcome to Annotator",
            "Your name, as it will appear on every annotation you make:",
        )
        if name is None:
            return False
        settings.coder_name = " ".join(name.split())
    settings.save()
    return True


def open_start_project(location: str | None, settings: Settings) -> Project:
    """The project named on the command line, else the last one, else the sample project."""
    if location:
        return open_project(location)
    if settings.last_project:
        try:
            return open_project(settings.last_project, create=False)
        except AnnotatorError as exc:
            log.warning("last project could not be opened: %s", exc)
            messages.show_error(
                None,
                f"The project you worked in last could not be opened:\n{exc}\n\n"
                "The sample project opens instead; open yours with File > Open project "
                "once the problem is solved.",
            )
    return create_sample_project(data_dir() / SAMPLE_NAME, settings.coder_name or SAMPLE_CODER)


def run(location: str | None) -> int:
    _setup_logging()
    app = make_application()
    sys.excepthook = _excepthook
    settings = Settings.load()
    if not ensure_coder_name(settings):
        return 0
    try:
        project = open_start_project(location, settings)
    except AnnotatorError as exc:
        messages.show_error(None, str(exc))
        return 2
    settings.remember_project(project.location)
    settings.save()
    window = MainWindow(project, settings)
    window.show()
    announce(window, project)
    return app.exec()
