"""The window's side of team work: live updates from the other members, the coder's own
assignments first in the article list with their progress, the Team menu, and what a member's
role allows."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from annotator.core.coders import list_coders
from annotator.core.errors import AnnotatorError
from annotator.core.models import CoderKind
from annotator.core.records import ArticleSummary
from annotator.core.team.assignments import assign, assignments, unassign
from annotator.core.team.live import ChangeWatcher
from annotator.core.team.reliability import current_sample
from annotator.gui import messages
from annotator.gui.connect_dialog import ask_server
from annotator.gui.team_dialogs import DealDialog, TeamProgressDialog

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class TeamSupport(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.watcher: ChangeWatcher | None = None
        self.progress: TeamProgressDialog | None = None
        self.mine: set[int] = set()  # the current coder's assigned articles
        self.heading = QLabel()
        self.heading.setObjectName("assignmentHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("padding: 0 2px 4px 2px; color: palette(placeholder-text);")
        self.heading.hide()

    # ----- menus -----------------------------------------------------------------------------
    def add_menu(self) -> None:
        menu = self.window.menuBar().addMenu("&Team")
        self.menu = menu
        self.progress_action = menu.addAction("Team &progress…", self.show_progress)
        self.deal_action = menu.addAction("Assign articles &evenly…", lambda: self.deal(False))
        self.draw_action = menu.addAction("Draw the &reliability sample…", lambda: self.deal(True))
        self.assign_action = menu.addAction(
            "&Assign the chosen articles to…", lambda: self.assign_chosen(give=True)
        )
        self.unassign_action = menu.addAction(
            "&Take the chosen articles back from…", lambda: self.assign_chosen(give=False)
        )

    def connect_to_server(self) -> None:
        location = ask_server(self.window)
        if location:
            self.window.switch_project(location)

    # ----- the project -----------------------------------------------------------------------
    @property
    def lead(self) -> bool:
        """Whether this member may assign and review (everyone may, off a team's server)."""
        member = self.window.session.member
        return member is None or member.lead

    def start(self) -> None:
        """Follow the other members' changes to the open project."""
        self.stop()
        window = self.window
        try:
            self.watcher = ChangeWatcher(window.project)
            self.watcher.start()
        except Exception:  # a project that cannot be watched is still worked on
            messages.log_error("Live updates are off for this project.")
            self.watcher = None
        # A status (each first span of an article) changes the counts shown; only team work
        # (assignments, a sample drawn) changes whose articles come first.
        window.session.teamChanged.connect(self.counts_changed)
        window.session.teamWorkChanged.connect(self.assignments_changed)
        for action in (
            self.deal_action,
            self.draw_action,
            self.assign_action,
            self.unassign_action,
            *window.lead_actions,
        ):
            action.setEnabled(self.lead)
        window.codebook.set_editable(self.lead)
        member = window.session.member
        window.coder_menu.setEnabled(member is None or member.lead)

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    # ----- the article list ------------------------------------------------------------------
    def order(self, articles: list[ArticleSummary]) -> list[ArticleSummary]:
        """The coder's assignments first (in the project's order), then the rest."""
        coder = self.window.session.coder.id
        self.mine = set(assignments(self.window.project, coder))
        if not self.mine:
            return articles
        return [a for a in articles if a.id in self.mine] + [
            a for a in articles if a.id not in self.mine
        ]

    def show_heading(self) -> None:
        if not self.mine:
            self.heading.hide()
            return
        statuses = self.window.articles.statuses
        done = sum(
            1 for a in self.mine if statuses.get(a) is not None and statuses[a].value == "done"
        )
        self.heading.setText(f"Your assignments first: {done} of {len(self.mine)} done")
        self.heading.show()

    def assignments_changed(self) -> None:
        before = set(self.mine)
        self.order(self.window.articles.articles)
        if self.mine != before:
            self.window.reload_after_import()  # the list's order changes
        self.show_heading()

    def counts_changed(self) -> None:
        self.show_heading()
        if self.progress is not None and self.progress.isVisible():
            self.progress.refresh()

    # ----- the lead's actions ----------------------------------------------------------------
    def show_progress(self) -> TeamProgressDialog:
        if self.progress is None:
            self.progress = TeamProgressDialog(self.window.project, self.window, self.lead)
        self.progress.refresh()
        self.progress.show()
        self.progress.raise_()
        return self.progress

    def deal(self, sample: bool) -> None:
        dialog = DealDialog(self.window.project, self.window, sample=sample)
        if messages.run_dialog(dialog):
            self.window.statusBar().showMessage(dialog.result_text, 8000)

    def chosen_articles(self) -> list[int]:
        """The articles chosen in the Articles tab while it is shown, else the open one."""
        corpus = self.window.corpus
        if corpus.tabs.currentIndex() == corpus.ARTICLES:
            chosen: list[int] = corpus.browser.chosen_ids()
            if chosen:
                return chosen
        return [self.window.article_id] if self.window.article_id is not None else []

    def assign_chosen(self, *, give: bool) -> None:
        """Assign the chosen articles to a coder the lead picks, or take them back."""
        window = self.window
        chosen = self.chosen_articles()
        if not chosen:
            window.statusBar().showMessage("Choose the articles first.", 4000)
            return
        people = [c for c in list_coders(window.project) if c.kind == CoderKind.PERSON.value]
        what = f"{len(chosen)} article{'s' if len(chosen) != 1 else ''}"
        name = messages.ask_choice(
            window,
            "Assign articles" if give else "Take articles back",
            f"Assign {what} to:" if give else f"Take {what} back from:",
            [c.name for c in people],
        )
        coder = next((c for c in people if c.name == name), None)
        if coder is None:
            return
        try:
            if give:
                count = assign(window.project, chosen, coder.id)
                said = f"Assigned {count} more to {coder.name}."
            else:
                count = unassign(window.project, chosen, coder.id)
                said = f"Took {count} back from {coder.name}."
        except AnnotatorError as exc:
            messages.show_error(window, str(exc))
            return
        window.statusBar().showMessage(said, 6000)

    def sample(self) -> set[int] | None:
        return current_sample(self.window.project)
