"""A random sequence of edits, all undone, leaves the database exactly as it began; all
redone, exactly as it ended."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from annotator.core.models import CodingStatus
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.main_window import MainWindow
from annotator.gui.undo import (
    AddAnnotationCommand,
    AddTagCommand,
    ChangeAnnotationCommand,
    CodeMatchesCommand,
    DeleteAnnotationCommand,
    DeleteTagCommand,
    EditNoteCommand,
    MergeTagCommand,
    MoveTagCommand,
    StatusCommand,
    UpdateTagCommand,
)
from tests.core.test_codebook_edit import snapshot
from tests.helpers import add_text_article

TEXT = "The city will cut emissions 40% by 2030 😀 if funds allow; critics doubt the plan. " * 3

Step = tuple[str, int, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "add",
                "add",
                "add",
                "delete",
                "note",
                "retag",
                "resize",
                "matches",
                "tag",
                "rename",
                "move",
                "merge",
                "untag",
                "done",
            ]
        ),
        st.integers(0, 1000),
        st.integers(0, 1000),
        st.integers(1, 40),
    ),
    min_size=1,
    max_size=12,
)


def _apply(window: MainWindow, step: Step, counter: list[int]) -> None:
    kind, a, b, length = step
    session, stack = window.session, window.undo_stack
    article = window.article_id or 0
    rows = window.annotation_model.everything
    tags = session.tags
    tag = tags[a % len(tags)]
    counter[0] += 1
    if kind == "add":
        start = b % (len(TEXT) - 41)
        stack.push(AddAnnotationCommand(session, article, tag.id, start, start + length))
    elif kind == "delete" and rows:
        stack.push(DeleteAnnotationCommand(session, rows[a % len(rows)]))
    elif kind == "note" and rows:
        stack.push(EditNoteCommand(session, rows[a % len(rows)], f"note {counter[0]}"))
    elif kind == "retag" and rows:
        stack.push(ChangeAnnotationCommand(session, rows[b % len(rows)], tag_id=tag.id))
    elif kind == "resize" and rows:
        record = rows[b % len(rows)]
        stack.push(ChangeAnnotationCommand(session, record, span=(record.start, record.end + 1)))
    elif kind == "matches":
        found = [(article, i, i + 4) for i in range(len(TEXT)) if TEXT.startswith("plan", i)]
        stack.push(CodeMatchesCommand(session, tag.id, found))
    elif kind == "tag":
        stack.push(
            AddTagCommand(
                session, f"tag {counter[0]}", "#AA4499", "", (b % 9) + 1, tag.id if b % 2 else None
            )
        )
    elif kind == "rename":
        from dataclasses import replace  # noqa: PLC0415

        stack.push(UpdateTagCommand(session, replace(tag, name=f"{tag.name}*"), "rename"))
    elif kind == "move":
        stack.push(MoveTagCommand(session, tag.id, 1 if b % 2 else -1))
    elif kind == "merge" and len(tags) > 1:
        other = tags[(a + 1) % len(tags)]
        stack.push(MergeTagCommand(session, tag.id, other.id))
    elif kind == "untag" and len(tags) > 1:
        stack.push(DeleteTagCommand(session, tag.id))
    elif kind == "done":
        stack.push(StatusCommand(session, article, CodingStatus.DONE))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=steps)
def test_undo_all_then_redo_all(
    qtbot: QtBot, tmp_path_factory: object, sequence: list[Step]
) -> None:
    folder = Path(getattr(tmp_path_factory, "mktemp")("undo"))  # noqa: B009
    project = open_project(folder / "p.annotator")
    add_text_article(project, TEXT)
    window = MainWindow(project, Settings(coder_name="Prop Coder"))
    qtbot.addWidget(window)
    try:
        start = snapshot(project)
        counter = [0]
        for step in sequence:
            _apply(window, step, counter)
        end = snapshot(project)
        while window.undo_stack.canUndo():
            window.undo_stack.undo()
        assert snapshot(project) == start
        while window.undo_stack.canRedo():
            window.undo_stack.redo()
        assert snapshot(project) == end
    finally:
        window.close()
