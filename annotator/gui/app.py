"""Starting the application: the QApplication, the first-run questions, the crash handler."""

import gc
import logging
import os
import sys
from importlib.resources import files
from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyleFactory

from annotator import APP_NAME, __version__
from annotator.core.errors import AnnotatorError
from annotator.core.logs import start_logging
from annotator.core.paths import data_dir
from annotator.core.project import Project, is_url, open_project
from annotator.core.sample import SAMPLE_CODER, create_sample_project
from annotator.core.settings import Settings
from annotator.core.team.server_errors import explain
from annotator.gui import messages
from annotator.gui.collecting import collect_in_this_thread
from annotator.gui.connect_dialog import with_password
from annotator.gui.crash import CrashHandler
from annotator.gui.main_window import MainWindow
from annotator.gui.welcome import SAMPLE, ask_start_location

SAMPLE_NAME = "Sample project.annotator"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
log = logging.getLogger("annotator")


def app_icon() -> QIcon:
    """The application's icon in every size it is drawn in, from the package's resources."""
    icon = QIcon()
    folder = files("annotator.resources").joinpath("icons")
    for size in ICON_SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(folder.joinpath(f"{size}x{size}.png").read_bytes()):
            icon.addPixmap(pixmap)
    return icon


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        collect_in_this_thread(existing)
        return existing
    app = QApplication(sys.argv[:1])
    collect_in_this_thread(app)  # never in a background thread: see gui/collecting.py
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Annotator")
    app.setDesktopFileName("org.annotator.Annotator")
    app.setWindowIcon(app_icon())
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


def wants_dark(theme: str = "system") -> bool:
    """Dark when ANNOTATOR_THEME=dark asks for it, else when the theme setting says so, else
    when the system uses a dark scheme."""
    for choice in (os.environ.get("ANNOTATOR_THEME", "").lower(), theme):
        if choice in ("dark", "light"):
            return choice == "dark"
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
    question = "Your name, as it will appear on every annotation you make:"
    while not settings.coder_name.strip():
        name = messages.ask_text(None, "Welcome to Annotator", question)
        if name is None:
            return False
        settings.coder_name = " ".join(name.split())
        question = (
            "Annotator needs a name to put on your annotations (it can be changed later).\n"
            "Your name:"
        )
    settings.save()
    return True


def open_sample_project(settings: Settings) -> Project:
    return create_sample_project(data_dir() / SAMPLE_NAME, settings.coder_name or SAMPLE_CODER)


def recent_projects(settings: Settings) -> list[str]:
    """The recent projects that are still there (a server cannot be checked without asking)."""
    return [p for p in settings.recent_projects if is_url(p) or Path(p).is_file()]


def open_start_project(location: str | None, settings: Settings) -> Project | None:
    """The project named on the command line, else the last one, else what the welcome
    screen chooses; None when the researcher closes the welcome screen."""
    if location:
        ready = with_password(None, location)  # a team server's password: keyring or asked
        return open_project(ready, check_later=True) if ready else None
    if settings.last_project:
        try:
            ready = with_password(None, settings.last_project)
            if ready:
                return open_project(ready, create=False, check_later=True)
        except (AnnotatorError, sa.exc.DBAPIError) as exc:
            log.warning("last project could not be opened: %s", exc)
            messages.show_error(
                None,
                f"The project you worked in last could not be opened:\n{exc}\n\n"
                "Choose the project to open in the window that follows.",
            )
    while True:
        chosen = ask_start_location(recent_projects(settings))
        if chosen is None:
            return None
        if chosen == SAMPLE:
            return open_sample_project(settings)
        try:
            ready = with_password(None, chosen)
            if ready:
                return open_project(ready, check_later=True)
        except AnnotatorError as exc:
            messages.show_error(None, str(exc))
        except sa.exc.DBAPIError as exc:
            messages.show_error(None, explain(exc, sa.make_url(chosen)))


def run(location: str | None) -> int:
    start_logging()
    app = make_application()
    window: MainWindow | None = None
    CrashHandler(lambda: window.project.location if window is not None else None).install()
    settings = Settings.load()
    apply_palette(app, dark=wants_dark(settings.theme))
    if not ensure_coder_name(settings):
        return 0
    try:
        project = open_start_project(location, settings)
    except AnnotatorError as exc:
        messages.show_error(None, str(exc))
        return 2
    if project is None:
        return 0
    settings.remember_project(project.location)
    settings.save()
    window = MainWindow(project, settings)
    window.show()
    window.announce_opening()
    freeze_startup_objects()
    return app.exec()


def freeze_startup_objects() -> None:
    """Leave what start-up made (modules, classes, Qt wrappers: over 100,000 objects) out of
    Python's cycle collector from now on. Without this, each full collection walks them all
    (about 100 ms here), and one falls now and then inside an ordinary edit. They are freed by
    reference counting as before; only a cycle among them would stay until the app quits."""
    gc.freeze()
