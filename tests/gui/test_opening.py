"""What the window says as a project opens: the last project that could not be opened, a
read-only project, problems the quick check finds."""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.annotation_writes import add_annotation
from annotator.core.errors import DamagedProjectError, ReadOnlyProjectError
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui import messages, welcome
from annotator.gui.crash import CrashHandler
from annotator.gui.main_window import MainWindow
from tests.helpers import add_text_article, damage_the_search_index
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


def test_a_project_named_by_a_relative_path_opens_again_when_started_elsewhere(
    tmp_path: Path, settings: Settings, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`annotator mine.annotator` in one folder, then `annotator` in another: the project
    opened last is the same file, not one of that name in the new folder."""
    study = tmp_path / "study"
    study.mkdir()
    monkeypatch.chdir(study)
    app_module.make_application()
    project = app_module.open_start_project("mine.annotator", settings)
    assert project is not None
    settings.remember_project(project.location)  # as the application does once it opened
    project.close()
    assert settings.last_project == str(study / "mine.annotator")
    assert settings.recent_projects == [str(study / "mine.annotator")]
    monkeypatch.chdir(tmp_path)
    again = app_module.open_start_project(None, settings)
    assert again is not None
    try:
        assert Path(again.location) == study / "mine.annotator"
    finally:
        again.close()
    assert shown == []
    assert not (tmp_path / "mine.annotator").exists()


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
        window.announce_opening()
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
    window.show()
    window.announce_opening()
    # The rows are checked beside the window: it is shown before the check has finished,
    # and what the check finds follows.
    qtbot.waitUntil(lambda: bool(shown))
    [message] = shown
    assert "The quick check found 1 problem(s)" in message
    assert "article_page points to a missing article" in message
    window.close()
    project.close()


def test_a_file_found_damaged_after_opening_is_kept_from_any_writing(
    qtbot: QtBot, project_path: Path, settings: Settings, shown: list[str]
) -> None:
    with open_project(project_path) as project:
        for number in range(120):
            add_text_article(project, f"Article {number}. " + f"word{number} other " * 150)
    damage_the_search_index(project_path)
    with pytest.raises(DamagedProjectError):
        open_project(project_path)  # as the command line opens it: refused at once
    app_module.make_application()
    project = open_project(project_path, check_later=True)  # as the window opens it
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    assert not project.read_only and "(read-only)" not in window.windowTitle()
    window.announce_opening()
    qtbot.waitUntil(lambda: bool(shown))
    [message] = shown
    assert "The quick check found" in message and "now open read-only" in message
    assert "There is no backup of it" in message  # none was ever made of this project
    assert "(read-only)" in window.windowTitle()
    before = project_path.read_bytes()
    article = window.article_id
    assert article is not None
    with pytest.raises(ReadOnlyProjectError, match="damaged") as refused:
        add_annotation(project, article, window.session.tags[0].id, window.session.coder.id, 0, 7)
    assert "Export what can still be read" in str(refused.value)
    assert project_path.read_bytes() == before
    assert window.coder_label.text().startswith("Read-only")  # said for as long as it lasts
    qtbot.keyClick(window.reader.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.article_id == article  # not marked done, so it stays (119 others follow)
    assert len(shown) == 2 and "read-only" in shown[1]
    window.close()


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
