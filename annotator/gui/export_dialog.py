"""The export dialog: format, and which tags, coders and articles go into the export."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.records import ArticleSummary, CoderRecord, TagRecord
from annotator.core.rows import Selection
from annotator.gui.checklist import check_all, checked_data, checklist
from annotator.gui.window_layout import fit_on_screen

FORMATS: tuple[tuple[str, str, bool], ...] = (
    ("Excel workbook (.xlsx)", ".xlsx", False),
    ("CSV, one row per annotation (.csv)", ".csv", False),
    ("CSV, articles × tags 0/1 matrix (.csv)", ".csv", True),
    ("W3C Web Annotation JSON (.json)", ".json", False),
    ("REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder (.qdpx)", ".qdpx", False),
    ("REFI-QDA codebook (.qdc)", ".qdc", False),
)


CSV_NOTE = (
    "A field whose text begins with = + - @ or ' gets one ' more in front, so that a "
    "spreadsheet program never runs it as a formula: remove the first ' of such a field to "
    "have its text exactly (the guide shows how in R and Stata)."
)


def _all_or_none(widget: QListWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for text, state in (("All", Qt.CheckState.Checked), ("None", Qt.CheckState.Unchecked)):
        button = QPushButton(text)
        button.clicked.connect(lambda _c=False, s=state: check_all(widget, s))
        layout.addWidget(button)
    layout.addStretch(1)
    return row


class ExportDialog(QDialog):
    def __init__(
        self,
        tags: list[TagRecord],
        coders: list[CoderRecord],
        articles: list[ArticleSummary],
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self._folder = folder if folder is not None else Path.home()
        self.format = QComboBox()
        for label, _suffix, _matrix in FORMATS:
            self.format.addItem(label)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.path = QLineEdit()
        self.path.setPlaceholderText("Where to save the export")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.tag_sheets = QCheckBox("One sheet per tag, besides the Annotations sheet")
        self.tag_sheets.setChecked(True)
        self.tag_sheets.setToolTip(
            "Handy for filtering by tag; leaving them out halves the size of a large workbook."
        )
        self.tags = checklist([(t.name, t.name) for t in tags])
        self.coders = checklist([(c.name, c.name) for c in coders])
        self.articles = checklist([(a.title, a.id) for a in articles])
        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("File", where)
        form.addRow("Sheets", self.tag_sheets)
        self.csv_note = QLabel(CSV_NOTE)
        self.csv_note.setWordWrap(True)
        self.csv_note.setObjectName("csvNote")
        form.addRow("", self.csv_note)
        form.addRow("Tags", self.tags)
        form.addRow("", _all_or_none(self.tags))
        form.addRow("Coders", self.coders)
        form.addRow("", _all_or_none(self.coders))
        form.addRow("Articles", self.articles)
        form.addRow("", _all_or_none(self.articles))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_on_screen(self, 620, 640)
        self._format_changed(0)

    @property
    def suffix(self) -> str:
        return FORMATS[self.format.currentIndex()][1]

    @property
    def matrix(self) -> bool:
        return FORMATS[self.format.currentIndex()][2]

    def _format_changed(self, _index: int) -> None:
        self.tag_sheets.setEnabled(self.suffix == ".xlsx")
        self.csv_note.setVisible(self.suffix == ".csv")
        current = self.path.text().strip()
        if current:
            self.path.setText(str(Path(current).with_suffix(self.suffix)))
        else:
            name = "articles-by-tag" if self.matrix else "annotations"
            self.path.setText(str(self._folder / f"{name}{self.suffix}"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(str(Path(path).with_suffix(self.suffix)))

    def target(self) -> Path:
        return Path(self.path.text().strip()).with_suffix(self.suffix)

    def selection(self) -> Selection:
        """Everything checked; a list with all items checked means no filter on it."""

        def chosen(widget: QListWidget) -> frozenset[object] | None:
            picked = checked_data(widget)
            return None if len(picked) == widget.count() else frozenset(picked)

        tags = chosen(self.tags)
        coders = chosen(self.coders)
        articles = chosen(self.articles)
        return Selection(
            tags=frozenset(str(t) for t in tags) if tags is not None else None,
            coders=frozenset(str(c) for c in coders) if coders is not None else None,
            articles=frozenset(int(str(a)) for a in articles) if articles is not None else None,
        )
