"""The Charts tab: tag frequencies per article, outlet or attribute value, over time, tags
that share passages, coding progress; each chart beside the table of its figures, exported as
PNG or SVG (the chart) and CSV (the table)."""

from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.attributes import list_attributes
from annotator.core.cells import GuardedCsvWriter
from annotator.core.chart_data import (
    FigureTable,
    co_occurrence,
    coding_progress,
    tag_frequencies,
    tags_over_time,
)
from annotator.core.errors import AnnotatorError
from annotator.core.files import atomic_path
from annotator.gui import messages
from annotator.gui.chart_drawing import draw, save

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

EVERY_CODER = -1  # the coders chooser's entry that sums every coder

CHARTS = (
    ("frequency", "Tag frequencies (bars)"),
    ("time", "Over time (lines)"),
    ("cooccurrence", "Tags sharing passages (heat map)"),
    ("progress", "Coding progress per coder"),
)


class ChartsPanel(QWidget):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("chartsPanel")
        self.table_data: FigureTable | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("chartKind")
        for key, title in CHARTS:
            self.kind.addItem(title, key)
        self.by = QComboBox()
        self.by.setObjectName("chartBy")
        self.coders = QComboBox()
        self.coders.setObjectName("chartCoders")
        self._at_work: int | None = None  # the coder at work when the coders were offered
        window.session.coderChanged.connect(lambda _coder: self.reload())
        self.figure = Figure(figsize=(7, 4.5), layout=None)
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setMinimumSize(320, 240)
        self.table = QTableWidget()
        self.table.setObjectName("chartTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        controls = QHBoxLayout()
        for label, widget in (
            ("C&hart", self.kind),
            ("&By", self.by),
            ("C&ounting", self.coders),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
        controls.addStretch(1)
        for text, slot, name in (
            ("Save as &PNG…", lambda: self.choose_save("png"), "savePng"),
            ("Save as S&VG…", lambda: self.choose_save("svg"), "saveSvg"),
            ("Save the table (&CSV)…", self.choose_save_table, "saveTable"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, f=slot: f())
            controls.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        self.kind.currentIndexChanged.connect(lambda _i: self._offer_by())
        self.by.currentIndexChanged.connect(lambda _i: self.redraw())
        self.coders.currentIndexChanged.connect(lambda _i: self.redraw())

    def _offer_by(self) -> None:
        kind = self.kind.currentData()
        current = self.by.currentData()
        self.by.blockSignals(True)
        self.by.clear()
        if kind == "frequency":
            self.by.addItem("outlet", "outlet")
            self.by.addItem("article", "article")
            for attribute in list_attributes(self.window_.project):
                self.by.addItem(attribute.name, f"attr:{attribute.id}")
        elif kind == "time":
            self.by.addItem("month", "month")
            self.by.addItem("year", "year")
        self.by.setCurrentIndex(max(self.by.findData(current), 0))
        self.by.setEnabled(self.by.count() > 0)
        self.by.blockSignals(False)
        self.coders.setEnabled(kind != "progress")
        self.redraw()

    def reload(self) -> None:
        """Offer each coder, and every coder summed last; the coder at work (the consensus
        when that is the coder shown) is counted unless the researcher chose otherwise, so a
        chart never silently adds two coders' codes of the same passages."""
        at_work = self.window_.session.coder
        current = self.coders.currentData()
        if current is None or current == self._at_work:
            current = at_work.id  # following the coder at work
        self._at_work = at_work.id
        coders = self.window_.visible_coder_records()  # blind coding: the coder at work only
        self.coders.blockSignals(True)
        self.coders.clear()
        for coder in coders:
            you = " (you)" if coder.id == at_work.id else ""
            self.coders.addItem(f"{coder.name}{you}", coder.id)
        names = " + ".join(sorted(c.name for c in coders))
        if len(coders) > 1:
            self.coders.addItem(f"every coder, summed ({names})", EVERY_CODER)
            self.coders.setItemData(
                self.coders.count() - 1,
                "Adds up the annotations of every coder, the consensus included: a passage two "
                "coders marked counts twice.",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.coders.setCurrentIndex(max(self.coders.findData(current), 0))
        self.coders.blockSignals(False)
        self._offer_by()

    def _counted(self) -> str:
        """Whose annotations the chart counts, as its title says."""
        if self.coders.currentData() == EVERY_CODER:
            return self.coders.currentText().replace("every coder, summed", "every coder summed")
        return "annotations of " + self.coders.currentText().removesuffix(" (you)")

    def annotations_changed(self) -> None:
        self.redraw()

    def figures(self) -> FigureTable:
        project = self.window_.project
        coder = self.coders.currentData()
        coders = frozenset({int(coder)}) if coder not in (None, EVERY_CODER) else None
        kind = self.kind.currentData()
        if kind == "time":
            return tags_over_time(project, self.by.currentData() or "month", coders=coders)
        if kind == "cooccurrence":
            return co_occurrence(project, coders=coders)
        if kind == "progress":
            shown = self.window_.visible_coder_records()
            return coding_progress(project, frozenset(c.id for c in shown))
        return tag_frequencies(project, self.by.currentData() or "outlet", coders=coders)

    def redraw(self) -> None:
        with messages.busy():
            self.table_data = self.figures()
            kind = {"time": "lines", "cooccurrence": "heatmap", "progress": "stacked"}.get(
                self.kind.currentData(), "bars"
            )
            colours = {t.name: t.color for t in self.window_.session.tags}
            colours.update({"not started": "#C9C9C9", "in progress": "#F2B447", "done": "#55A868"})
            counted = "" if self.kind.currentData() == "progress" else self._counted()
            draw(self.figure, self.table_data, kind, colours, counted)
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]
            self._fill_table(self.table_data)

    def _fill_table(self, data: FigureTable) -> None:
        self.table.clear()
        self.table.setRowCount(len(data.rows))
        self.table.setColumnCount(len(data.columns))
        self.table.setHorizontalHeaderLabels(data.columns)
        self.table.setVerticalHeaderLabels(data.rows)
        for y, row in enumerate(data.values):
            for x, value in enumerate(row):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(y, x, item)
        self.table.resizeColumnsToContents()

    def choose_save(self, suffix: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the chart", f"chart.{suffix}", f"{suffix.upper()} (*.{suffix})"
        )
        if path:
            self.save_chart(Path(path))

    def save_chart(self, path: Path) -> None:
        try:
            save(self.figure, path)
        except (OSError, AnnotatorError) as exc:
            messages.show_error(self, f"The chart could not be saved: {exc}")
            return
        self.window_.statusBar().showMessage(f"Chart saved to {path}", 4000)

    def choose_save_table(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the figures", "figures.csv", "CSV (*.csv)"
        )
        if path:
            self.save_table(Path(path))

    def save_table(self, path: Path) -> None:
        data = self.table_data
        if data is None:
            return
        with (
            atomic_path(path) as partial,
            partial.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = GuardedCsvWriter(handle)
            writer.writerow([data.row_title, *data.columns])
            for label, row in zip(data.rows, data.values, strict=True):
                writer.writerow([label, *row])
        self.window_.statusBar().showMessage(f"Figures saved to {path}", 4000)
