"""The window's coding actions: apply a tag, choose, re-tag, resize, note and delete an
annotation, step through them, code all matches, mark an article done, undo and redo.

One rule decides what a key or a menu command acts on: the annotation *chosen* in the view
(framed, with handles), which the annotation list always shows as its current row. Clicking a
span chooses it without selecting its text, so a tag key then re-tags it; clicking plain text
or pressing Escape clears the choice; a key acts on a choice only while it is on screen.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.core.errors import AnnotatorError, NothingToChange
from annotator.core.models import CodingStatus
from annotator.core.records import AnnotationRecord
from annotator.core.text import snap_to_words
from annotator.gui import messages
from annotator.gui.code_matches import CodeMatchesDialog
from annotator.gui.undo import (
    AddAnnotationCommand,
    ChangeAnnotationCommand,
    CodeMatchesCommand,
    DeleteAnnotationCommand,
    EditNoteCommand,
    StatusCommand,
)
from annotator.gui.write_command import WriteCommand, push

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

CHOOSE_FIRST = "Click an annotation in the text or the list first."

CHOSEN = "Chosen: "  # how the status line names the chosen annotation


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CodingActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window

    def _push(self, command: WriteCommand) -> bool:
        """Whether the edit was made (a refusal is said, and nothing is lost)."""
        try:
            push(self.window.undo_stack, command)
        except NothingToChange as exc:
            self.window.statusBar().showMessage(str(exc), 4000)
        except AnnotatorError as exc:
            current = getattr(exc, "current", None)
            seen = self.window.record(current.id) if isinstance(current, AnnotationRecord) else None
            messages.show_error(self.window, self.window.session.explain(exc, seen))
            if seen is not None and self.window.article_id is not None:
                self.window.open_article(self.window.article_id)  # show it as it is now
            return False
        return True

    def push(self, command: WriteCommand) -> bool:
        """Do an edit and put it on the undo stack; a refusal is said, nothing is lost.
        Whether the edit was made."""
        return self._push(command)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 4000)

    # ----- the chosen annotation ----------------------------------------------------------
    def chosen(self) -> AnnotationRecord | None:
        """The annotation chosen in the view (and shown as the list's current row)."""
        return self.window.reader.view.chosen

    def choose(self, record: AnnotationRecord | None, *, reveal: bool = False) -> None:
        """Choose ``record`` (None: nothing) in the view and the list at once; ``reveal``
        scrolls the text to it, only when it is off screen."""
        window = self.window
        view = window.reader.view
        view.mark_annotation(record)
        if record is None:
            window.annotation_panel.clear_choice()
            # the status line spoke of the choice: it goes with it
            if window.statusBar().currentMessage().startswith(CHOSEN):
                window.statusBar().clearMessage()
            return
        window.annotation_panel.choose(record.id, quietly=True)
        if reveal:
            view.reveal(record.start, record.end)

    def show_annotation(self, annotation_id: int) -> None:
        """A row chosen in the annotation list."""
        record = self.window.record(annotation_id)
        if record is not None:
            self.choose(record, reveal=True)
            self.say_chosen(record)

    def say_chosen(self, record: AnnotationRecord) -> None:
        """Say what the choice allows, so the rule is seen where it is used."""
        tag = self.window.session.tag(record.tag_id).name
        self._say(
            # the way out first: on a narrow screen the end of the line gives way
            f"{CHOSEN}{tag}. Esc lets it go; a tag key re-tags it, Delete removes it, "
            "Ctrl+M adds a note, its handles move its ends."
        )

    def span_clicked(self, keys: list[int]) -> None:
        """A click on coded text chooses its innermost span; clicking again on the same
        point chooses the next span out, so every nested span can be reached."""
        chosen = self.chosen()
        key = keys[0]
        if chosen is not None and chosen.id in keys:
            key = keys[(keys.index(chosen.id) + 1) % len(keys)]
        record = self.window.record(key)
        if record is not None:
            self.choose(record)
            self.say_chosen(record)

    def plain_clicked(self) -> None:
        if self.chosen() is not None:
            self.choose(None)

    def _chosen_in_view(self) -> AnnotationRecord | None:
        """The chosen annotation when it is visibly chosen; else None, said in the status."""
        record = self.chosen()
        if record is None:
            self._say(CHOOSE_FIRST)
            return None
        if not self.window.reader.view.is_on_screen(record.start, record.end):
            self._say("The chosen annotation is out of view: scroll to it or choose again.")
            return None
        return record

    # ----- coding -------------------------------------------------------------------------
    def apply_tag_key(self, key: int) -> None:
        tag = self.window.session.tag_for_key(key)
        if tag is None:
            self._say(f"No tag has the key {key}.")
            return
        self.apply_tag(tag.id)

    def apply_tag(self, tag_id: int) -> None:
        """Code the selected text, or re-tag the chosen annotation when nothing is selected."""
        window = self.window
        view = window.reader.view
        span = view.selected_span() if window.article_id is not None else None
        if span is None:
            chosen = self.chosen()
            if chosen is None:
                self._say("Select some text first, then choose a tag.")
                return
            record = self._chosen_in_view()
            if record is None:
                return
            if record.tag_id == tag_id:
                self._say(f"This is a {window.session.tag(tag_id).name} already.")
                return
            self._push(ChangeAnnotationCommand(window.session, record, tag_id=tag_id))
            return
        if window.settings.snap_to_words:
            span = snap_to_words(window_text(window), *span)
            if span[0] == span[1]:
                self._say("Select some words, not only spaces.")
                return
        same = self._same_span(*span, tag_id)
        if same is not None:
            view.clear_selection()
            self.choose(same)
            self._say(f"These words are coded {window.session.tag(tag_id).name} already.")
            return
        assert window.article_id is not None
        self._push(AddAnnotationCommand(window.session, window.article_id, tag_id, *span))

    def _same_span(self, start: int, end: int, tag_id: int) -> AnnotationRecord | None:
        """This coder's annotation of exactly these words with this tag, if there is one."""
        coder = self.window.session.coder.id
        return next(
            (
                r
                for r in self.window.annotation_model.at(start, end)
                if (r.tag_id, r.coder_id) == (tag_id, coder)
            ),
            None,
        )

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

    def delete_chosen(self) -> None:
        record = self._chosen_in_view()
        if record is not None:
            self.delete_annotation(record.id)

    def delete_current(self) -> None:
        """Edit > Delete annotation and the list's button: the chosen annotation."""
        record = self.chosen()
        if record is None:
            self._say(CHOOSE_FIRST)
            return
        self.delete_annotation(record.id)

    def note_current(self) -> None:
        record = self.chosen()
        if record is None:
            self._say(CHOOSE_FIRST)
            return
        self.edit_note(record.id)

    def edit_note(self, annotation_id: int) -> None:
        record = self.window.record(annotation_id)
        if record is None:
            return
        tag = self.window.session.tag(record.tag_id).name
        note = messages.ask_note(
            self.window, f"Note on this {tag}:\n“{_short(record.quote)}”", record.note
        )
        if note is not None and note != record.note:
            self._push(EditNoteCommand(self.window.session, record, note))

    def retag_current(self) -> None:
        record = self.chosen()
        if record is None:
            self._say(CHOOSE_FIRST)
            return
        names = [t.name for t in self.window.session.tags if t.id != record.tag_id]
        chosen = messages.ask_choice(self.window, "Change tag", "New tag:", names)
        if chosen:
            tag = next(t for t in self.window.session.tags if t.name == chosen)
            self._push(ChangeAnnotationCommand(self.window.session, record, tag_id=tag.id))

    def resize(self, start_step: int, end_step: int) -> None:
        """Move the chosen annotation's start or end by one character."""
        record = self._chosen_in_view()
        if record is None:
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
        chosen = self.chosen()
        row = model.row_of(chosen.id) if chosen is not None else -1
        row = (row + step) % len(model.rows) if row >= 0 else (0 if step > 0 else -1)
        self.choose(model.rows[row], reveal=True)

    def code_all_matches(self, pattern: str, regex: bool) -> None:
        window = self.window
        dialog = CodeMatchesDialog(
            window.project, window.article_id, window.session.tags, pattern, regex, window
        )
        dialog.searched.connect(window.find_bar.show_phrase)
        try:
            if messages.run_dialog(dialog):
                tag_id, matches = dialog.chosen()
                if matches:
                    self.code_matches(tag_id, matches)
        finally:
            dialog.deleteLater()

    def code_matches(self, tag_id: int, matches: list[tuple[int, int, int]]) -> None:
        """One tag on many matches: one transaction, one step to undo.

        One command that writes them all, not child commands built in Python: PySide leaves
        such children owned by Python while their Qt parent deletes them too, so the stack
        freed them twice when it dropped the step (after an undo and a new edit, or on
        quitting), a segmentation fault inside Qt."""
        self._push(CodeMatchesCommand(self.window.session, tag_id, matches))

    def mark_done_and_next(self) -> None:
        window = self.window
        if window.article_id is None:
            return
        if not self._push(StatusCommand(window.session, window.article_id, CodingStatus.DONE)):
            return  # not marked done (a read-only project): stay with the article
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

    # ----- undo and redo show what they change ----------------------------------------------
    def undo(self) -> None:
        self._replay(self.window.undo_stack.undo)

    def redo(self) -> None:
        self._replay(self.window.undo_stack.redo)

    def _replay(self, step: Callable[[], None]) -> None:
        """Run an undo or redo step, then show the annotation it changed: its article is
        opened when it is another, and the span is chosen and scrolled into view."""
        sync = self.window.sync
        sync.touched = []
        try:
            step()
        finally:
            touched, sync.touched = sync.touched, None
        if not touched:
            return
        record, present = touched[-1]
        window = self.window
        if record.article_id != window.article_id:
            window.open_article(record.article_id)
        shown = window.record(record.id) if present else None
        if shown is not None:
            self.choose(shown, reveal=True)
        else:
            window.reader.view.reveal(record.start, record.end)


def window_text(window: "MainWindow") -> str:
    """The open article's canonical text (the reader shows exactly it)."""
    return window.reader.view.text
