"""What moves work in and out of the window: import (with the preview and passwords),
export, W3C annotations, REFI-QDA files and merging projects, each off the window's thread."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from annotator.core.articles import list_articles
from annotator.core.coders import list_coders
from annotator.core.display import printable
from annotator.core.errors import ImportFailure
from annotator.core.export.excel import ExportCancelled
from annotator.core.export.formats import INTERCHANGE_IMPORTS, export_project
from annotator.core.importing.batch import import_batch
from annotator.core.importing.pdf import needs_password
from annotator.core.importing.service import (
    PLAIN_TEXT,
    SUFFIXES,
    ImportOptions,
    ImportResult,
    Outcome,
    expand_paths,
    read_file,
    read_text_file,
)
from annotator.core.importing.trim import apply_trim, propose_trim
from annotator.core.interchange.w3c import import_w3c
from annotator.core.merge import merge_projects
from annotator.core.project import is_url
from annotator.core.rows import Selection
from annotator.gui import messages
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.tasks import Report

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

IMPORT_FILTER = (
    f"Articles and REFI-QDA projects ({' '.join('*' + s for s in (*SUFFIXES, '.qdpx', '.qdc'))})"
    ";;All files (*)"
)
PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


class Transfers(QObject):
    """Slots here are bound methods of an object in the window's thread, so a worker's
    signals reach them there (a lambda would run in the worker's thread)."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self._export_path = Path()
        self._annotations_path = Path()
        self._asked: set[str] = set()
        self._given: set[str] = set()
        # Results of an import's earlier round, while files with a wrong password are retried.
        self._earlier: list[ImportResult] = []

    # ----- articles -------------------------------------------------------------------
    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Import articles", "", IMPORT_FILTER)
        if paths:
            self.import_paths([Path(p) for p in paths])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import every article in a folder")
        if folder:
            self.import_paths([Path(folder)])

    def _preview_cuts(self, files: list[Path]) -> dict[str, tuple[int, int]] | None:
        """Ask about each plain-text file whose text seems to carry web-page chrome.

        A single text file is always previewed, so its cut can be set by hand.
        """
        cuts: dict[str, tuple[int, int]] = {}
        for path in files:
            if path.suffix.lower() not in PLAIN_TEXT:
                continue
            try:
                _data, article = read_text_file(path)
            except ImportFailure:
                continue  # the import itself reports why
            proposal = propose_trim(article.text)
            if apply_trim(article.text, proposal) == article.text and len(files) > 1:
                continue
            chosen = messages.preview_trim(self.window, path.name, article.text, proposal)
            if chosen is None:
                return None
            cuts[str(path)] = chosen
        return cuts

    def import_paths(self, paths: list[Path], passwords: dict[str, str] | None = None) -> None:
        self._earlier = []
        self._import(paths, passwords)

    def _import(self, paths: list[Path], passwords: dict[str, str] | None) -> None:
        window = self.window
        files = expand_paths(paths)
        cuts = self._preview_cuts(files)
        if cuts is None:
            window.statusBar().showMessage("Import cancelled; nothing was imported.", 6000)
            window.importFinished.emit([])
            return
        project = window.project
        passwords = dict(passwords or {})
        self._asked = set(passwords)
        for path in files:  # protected PDFs: ask for the password before, not after, failing
            if path.suffix.lower() == ".pdf" and str(path) not in passwords and _protected(path):
                self._asked.add(str(path))
                password = messages.ask_password(window, path.name)
                if password:
                    passwords[str(path)] = password
        self._given = set(passwords)
        options = ImportOptions(cuts=cuts, passwords=passwords)

        def work(report: Report) -> list[ImportResult]:
            results: list[ImportResult] = []
            total = [len(files)]

            def started(count: int) -> None:
                total[0] = count
                if files:
                    report(0, count, f"Reading {printable(files[0].name)}")

            running = import_batch(project, paths, options, on_start=started)
            try:
                for result in running:
                    results.append(result)
                    label = f"{printable(result.path.name)}: {result.outcome.value}"
                    if not report(len(results), total[0], label):
                        break
            finally:
                running.close()
            return results

        task = window.tasks.start("Importing articles", work)
        task.succeeded.connect(self._import_done)
        task.failed.connect(self._import_failed)

    def _import_done(self, results: list[ImportResult]) -> None:
        # A password given and wrong is asked again at once, before anything is reported;
        # the files retried drop their failed result for the one the retry gives.
        retry = self._ask_again(
            [r.path for r in results if r.needs_password and str(r.path) not in self._declined]
        )
        if retry:
            self._earlier += [r for r in results if str(r.path) not in retry]
            self._import([Path(p) for p in retry], retry)
            return
        results = [*self._earlier, *results]
        self._earlier = []
        window = self.window
        imported = [r for r in results if r.outcome is Outcome.IMPORTED]
        interchange = any(r.path.suffix.lower() in INTERCHANGE_IMPORTS for r in results)
        if interchange:
            window.reload_after_import()
        window.articles.reset(list_articles(window.project))
        if imported and imported[0].article_id is not None:
            window.open_article(imported[0].article_id)
        failed = sum(r.outcome is Outcome.FAILED for r in results)
        duplicates = sum(r.outcome is Outcome.DUPLICATE for r in results)
        summary = f"{len(imported)} imported, {duplicates} duplicate(s), {failed} failed."
        window.statusBar().showMessage(summary, 8000)
        # A project or codebook from another tool always has a report worth reading: new
        # tags and coders, and what the file holds that text annotations cannot.
        if failed or duplicates or len(results) > 1 or interchange:
            messages.show_report(
                window, "Import report", summary, "\n".join(r.line() for r in results)
            )
        window.importFinished.emit(results)

    @property
    def _declined(self) -> set[str]:
        """Files whose password question was cancelled: not asked again at once."""
        return self._asked - set(self._given)

    def _ask_again(self, protected: list[Path]) -> dict[str, str]:
        """The passwords given anew for files whose password was wrong (or never asked)."""
        passwords: dict[str, str] = {}
        for path in protected:
            wrong = str(path) in self._given
            password = messages.ask_password(self.window, path.name, wrong=wrong)
            if password:
                passwords[str(path)] = password
        return passwords

    def _import_failed(self, message: str) -> None:
        messages.show_error(self.window, f"The import stopped: {message}")
        self.window.articles.reset(list_articles(self.window.project))
        self.window.importFinished.emit([])

    # ----- export ---------------------------------------------------------------------
    def choose_export(self) -> None:
        window = self.window
        dialog = ExportDialog(
            window.session.tags,
            list_coders(window.project),
            window.articles.articles,
            window,
            folder=self.export_folder(),
        )
        if dialog.exec() == ExportDialog.DialogCode.Accepted:
            window.settings.export_folder = str(dialog.target().parent.absolute())
            window.settings.save()
            self.export_to(
                dialog.target(),
                dialog.selection(),
                matrix=dialog.matrix,
                tag_sheets=dialog.tag_sheets.isChecked(),
            )

    def export_folder(self) -> Path:
        """Where an export goes unless the researcher says otherwise: the folder exported to
        last, else the project's own folder (the home folder for a team's project)."""
        last = Path(self.window.settings.export_folder)
        if self.window.settings.export_folder and last.is_dir():
            return last
        location = self.window.project.location
        return Path.home() if is_url(location) else Path(location).absolute().parent

    def export_to(
        self,
        path: Path,
        selection: Selection | None = None,
        *,
        matrix: bool = False,
        tag_sheets: bool = True,
    ) -> None:
        project = self.window.project

        def work(report: Report) -> str | None:
            try:
                return export_project(
                    project,
                    path,
                    selection,
                    matrix=matrix,
                    progress=lambda done, total: report(done, total, path.name),
                    tag_sheets=tag_sheets,
                )
            except ExportCancelled:
                return None

        self._export_path = path
        task = self.window.tasks.start("Exporting", work)
        task.succeeded.connect(self._export_done)
        task.failed.connect(self._export_failed)

    def _export_done(self, summary: str | None) -> None:
        self.window.statusBar().showMessage(
            # only the first letter: the path in the summary is shown as it is spelled
            summary[:1].upper() + summary[1:]
            if summary
            else "Export cancelled; no file was written.",
            8000,
        )
        self.window.exportFinished.emit(self._export_path if summary else None)

    def _export_failed(self, message: str) -> None:
        messages.show_error(self.window, f"The export failed: {message}")
        self.window.exportFinished.emit(None)

    # ----- W3C annotations ------------------------------------------------------------
    def choose_import_annotations(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import annotations",
            "",
            "Web Annotations (*.json *.jsonl);;All files (*)",
        )
        if path:
            self.import_annotations(Path(path))

    def import_annotations(self, path: Path) -> None:
        project = self.window.project

        def work(_report: Report) -> list[str]:
            return import_w3c(project, path).lines()

        self._annotations_path = path
        task = self.window.tasks.start("Importing annotations", work)
        task.succeeded.connect(self._annotations_imported)
        task.failed.connect(self._import_failed)

    def _annotations_imported(self, lines: list[str]) -> None:
        self.window.reload_after_import()
        messages.show_report(
            self.window,
            "Annotations imported",
            f"{self._annotations_path.name}: {lines[0]}",
            "\n".join(lines),
        )
        self.window.importFinished.emit([])

    # ----- merging --------------------------------------------------------------------
    def choose_merge(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Merge projects into this one", "", PROJECT_FILTER
        )
        if paths:
            self.merge(paths)

    def merge(self, paths: list[str]) -> None:
        project = self.window.project

        def work(_report: Report) -> list[str]:
            saved, reports = merge_projects(project, paths)
            lines = [f"A copy of the project was saved first: {saved}"] if saved else []
            for report in reports:
                lines.extend(report.lines())
            return lines

        task = self.window.tasks.start("Merging projects", work)
        task.succeeded.connect(self._merged)
        task.failed.connect(self._merge_failed)

    def _merged(self, lines: list[str]) -> None:
        self.window.session.flush()
        messages.show_report(self.window, "Merge", "The projects were merged.", "\n".join(lines))
        self.window.mergeFinished.emit(lines)

    def _merge_failed(self, message: str) -> None:
        messages.show_error(self.window, f"The merge failed: {message}")
        self.window.mergeFinished.emit([])


def _protected(path: Path) -> bool:
    try:
        return needs_password(read_file(path))  # a regular file, no larger than the limit
    except ImportFailure:
        return False  # the import reports why the file cannot be read
