"""The window's codebook edits: each one an undoable command, each asked through messages."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from annotator.core.codebook_edit import usage
from annotator.core.errors import AnnotatorError, NothingToChange
from annotator.core.export.codebook_sheet import export_codebook_sheet, read_codebook_sheet
from annotator.gui import messages
from annotator.gui.session import CodingSession
from annotator.gui.undo import (
    AddTagCommand,
    DeleteTagCommand,
    ImportCodebookCommand,
    MergeTagCommand,
    MoveTagCommand,
    UpdateTagCommand,
)
from annotator.gui.write_command import WriteCommand, push

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SHEET_FILTER = "Codebook sheets (*.xlsx *.csv);;All files (*)"


class CodebookActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window

    @property
    def session(self) -> CodingSession:
        return self.window.session

    def _push(self, command: WriteCommand) -> None:
        try:
            push(self.window.undo_stack, command)
        except NothingToChange as exc:
            self.window.statusBar().showMessage(str(exc), 4000)
        except AnnotatorError as exc:
            messages.show_error(self.window, str(exc))

    def add(self) -> None:
        tag = messages.edit_tag(self.window, self.session.tags, None)
        if tag is not None:
            self._push(
                AddTagCommand(
                    self.session, tag.name, tag.color, tag.definition, tag.shortcut, tag.parent_id
                )
            )

    def edit(self, tag_id: int) -> None:
        before = self.session.tag(tag_id)
        tag = messages.edit_tag(self.window, self.session.tags, before)
        if tag is None or tag == before:
            return
        what = "rename" if tag.name != before.name else "change"
        if tag.name == before.name and tag.color != before.color:
            what = "recolour"
        self._push(UpdateTagCommand(self.session, tag, what))

    def delete(self, tag_id: int) -> None:
        tag = self.session.tag(tag_id)
        count = usage(self.session.project, tag_id)
        question = (
            f"Delete the tag “{tag.name}”? {count} annotation(s) of every coder go with it. "
            "You can undo this (Ctrl+Z)."
        )
        if messages.confirm(self.window, "Delete tag", question):
            self._push(DeleteTagCommand(self.session, tag_id))

    def merge(self, tag_id: int) -> None:
        source = self.session.tag(tag_id)
        others = [t.name for t in self.session.tags if t.id != tag_id]
        chosen = messages.ask_choice(
            self.window, "Merge tag", f"Merge “{source.name}” into:", others
        )
        if chosen:
            into = next(t.id for t in self.session.tags if t.name == chosen)
            self._push(MergeTagCommand(self.session, tag_id, into))

    def move(self, tag_id: int, step: int) -> None:
        self._push(MoveTagCommand(self.session, tag_id, step))

    def export_sheet(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export the codebook", "codebook.xlsx", SHEET_FILTER
        )
        if path:
            export_codebook_sheet(self.session.tags, Path(path))

    def import_sheet(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import a codebook sheet", "", SHEET_FILTER
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Apply a codebook sheet: new tags are added, known ones updated; one undo step."""
        try:
            sheet = read_codebook_sheet(path)
        except AnnotatorError as exc:
            messages.show_error(self.window, str(exc))
            return
        if sheet.problems:
            shown = sheet.problems[:10] + (["…"] if len(sheet.problems) > 10 else [])
            messages.show_error(
                self.window,
                f"{path.name} was not applied: {len(sheet.problems)} row(s) cannot be used. "
                "Correct them and import the sheet again.\n\n" + "\n".join(shown),
            )
            return
        self._push(ImportCodebookCommand(self.session, sheet.rows, path.name))
        if sheet.skipped:
            messages.show_report(
                self.window, "Codebook import", sheet.lines()[0], "\n".join(sheet.lines()[1:])
            )
