"""Keeping the window in step with every change the coding session announces, one annotation
at a time: the annotation list, the painted spans, the chosen span, the codebook's counts, the
article list's count. Nothing here reloads a whole article or model, or reads what the
change already says (a status the edit changed arrives as the session's statusChanged)."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class CodingSync(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        # While an undo or redo runs, what it touched: (record, still there afterwards).
        self.touched: list[tuple[AnnotationRecord, bool]] | None = None

    def _shown(self, record: AnnotationRecord) -> bool:
        """Whether the record belongs in the open article's view (blind coding hides others)."""
        window = self.window
        return record.article_id == window.article_id and self._counted(record)

    def _counted(self, record: AnnotationRecord) -> bool:
        window = self.window
        return window.settings.show_other_coders or record.coder_id == window.session.coder.id

    def annotation_added(self, record: AnnotationRecord) -> None:
        window = self.window
        shown = window.annotation_model.record(record.id)
        if shown is not None and window.session.elsewhere:
            # Another member's work that a reload has shown already: only bring it up to date.
            self.annotation_changed(shown, record)
            return
        if self.touched is not None:
            self.touched.append((record, True))
        if self._shown(record):
            with window.annotation_panel.rows_changing():
                window.annotation_model.insert(record)
            view = window.reader.view
            view.highlighter.add(record.id, record.start, record.end, self._color(record))
            if record.note:
                view.set_note(record.id, record.end)
            if not window.session.elsewhere:  # another's annotation leaves the choice alone
                window.coding.choose(record)
        self._counts(record, +1)

    def annotation_removed(self, record: AnnotationRecord) -> None:
        window = self.window
        if self.touched is not None:
            self.touched.append((record, False))
        if self._shown(record):
            view = window.reader.view
            chosen = view.chosen
            with window.annotation_panel.rows_changing():
                window.annotation_model.remove(record.id)
            view.highlighter.remove(record.id)
            view.set_note(record.id, None)
            if chosen is not None and chosen.id == record.id:
                window.coding.choose(None)
        self._counts(record, -1)

    def annotation_changed(self, before: AnnotationRecord, after: AnnotationRecord) -> None:
        window = self.window
        if self.touched is not None:
            self.touched.append((after, True))
        if self._shown(after):
            view = window.reader.view
            chosen = view.chosen  # read before the list's row is replaced
            with window.annotation_panel.rows_changing():
                window.annotation_model.replace(after)
            if (before.start, before.end, before.tag_id) != (after.start, after.end, after.tag_id):
                view.highlighter.remove(after.id)
                view.highlighter.add(after.id, after.start, after.end, self._color(after))
            view.set_note(after.id, after.end if after.note else None)
            if chosen is not None and chosen.id == after.id:
                window.coding.choose(after)
                if before.tag_id != after.tag_id and not window.session.elsewhere:
                    window.coding.say_chosen(after)  # the status line names its new tag
        if before.tag_id != after.tag_id:
            self._counts(before, -1)
            self._counts(after, +1)

    def _color(self, record: AnnotationRecord) -> str:
        return self.window.session.tag(record.tag_id).color

    def _counts(self, record: AnnotationRecord, delta: int) -> None:
        window = self.window
        if self._counted(record):
            here = record.article_id == window.article_id
            window.tag_model.count(record.tag_id, delta, in_article=here)
        window.articles.add_to_count(record.article_id, delta)
