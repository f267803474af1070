"""The window's coding actions: apply a tag, choose, re-tag, resize, note and delete an
annotation, step through them, code all matches, mark an article done; and keeping the views
in step with every change, one annotation at a time."""

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.core.models import CodingStatus
from annotator.core.records import AnnotationRecord
from annotator.core.text import snap_to_words
from annotator.gui import messages
from annotator.gui.code_matches import CodeMatchesDialog
from annotator.gui.undo import (
    AddAnnotationCommand,
    ChangeAnnotationCommand,
    DeleteAnnotationCommand,
    EditNoteCommand,
    StatusCommand,
)

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CodingActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window

    def _push(self, command: QUndoCommand) -> None:
        try:
            self.window.undo_stack.push(command)
        except AnnotatorError as exc:
            messages.show_error(self.window, str(exc))

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 4000)

    # ----- coding -------------------------------------------------------------------------
    def apply_tag_key(self, key: int) -> None:
        tag = self.window.session.tag_for_key(key)
        if tag is None:
            self._say(f"No tag has the key {key}.")
            return
        self.apply_tag(tag.id)

    def apply_tag(self, tag_id: int) -> None:
        window = self.window
        view = window.reader.view
        span = view.selected_span()
        if window.article_id is None or span is None:
            chosen = self.current()
            if chosen is not None and chosen.tag_id != tag_id:
                self._push(ChangeAnnotationCommand(window.session, chosen, tag_id=tag_id))
                return
            self._say("Select some text first, then choose a tag.")
            return
        if window.settings.snap_to_words:
            span = snap_to_words(window_text(window), *span)
            if span[0] == span[1]:
                self._say("Select some words, not only spaces.")
                return
        self._push(AddAnnotationCommand(window.session, window.article_id, tag_id, *span))

    def current(self) -> AnnotationRecord | None:
        chosen = self.window.annotation_panel.current_id()
        return self.window.record(chosen) if chosen is not None else None

    def show_annotation(self, annotation_id: int) -> None:
        record = self.window.record(annotation_id)
        if record is None:
            return
        self.window.reader.view.select_span(record.start, record.end)
        self.window.reader.view.mark_annotation(record)

    def span_clicked(self, keys: list[int]) -> None:
        self.window.annotation_panel.choose(keys[0])
        record = self.window.record(keys[0])
        if record is not None:
            self.window.reader.view.mark_annotation(record)

    def describe(self, keys: list[int]) -> str:
        """Every tag and note at a point of the text, innermost first (the hover text)."""
        window = self.window
        lines = []
        for key in keys:
            record = window.record(key)
            if record is None:
                continue
            tag = window.session.tag(record.tag_id).name
            coder = window.annotation_model.coders.get(record.coder_id, "")
            who = f" ({coder})" if window.settings.show_other_coders and coder else ""
            note = f" — {_short(record.note, 120)}" if record.note else ""
            lines.append(f"{tag}{who}: “{_short(record.quote, 60)}”{note}")
        return "\n".join(lines)

    def delete_annotation(self, annotation_id: int) -> None:
        record = self.window.record(annotation_id)
        if record is not None:
            self._push(DeleteAnnotationCommand(self.window.session, record))

    def delete_current(self) -> None:
        record = self.current()
        if record is None:
            self._say("Choose an annotation in the list first.")
            return
        self.delete_annotation(record.id)

    def note_current(self) -> None:
        record = self.current()
        if record is None:
            self._say("Choose an annotation in the list first.")
            return
        self.edit_note(record.id)

    def edit_note(self, annotation_id: int) -> None:
        record = self.window.record(annotation_id)
        if record is None:
            return
        tag = self.window.session.tag(record.tag_id).name
        note = messages.ask_multiline(
            self.window, "Note", f"Note on this {tag}:\n“{_short(record.quote)}”", record.note
        )
        if note is not None and note != record.note:
            self._push(EditNoteCommand(self.window.session, record, note))

    def retag_current(self) -> None:
        record = self.current()
        if record is None:
            self._say("Choose an annotation in the list first.")
            return
        names = [t.name for t in self.window.session.tags if t.id != record.tag_id]
        chosen = messages.ask_choice(self.window, "Change tag", "New tag:", names)
        if chosen:
            tag = next(t for t in self.window.session.tags if t.name == chosen)
            self._push(ChangeAnnotationCommand(self.window.session, record, tag_id=tag.id))

    def resize(self, start_step: int, end_step: int) -> None:
        """Move the chosen annotation's start or end by one character."""
        record = self.current()
        if record is None:
            self._say("Choose an annotation in the list first.")
            return
        length = len(window_text(self.window))
        start = min(max(record.start + start_step, 0), length)
        end = min(max(record.end + end_step, 0), length)
        if start >= end:
            self._say("An annotation keeps at least one character.")
            return
        self._push(ChangeAnnotationCommand(self.window.session, record, span=(start, end)))

    def boundary_dragged(self, annotation_id: int, start: int, end: int) -> None:
        record = self.window.record(annotation_id)
        if record is not None:
            self._push(ChangeAnnotationCommand(self.window.session, record, span=(start, end)))

    def step_annotation(self, step: int) -> None:
        model = self.window.annotation_model
        if not model.rows:
            return
        chosen = self.window.annotation_panel.current_id()
        row = model.row_of(chosen) if chosen is not None else -1
        row = (row + step) % len(model.rows) if row >= 0 else (0 if step > 0 else -1)
        record = model.rows[row]
        self.window.annotation_panel.choose(record.id)
        self.show_annotation(record.id)

    def code_all_matches(self, pattern: str, regex: bool) -> None:
        window = self.window
        dialog = CodeMatchesDialog(
            window.project, window.article_id, window.session.tags, pattern, regex, window
        )
        if messages.run_dialog(dialog):
            tag_id, matches = dialog.chosen()
            if matches:
                self.code_matches(tag_id, matches)

    def code_matches(self, tag_id: int, matches: list[tuple[int, int, int]]) -> None:
        """One tag on many matches, undone in one step.

        A macro, not a command with child commands built in Python: PySide leaves such
        children owned by Python while their Qt parent deletes them too, so the stack freed
        them twice when it dropped the step (after an undo and a new edit, or on quitting),
        a segmentation fault inside Qt. Commands pushed onto the stack belong to Qt alone.
        """
        session, stack = self.window.session, self.window.undo_stack
        stack.beginMacro(f"code {len(matches)} matches as {session.tag(tag_id).name}")
        try:
            for article_id, start, end in matches:
                self._push(AddAnnotationCommand(session, article_id, tag_id, start, end))
        finally:
            stack.endMacro()

    def mark_done_and_next(self) -> None:
        window = self.window
        if window.article_id is None:
            return
        self._push(StatusCommand(window.session, window.article_id, CodingStatus.DONE))
        articles = window.articles.articles
        index = window.articles.row_of(window.article_id)
        order = [*articles[index + 1 :], *articles[:index]]
        following = next(
            (a for a in order if window.articles.statuses.get(a.id) is not CodingStatus.DONE),
            None,
        )
        if following is None:
            self._say("Done. Every article is marked done.")
            return
        window.open_article(following.id)

    # ----- keeping the views in step ------------------------------------------------------
    def _visible(self, record: AnnotationRecord) -> bool:
        window = self.window
        return record.article_id == window.article_id and (
            window.settings.show_other_coders or record.coder_id == window.session.coder.id
        )

    def annotation_added(self, record: AnnotationRecord) -> None:
        window = self.window
        if self._visible(record):
            row = window.annotation_model.insert(record)
            color = window.session.tag(record.tag_id).color
            window.reader.view.highlighter.add(record.id, record.start, record.end, color)
            if row >= 0:
                window.annotation_panel.choose(record.id, quietly=True)
                window.reader.view.chosen = record
        self._counts(record, +1)

    def annotation_removed(self, record: AnnotationRecord) -> None:
        window = self.window
        if self._visible(record):
            window.annotation_model.remove(record.id)
            window.reader.view.highlighter.remove(record.id)
            window.reader.view.mark_annotation(None)
        self._counts(record, -1)

    def annotation_changed(self, before: AnnotationRecord, after: AnnotationRecord) -> None:
        window = self.window
        if self._visible(after):
            window.annotation_model.replace(after)
            view = window.reader.view
            view.highlighter.remove(after.id)
            view.highlighter.add(
                after.id, after.start, after.end, window.session.tag(after.tag_id).color
            )
            window.annotation_panel.choose(after.id)
            view.mark_annotation(after)
        if before.tag_id != after.tag_id:
            self._counts(before, -1)
            self._counts(after, +1)

    def _counts(self, record: AnnotationRecord, delta: int) -> None:
        window = self.window
        if record.article_id == window.article_id:
            window.tag_model.count(record.tag_id, delta)
        else:
            window.tag_model.in_project[record.tag_id] = (
                window.tag_model.in_project.get(record.tag_id, 0) + delta
            )
        row = window.articles.row_of(record.article_id)
        if row >= 0:
            old = window.articles.articles[row]
            window.articles.articles[row] = replace(old, annotations=old.annotations + delta)
            index = window.articles.index(row)
            window.articles.dataChanged.emit(index, index)


def window_text(window: "MainWindow") -> str:
    """The open article's canonical text (the reader shows exactly it)."""
    return window.reader.view.toPlainText()
