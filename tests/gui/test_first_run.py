"""The first start: the welcome screen's choices, and the first window on a small screen."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui import main_window
from annotator.gui.welcome import WelcomeDialog
from tests.gui.expect_dialog import expect_dialog

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with a Documents folder, as on a desktop."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


def _click(button: QPushButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_welcome_screen_opens_the_sample_project(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    app_module.make_application()
    settings = Settings(coder_name="Test Coder")
    expect_dialog(request, WelcomeDialog, lambda dialog: _click(dialog.sample_button))
    project = app_module.open_start_project(None, settings)
    assert project is not None
    assert Path(project.location).name == app_module.SAMPLE_NAME
    project.close()


def test_creating_a_project_asks_where_in_a_folder_of_its_own(
    qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    app_module.make_application()
    offered: list[str] = []

    def save_dialog(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(start)
        return str(Path(start).parent / "Pledges 2026"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    expect_dialog(request, WelcomeDialog, lambda dialog: _click(dialog.create_button))
    project = app_module.open_start_project(None, Settings(coder_name="Test Coder"))
    assert project is not None
    folder = home / "Documents" / "Annotator projects"
    assert offered == [str(folder / "New project.annotator")]
    assert Path(project.location) == folder / "Pledges 2026.annotator"
    assert Path(project.location).is_file()
    project.close()


def test_recent_projects_are_listed_and_open(
    qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    app_module.make_application()
    kept = tmp_path / "kept.annotator"
    open_project(kept).close()
    settings = Settings(
        coder_name="Test Coder", recent_projects=[str(tmp_path / "gone.annotator"), str(kept)]
    )
    listed: list[str] = []

    def open_first(dialog: WelcomeDialog) -> None:
        listed.extend(
            dialog.recent.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(dialog.recent.count())
        )
        dialog.recent.setFocus()
        QTest.keyClick(dialog.recent, Qt.Key.Key_Home)
        QTest.keyClick(dialog.recent, Qt.Key.Key_Return)

    expect_dialog(request, WelcomeDialog, open_first)
    project = app_module.open_start_project(None, settings)
    assert listed == [str(kept)]  # a project that is gone is not offered
    assert project is not None
    assert Path(project.location) == kept
    project.close()


def test_closing_the_welcome_screen_starts_nothing(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    app_module.make_application()
    expect_dialog(request, WelcomeDialog, lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Escape))
    assert app_module.open_start_project(None, Settings(coder_name="Test Coder")) is None


FIRST_WINDOW = """
import json, sys
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui.main_window import MainWindow
app = app_module.make_application()
settings = Settings(coder_name="Test Coder")
window = MainWindow(app_module.open_sample_project(settings), settings)
window.show()
app.processEvents()
frame, screen = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({"frame": frame.getRect(), "screen": screen.getRect()}))
window.close()
"""


@pytest.mark.xfail(
    not hasattr(main_window, "first_window_rect"),
    reason="the first window is still a fixed 1320 × 820; sizing it from the screen is the "
    "workbench's change (first_window_rect), and this test runs for real once it is in",
    strict=True,
)
def test_the_first_window_fits_a_1280_by_720_screen(tmp_path: Path) -> None:
    """A new process with a screen of that size (Qt's offscreen platform, configured)."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720}
                    | {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
                ]
            }
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run(
        [sys.executable, "-c", FIRST_WINDOW],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=True,
    )
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = shown["frame"]
    sx, sy, screen_width, screen_height = shown["screen"]
    assert (screen_width, screen_height) == (1280, 720)
    assert sx <= x and x + width <= sx + screen_width, shown
    assert sy <= y and y + height <= sy + screen_height, shown
