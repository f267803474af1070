"""A random sequence of edits (every kind of command the window has), all undone, leaves the
database's content exactly as it began; all redone, exactly as it ended. After every step the
window's list of annotations equals the database's, so the session's signals kept the view in
step; and versions only grow."""

from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.coders import consensus_coder, ensure_coder
from annotator.core.export.codebook_sheet import TagRow
from annotator.core.models import CodingStatus
from annotator.core.project import open_project
from annotator.core.review import Decision
from annotator.core.settings import Settings
from annotator.gui.main_window import MainWindow
from annotator.gui.review import ReviewWindow
from annotator.gui.review_commands import SettleCommand
from annotator.gui.undo import (
    AddAnnotationCommand,
    AddTagCommand,
    ChangeAnnotationCommand,
    CodeMatchesCommand,
    DeleteAnnotationCommand,
    DeleteTagCommand,
    EditNoteCommand,
    ImportCodebookCommand,
    MergeTagCommand,
    MoveTagCommand,
    StatusCommand,
    UpdateTagCommand,
    WriteCommand,
    push,
)
from tests.core.test_codebook_edit import snapshot, versions
from tests.helpers import add_text_article

TEXT = "The city will cut emissions 40% by 2030 😀 if funds allow; critics doubt the plan. " * 3
KINDS = [
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
    "settle",
    "codebook",
]

Step = tuple[str, int, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(KINDS), st.integers(0, 1000), st.integers(0, 1000), st.integers(1, 40)
    ),
    min_size=1,
    max_size=12,
)


def _command(
    window: MainWindow, review: ReviewWindow, step: Step, counter: list[int]
) -> WriteCommand | None:
    kind, a, b, length = step
    session = window.session
    article = window.article_id or 0
    rows = window.annotation_model.everything
    tags = session.tags
    tag = tags[a % len(tags)]
    counter[0] += 1
    if kind == "add":
        start = b % (len(TEXT) - 41)
        return AddAnnotationCommand(session, article, tag.id, start, start + length)
    if kind == "delete" and rows:
        return DeleteAnnotationCommand(session, rows[a % len(rows)])
    if kind == "note" and rows:
        return EditNoteCommand(session, rows[a % len(rows)], f"note {counter[0]}")
    if kind == "retag" and rows and rows[b % len(rows)].tag_id != tag.id:
        return ChangeAnnotationCommand(session, rows[b % len(rows)], tag_id=tag.id)
    if kind == "resize" and rows:
        record = rows[b % len(rows)]
        if record.end < len(TEXT):
            return ChangeAnnotationCommand(session, record, span=(record.start, record.end + 1))
    if kind == "matches":
        found = [(article, i, i + 4) for i in range(len(TEXT)) if TEXT.startswith("plan", i)]
        return CodeMatchesCommand(session, tag.id, found)
    if kind == "tag":
        parent = tag.id if b % 2 else None
        return AddTagCommand(session, f"tag {counter[0]}", "#AA4499", "", (b % 9) + 1, parent)
    if kind == "rename":
        return UpdateTagCommand(session, replace(tag, name=f"{tag.name}*"), "rename")
    if kind == "move":
        return MoveTagCommand(session, tag.id, 1 if b % 2 else -1)
    if kind == "merge" and len(tags) > 1:
        return MergeTagCommand(session, tag.id, tags[(a + 1) % len(tags)].id)
    if kind == "untag" and len(tags) > 1:
        return DeleteTagCommand(session, tag.id)
    if kind == "done":
        return StatusCommand(session, article, CodingStatus.DONE)
    if kind == "settle":
        review.reload()
        open_items = [d for d in review.items if d.decision is None]
        if open_items:
            decision = list(Decision)[b % 4]  # take A, take B, both, neither
            return SettleCommand(review, open_items[a % len(open_items)], decision)
    if kind == "codebook":
        rows_in = [
            TagRow(t.name, "", f"defined {counter[0]}", "#CC6677", t.shortcut) for t in tags[:2]
        ]
        rows_in.append(TagRow(f"sheet tag {counter[0]}", tags[0].name, "", "#117733", None))
        return ImportCodebookCommand(session, rows_in, "sheet.xlsx")
    return None


def _view_matches_database(window: MainWindow) -> None:
    stored = article_annotations(window.project, window.article_id or 0, [window.session.coder.id])
    shown = sorted(window.annotation_model.everything, key=lambda r: r.id)
    assert shown == sorted(stored, key=lambda r: r.id)


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
    article = add_text_article(project, TEXT).article_id
    other = ensure_coder(project, "Other Coder").id
    consensus_coder(project)  # made once when review starts; not an edit to undo
    for offset in (0, 40, 90):  # the other coder's work, for the review to settle against
        add_annotation(project, article, 1 + offset % 3, other, offset, offset + 12)
    window = MainWindow(project, Settings(coder_name="Prop Coder"))
    qtbot.addWidget(window)
    review = ReviewWindow(
        project,
        window.articles.articles,
        [window.session.coder, *[c for c in [ensure_coder(project, "Other Coder")]]],
        window.session.tags,
        window.undo_stack,
        window,
    )
    review.choose(article, window.session.coder.id, other)
    try:
        start = snapshot(project)
        counter = [0]
        for step in sequence:
            review.tags = {t.id: t for t in window.session.tags}
            command = _command(window, review, step, counter)
            if command is not None:
                push(window.undo_stack, command)
            _view_matches_database(window)
        end, end_versions = snapshot(project), versions(project)
        while window.undo_stack.canUndo():
            window.undo_stack.undo()
            _view_matches_database(window)
        assert snapshot(project) == start
        while window.undo_stack.canRedo():
            window.undo_stack.redo()
            _view_matches_database(window)
        assert snapshot(project) == end
        now = versions(project)
        assert all(now[uuid] >= version for uuid, version in end_versions.items())
    finally:
        review.close()
        window.close()
