"""What the window says as a project opens: the last project that could not be opened, a
read-only project, problems the quick check finds."""

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui import messages, welcome
from annotator.gui.crash import CrashHandler
from annotator.gui.main_window import MainWindow
from annotator.gui.opening import announce
from tests.helpers import add_text_article
from tests.mounts import read_only_folder


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text: said.append(text))
    return said


def test_the_last_project_that_cannot_be_opened_is_named_not_silently_replaced(
    tmp_path: Path, settings: Settings, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "Study #2.annotator"
    broken.write_text("not a database")
    settings.last_project = str(broken)
    monkeypatch.setattr(app_module, "ask_start_location", lambda _recent: welcome.SAMPLE)
    app_module.make_application()
    project = app_module.open_start_project(None, settings)
    assert project is not None
    try:
        assert Path(project.location).name == app_module.SAMPLE_NAME
    finally:
        project.close()
    [message] = shown
    assert str(broken) in message and "could not be opened" in message
    assert "Choose the project to open" in message


def test_a_read_only_project_says_so_in_a_message_and_the_title(
    qtbot: QtBot, tmp_path: Path, settings: Settings, shown: list[str]
) -> None:
    with read_only_folder(tmp_path / "mounted") as freeze:
        path = tmp_path / "mounted" / "study.annotator"
        with open_project(path) as project:
            add_text_article(project, "An article on a read-only disk.")
        freeze()
        app_module.make_application()
        project = open_project(path)
        window = MainWindow(project, settings)
        qtbot.addWidget(window)
        announce(window, project)
        assert "(read-only)" in window.windowTitle()
        [message] = shown
        assert "is open read-only" in message and "export" in message
        window.close()
        project.close()


def test_problems_the_quick_check_finds_are_shown_on_opening(
    qtbot: QtBot, project_path: Path, settings: Settings, shown: list[str]
) -> None:
    with open_project(project_path) as project:
        add_text_article(project, "An article.")
    conn = sqlite3.connect(project_path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute('INSERT INTO article_page (article_id, number, start, "end") VALUES (42, 1, 0, 1)')
    conn.commit()
    conn.close()
    app_module.make_application()
    project = open_project(project_path)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    announce(window, project)
    [message] = shown
    assert "The quick check found 1 problem(s)" in message
    assert "article_page points to a missing article" in message
    window.close()
    project.close()


def test_a_failure_put_in_words_reaches_the_user_as_its_sentence(shown: list[str]) -> None:
    from annotator.core.errors import ProjectBusyError  # noqa: PLC0415

    error = ProjectBusyError("The project is busy. Nothing was saved; try again in a moment.")
    CrashHandler(lambda: None)(ProjectBusyError, error, None)
    assert shown == ["The project is busy. Nothing was saved; try again in a moment."]


def test_a_failure_inside_an_undo_command_reaches_the_user_as_its_sentence(
    qtbot: QtBot, shown: list[str]
) -> None:
    from PySide6.QtGui import QUndoCommand, QUndoStack  # noqa: PLC0415

    from annotator.core.errors import ReadOnlyProjectError  # noqa: PLC0415

    class Refused(QUndoCommand):
        def redo(self) -> None:
            raise ReadOnlyProjectError("The project is open read-only.")

    app_module.make_application()
    with pytest.raises(ReadOnlyProjectError) as raised:
        QUndoStack().push(Refused())
    assert str(raised.value).startswith("Error calling Python override")  # what PySide adds
    CrashHandler(lambda: None)(raised.type, raised.value, raised.tb)
    assert shown == ["The project is open read-only."]
