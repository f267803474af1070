"""The window's suggestions: learns a tag in the background (with its progress shown, and a
button that stops it), shows its suggestions in the Suggestions panel and as dashed outlines
in the text, and turns the coder's keys into undoable decisions. Learns again after every few
decisions. Nothing is coded without a key. Keeps the reliability sample blind unless the
project allows suggestions there (the panel shows that project setting, and the lead changes it).
"""

import logging
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from annotator.core.errors import AnnotatorError
from annotator.core.suggest.policy import (
    BLIND,
    EXPLAIN_SWITCH,
    allow_in_sample,
    allowed_in_sample,
    closed_articles,
)
from annotator.core.suggest.suggestion import Suggestion
from annotator.core.team.reliability import current_sample
from annotator.core.text import snap_to_words
from annotator.gui import messages
from annotator.gui.suggestion_commands import AcceptSuggestionCommand, RejectSuggestionCommand
from annotator.gui.suggestion_scoring import BackgroundListing, ListingRequest
from annotator.gui.suggestions_panel import ALL_ARTICLES, SuggestionsPanel
from annotator.gui.tasks import Report, Task
from annotator.gui.write_command import WriteCommand

if TYPE_CHECKING:
    from annotator.core.suggest.service import Trained
    from annotator.gui.main_window import MainWindow

log = logging.getLogger(__name__)

LEARN_AGAIN_AFTER = 3
"""Decisions after which the model learns again, in the background."""
CHOOSE = "Choose a tag to see the passages most like those you coded with it."
NONE_HERE = (
    "Nothing to suggest in this article: no sentence you have not coded is likely enough to "
    "be {tag}. Choose \u201cAll articles\u201d to see the best in the others."
)
CORPUS_LIMIT = 200
"""Suggestions listed for the whole corpus at most (the best)."""
STOPPED = "Stopped learning; the suggestions are as they were. \u201cLearn again\u201d starts anew."


class SuggestionSupport(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.panel = SuggestionsPanel()
        self.trained: Trained | None = None
        self.items: list[Suggestion] = []
        self.decisions = 0
        self._thread: QThread | None = None
        self._task: Task | None = None
        self._again = False
        self._keep = 0  # the list's row to show after a decision
        self._decided_places: set[tuple[int, int, int]] = set()  # passages decided on
        self._decided_while_learning = False
        self.sample_action: QAction | None = None
        # After a decision or on opening an article: listed again off the window's thread
        self.listing = BackgroundListing(self._suggest, self)
        self.listing.listed.connect(self._relisted)
        self.listing.refused.connect(self._not_relisted)
        panel = self.panel
        panel.tagChosen.connect(lambda _t: self.learn())
        panel.scopeChosen.connect(lambda _s: self.learn())
        panel.retrainRequested.connect(self.learn)
        panel.layerToggled.connect(lambda _on: self._draw())
        panel.list.currentRowChanged.connect(self._current_changed)
        panel.list.acceptPressed.connect(self.accept_current)
        panel.list.rejectPressed.connect(self.reject_current)
        panel.list.skipPressed.connect(self.skip_current)
        window.reader.view.suggestionKeyPressed.connect(self._key_in_text)
        window.reader.view.suggestionClicked.connect(self._clicked_in_text)
        panel.cancelRequested.connect(self.cancel)
        panel.sampleSwitched.connect(self.switch_sample)

    def bind(self) -> None:
        """Follow the window's (new) coding session, and show its project's switch."""
        self.trained = None
        self.items = []
        self._decided_places = set()
        self.listing.forget()
        self.window.session.suggestionsChanged.connect(self._decided)
        self.window.session.settingsChanged.connect(self._settings_changed)
        # A sample drawn shows the switch; a status changed (each first span of an article)
        # changes nothing it shows, so it is not asked again then.
        self.window.session.teamWorkChanged.connect(self._show_switch)
        self._show_switch()

    # ----- learning, in the background ----------------------------------------------------
    @property
    def busy(self) -> bool:
        """Learning or listing, in the background."""
        return self._thread is not None or self.listing.busy

    def tags_changed(self) -> None:
        self.panel.set_tags([(t.id, t.name) for t in self.window.session.tags])
        if self.panel.tag_id() is None:
            self.panel.status.setText(CHOOSE)

    def learn(self) -> None:
        """Learn the chosen tag from the current coder's codes, then suggest."""
        tag_id = self.panel.tag_id()
        if tag_id is None:
            self.panel.status.setText(CHOOSE)
            return
        if self._thread is not None:
            self._again = True  # once this round ends; a round is never interrupted
            return
        project = self.window.project
        coder = self.window.session.coder.id
        articles = self._articles()

        def work(report: Report) -> "tuple[Trained, list[Suggestion]]":
            from annotator.core.suggest.service import train  # noqa: PLC0415 - numerical libraries load on first use

            trained = train(project, tag_id, [coder], check=True, report=report)
            return trained, self._suggest(trained, articles, report)

        self.panel.show_progress(0, 1, "Learning from your codes")
        self._decided_while_learning = False
        task = Task(work)
        thread = QThread(self)
        task.moveToThread(thread)
        thread.started.connect(task.run)
        task.progressed.connect(self.panel.show_progress)
        task.succeeded.connect(self._learned)
        task.failed.connect(self._not_learned)
        task.ended.connect(thread.quit)
        thread.finished.connect(self._ended)
        self._thread, self._task = thread, task
        thread.start()

    def _articles(self) -> list[int] | None:
        if self.panel.scope.currentData() == ALL_ARTICLES:
            return None
        return [self.window.article_id] if self.window.article_id is not None else []

    def _suggest(
        self,
        trained: "Trained",
        articles: "Collection[int] | None",
        report: Report | None = None,
    ) -> list[Suggestion]:
        from annotator.core.suggest.service import suggest  # noqa: PLC0415

        project = self.window.project
        if articles is None:
            return suggest(project, trained, None, top=CORPUS_LIMIT, report=report)
        return suggest(project, trained, articles, report=report)

    def cancel(self) -> None:
        """Stop the round of learning under way at its next step (the window never waits)."""
        if self._task is None:
            return
        self._again = False
        self._task.cancel()
        self.panel.cancel_button.setEnabled(False)
        self.panel.status.setText("Stopping…")

    def _ended(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._task = None, None
        self.panel.hide_progress()
        if self._again:
            self._again = False
            self.learn()

    def stop(self) -> None:
        """Stop a round of learning and wait for it to end (the window is closing)."""
        self._again = False
        self.listing.stop()
        if self._task is not None:
            self._task.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _learned(self, result: "tuple[Trained, list[Suggestion]]") -> None:
        trained, items = result
        if trained.tag_id != self.panel.tag_id():
            return  # the coder chose another tag meanwhile; its round follows
        self.trained = trained
        self.listing.forget()  # lists of the model before are not shown now
        self._show(items, self._row_of(self.current(), items))
        self._say_quality()
        if self._articles() and self.window.article_id in closed_articles(self.window.project):
            self._say_blind()  # learned, but this article is coded blind
        elif self._decided_while_learning:  # its list was read before those decisions
            self._list_again(self._keep)

    def _not_learned(self, reason: str) -> None:
        if self._task is not None and self._task.cancelled:
            self.panel.status.setText(STOPPED)  # the last model and its list stay
            if self.trained is not None:  # and so does what it learned, said after
                words, figures = self._quality_words()
                self.panel.status.say(f"{STOPPED} {words}", figures)
            return
        self.trained = None
        self._show([])
        self.panel.status.setText(f"{self.panel.tag_box.currentText()}: {reason}")

    def _say_quality(self) -> None:
        if self.trained is None:
            return
        words, figures = self._quality_words()
        none_here = ""
        if not self.items and self.panel.scope.currentData() != ALL_ARTICLES:
            none_here = f" {NONE_HERE.format(tag=self.panel.tag_box.currentText())}"
        self.panel.status.say(f"{words}{none_here}", figures)

    def _quality_words(self) -> tuple[str, str]:
        """What the model learned from and how good it is, and its measures for the tooltip."""
        trained = self.trained
        assert trained is not None
        tag = self.panel.tag_box.currentText()
        learned = (
            f"Learned from {trained.examples} sentences of the "
            f"{trained.articles} article{'' if trained.articles == 1 else 's'} you have "
            f"coded or decided on, {trained.positives} of them {tag}."
        )
        quality = trained.quality.plain(tag) if trained.quality else "Too few to check yet."
        figures = trained.quality.figures(tag) if trained.quality else ""
        return f"{learned} {quality}", figures

    # ----- the project's switch for the reliability sample ------------------------------------
    def _say_blind(self) -> None:
        self.panel.status.setText(BLIND)
        self.panel.status.setToolTip(f"{BLIND}\n\n{EXPLAIN_SWITCH}")  # the why, in full

    def add_menu_action(self, menu: QMenu) -> None:
        """The switch in the Team menu too, where it is found with the reliability sample."""
        self.sample_action = menu.addAction("Allow suggestions in the reliability &sample")
        self.sample_action.setCheckable(True)
        self.sample_action.setToolTip(EXPLAIN_SWITCH)
        self.sample_action.setStatusTip("Suggestions in the reliability sample (coded blind)")
        menu.setToolTipsVisible(True)
        self.sample_action.triggered.connect(self.switch_sample)

    def _show_switch(self) -> None:
        project = self.window.project
        member = self.window.session.member
        allowed, changeable = allowed_in_sample(project), member is None or member.lead
        self.panel.set_sample_switch(allowed, changeable, bool(current_sample(project)))
        if self.sample_action is not None:
            self.sample_action.setChecked(allowed)
            self.sample_action.setEnabled(changeable)

    def switch_sample(self, allowed: bool) -> None:
        """The researcher allowed (or forbade) suggestions in the reliability sample."""
        try:
            allow_in_sample(self.window.project, allowed)
        except AnnotatorError as exc:
            self._show_switch()  # as stored: nothing changed
            messages.show_error(self.window, str(exc))

    def _settings_changed(self) -> None:
        """The project's switch changed (here or by the lead elsewhere): show it, and show
        or hide the suggestions of the open article accordingly."""
        self._show_switch()
        if self.panel.scope.currentData() == ALL_ARTICLES:
            if self.trained is not None:
                self.learn()  # the corpus's list gains or loses the sample's articles
        elif self.window.article_id is not None:
            self.article_opened(self.window.article_id)

    # ----- the list and the layer ---------------------------------------------------------
    def article_opened(self, article_id: int) -> None:
        """Suggest in the article just opened (this article's list), or redraw the layer;
        nothing while the panel is put away (it catches up when shown)."""
        if self.panel.isHidden():
            return
        if self.panel.scope.currentData() == ALL_ARTICLES:
            self._draw()
            return
        if article_id in closed_articles(self.window.project):
            self._show([])
            self._say_blind()
            return
        if self.trained is None:
            if self.panel.tag_id() is not None:
                self.learn()
            return
        self._show([])  # the last article's list is not this one's
        self.listing.request(
            ListingRequest(self.trained, [article_id], article_id, say_quality=True)
        )

    def _list_again(self, keep: int = 0) -> None:
        """List the open article's suggestions again (or the corpus's listed articles)."""
        if self.trained is None or self.window.article_id is None:
            return
        if self.panel.scope.currentData() == ALL_ARTICLES:
            listed = {s.article_id for s in self.items}
            self.listing.request(ListingRequest(self.trained, listed or None, None, keep))
        else:
            article = self.window.article_id
            self.listing.request(ListingRequest(self.trained, [article], article, keep))

    def _relisted(self, request: ListingRequest, items: list[Suggestion]) -> None:
        if request.trained is not self.trained:
            return  # learned again meanwhile: that list is shown
        corpus = self.panel.scope.currentData() == ALL_ARTICLES
        if corpus != (request.article is None) or (
            request.article is not None and request.article != self.window.article_id
        ):
            return  # another article (or the corpus) is shown now
        items = items[:CORPUS_LIMIT]
        self._show(items, self._row_to_keep(items, request.keep))
        if request.say_quality:
            self._say_quality()

    @staticmethod
    def _row_of(chosen: Suggestion | None, items: list[Suggestion]) -> int:
        """The row of the passage ``chosen`` in a new list (its score may have changed);
        the first row when it is not there. A model learned again keeps the coder's place."""
        places = [item.place for item in items]
        return places.index(chosen.place) if chosen is not None and chosen.place in places else 0

    def _row_to_keep(self, items: list[Suggestion], row: int) -> int:
        """The row to choose in a new list of the same model: the one suggestion that came
        back, when a decision was undone (the model may have learned since, and moved it);
        else the row of the last decision, where the next suggestion now is. (A suggestion
        new to a list cut at its best few, let in at the bottom by a decision, is not one
        that came back.)"""
        shown = {s.place for s in self.items}
        back = [
            i
            for i, s in enumerate(items)
            if s.place not in shown and s.place in self._decided_places
        ]
        return back[0] if shown and len(back) == 1 else row

    def _not_relisted(self, _request: ListingRequest, reason: str) -> None:
        self.panel.status.setText(reason)

    def _show(self, items: list[Suggestion], keep: int = 0) -> None:
        self.items = items
        titles = {a.id: a.title for a in self.window.articles.articles} if items else {}
        self.panel.show_items(items, titles, keep)
        if not items and self.trained is not None:
            self.panel.list.clear()
        self._draw()

    def set_panel_shown(self, on: bool) -> None:
        """Show or put away the panel (View > Suggestions panel); put away, it draws nothing
        in the text, and its room goes to the annotation list. Remembered for next time."""
        self.panel.setVisible(on)
        self.window.settings.show_suggestions = on
        self.window.settings.save()
        if on and self.window.article_id is not None:
            self.article_opened(self.window.article_id)  # articles opened while it was away
        self._draw()

    def _draw(self) -> None:
        view = self.window.reader.view
        hidden = self.panel.isHidden()
        if hidden or not self.panel.show_layer.isChecked() or self.trained is None:
            view.set_suggestions([])
            return
        color = self.window.session.tag(self.trained.tag_id).color
        current = self.current()
        view.set_suggestions(
            [
                (s.start, s.end, color, s is current)
                for s in self.items
                if s.article_id == self.window.article_id
            ]
        )

    def current(self) -> Suggestion | None:
        row = self.panel.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _current_changed(self, _row: int) -> None:
        chosen = self.current()
        if chosen is None:
            return
        if chosen.article_id != self.window.article_id:
            self.window.open_article(chosen.article_id)
        self.window.reader.view.reveal(chosen.start, chosen.end)
        self._draw()

    def _clicked_in_text(self, at: int) -> None:
        """A click inside an outlined passage chooses its suggestion (the keys then decide
        on the passage clicked)."""
        article = self.window.article_id
        for row, suggestion in enumerate(self.items):
            if suggestion.article_id == article and suggestion.start <= at < suggestion.end:
                self.panel.list.setCurrentRow(row)
                return

    # ----- decisions ------------------------------------------------------------------------
    def _key_in_text(self, key: int) -> None:
        """A, R or S pressed in the text while a suggestion of its article is chosen."""
        {
            Qt.Key.Key_A.value: self.accept_current,
            Qt.Key.Key_R.value: self.reject_current,
            Qt.Key.Key_S.value: self.skip_current,
        }[key]()

    def accept_current(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        span = self.window.reader.view.selected_span()
        if span is not None and not (span[0] < chosen.end and chosen.start < span[1]):
            span = None  # a selection elsewhere is not an adjustment of this suggestion
        if span is not None and self.window.settings.snap_to_words:
            span = snap_to_words(self.window.reader.view.text, *span)  # as a tag key would
            if span[0] == span[1]:
                span = None  # only spaces: the suggestion as it is
        self._decide(AcceptSuggestionCommand(self.window.session, chosen, span))

    def reject_current(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self._decide(RejectSuggestionCommand(self.window.session, chosen))

    def skip_current(self) -> None:
        row = self.panel.list.currentRow()
        if row + 1 < len(self.items):
            self.panel.list.setCurrentRow(row + 1)
        else:
            self.window.statusBar().showMessage("That was the last suggestion.", 4000)

    def _decide(self, command: WriteCommand) -> None:
        row = self.panel.list.currentRow()
        self._keep = row
        decided = self.current()
        if decided is not None:
            self._decided_places.add(decided.place)
        written = self.window.coding.push(command)
        if written and decided is not None and decided in self.items:
            # off the list at once, so that the next key decides the next suggestion; the
            # list is read again in the background (`_decided`)
            self._show([s for s in self.items if s is not decided], row)

    def _decided(self) -> None:
        """A decision (or its undo) was written: list again, and learn again every few."""
        self.decisions += 1
        if self._thread is not None:
            self._decided_while_learning = True
        self._list_again(self._keep)
        if self.decisions % LEARN_AGAIN_AFTER == 0:
            self.learn()
