"""Code all matches: a phrase or a regular expression across this article or the project,
the matches listed with checkboxes, one tag applied to the checked ones in one step.

Return only ever searches: codes are applied by the button alone, and only to the matches of
the phrase shown (changing the phrase or the scope sets the list aside until it is searched)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.project import Project
from annotator.core.records import TagRecord
from annotator.core.search import Match, compile_pattern, find_matches
from annotator.gui import messages
from annotator.gui.window_layout import fit_on_screen


class CodeMatchesDialog(QDialog):
    searched = Signal(str, bool)  # the phrase and whether it is a regular expression

    def __init__(
        self,
        project: Project,
        article_id: int | None,
        tags: list[TagRecord],
        pattern: str = "",
        regex: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Code all matches")
        self.project = project
        self.article_id = article_id
        self.found: list[Match] = []
        self.pattern = QLineEdit(pattern)
        self.pattern.setObjectName("matchesPattern")
        self.pattern.returnPressed.connect(self.search)
        self.regex = QCheckBox("Regular expression")
        self.regex.setChecked(regex)
        self.scope = QComboBox()
        self.scope.addItems(["This article", "The whole project"])
        self.tag = QComboBox()
        for tag in tags:
            self.tag.addItem(tag.name, tag.id)
        find = QPushButton("&Find")
        find.setAutoDefault(False)
        find.clicked.connect(self.search)
        self.list = QListWidget()
        self.list.setObjectName("matches")
        self.summary = QLabel()
        form = QFormLayout()
        form.addRow("Find", self.pattern)
        form.addRow("", self.regex)
        form.addRow("In", self.scope)
        form.addRow("Tag", self.tag)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = buttons.addButton(
            "&Code the checked matches", QDialogButtonBox.ButtonRole.AcceptRole
        )
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.apply.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.pattern.textEdited.connect(lambda _text: self._set_aside())
        self.regex.toggled.connect(lambda _on: self._set_aside())
        self.scope.currentIndexChanged.connect(lambda _i: self._set_aside())
        self.tag.currentIndexChanged.connect(lambda _i: self._label_apply())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(find, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        fit_on_screen(self, 760, 560)
        if pattern:
            self.search()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return never presses a button here: in the phrase it searches, elsewhere nothing."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _set_aside(self) -> None:
        """The phrase or scope changed: the listed matches are not those of the phrase."""
        if self.found:
            self.found = []
            self.list.clear()
            self.summary.setText("Press Return or Find to search again.")
        self._label_apply()

    def _label_apply(self) -> None:
        count = len(self.found)
        self.apply.setEnabled(count > 0)
        tag = self.tag.currentText()
        self.apply.setText(f"&Code the checked matches as {tag}" if count else "&Code")

    def search(self) -> None:
        try:
            compiled = compile_pattern(self.pattern.text(), regex=self.regex.isChecked())
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return
        whole = self.scope.currentIndex() == 1 or self.article_id is None
        with messages.busy():
            self.found = find_matches(self.project, compiled, None if whole else self.article_id)
        self.list.clear()
        for match in self.found:
            where = f"{match.article_title[:40]}: " if whole else ""
            item = QListWidgetItem(f"{where}{match.context}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.summary.setText(f"{len(self.found)} match(es); uncheck the ones not to code.")
        self._label_apply()
        self.searched.emit(self.pattern.text(), self.regex.isChecked())

    def chosen(self) -> tuple[int, list[tuple[int, int, int]]]:
        """The tag and the checked matches as (article, start, end)."""
        checked = [
            (m.article_id, m.start, m.end)
            for i, m in enumerate(self.found)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return int(self.tag.currentData()), checked
