"""Code all matches: a phrase or a regular expression across this article or the project,
the matches listed with checkboxes, one tag applied to the checked ones in one step."""

from PySide6.QtCore import Qt
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


class CodeMatchesDialog(QDialog):
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
        self.regex = QCheckBox("Regular expression")
        self.regex.setChecked(regex)
        self.scope = QComboBox()
        self.scope.addItems(["This article", "The whole project"])
        self.tag = QComboBox()
        for tag in tags:
            self.tag.addItem(tag.name, tag.id)
        find = QPushButton("&Find")
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
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(find, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 560)
        if pattern:
            self.search()

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

    def chosen(self) -> tuple[int, list[tuple[int, int, int]]]:
        """The tag and the checked matches as (article, start, end)."""
        checked = [
            (m.article_id, m.start, m.end)
            for i, m in enumerate(self.found)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return int(self.tag.currentData()), checked
