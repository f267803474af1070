"""The welcome screen of a first start (or when the last project is gone): open the sample
project, create a project (asking where, in a sensible default folder), open a project file or
a team's server, or one of the recent projects."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator import APP_NAME
from annotator.core.project import is_url
from annotator.gui import messages

PROJECT_SUFFIX = ".annotator"
PROJECT_FILTER = f"{APP_NAME} projects (*{PROJECT_SUFFIX});;All files (*)"
SAMPLE = "sample"


def default_project_folder() -> Path:
    """Where new projects go unless the researcher says otherwise: a folder of their own in
    Documents (or in the home folder when there is no Documents folder)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return base / f"{APP_NAME} projects"


def ask_new_project_path(parent: QWidget | None) -> str | None:
    """Ask where to create a project; the path with the project suffix, or None."""
    folder = default_project_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = QFileDialog.getSaveFileName(
        parent, "Create a project", str(folder / f"New project{PROJECT_SUFFIX}"), PROJECT_FILTER
    )
    if not path:
        return None
    if not path.endswith(PROJECT_SUFFIX):
        path += PROJECT_SUFFIX
    if Path(path).exists():
        messages.show_error(parent, f"{path} exists already; open it with Open a project.")
        return None
    return path


def ask_project_path(parent: QWidget | None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Open a project", str(default_project_folder()), PROJECT_FILTER
    )
    return path or None


def ask_server_url(parent: QWidget | None) -> str | None:
    """The connect dialog; the team server's URL (with its password, in memory only)."""
    from annotator.gui.connect_dialog import ask_server  # noqa: PLC0415

    return ask_server(parent)


class WelcomeDialog(QDialog):
    """The choice of what to open; ``location`` is the answer (or ``SAMPLE``)."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setObjectName("welcomeDialog")
        self.location: str | None = None
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        title = QLabel(
            f"<h2>Welcome to {APP_NAME}</h2>"
            "<p>Import articles, highlight the passages that matter and tag them; every "
            "action is saved at once. Start with the sample project to see how it works, "
            "or create a project for your own articles.</p>"
        )
        title.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(title, 1)
        self.sample_button = self._button("Open the &sample project", "welcomeSample")
        self.create_button = self._button("&Create a project…", "welcomeCreate")
        self.open_button = self._button("&Open a project…", "welcomeOpen")
        self.server_button = self._button("Open a project on a se&rver…", "welcomeServer")
        self.sample_button.clicked.connect(lambda: self.choose(SAMPLE))
        self.create_button.clicked.connect(lambda: self.choose(ask_new_project_path(self)))
        self.open_button.clicked.connect(lambda: self.choose(ask_project_path(self)))
        self.server_button.clicked.connect(lambda: self.choose(ask_server_url(self)))
        actions = QVBoxLayout()
        for button in (
            self.sample_button,
            self.create_button,
            self.open_button,
            self.server_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("welcomeRecent")
        for location in recent:
            item = QListWidgetItem(_display_name(location))
            item.setData(Qt.ItemDataRole.UserRole, location)
            item.setToolTip(location)
            self.recent.addItem(item)
        self.recent.itemActivated.connect(
            lambda item: self.choose(item.data(Qt.ItemDataRole.UserRole))
        )
        recent_box = QVBoxLayout()
        recent_box.addWidget(QLabel("<b>Recent projects</b>" if recent else "No recent projects"))
        recent_box.addWidget(self.recent, 1)
        self.recent.setVisible(bool(recent))
        if not recent:
            recent_box.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(actions)
        body.addLayout(recent_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body)
        self.resize(640, 360 if recent else 300)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(34)
        return button

    def choose(self, location: str | None) -> None:
        if location:
            self.location = location
            self.accept()


def _display_name(location: str) -> str:
    if is_url(location):
        return location
    path = Path(location)
    return f"{path.stem}  —  {path.parent}"


def ask_start_location(recent: list[str], parent: QWidget | None = None) -> str | None:
    """Show the welcome screen; the chosen location, ``SAMPLE``, or None when closed."""
    dialog = WelcomeDialog(recent, parent)
    return dialog.location if messages.run_dialog(dialog) else None
