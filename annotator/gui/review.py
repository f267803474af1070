"""Side-by-side review: one article, two coders, their differences listed and settled into
the consensus from the keyboard (A, B, T both, N neither, E edit), each step undoable."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotations import article_annotations
from annotator.core.articles import get_article
from annotator.core.codebook import list_tags
from annotator.core.errors import AnnotatorError
from annotator.core.project import Project
from annotator.core.records import AnnotationRecord, ArticleSummary, CoderRecord, TagRecord
from annotator.core.review import (
    Decision,
    Disagreement,
    Kind,
    disagreements,
)
from annotator.core.review_progress import consensus_overview
from annotator.gui import messages
from annotator.gui.reader import ReaderView
from annotator.gui.review_commands import SettleCommand, TakeAgreedCommand
from annotator.gui.write_command import push


def _label(d: Disagreement, a: str, b: str, tags: dict[int, TagRecord], text: str) -> str:
    """One line per difference, each coder named once."""

    def names(records: tuple[AnnotationRecord, ...]) -> str:
        return ", ".join(dict.fromkeys(tags[r.tag_id].name for r in records)) or "–"

    if d.kind is Kind.ONLY_A:
        what = f"Only {a}: {names(d.a)}"
    elif d.kind is Kind.ONLY_B:
        what = f"Only {b}: {names(d.b)}"
    elif d.kind is Kind.DIFFERENT_TAGS:
        what = f"Different tags: {names(d.a)} ({a}) / {names(d.b)} ({b})"
    else:
        what = f"Different boundaries: {names(d.a + d.b)}"
    quote = " ".join(text[d.start : d.end].split())
    quote = quote if len(quote) <= 60 else quote[:59] + "…"
    done = f"  ✓ {d.decision.value}" if d.decision else ""
    return f"{what} — “{quote}”{done}"


def _has_tag(d: Disagreement, tag_id: int | None) -> bool:
    return tag_id is None or any(r.tag_id == tag_id for r in (*d.a, *d.b))


class ReviewWindow(QDialog):
    def __init__(
        self,
        project: Project,
        articles: list[ArticleSummary],
        coders: list[CoderRecord],
        tags: list[TagRecord],
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review disagreements")
        self.project = project
        self.tags = {t.id: t for t in tags}
        self.undo_stack = undo_stack
        self.coder_list = [c for c in coders if c.kind == "person"]
        self.items: list[Disagreement] = []
        self.text = ""
        layout = QVBoxLayout(self)
        layout.addLayout(self._choosers(articles))
        layout.addWidget(self._panes(), 1)
        hint = QLabel(
            "Keys: A take A's · B take B's · T take both · N take neither · "
            "E edit · G take the agreed ones · ↑↓ next · Ctrl+Z undo"
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        self._keys()
        # Large, but within the screen (a laptop's 1280 × 800 included).
        area = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1300, area.width()), min(760, area.height()))
        self.reload()

    def _choosers(self, articles: list[ArticleSummary]) -> QHBoxLayout:
        self.article_choice = QComboBox()
        for article in articles:
            self.article_choice.addItem(article.title, article.id)
        self.a_choice, self.b_choice = QComboBox(), QComboBox()
        for combo in (self.a_choice, self.b_choice):
            for coder in self.coder_list:
                combo.addItem(coder.name, coder.id)
        if len(self.coder_list) > 1:
            self.b_choice.setCurrentIndex(1)
        self.tag_choice = QComboBox()
        self.tag_choice.setObjectName("reviewTagFilter")
        self.tag_choice.addItem("All tags", None)
        for tag in self.tags.values():
            self.tag_choice.addItem(tag.name, tag.id)
        self.tag_choice.currentIndexChanged.connect(lambda _i: self._filter())
        top = QHBoxLayout()
        for label, widget in (
            ("Article", self.article_choice),
            ("Coder A", self.a_choice),
            ("Coder B", self.b_choice),
        ):
            widget.currentIndexChanged.connect(lambda _i: self.reload())
            top.addWidget(QLabel(label))
            top.addWidget(widget, 2 if widget is self.article_choice else 1)
        top.addWidget(QLabel("Tag"))
        top.addWidget(self.tag_choice, 1)
        return top

    def _filter(self) -> None:
        """Show the differences that involve the chosen tag only."""
        tag_id = self.tag_choice.currentData()
        for row, item in enumerate(self.items):
            self.list.setRowHidden(row, not _has_tag(item, tag_id))
        current = self.current()
        if current is not None and not _has_tag(current, tag_id):
            shown = next((r for r, d in enumerate(self.items) if _has_tag(d, tag_id)), -1)
            self.list.setCurrentRow(shown)

    def _panes(self) -> QSplitter:
        self.pane_a, self.pane_b = ReaderView(), ReaderView()
        self.pane_a.setObjectName("paneA")
        self.pane_b.setObjectName("paneB")
        bar_a, bar_b = self.pane_a.verticalScrollBar(), self.pane_b.verticalScrollBar()
        bar_a.valueChanged.connect(bar_b.setValue)
        bar_b.valueChanged.connect(bar_a.setValue)
        self.list = QListWidget()
        self.list.setObjectName("disagreements")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(self.show_current)
        self.progress = QLabel()
        self.progress.setObjectName("reviewProgress")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.progress)
        side_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for text, decision in (
            ("Take &A", Decision.TAKE_A),
            ("Take &B", Decision.TAKE_B),
            ("Take bo&th", Decision.BOTH),
            ("Take &neither", Decision.NEITHER),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, d=decision: self.decide(d))
            buttons.addWidget(button)
        edit = QPushButton("&Edit…")
        edit.clicked.connect(self.edit)
        buttons.addWidget(edit)
        side_layout.addLayout(buttons)
        self.take_agreed_button = QPushButton("Take the a&greed ones (G)")
        self.take_agreed_button.setObjectName("takeAgreed")
        self.take_agreed_button.setToolTip(
            "Copy into the consensus the annotations both coders made alike "
            "(settling a difference copies them too)."
        )
        self.take_agreed_button.clicked.connect(self.take_agreed)
        side_layout.addWidget(self.take_agreed_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.pane_a)
        splitter.addWidget(self.pane_b)
        splitter.addWidget(side)
        splitter.setSizes([420, 420, 380])
        return splitter

    def _keys(self) -> None:
        for key, decision in (
            ("A", Decision.TAKE_A),
            ("B", Decision.TAKE_B),
            ("T", Decision.BOTH),
            ("N", Decision.NEITHER),
        ):
            QShortcut(QKeySequence(key), self, lambda d=decision: self.decide(d))
        QShortcut(QKeySequence("E"), self, self.edit)
        QShortcut(QKeySequence("G"), self, self.take_agreed)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)

    @property
    def article_id(self) -> int:
        return int(self.article_choice.currentData() or 0)

    @property
    def coder_a(self) -> int:
        return int(self.a_choice.currentData() or 0)

    @property
    def coder_b(self) -> int:
        return int(self.b_choice.currentData() or 0)

    def choose(self, article_id: int, coder_a: int, coder_b: int) -> None:
        for combo, value in (
            (self.article_choice, article_id),
            (self.a_choice, coder_a),
            (self.b_choice, coder_b),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self.reload()

    def reload(self, keep: Disagreement | None = None) -> None:
        """Recompute the differences and redraw both panes; stay near ``keep``."""
        if not self.article_id or not self.coder_a or not self.coder_b:
            return
        self.tags = {t.id: t for t in list_tags(self.project)}  # the codebook may have changed
        article = get_article(self.project, self.article_id)
        if article.text != self.text:
            self.text = article.text
            self.pane_a.load(article.text)
            self.pane_b.load(article.text)
        for pane, coder in ((self.pane_a, self.coder_a), (self.pane_b, self.coder_b)):
            records = article_annotations(self.project, self.article_id, [coder])
            pane.highlighter.reset(
                pane.offsets,
                [(r.id, r.start, r.end, self.tags[r.tag_id].color) for r in records],
            )
        self.items = disagreements(self.project, self.article_id, self.coder_a, self.coder_b)
        names = (self.a_choice.currentText(), self.b_choice.currentText())
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items:
            entry = QListWidgetItem(_label(item, *names, self.tags, self.text))
            if item.decision:
                entry.setForeground(QColor("#7a7a7a"))
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self._filter()
        self._show_progress()
        self._mark_all()
        target = self._next_row(keep)
        if target >= 0:
            self.list.setCurrentRow(target)

    def _show_progress(self) -> None:
        """The article's progress, and every article's mark in the chooser: ✓ where its
        consensus is complete (every difference settled, every agreed annotation copied)."""
        states = consensus_overview(self.project, self.coder_a, self.coder_b)
        for index in range(self.article_choice.count()):
            state = states.get(int(self.article_choice.itemData(index) or 0))
            title = self.article_choice.itemData(index, Qt.ItemDataRole.ToolTipRole)
            if title is None:
                title = self.article_choice.itemText(index)
                self.article_choice.setItemData(index, title, Qt.ItemDataRole.ToolTipRole)
            mark = "✓ " if state is not None and state.complete else ""
            self.article_choice.setItemText(index, f"{mark}{title}")
        state = states.get(self.article_id)
        remaining = sum(1 for d in self.items if d.decision is None)
        line = f"{remaining} of {len(self.items)} disagreement(s) remain"
        if state is not None and state.complete:
            line += " · consensus complete"
        elif state is not None and state.agreed_missing:
            line += f" · {state.agreed_missing} agreed annotation(s) not yet in the consensus"
        self.progress.setText(line)
        self.take_agreed_button.setEnabled(bool(state and state.agreed_missing))

    def take_agreed(self) -> None:
        self._settle(TakeAgreedCommand(self))

    def _next_row(self, keep: Disagreement | None) -> int:
        start = 0
        if keep is not None:
            later = (i for i, d in enumerate(self.items) if d.start >= keep.start)
            start = next(later, 0)
        order: list[int] = [*range(start, len(self.items)), *range(start)]
        for index in order:
            if self.items[index].decision is None:
                return index
        return min(start, len(self.items) - 1)

    def _mark_all(self) -> None:
        for pane in (self.pane_a, self.pane_b):
            marks = []
            for item in self.items:
                if item.decision is not None:
                    continue
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(pane.document())
                cursor.setPosition(pane.offsets.to_utf16(item.start))
                cursor.setPosition(pane.offsets.to_utf16(item.end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor("#b3261e"))
                selection.format = fmt
                marks.append(selection)
            pane.setExtraSelections(marks)

    def current(self) -> Disagreement | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def show_current(self, _row: int = -1) -> None:
        item = self.current()
        if item is None:
            return
        for pane in (self.pane_a, self.pane_b):
            pane.select_span(item.start, item.end)

    def decide(self, decision: Decision) -> None:
        item = self.current()
        if item is None:
            return
        if item.decision is not None:
            messages.show_error(self, "This one is settled already; undo (Ctrl+Z) to change it.")
            return
        self._settle(SettleCommand(self, item, decision))

    def edit(self) -> None:
        item = self.current()
        if item is None or item.decision is not None:
            return
        span = self.pane_a.selected_span() or self.pane_b.selected_span()
        start, end = span if span and span != (item.start, item.end) else (item.start, item.end)
        names = [t.name for t in self.tags.values()]
        chosen = messages.ask_choice(self, "Settle by hand", "Tag for the consensus:", names)
        if chosen is None:
            return
        tag = next(t.id for t in self.tags.values() if t.name == chosen)
        self._settle(SettleCommand(self, item, Decision.EDIT, [(tag, start, end)]))

    def _settle(self, command: SettleCommand | TakeAgreedCommand) -> None:
        try:
            push(self.undo_stack, command)
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))

    def expected_version(self, record: AnnotationRecord) -> int:
        """The version an undo expects: as the window's session last wrote it."""
        session = getattr(self.parentWidget(), "session", None)
        return session.expected_version(record) if session is not None else record.version

    def explain(self, exc: AnnotatorError) -> str:
        return str(exc)

    def report_failure(self, what: str, reason: str) -> None:
        """An undo or redo of a settlement was refused: say so once the stack is done."""
        QTimer.singleShot(0, self, lambda: messages.show_error(self, f"{what}: {reason}"))
