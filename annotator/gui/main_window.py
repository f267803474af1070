"""The main window: articles on the left, the text in the middle, codebook and annotations right."""

from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator import APP_NAME
from annotator.core.agreement.data import default_coders
from annotator.core.annotations import article_annotations, article_spans
from annotator.core.articles import get_article, list_articles
from annotator.core.codebook import tag_usage
from annotator.core.coders import list_coders, statuses
from annotator.core.collector import collector_paused
from annotator.core.errors import AnnotatorError
from annotator.core.models import CodingStatus
from annotator.core.pages import page_map
from annotator.core.project import Project, open_project
from annotator.core.records import AnnotationRecord, CoderRecord
from annotator.core.rows import Selection
from annotator.core.settings import Settings
from annotator.gui import messages
from annotator.gui.agreement_dialog import AgreementDialog
from annotator.gui.article_list_view import article_list_view
from annotator.gui.codebook_actions import CodebookActions
from annotator.gui.codebook_panel import CodebookPanel, TagTreeModel
from annotator.gui.coder_menu import CoderMenu
from annotator.gui.coders_dialog import CodersDialog
from annotator.gui.coding import CodingActions
from annotator.gui.coding_sync import CodingSync
from annotator.gui.corpus_view import CorpusTabs
from annotator.gui.find_bar import FindBar
from annotator.gui.models import AnnotationTableModel, ArticleListModel
from annotator.gui.opening import RowCheck, announce
from annotator.gui.panels import AnnotationPanel
from annotator.gui.places import Place, remember, remembered
from annotator.gui.reader_pane import ReaderPane
from annotator.gui.review import ReviewWindow
from annotator.gui.session import CodingSession
from annotator.gui.settings_dialog import reading_font
from annotator.gui.status_line import StatusLine
from annotator.gui.suggestions import SuggestionSupport
from annotator.gui.tasks import TaskRunner
from annotator.gui.team import TeamSupport
from annotator.gui.transfers import PROJECT_FILTER, Transfers
from annotator.gui.welcome import ask_new_project_path
from annotator.gui.window_layout import first_window_rect, fit_codebook, make_room, split_sizes
from annotator.gui.window_menus import build_menus


class MainWindow(QMainWindow):
    importFinished = Signal(list)  # list[ImportResult]
    exportFinished = Signal(object)  # Path, or None when it failed or was cancelled
    mergeFinished = Signal(list)  # the report's lines
    # Made by build_menus (window_menus.py):
    lead_actions: list[QAction]  # on a team's server, the lead's only
    show_others_action: QAction
    snap_action: QAction
    suggestions_action: QAction
    code_menu: QMenu
    coder_menu: CoderMenu
    fixed_code_actions: int  # the Code menu's actions before the tag actions

    def __init__(self, project: Project, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        place = remembered(settings, project.location)
        self.session = CodingSession(project, (place and place.coder) or settings.coder_name)
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self)
        self.transfers = Transfers(self)
        self.coding = CodingActions(self)
        self.sync = CodingSync(self)
        self.codebook_actions = CodebookActions(self)
        self.team = TeamSupport(self)
        self.article_id: int | None = None
        self._left_at: dict[int, int] = {}  # article → code point at the top when left
        self.row_check: RowCheck | None = None  # the opened project's rows, checked beside
        self.articles = ArticleListModel()
        self.tag_model = TagTreeModel()
        self.annotation_model = AnnotationTableModel({})
        self._build()
        build_menus(self)
        self._bind_session()
        self.team.start()
        self.setGeometry(first_window_rect(self.screen().availableGeometry()))
        self.splitter.setSizes(split_sizes(self.width()))
        self._restore_layout()
        self.refresh_all()
        if not settings.window_state:  # once laid out: the codebook as tall as its tags
            QTimer.singleShot(
                0, lambda: fit_codebook(self.right, self.codebook.tree, len(self.session.tags))
            )

    # ----- construction -------------------------------------------------------------------
    def _build(self) -> None:
        self.article_list = article_list_view()
        self.article_list.setModel(self.articles)
        self.article_list.selectionModel().currentRowChanged.connect(self._article_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 0, 0, 0)
        heading = QLabel("Articles")
        heading.setStyleSheet("font-weight: 600; padding: 6px 2px 2px 2px;")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.team.heading)
        left_layout.addWidget(self.article_list)
        self._build_reader()
        self._build_right()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reader)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)  # the side panels fold away, never the article
        self.corpus = CorpusTabs(self, self.splitter)  # the corpus view's tabs beside it
        self.setCentralWidget(self.corpus.tabs)
        self.setStatusBar(StatusLine())
        self.coder_label = QLabel()
        self.coder_label.setObjectName("coderLabel")
        self.statusBar().addPermanentWidget(self.coder_label)

    def _build_reader(self) -> None:
        self.reader = ReaderPane()
        view = self.reader.view
        view.tagKeyPressed.connect(self.coding.apply_tag_key)
        view.spanClicked.connect(self.coding.span_clicked)
        view.plainClicked.connect(self.coding.plain_clicked)
        view.deletePressed.connect(self.coding.delete_chosen)
        view.boundaryDragged.connect(self.coding.boundary_dragged)
        view.describe = self.coding.describe
        view.setFont(reading_font(view.font(), self.settings))
        view.set_line_spacing(self.settings.line_spacing)
        self.find_bar = FindBar(view)
        self.find_bar.codeAllRequested.connect(self.coding.code_all_matches)
        self.reader.layout_.addWidget(self.find_bar)  # below the text: opening it moves none

    def _build_right(self) -> None:
        self.codebook = CodebookPanel(self.tag_model)
        self.codebook.tagChosen.connect(self.coding.apply_tag)
        actions = self.codebook_actions
        self.codebook.addRequested.connect(actions.add)
        self.codebook.editRequested.connect(actions.edit)
        self.codebook.deleteRequested.connect(actions.delete)
        self.codebook.mergeRequested.connect(actions.merge)
        self.codebook.moveRequested.connect(actions.move)
        self.codebook.importRequested.connect(actions.import_sheet)
        self.codebook.exportRequested.connect(actions.export_sheet)
        self.annotation_panel = AnnotationPanel(self.annotation_model)
        self.annotation_panel.annotationChosen.connect(self.coding.show_annotation)
        self.annotation_panel.deleteRequested.connect(self.coding.delete_annotation)
        self.annotation_panel.noteRequested.connect(self.coding.edit_note)
        self.annotation_panel.filter.currentIndexChanged.connect(
            lambda _i: self.annotation_model.set_filter(self.annotation_panel.filter.currentData())
        )
        self.suggestions = SuggestionSupport(self)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("rightSplitter")
        self.right.addWidget(self.codebook)
        self.right.addWidget(self.annotation_panel)
        self.right.addWidget(self.suggestions.panel)
        self.right.setCollapsible(0, False)
        self.suggestions.panel.roomWanted.connect(lambda: make_room(self.right, 2))
        self.suggestions.panel.setVisible(self.settings.show_suggestions)

    def _bind_session(self) -> None:
        self.session.annotationAdded.connect(self.sync.annotation_added)
        self.session.annotationRemoved.connect(self.sync.annotation_removed)
        self.session.annotationChanged.connect(self.sync.annotation_changed)
        self.session.coderChanged.connect(lambda _c: self.coder_switched())
        self.session.tagsChanged.connect(self.tags_changed)
        self.session.statusChanged.connect(self.status_changed)
        self.session.reloadNeeded.connect(self.reload_after_import)
        self.corpus.bind()
        self.suggestions.bind()
        # Said after the undo stack has finished its step, never from inside it.
        self.session.failed.connect(self._step_refused, Qt.ConnectionType.QueuedConnection)

    def _step_refused(self, reason: str) -> None:
        messages.show_error(self, reason)
        if self.article_id is not None:
            self.open_article(self.article_id)  # show the annotations as they are now

    # ----- project ------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.session.project

    def show_title(self) -> None:
        read_only = " (read-only)" if self.project.read_only else ""
        self.setWindowTitle(f"{_project_name(self.project.location)}{read_only} — {APP_NAME}")
        self._show_coder()

    def refresh_all(self) -> None:
        self.show_title()
        self.corpus.project_changed()
        self.articles.reset(
            self.team.order(list_articles(self.project)),
            statuses(self.project, self.session.coder.id),
        )
        self.team.show_heading()
        self._show_coder()
        self._show_codebook()  # the articles were just listed and one is opened below
        place = remembered(self.settings, self.project.location)
        if place is not None and self.articles.row_of(place.article_id) >= 0:
            self.open_article(place.article_id)
            QTimer.singleShot(0, lambda: self.reader.view.scroll_to_top(place.position))
        elif self.articles.articles:
            self.open_article(self.articles.articles[0].id)
        else:
            self.article_id = None
            self.reader.show_empty()
            self.annotation_model.reset([])

    def tags_changed(self) -> None:
        self._show_codebook()
        # deleting or merging a tag takes annotations with it: the articles' counts change
        self.articles.refresh(self.team.order(list_articles(self.project)))
        if self.article_id is not None:
            self.open_article(self.article_id)

    def _show_codebook(self) -> None:
        tags = self.session.tags
        self.annotation_model.tags = {t.id: t for t in tags}
        self.tag_model.reset(
            tags, self._article_counts(), tag_usage(self.project, self.visible_coders())
        )
        self.codebook.tree.expandAll()
        fit_codebook(self.right, self.codebook.tree, len(tags))
        self.annotation_panel.set_tags([(t.id, t.name) for t in tags])
        self.suggestions.tags_changed()
        self._rebuild_tag_actions()

    def _article_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for record in self.annotation_model.everything:
            counts[record.tag_id] = counts.get(record.tag_id, 0) + 1
        return counts

    def _rebuild_tag_actions(self) -> None:
        for action in list(self.code_menu.actions())[self.fixed_code_actions :]:
            self.code_menu.removeAction(action)
        self.code_menu.addSeparator()
        for tag in self.session.tags:
            label = f"Tag as {tag.name}" + (f"\t{tag.shortcut}" if tag.shortcut else "")
            action = QAction(label, self.code_menu)
            action.triggered.connect(lambda _checked=False, t=tag.id: self.coding.apply_tag(t))
            self.code_menu.addAction(action)

    def _show_coder(self) -> None:
        blind = "" if self.settings.show_other_coders else " · other coders hidden"
        if self.project.read_only:  # said beside the coder for as long as it lasts
            self.coder_label.setText(f"Read-only: nothing can be changed{blind}")
            return
        self.coder_label.setText(f"Coding as {self.session.coder.name}{blind}")

    def coder_switched(self) -> None:
        self.articles.set_statuses(statuses(self.project, self.session.coder.id))
        self._show_coder()
        self._recount_project()
        if self.article_id is not None:
            self.open_article(self.article_id)

    def _recount_project(self) -> None:
        """The codebook's project counts, of the coders whose work is shown."""
        self.tag_model.in_project = tag_usage(self.project, self.visible_coders())
        self.tag_model.set_article_counts(self._article_counts())

    def switch_project(self, location: str) -> bool:
        try:
            project = open_project(location, check_later=True)
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return False
        old = self.session.project
        self.team.stop()
        self.remember_place()
        self.article_id = None  # the ids and places of the project left mean nothing now
        self._left_at.clear()
        self.undo_stack.clear()
        self.session.close()
        self.session.deleteLater()
        place = remembered(self.settings, project.location)
        self.session = CodingSession(project, (place and place.coder) or self.settings.coder_name)
        self._bind_session()
        self.team.start()
        self.finish_row_check()
        old.close()
        self.settings.remember_project(project.location)
        self.settings.save()
        self.refresh_all()
        self.announce_opening()
        return True

    def announce_opening(self) -> None:
        """What must be said about the project just opened; its rows checked beside."""
        self.row_check = announce(self, self.project)

    def finish_row_check(self) -> None:
        if self.row_check is not None:
            self.row_check.wait()
            self.row_check = None

    def choose_new_project(self) -> None:
        path = ask_new_project_path(self)
        if path:
            self.switch_project(path)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if path:
            self.switch_project(path)

    def switch_to_coder(self, name: str) -> None:
        if name != self.session.coder.name:
            self.session.switch_coder(name)
            self.settings.coder_name = self.session.coder.name
            self.settings.save()

    def set_show_others(self, on: bool) -> None:
        self.settings.show_other_coders = on
        self.settings.save()
        self._show_coder()
        if self.article_id is not None:
            self.open_article(self.article_id)
        self._recount_project()
        self.corpus.project_changed()  # its coder columns and filters follow the choice

    def set_snap(self, on: bool) -> None:
        self.settings.snap_to_words = on
        self.settings.save()

    def zoom(self, steps: int) -> None:
        self.reader.view.zoom(steps)
        self.settings.text_point_size = self.reader.view.font().pointSize()
        self.settings.save()

    # ----- articles -----------------------------------------------------------------------
    def _article_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(Qt.ItemDataRole.UserRole)
        if article_id is not None and article_id != self.article_id:
            self.open_article(int(article_id))

    def visible_coders(self) -> list[int] | None:
        """Whose annotations the reader shows: the current coder's only, unless asked."""
        return None if self.settings.show_other_coders else [self.session.coder.id]

    def visible_coder_records(self) -> list[CoderRecord]:
        """The coders whose work the window may show (blind coding: the current one only);
        the corpus view's coder columns and filters offer these."""
        coders = list_coders(self.project)
        if self.settings.show_other_coders:
            return coders
        return [c for c in coders if c.id == self.session.coder.id]

    def open_article(self, article_id: int) -> None:
        """Show an article: its text with every visible span painted first, on screen at
        once; then its annotation list, notes and counts (an article may hold thousands).
        The objects this makes all live on, so the cycle collector waits until it is done."""
        with collector_paused():
            refused = self._open_article(article_id)
        if refused:
            messages.show_error(self, refused)
            return
        self.suggestions.article_opened(article_id)

    def _open_article(self, article_id: int) -> str:
        """Open the article; why not, in words, when it cannot be read."""
        try:
            article = get_article(self.project, article_id)
            spans = article_spans(self.project, article_id, self.visible_coders())
        except AnnotatorError as exc:
            return str(exc)
        view = self.reader.view
        # Showing the open article again (a codebook change, another coder) keeps its place
        # and its chosen annotation, so the text does not jump; going back to an article read
        # earlier in this session returns to where the coder left it.
        same = article_id == self.article_id
        if self.article_id is not None and not same:
            self._left_at[self.article_id] = view.top_position()
        top = view.top_position() if same else self._left_at.get(article_id)
        chosen = view.chosen.id if same and view.chosen is not None else None
        self.article_id = article_id
        color = {t.id: t.color for t in self.session.tags}
        # A newly opened article: its first screen is written and painted at once, then the
        # rest of its text, then its lists (one opened further on is written whole first).
        screen_first = self.isVisible() and not same and not top
        self.reader.show_article(
            article,
            self._status_line(),
            [(key, start, end, color[tag]) for key, start, end, tag in spans],
            screen_first,
        )
        if top is not None:
            self.reader.view.scroll_to_top(top)
        if screen_first:
            self.reader.repaint()  # the text on screen now; the rest and the lists follow
            view.finish_loading()
        try:
            records = article_annotations(
                self.project, article_id, self.visible_coders(), text=article.text
            )
        except AnnotatorError as exc:  # the quotes do not match the text: show none of it
            self.article_id = None
            self.reader.show_empty()
            self.annotation_model.reset([])
            return str(exc)
        pages = page_map(self.project, article_id)
        self.annotation_model.coders = {c.id: c.name for c in list_coders(self.project)}
        self.annotation_model.reset(records, pages)
        table = self.annotation_panel.table
        table.setColumnHidden(AnnotationTableModel.PAGE_COLUMN, not pages)
        table.setColumnHidden(
            AnnotationTableModel.CODER_COLUMN, not self.settings.show_other_coders
        )
        view.notes = {r.id: view.offsets.to_utf16(r.end) for r in records if r.note}
        self.coding.choose(self.annotation_model.record(chosen) if chosen is not None else None)
        self.tag_model.set_article_counts(self._article_counts())
        if self.find_bar.isVisible():
            self.find_bar.search()
        row = self.articles.row_of(article_id)
        if row >= 0 and self.article_list.currentIndex().row() != row:
            self.article_list.setCurrentIndex(self.articles.index(row))
        return ""

    def status_changed(self, article_id: int, status: CodingStatus) -> None:
        """One article's status changed: its row and, when open, its header; nothing else."""
        self.articles.set_status(article_id, status)
        if article_id == self.article_id:
            self.reader.set_status(self._status_line())

    def _status_line(self) -> str:
        status = self.articles.statuses.get(self.article_id or 0, CodingStatus.NOT_STARTED)
        return f"{status.value} for {self.session.coder.name}"

    def record(self, annotation_id: int) -> AnnotationRecord | None:
        return self.annotation_model.record(annotation_id)

    # ----- import, export, merge (gui/transfers.py) ---------------------------------------
    def import_paths(self, paths: list[Path], passwords: dict[str, str] | None = None) -> None:
        self.transfers.import_paths(paths, passwords)

    def export_to(
        self,
        path: Path,
        selection: Selection | None = None,
        *,
        matrix: bool = False,
        tag_sheets: bool = True,
    ) -> None:
        self.transfers.export_to(path, selection, matrix=matrix, tag_sheets=tag_sheets)

    def import_annotations(self, path: Path) -> None:
        self.transfers.import_annotations(path)

    def merge(self, paths: list[str]) -> None:
        self.transfers.merge(paths)

    def reload_after_import(self) -> None:
        """Articles, tags and coders may all have changed: show them again, once."""
        current = self.article_id
        self.articles.reset(
            self.team.order(list_articles(self.project)),
            statuses(self.project, self.session.coder.id),
        )
        self.team.show_heading()
        if current is not None and self.articles.row_of(current) < 0:
            self.article_id = None
        self.session.reload_tags()  # re-opens the current article
        if self.article_id is None and self.articles.articles:
            self.open_article(self.articles.articles[0].id)

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
            sample=self.team.sample(),
        )
        dialog.show()
        return dialog

    def show_review(self) -> ReviewWindow:
        sample = self.team.sample() or set()
        listed = self.articles.articles
        review = ReviewWindow(
            self.project,
            [a for a in listed if a.id in sample] + [a for a in listed if a.id not in sample],
            list_coders(self.project),
            self.session.tags,
            self.undo_stack,
            self,
        )
        # The review starts on the reliability sample when there is one.
        first = next((a.id for a in listed if a.id in sample), self.article_id)
        if first is not None:
            review.choose(first, review.coder_a, review.coder_b)
        review.show()
        return review

    # ----- misc ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        if self.settings.window_state:
            sizes = [int(v) for v in self.settings.window_state.split(",") if v.isdigit()]
            if len(sizes) == 5:
                self.splitter.setSizes(sizes[:3])
                self.right.setSizes(sizes[3:])

    def save_layout(self) -> None:
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        sizes = [*self.splitter.sizes(), *self.right.sizes()]
        self.settings.window_state = ",".join(str(v) for v in sizes)
        self.settings.save()

    def remember_place(self) -> None:
        if self.article_id is not None:
            place = Place(self.article_id, self.reader.view.top_position(), self.session.coder.name)
            remember(self.settings, self.project.location, place)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.stop()
        self.suggestions.stop()
        self.team.stop()
        self.remember_place()
        self.save_layout()
        self.finish_row_check()
        self.project.close()
        super().closeEvent(event)


def _project_name(location: str) -> str:
    """How the title names a project: a file's name, or a server's database and host (its
    address's options, such as a time-out, say nothing to the researcher)."""
    if "://" not in location:
        return Path(location).stem
    try:
        url = sa.make_url(location)
    except sa.exc.ArgumentError:
        return location
    return f"{url.database} on {url.host or 'this computer'}"
