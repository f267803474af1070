"""The Suggestions panel: the passages the model proposes for a tag, best first, with one key
each to accept (A or Enter), reject (R or Delete) and skip (S or Space), what the model
learned from and how good it is in plain words, a switch to hide the layer in the text, the
project's switch for the reliability sample, and the progress of learning with a way to stop it."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.suggest.policy import EXPLAIN_SWITCH
from annotator.core.suggest.suggestion import Suggestion

ACCEPT_KEYS = (Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_Enter)
REJECT_KEYS = (Qt.Key.Key_R, Qt.Key.Key_Delete)
SKIP_KEYS = (Qt.Key.Key_S, Qt.Key.Key_Space)
THIS_ARTICLE = "article"
ALL_ARTICLES = "corpus"


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class StatusLabel(QLabel):
    """What the model learned, or why there are no suggestions; the whole text also on hover,
    where the side column is too short to show all of it."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)


class SuggestionList(QListWidget):
    """The suggestions, best first; the decision keys act on the current one."""

    acceptPressed = Signal()
    rejectPressed = Signal()
    skipPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in ACCEPT_KEYS:
            self.acceptPressed.emit()
        elif plain and key in REJECT_KEYS:
            self.rejectPressed.emit()
        elif plain and key in SKIP_KEYS:
            self.skipPressed.emit()
        else:
            super().keyPressEvent(event)


class SuggestionsPanel(QWidget):
    tagChosen = Signal(int)  # tag id
    scopeChosen = Signal(str)
    layerToggled = Signal(bool)
    retrainRequested = Signal()
    cancelRequested = Signal()
    sampleSwitched = Signal(bool)  # the researcher allowed (or forbade) the reliability sample

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("suggestionsPanel")
        heading = QLabel("Suggestions")
        heading.setStyleSheet("font-weight: 600; padding: 6px 2px 2px 2px;")
        self.tag_box = QComboBox()
        self.tag_box.setObjectName("suggestionTag")
        self.tag_box.setToolTip("The tag to suggest passages for")
        self.scope = QComboBox()
        self.scope.addItem("This article", THIS_ARTICLE)
        self.scope.addItem("All articles", ALL_ARTICLES)
        self.show_layer = QCheckBox("Show in the text")
        self.show_layer.setChecked(True)
        self._build_switch()
        self._build_progress()
        self.status = StatusLabel()
        self.status.setObjectName("suggestionStatus")
        self.status.setWordWrap(True)
        self.list = SuggestionList()
        self.list.setObjectName("suggestionList")
        self.list.setWordWrap(True)
        self.accept_button = QPushButton("&Accept")
        self.reject_button = QPushButton("&Reject")
        self.skip_button = QPushButton("&Skip")
        self.retrain_button = QPushButton("Learn again")
        for button, tip in (
            (self.accept_button, "Code this passage with the tag (A or Enter; undoable)"),
            (self.reject_button, "Not this tag: remembered as a counter-example (R or Delete)"),
            (self.skip_button, "Decide later (S or Space)"),
        ):
            button.setToolTip(tip)
            button.setEnabled(False)  # until there is a suggestion to decide on
        self.accept_button.clicked.connect(self.list.acceptPressed)
        self.reject_button.clicked.connect(self.list.rejectPressed)
        self.skip_button.clicked.connect(self.list.skipPressed)
        self.retrain_button.clicked.connect(self.retrainRequested)
        self.tag_box.currentIndexChanged.connect(self._tag_chosen)
        self.scope.currentIndexChanged.connect(
            lambda _i: self.scopeChosen.emit(self.scope.currentData())
        )
        self.show_layer.toggled.connect(self.layerToggled)
        top = QHBoxLayout()
        top.addWidget(self.tag_box, 1)
        top.addWidget(self.scope)
        self.tag_box.setMinimumContentsLength(8)
        self.tag_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # Two by two, so the panel never widens the side column and squeezes the article.
        buttons = QGridLayout()
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.reject_button, 0, 1)
        buttons.addWidget(self.skip_button, 1, 0)
        buttons.addWidget(self.retrain_button, 1, 1)
        self._lay_out(heading, top, buttons)

    def _lay_out(self, heading: QLabel, top: QHBoxLayout, buttons: QGridLayout) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.show_layer)
        layout.addWidget(self.in_sample)  # shown where there is a reliability sample
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        layout.addLayout(working)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _build_switch(self) -> None:
        """The project's switch: whether suggestions may be shown in the reliability sample."""
        self.in_sample = QCheckBox("Allow in the reliability sample")
        self.in_sample.setObjectName("suggestionsInSample")
        self.in_sample.setToolTip(EXPLAIN_SWITCH)
        self.in_sample.setWhatsThis(EXPLAIN_SWITCH)
        self.in_sample.clicked.connect(self.sampleSwitched)  # the researcher's click only

    def _build_progress(self) -> None:
        """The progress of learning and the button that stops it, shown while it runs."""
        self.progress = QProgressBar()
        self.progress.setObjectName("suggestionProgress")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Stop")
        self.cancel_button.setObjectName("suggestionCancel")
        self.cancel_button.setToolTip("Stop learning; the suggestions stay as they were (Esc)")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.progress.hide()
        self.cancel_button.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.cancel_button.isVisible():
            self.cancelRequested.emit()
            return
        super().keyPressEvent(event)

    def show_progress(self, done: int, total: int, what: str) -> None:
        """Learning is under way: how far, and the button that stops it."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat("%p%")
        self.status.setText(f"{what}…")  # the bar is narrow: the step is said below it
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()

    def hide_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def set_sample_switch(self, allowed: bool, changeable: bool, sample: bool) -> None:
        """Show the project's switch as stored (where the project has a reliability sample;
        the Team menu has it always); only the lead may change it on a team's server."""
        self.in_sample.setVisible(sample)
        self.in_sample.setChecked(allowed)
        self.in_sample.setEnabled(changeable)
        tip = EXPLAIN_SWITCH
        if not changeable:
            tip += " Only the project's lead can change it."
        self.in_sample.setToolTip(tip)

    def _tag_chosen(self, _index: int) -> None:
        tag_id = self.tag_box.currentData()
        if isinstance(tag_id, int):
            self.tagChosen.emit(tag_id)

    def set_tags(self, tags: list[tuple[int, str]]) -> None:
        """The codebook's tags, keeping the chosen one where it still exists."""
        chosen = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        for tag_id, name in tags:
            self.tag_box.addItem(name, tag_id)
        at = self.tag_box.findData(chosen)
        self.tag_box.setCurrentIndex(at if at >= 0 else -1)
        self.tag_box.blockSignals(False)

    def tag_id(self) -> int | None:
        data = self.tag_box.currentData()
        return data if isinstance(data, int) else None

    def show_items(self, items: list[Suggestion], titles: dict[int, str], keep: int = 0) -> None:
        """List the suggestions, best first; the current row goes to ``keep``."""
        self.list.clear()
        corpus = self.scope.currentData() == ALL_ARTICLES
        for suggestion in items:
            where = f"{_short(titles.get(suggestion.article_id, ''), 30)} · " if corpus else ""
            item = QListWidgetItem(f"{suggestion.score:.2f}  {where}{_short(suggestion.quote)}")
            item.setToolTip(suggestion.quote)
            self.list.addItem(item)
        if items:
            self.list.setCurrentRow(min(keep, len(items) - 1))
        for button in (self.accept_button, self.reject_button, self.skip_button):
            button.setEnabled(bool(items))
