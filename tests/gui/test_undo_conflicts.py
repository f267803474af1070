"""Undo and redo are writes like any other: a step that would overwrite another coder's newer
edit is refused with a message, leaves the stack, and changes nothing; a step whose first
write fails never reaches the stack."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations, set_note
from annotator.core.project import open_project
from annotator.gui import messages
from annotator.gui.main_window import MainWindow
from annotator.gui.undo import ChangeAnnotationCommand, push
from tests.gui.conftest import ARTICLE


def _code_with_keys(qtbot: QtBot, window: MainWindow, word: str, key: str) -> None:
    """Select ``word`` with the keyboard (positions in UTF-16 units, counted here from the
    text itself) and press a tag's key."""
    view = window.reader.view
    view.setFocus()
    start = len(ARTICLE[: ARTICLE.index(word)].encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    for _ in range(len(word.encode("utf-16-le")) // 2):
        view.moveCursor(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
    qtbot.keyClick(view, key)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text: shown.append(text))
    return shown


def test_undo_does_not_overwrite_another_coders_later_edit(
    qtbot: QtBot, window: MainWindow, said: list[str]
) -> None:
    _code_with_keys(qtbot, window, "diesel bus", "1")
    [mine] = article_annotations(window.project, window.article_id or 0)
    # Another coder, on another connection to the same project, adds a note meanwhile.
    with open_project(window.project.location) as elsewhere:
        set_note(elsewhere, mine.id, "B's note", expected_version=mine.version)
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "Someone else changed this annotation" in said[0]
    [kept] = article_annotations(window.project, window.article_id or 0)
    assert (kept.note, kept.version) == ("B's note", mine.version + 1)
    assert not window.undo_stack.canUndo()  # the refused step left the stack
    assert window.annotation_model.record(kept.id) == kept  # the view shows it as it is


def test_redo_does_not_bring_back_what_someone_else_deleted_and_restored(
    qtbot: QtBot, window: MainWindow, said: list[str]
) -> None:
    _code_with_keys(qtbot, window, "diesel bus", "1")
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier)
    assert article_annotations(window.project, window.article_id or 0) == []
    assert window.undo_stack.canRedo()
    with open_project(window.project.location) as elsewhere:
        from annotator.core.annotations import restore_annotation  # noqa: PLC0415
        from annotator.core.models import Annotation  # noqa: PLC0415

        with elsewhere.session() as session:
            assert session.query(Annotation).count() == 0
        command = window.undo_stack.command(0)
        assert command is not None
        restore_annotation(elsewhere, command.records[0])  # type: ignore[attr-defined]
    qtbot.keyClick(
        window, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "already back" in said[0]
    assert len(article_annotations(window.project, window.article_id or 0)) == 1


def test_a_change_that_cannot_be_written_never_reaches_the_stack(
    qtbot: QtBot, window: MainWindow, said: list[str]
) -> None:
    _code_with_keys(qtbot, window, "diesel bus", "1")
    [mine] = article_annotations(window.project, window.article_id or 0)
    steps = window.undo_stack.count()
    with open_project(window.project.location) as elsewhere:
        set_note(elsewhere, mine.id, "B's note", expected_version=mine.version)
    stale = ChangeAnnotationCommand(window.session, mine, tag_id=mine.tag_id + 1)
    with pytest.raises(Exception, match="Someone else changed"):
        push(window.undo_stack, stale)
    assert window.undo_stack.count() == steps
    [kept] = article_annotations(window.project, window.article_id or 0)
    assert (kept.tag_id, kept.note) == (mine.tag_id, "B's note")
