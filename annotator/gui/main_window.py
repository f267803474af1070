"""The main window: articles on the left, the text in the middle, codebook and annotations right."""

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListView,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator import APP_NAME
from annotator.core.agreement.data import default_coders
from annotator.core.annotations import article_annotations, get_annotation
from annotator.core.articles import get_article, list_articles
from annotator.core.codebook import list_tags, tag_usage
from annotator.core.coders import list_coders
from annotator.core.errors import AnnotatorError
from annotator.core.export.rows import Selection
from annotator.core.pages import page_map
from annotator.core.project import Project, open_project
from annotator.core.records import AnnotationRecord
from annotator.core.settings import Settings
from annotator.gui import messages
from annotator.gui.agreement_dialog import AgreementDialog
from annotator.gui.coders_dialog import CodersDialog
from annotator.gui.models import AnnotationTableModel, ArticleListModel, TagListModel
from annotator.gui.panels import AnnotationPanel, CodebookPanel
from annotator.gui.reader import ReaderPane
from annotator.gui.review import ReviewWindow
from annotator.gui.session import CodingSession
from annotator.gui.tasks import TaskRunner
from annotator.gui.transfers import PROJECT_FILTER, Transfers
from annotator.gui.undo import AddAnnotationCommand, DeleteAnnotationCommand, EditNoteCommand


class MainWindow(QMainWindow):
    importFinished = Signal(list)  # list[ImportResult]
    exportFinished = Signal(object)  # Path, or None when it failed or was cancelled
    mergeFinished = Signal(list)  # the report's lines

    def __init__(self, project: Project, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.session = CodingSession(project, settings.coder_name)
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self)
        self.transfers = Transfers(self)
        self.article_id: int | None = None
        self._export_path = Path()
        self._annotations_path = Path()
        self.articles = ArticleListModel()
        self.tag_model = TagListModel()
        self.annotation_model = AnnotationTableModel({})
        self._build()
        self._build_menus()
        self._bind_session()
        self.resize(1320, 820)
        self.refresh_all()

    # ----- construction -------------------------------------------------------------------
    def _build(self) -> None:
        self.article_list = QListView()
        self.article_list.setObjectName("articleList")
        self.article_list.setModel(self.articles)
        self.article_list.setWordWrap(True)
        self.article_list.setSpacing(2)
        self.article_list.selectionModel().currentRowChanged.connect(self._article_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 0, 0, 0)
        heading = QLabel("Articles")
        heading.setStyleSheet("font-weight: 600; padding: 6px 2px 2px 2px;")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.article_list)

        self.reader = ReaderPane()
        self.reader.view.tagKeyPressed.connect(self.apply_tag_key)
        self.reader.view.spanClicked.connect(self._span_clicked)

        self.codebook = CodebookPanel(self.tag_model)
        self.codebook.tagChosen.connect(self.apply_tag)
        self.annotation_panel = AnnotationPanel(self.annotation_model)
        self.annotation_panel.annotationChosen.connect(self.show_annotation)
        self.annotation_panel.deleteRequested.connect(self.delete_annotation)
        self.annotation_panel.noteRequested.connect(self.edit_note)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.codebook)
        right.addWidget(self.annotation_panel)
        right.setSizes([200, 500])

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700, 360])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.coder_label = QLabel()
        self.coder_label.setObjectName("coderLabel")
        self.statusBar().addPermanentWidget(self.coder_label)

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        menu.addAction(
            self._action("&New project…", self.choose_new_project, QKeySequence.StandardKey.New)
        )
        menu.addAction(
            self._action("&Open project…", self.choose_project, QKeySequence.StandardKey.Open)
        )
        menu.addSeparator()
        transfers = self.transfers
        menu.addAction(self._action("&Import articles…", transfers.choose_import, "Ctrl+I"))
        menu.addAction(
            self._action("Import a &folder…", transfers.choose_import_folder, "Ctrl+Shift+I")
        )
        menu.addAction(
            self._action("Import a&nnotations (W3C JSON)…", transfers.choose_import_annotations)
        )
        menu.addAction(self._action("&Merge projects…", transfers.choose_merge))
        menu.addAction(self._action("&Export…", transfers.choose_export, "Ctrl+E"))
        menu.addSeparator()
        menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        edit.addAction(self._action("Edit &note…", self._note_current, "Ctrl+M"))

        code = self.menuBar().addMenu("&Code")
        self.code_menu = code
        code.addAction(self._action("Switch &coder…", self.choose_coder))
        code.addAction(self._action("C&oders…", self.show_coders))
        code.addAction(self._action("&Agreement…", self.show_agreement, "Ctrl+Shift+G"))
        code.addAction(self._action("&Review disagreements…", self.show_review, "Ctrl+R"))

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About Annotator", self._about))

    def _bind_session(self) -> None:
        self.session.annotationAdded.connect(self._annotation_added)
        self.session.annotationRemoved.connect(self._annotation_removed)
        self.session.annotationChanged.connect(self._annotation_changed)
        self.session.coderChanged.connect(lambda _c: self._show_coder())

    # ----- project ------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.session.project

    def refresh_all(self) -> None:
        self.setWindowTitle(f"{_project_name(self.project.location)} — {APP_NAME}")
        tags = self.session.tags
        self.annotation_model.tags = {t.id: t for t in tags}
        self.tag_model.reset(tags, tag_usage(self.project))
        self.articles.reset(list_articles(self.project))
        self._show_coder()
        self._rebuild_tag_actions()
        if self.articles.articles:
            self.open_article(self.articles.articles[0].id)
        else:
            self.article_id = None
            self.reader.show_empty()
            self.annotation_model.reset([])

    def _rebuild_tag_actions(self) -> None:
        for action in list(self.code_menu.actions())[4:]:
            self.code_menu.removeAction(action)
        self.code_menu.addSeparator()
        for tag in self.session.tags:
            label = f"Tag as {tag.name}" + (f"\t{tag.shortcut}" if tag.shortcut else "")
            action = QAction(label, self.code_menu)
            action.triggered.connect(lambda _checked=False, t=tag.id: self.apply_tag(t))
            self.code_menu.addAction(action)

    def _show_coder(self) -> None:
        self.coder_label.setText(f"Coding as {self.session.coder.name}")

    def switch_project(self, location: str) -> bool:
        try:
            project = open_project(location)
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return False
        old = self.session.project
        self.undo_stack.clear()
        self.session.deleteLater()
        self.session = CodingSession(project, self.settings.coder_name)
        self._bind_session()
        old.close()
        self.settings.remember_project(project.location)
        self.settings.save()
        self.refresh_all()
        return True

    def choose_new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "", PROJECT_FILTER)
        if path:
            if not path.endswith(".annotator"):
                path += ".annotator"
            if Path(path).exists():
                messages.show_error(self, f"{path} exists already; open it with File > Open.")
                return
            self.switch_project(path)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if path:
            self.switch_project(path)

    def choose_coder(self) -> None:
        name = messages.ask_text(self, "Switch coder", "Who is coding now?", "")
        if name and name.strip():
            self.session.switch_coder(name)
            self.settings.coder_name = self.session.coder.name
            self.settings.save()

    # ----- articles -----------------------------------------------------------------------
    def _article_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(Qt.ItemDataRole.UserRole)
        if article_id is not None and article_id != self.article_id:
            self.open_article(int(article_id))

    def open_article(self, article_id: int) -> None:
        try:
            article = get_article(self.project, article_id)
            records = article_annotations(self.project, article_id)
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return
        self.article_id = article_id
        self.reader.show_article(article)
        pages = page_map(self.project, article_id)
        self.annotation_model.reset(records, pages)
        self.annotation_panel.table.setColumnHidden(AnnotationTableModel.PAGE_COLUMN, not pages)
        self.reader.view.highlighter.reset(
            self.reader.view.offsets,
            [(r.id, r.start, r.end, self.session.tag(r.tag_id).color) for r in records],
        )
        self.reader.view.mark_annotation(None)
        row = self.articles.row_of(article_id)
        if row >= 0 and self.article_list.currentIndex().row() != row:
            self.article_list.setCurrentIndex(self.articles.index(row))

    # ----- coding -------------------------------------------------------------------------
    def apply_tag_key(self, key: int) -> None:
        tag = self.session.tag_for_key(key)
        if tag is None:
            self.statusBar().showMessage(f"No tag has the key {key}.", 4000)
            return
        self.apply_tag(tag.id)

    def apply_tag(self, tag_id: int) -> None:
        span = self.reader.view.selected_span()
        if self.article_id is None or span is None:
            self.statusBar().showMessage("Select some text first, then choose a tag.", 4000)
            return
        command = AddAnnotationCommand(self.session, self.article_id, tag_id, *span)
        try:
            self.undo_stack.push(command)
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))

    def show_annotation(self, annotation_id: int) -> None:
        row = self.annotation_model.row_of(annotation_id)
        if row < 0:
            return
        record = self.annotation_model.rows[row]
        self.reader.view.select_span(record.start, record.end)
        self.reader.view.mark_annotation(record)

    def _span_clicked(self, keys: list[int]) -> None:
        self.annotation_panel.choose(keys[0])
        row = self.annotation_model.row_of(keys[0])
        if row >= 0:
            self.reader.view.mark_annotation(self.annotation_model.rows[row])

    def delete_annotation(self, annotation_id: int) -> None:
        row = self.annotation_model.row_of(annotation_id)
        if row >= 0:
            self.undo_stack.push(
                DeleteAnnotationCommand(self.session, self.annotation_model.rows[row])
            )

    def _note_current(self) -> None:
        current = self.annotation_panel.current_id()
        if current is None:
            self.statusBar().showMessage("Choose an annotation in the list first.", 4000)
            return
        self.edit_note(current)

    def edit_note(self, annotation_id: int) -> None:
        record = get_annotation(self.project, annotation_id)
        tag = self.session.tag(record.tag_id).name
        note = messages.ask_multiline(
            self, "Note", f"Note on this {tag}:\n“{_shorten(record.quote)}”", record.note
        )
        if note is not None and note != record.note:
            self.undo_stack.push(EditNoteCommand(self.session, record, note))

    def _annotation_added(self, record: AnnotationRecord) -> None:
        if record.article_id == self.article_id:
            row = self.annotation_model.insert(record)
            color = self.session.tag(record.tag_id).color
            self.reader.view.highlighter.add(record.id, record.start, record.end, color)
            self.annotation_panel.table.selectRow(row)
        self._counts_changed(record.article_id, +1, record.tag_id)

    def _annotation_removed(self, record: AnnotationRecord) -> None:
        if record.article_id == self.article_id:
            self.annotation_model.remove(record.id)
            self.reader.view.highlighter.remove(record.id)
            self.reader.view.mark_annotation(None)
        self._counts_changed(record.article_id, -1, record.tag_id)

    def _annotation_changed(self, record: AnnotationRecord) -> None:
        if record.article_id == self.article_id:
            self.annotation_model.replace(record)

    def _counts_changed(self, article_id: int, delta: int, tag_id: int) -> None:
        counts = dict(self.tag_model.counts)
        counts[tag_id] = counts.get(tag_id, 0) + delta
        self.tag_model.set_counts(counts)
        row = self.articles.row_of(article_id)
        if row >= 0:
            old = self.articles.articles[row]
            self.articles.articles[row] = replace(old, annotations=old.annotations + delta)
            index = self.articles.index(row)
            self.articles.dataChanged.emit(index, index)

    # ----- import, export, merge (gui/transfers.py) ---------------------------------------
    def import_paths(self, paths: list[Path], passwords: dict[str, str] | None = None) -> None:
        self.transfers.import_paths(paths, passwords)

    def export_to(
        self, path: Path, selection: Selection | None = None, *, matrix: bool = False
    ) -> None:
        self.transfers.export_to(path, selection, matrix=matrix)

    def import_annotations(self, path: Path) -> None:
        self.transfers.import_annotations(path)

    def merge(self, paths: list[str]) -> None:
        self.transfers.merge(paths)

    def reload_after_import(self) -> None:
        self.session.tags = list_tags(self.project)
        current = self.article_id
        self.refresh_all()
        if current is not None and self.articles.row_of(current) >= 0:
            self.open_article(current)

    # ----- coders, agreement, review --------------------------------------------------------
    def show_coders(self) -> None:
        CodersDialog(self.project, self).exec()

    def show_agreement(self) -> AgreementDialog:
        everyone = [c.name for c in list_coders(self.project) if c.kind == "person"]
        dialog = AgreementDialog(
            self.project,
            everyone,
            default_coders(self.project),
            [t.name for t in self.session.tags],
            self,
        )
        dialog.show()
        return dialog

    def show_review(self) -> ReviewWindow:
        review = ReviewWindow(
            self.project,
            self.articles.articles,
            list_coders(self.project),
            self.session.tags,
            self.undo_stack,
            self,
        )
        if self.article_id is not None:
            review.choose(self.article_id, review.coder_a, review.coder_b)
        review.finished.connect(lambda _r: self.reload_after_import())
        review.show()
        return review

    # ----- misc ---------------------------------------------------------------------------
    def _about(self) -> None:
        messages.show_report(
            self,
            "About Annotator",
            "Annotator: hand-coding of news articles and reports for policy research.\n"
            "Everything you do is saved at once in the project file.",
            "",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.stop()
        self.project.close()
        super().closeEvent(event)


def _project_name(location: str) -> str:
    return location if "://" in location else Path(location).stem


def _shorten(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
