"""The Suggestions panel: the passages the model proposes for a tag, best first, one line
each, with one key each to accept (A or Enter), reject (R or Delete) and skip (S or Space),
named on its buttons; what the model learned from and how good it is in plain words, whole
(the side column is narrow: the panel gives the words the lines they need); a switch to hide
the layer in the text, the project's switch for the reliability sample, and the progress of
learning with a way to stop it.

The panel asks for room for `ROWS_SHOWN` suggestions (its size hint; `roomWanted` says when
its words grew), so that a small laptop's window (1024 × 640) still shows several: the annotation
list above gives way first (see `window_layout`). It never takes less than `ROWS_LEAST`, so
that a shorter window is not pushed off the screen. Choosing a tag or a scope, or
clicking a button, leaves the keyboard in the list, where the keys decide."""

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
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
ROWS_SHOWN = 5
"""Suggestions the panel asks room for."""
ROWS_LEAST = 3
"""Suggestions the list shows however short the window."""


def _short(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class StatusLabel(QLabel):
    """What the model learned, or why there are no suggestions: wrapped, and never shorter
    than its lines at its width, so that it is read whole; on hover too, with ``more``."""

    grew = Signal()  # it needs more lines than before
    shrank = Signal()  # fewer

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        self.say(text)

    def say(self, text: str, more: str = "") -> None:
        """Show ``text``; its tooltip adds ``more`` (the details not everyone needs)."""
        super().setText(text)
        self.setToolTip(f"{text}\n\n{more}" if more else text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as its lines at its width: a layout gives a wrapped label only one line
        when the panel is short, and the splitter above never asks it. (Measured by the
        font: QLabel's own measure never goes below the least height set here.)"""
        box = self.contentsRect()
        width = max(box.width() - 2 * self.margin(), 1)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        lines = self.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), flags, self.text())
        needed = lines.height() + 2 * self.margin() + self.height() - box.height()
        needed = needed if self.text() else 0
        before = self.minimumHeight()
        if needed != before:
            self.setMinimumHeight(needed)
            (self.grew if needed > before else self.shrank).emit()


STATUS_LINES = 6
"""Lines of the status the panel always shows; longer words scroll (and are whole on hover)."""


class StatusArea(QScrollArea):
    """The status, as tall as its lines up to `STATUS_LINES`; longer, it scrolls. Its whole
    height would add to the side column's least, and on a small laptop's screen the window
    grew past the bottom of the screen with the model's longer words."""

    grew = Signal()  # it shows more lines than before

    def __init__(self, label: StatusLabel) -> None:
        super().__init__()
        self._label = label
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        label.grew.connect(self._fit)
        label.shrank.connect(self._fit)

    def _fit(self) -> None:
        label = self._label
        cap = (
            STATUS_LINES * label.fontMetrics().lineSpacing()
            + label.height()
            - label.contentsRect().height()
        )
        shown = min(label.minimumHeight(), cap)
        before = self.minimumHeight()
        if shown != before:
            self.setMinimumHeight(shown)
            self.setMaximumHeight(shown)
            if shown > before:
                self.grew.emit()


class SuggestionList(QListWidget):
    """The suggestions, best first, one line each (the whole quote on hover, and in the text
    when chosen); the decision keys act on the current one."""

    acceptPressed = Signal()
    rejectPressed = Signal()
    skipPressed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(False)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def row_height(self) -> int:
        """The height of a row: measured on the first, or the font's line with the room
        the style gives a row when the list is empty."""
        if self.count():
            return max(self.sizeHintForRow(0), 1)
        return self.fontMetrics().height() + 4

    def minimumSizeHint(self) -> QSize:
        """`ROWS_LEAST` rows high, however short the window (Qt's own least is a guess)."""
        rows = ROWS_LEAST * self.row_height() + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), rows)

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
    roomWanted = Signal()  # its words grew: it needs more room to keep its rows in sight

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
        self.status_area = StatusArea(self.status)
        self.status_area.grew.connect(self.roomWanted)  # its words take no row of the list
        self.list = SuggestionList()
        self.list.setObjectName("suggestionList")
        self.accept_button = QPushButton("&Accept (A)")
        self.reject_button = QPushButton("&Reject (R)")
        self.skip_button = QPushButton("&Skip (S)")
        self.retrain_button = QPushButton("Learn again")
        where = "in the list, or in the text while a suggestion is chosen"
        for button, tip in (
            (self.accept_button, f"Code this passage with the tag: A {where}; Enter in the list"),
            (
                self.reject_button,
                f"Not this tag, remembered as a counter-example: R {where}; Delete in the list",
            ),
            (self.skip_button, f"Decide later: S {where}; Space in the list"),
        ):
            button.setToolTip(tip)
            button.setEnabled(False)  # until there is a suggestion to decide on
        for button in (self.accept_button, self.reject_button, self.skip_button):
            # A click leaves the keyboard in the list (Tab still reaches the buttons): a
            # focused button would take the next Space as another click of itself.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False: self.list.setFocus())
        self.accept_button.clicked.connect(self.list.acceptPressed)
        self.reject_button.clicked.connect(self.list.rejectPressed)
        self.skip_button.clicked.connect(self.list.skipPressed)
        self.retrain_button.clicked.connect(self.retrainRequested)
        self.tag_box.currentIndexChanged.connect(self._tag_chosen)
        self.scope.currentIndexChanged.connect(
            lambda _i: self.scopeChosen.emit(self.scope.currentData())
        )
        # Chosen by the researcher: on to the list, where the keys decide (in a chooser, S
        # would choose the tag "statistic" instead of skipping).
        self.tag_box.activated.connect(lambda _i: self.list.setFocus())
        self.scope.activated.connect(lambda _i: self.list.setFocus())
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
        buttons.setSpacing(4)
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.reject_button, 0, 1)
        buttons.addWidget(self.skip_button, 1, 0)
        buttons.addWidget(self.retrain_button, 1, 1)
        self._lay_out(heading, top, buttons)

    def _lay_out(self, heading: QLabel, top: QHBoxLayout, buttons: QGridLayout) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.setSpacing(4)
        first = QHBoxLayout()  # the heading shares its line, as the annotations' does
        first.addWidget(heading)
        first.addStretch(1)
        first.addWidget(self.show_layer)
        layout.addLayout(first)
        layout.addLayout(top)
        layout.addWidget(self.in_sample)  # shown where there is a reliability sample
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        layout.addLayout(working)
        layout.addWidget(self.status_area)
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

    def sizeHint(self) -> QSize:
        """As tall as its least, with `ROWS_SHOWN` rows in the list instead of `ROWS_LEAST`."""
        least = self.minimumSizeHint()
        more = (ROWS_SHOWN - ROWS_LEAST) * self.list.row_height()
        return QSize(super().sizeHint().width(), least.height() + more)

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
            # One line: the quote first, the article's title after it (the text shows the
            # article of the chosen one), both whole on hover.
            title = titles.get(suggestion.article_id, "") if corpus else ""
            where = f" · {_short(title, 30)}" if title else ""
            item = QListWidgetItem(f"{suggestion.score:.2f}  {_short(suggestion.quote)}{where}")
            item.setToolTip(f"{suggestion.quote}\n\n{title}" if title else suggestion.quote)
            self.list.addItem(item)
        if items:
            self.list.setCurrentRow(min(keep, len(items) - 1))
        for button in (self.accept_button, self.reject_button, self.skip_button):
            button.setEnabled(bool(items))
