"""Managing coders: add one, rename one."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.coders import ensure_coder, list_coders, rename_coder
from annotator.core.errors import AnnotatorError
from annotator.core.models import CoderKind
from annotator.core.project import Project
from annotator.gui import messages


class CodersDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Coders")
        self.project = project
        self.list = QListWidget()
        add = QPushButton("&Add…")
        add.clicked.connect(self.add)
        rename = QPushButton("&Rename…")
        rename.clicked.connect(self.rename)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(rename)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.coders = list_coders(self.project)
        self.list.clear()
        for coder in self.coders:
            kind = " (consensus)" if coder.kind == CoderKind.CONSENSUS.value else ""
            self.list.addItem(coder.name + kind)

    def add(self) -> None:
        name = messages.ask_text(self, "Add a coder", "Name of the new coder:")
        if name and name.strip():
            ensure_coder(self.project, name)
            self.refresh()

    def rename(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        coder = self.coders[row]
        name = messages.ask_text(self, "Rename coder", f"New name for {coder.name}:", coder.name)
        if name and name.strip() and name != coder.name:
            try:
                rename_coder(self.project, coder.id, name)
            except AnnotatorError as exc:
                messages.show_error(self, str(exc))
            self.refresh()
