"""Find in the article (Ctrl+F): every match outlined, Enter for the next, Shift+Enter back.

Matches are outlined rather than filled, so they never look like a tag of any colour."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.search import compile_pattern, find_in_text
from annotator.gui.reader import ReaderView


class FindBar(QWidget):
    codeAllRequested = Signal(str, bool)  # pattern, regular expression

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.position = -1
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in the article")
        self.field.setMinimumWidth(170)
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        self.regex = QToolButton()
        self.regex.setText(".*")
        self.regex.setCheckable(True)
        self.regex.setToolTip("Regular expression")
        self.regex.toggled.connect(lambda _on: self.search())
        self.count = QLabel()
        self.count.setMinimumWidth(70)
        previous = QToolButton()
        previous.setText("◀")
        previous.setToolTip("Previous match (Shift+Enter)")
        previous.clicked.connect(self.previous)
        following = QToolButton()
        following.setText("▶")
        following.setToolTip("Next match (Enter)")
        following.clicked.connect(self.next)
        code_all = QPushButton("Code all…")
        code_all.setToolTip("Code every match of the phrase with one tag (Ctrl+Shift+F)")
        code_all.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        code_all.clicked.connect(
            lambda: self.codeAllRequested.emit(self.field.text(), self.regex.isChecked())
        )
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 2, 8, 2)
        for widget in (self.field, self.regex, self.count, previous, following, code_all, close):
            layout.addWidget(widget, 1 if widget is self.field else 0)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.view.set_find_ranges([])
        self.view.setFocus()

    def show_phrase(self, pattern: str, regex: bool) -> None:
        """Show the phrase another dialog searched for, with its matches in the text."""
        self.regex.setChecked(regex)
        if self.field.text() != pattern:
            self.field.setText(pattern)
        if not self.isVisible():
            self.show()
            self.search()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.previous()
            return
        super().keyPressEvent(event)

    def search(self) -> None:
        text = self.view.toPlainText()
        self.matches, self.position = [], -1
        pattern_text = self.field.text()
        if pattern_text:
            try:
                pattern = compile_pattern(pattern_text, regex=self.regex.isChecked())
            except AnnotatorError as exc:
                self.count.setText(str(exc).split(":")[0])
                self.view.set_find_ranges([])
                return
            # the view holds the canonical text, so code points match the offset map
            self.matches = find_in_text(pattern, text)
        self.view.set_find_ranges(self.matches)
        self.count.setText(f"{len(self.matches)} match(es)" if pattern_text else "")

    def next(self) -> None:
        self._go(+1)

    def previous(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if not self.matches:
            return
        self.position = (self.position + step) % len(self.matches)
        start, end = self.matches[self.position]
        self.view.select_span(start, end)
        self.count.setText(f"{self.position + 1} of {len(self.matches)}")
