"""The agreement dialog: coefficients per tag with their reading, and the articles ranked by
disagreement; exports an "Agreement" sheet."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement.report import (
    COEFFICIENTS,
    AgreementReport,
    compute_agreement,
    reading,
)
from annotator.core.errors import AnnotatorError
from annotator.core.export.agreement_sheet import export_agreement
from annotator.core.project import Project
from annotator.gui import messages
from annotator.gui.checklist import checked_data, checklist

EXPLANATION = (
    "αU (unitizing alpha) compares where and what the coders marked; α binary treats every "
    "character as coded or not. α ≥ 0.800 is reliable, ≥ 0.667 tentative. Percent agreement "
    "is inflated by all the text nobody coded; read it with care."
)


# What each coefficient is called where a researcher reads it.
COEFFICIENT_NAMES = {
    "alpha_u": "αU",
    "alpha_binary": "α binary",
    "cohen_kappa": "Cohen’s κ",
    "percent_agreement": "% agreement",
    "f1_exact": "F1 exact",
    "f1_overlap": "F1 overlap",
}


def _cell(value: float | None) -> QTableWidgetItem:
    item = QTableWidgetItem("–" if value is None else f"{value:.3f}")
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class AgreementDialog(QDialog):
    def __init__(
        self,
        project: Project,
        coders: list[str],
        chosen: list[str],
        tags: list[str],
        parent: QWidget | None = None,
        sample: set[int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between coders")
        self.project = project
        self.report: AgreementReport | None = None
        self.coders = checklist([(c, c) for c in coders], set(chosen))
        self.tags = checklist([(t, t) for t in tags])
        compute = QPushButton("&Compute")
        compute.clicked.connect(self.compute)
        self.sample = sample
        self.only_sample = QCheckBox(
            f"Only the &reliability sample ({len(sample)} articles)"
            if sample
            else "No sample drawn"
        )
        self.only_sample.setObjectName("onlySample")
        self.only_sample.setChecked(bool(sample))  # reliability is reported on the sample
        self.only_sample.setEnabled(bool(sample))
        self.only_sample.toggled.connect(lambda _on: self.compute())
        choose = QHBoxLayout()
        for label, widget in (("Coders", self.coders), ("Tags", self.tags)):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            column.addWidget(widget)
            choose.addLayout(column)
        self.table = QTableWidget(0, len(COEFFICIENTS) + 2)
        self.table.setObjectName("agreementTable")
        self.table.setHorizontalHeaderLabels(
            ["Tag", *(COEFFICIENT_NAMES.get(c, c) for c in COEFFICIENTS), "Reading"]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.ranked = QListWidget()
        self.ranked.setObjectName("rankedArticles")
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            "&Export as sheet…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(self.choose_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        row = QHBoxLayout()
        row.addWidget(compute)
        row.addWidget(self.only_sample)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Articles, most disagreement first"))
        layout.addWidget(self.ranked, 1)
        layout.addWidget(explanation)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self.compute()

    def compute(self) -> None:
        try:
            with messages.busy():
                self.report = compute_agreement(
                    self.project,
                    [str(c) for c in checked_data(self.coders)],
                    [str(t) for t in checked_data(self.tags)] or None,
                    self.sample if self.only_sample.isChecked() else None,
                )
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return
        report = self.report
        self.table.setRowCount(len(report.tags))
        for row, (tag, values) in enumerate(report.tags.items()):
            self.table.setItem(row, 0, QTableWidgetItem(tag))
            for column, name in enumerate(COEFFICIENTS, start=1):
                self.table.setItem(row, column, _cell(values[name]))
            self.table.setItem(
                row, len(COEFFICIENTS) + 1, QTableWidgetItem(reading(values["alpha_u"]))
            )
        overall = report.overall_alpha_u
        shown = "–" if overall is None else f"{overall:.3f}"
        lines = [
            f"Overall αU {shown} ({reading(overall)}) over {report.articles} article(s), "
            f"coders {', '.join(report.coders) or 'none'}.",
            *report.notes,
        ]
        self.summary.setText("\n".join(lines))
        self.ranked.clear()
        for article in report.ranked_articles:
            self.ranked.addItem(
                f"{article.disagreement:6.1%}  {article.title}  "
                f"({article.differing_characters:,} characters coded differently)"
            )

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the agreement", "agreement.xlsx", "Excel workbook (*.xlsx)"
        )
        if path:
            self.export_to(Path(path).with_suffix(".xlsx"))

    def export_to(self, path: Path) -> None:
        if self.report is not None:
            export_agreement(self.report, path)
