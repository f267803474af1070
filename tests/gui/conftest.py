"""GUI fixtures: a main window on a fresh project with one article, coded by 'Test Coder'."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.models import CodingStatus
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.app import make_application
from annotator.gui.main_window import MainWindow
from annotator.gui.status_marks import status_icon
from tests.gui.dialogs import DialogGuard
from tests.helpers import add_text_article

ARTICLE = (
    "Council pledges clean buses 🚌 by 2030\n\n"
    "The council will replace every diesel bus by 2030, the mayor said. "
    "The plan depends on a national grant. Critics called it a headline without a budget.\n"
)


@pytest.fixture(autouse=True)
def dialogs(qapp: object) -> Iterator[DialogGuard]:
    """Fails the test when a modal dialog opens that it did not announce (and closes that
    dialog at once, so the test cannot hang on it)."""
    make_application()
    guard = DialogGuard()
    guard.install()
    yield guard
    guard.remove()
    if guard.errors:
        raise guard.errors[0]
    if guard.unexpected:
        pytest.fail("a dialog opened that the test did not expect: " + "; ".join(guard.unexpected))
    if guard.expected:
        kinds = ", ".join(e.kind.__name__ for e in guard.expected)
        pytest.fail(f"an expected dialog never opened: {kinds}")


@pytest.fixture
def settings() -> Settings:
    settings = Settings(coder_name="Test Coder")
    settings.save()
    return settings


@pytest.fixture
def window(qtbot: QtBot, project_path: Path, settings: Settings) -> Iterator[MainWindow]:
    make_application()
    project = open_project(project_path)
    add_text_article(project, ARTICLE)
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make the window active again after a modal dialog closed, as a window manager does
    (the offscreen platform leaves no window active), so its shortcuts work."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def shown_mark(window: MainWindow, article_id: int) -> CodingStatus:
    """The status mark the article list shows beside an article (its icon), checked against
    what a screen reader is told (the mark as text before the title)."""
    index = window.articles.index(window.articles.row_of(article_id))
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    spoken = str(index.data(Qt.ItemDataRole.AccessibleTextRole))
    shown = next(s for s in CodingStatus if status_icon(s).cacheKey() == icon.cacheKey())
    text = {CodingStatus.DONE: "✓ ", CodingStatus.IN_PROGRESS: "◐ "}.get(shown, "")
    assert spoken == text + str(index.data())
    return shown
