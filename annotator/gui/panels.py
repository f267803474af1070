"""The side panels: the codebook and the list of the article's annotations."""

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.models import AnnotationTableModel


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; padding: 6px 2px 2px 2px;")
    return label


QUOTE_COLUMN = 1
MIN_QUOTE_WIDTH = 160
WIDTHS = {0: 92, 2: 110, 3: 48, 4: 92}  # the other columns, in pixels


class AnnotationTable(QTableView):
    """The list's columns keep their widths; the quote takes what is left, never less than
    it needs to be read (the list scrolls sideways instead)."""

    deletePressed = Signal()

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        others = sum(w for column, w in WIDTHS.items() if not self.isColumnHidden(column))
        width = max(MIN_QUOTE_WIDTH, self.viewport().width() - others)
        header.resizeSection(QUOTE_COLUMN, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def setColumnHidden(self, column: int, hide: bool) -> None:
        super().setColumnHidden(column, hide)
        self.fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deletePressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AnnotationPanel(QWidget):
    annotationChosen = Signal(int)
    deleteRequested = Signal(int)
    noteRequested = Signal(int)

    def __init__(self, model: AnnotationTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = AnnotationTable()
        self.table.setObjectName("annotations")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Fixed sizes: measuring contents would visit every row on every insert.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.clicked.connect(self._chosen)
        self.table.doubleClicked.connect(self._note)
        self.table.deletePressed.connect(self._delete)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._chosen)
        self._rows_changing = False
        self.note_button = QPushButton("Note…")
        self.note_button.setToolTip("Write or edit the note of the chosen annotation (Ctrl+M)")
        self.note_button.clicked.connect(self._note)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the chosen annotation (Delete)")
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QComboBox()
        self.filter.setObjectName("tagFilter")
        self.filter.setToolTip("Show the annotations of one tag only")
        top = QHBoxLayout()
        top.addWidget(_heading("Annotations"))
        top.addStretch(1)
        top.addWidget(self.filter)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_tags(self, tags: list[tuple[int, str]]) -> None:
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("All tags", None)
        for tag_id, name in tags:
            self.filter.addItem(name, tag_id)
        index = self.filter.findData(current)
        self.filter.setCurrentIndex(max(index, 0))
        self.filter.blockSignals(False)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(self.model.index(index.row(), 0), Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def choose(self, annotation_id: int, *, quietly: bool = False) -> None:
        """Make the annotation the current row; ``quietly`` does not announce it (the text
        is not scrolled to it), as after coding it, when it is in view already."""
        row = self.model.row_of(annotation_id)
        if row >= 0:
            index = self.model.index(row, 0)
            selection = self.table.selectionModel()
            selection.blockSignals(quietly)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            self.table.scrollTo(index)
            if quietly:
                self.table.viewport().update()

    def clear_choice(self) -> None:
        """No annotation chosen: no current row, and nothing announced."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)
        self.table.viewport().update()

    @contextmanager
    def rows_changing(self) -> Iterator[None]:
        """The list's rows change under it: when the current row goes (a changed annotation's
        row is replaced), the row Qt makes current instead is not a choice the researcher
        made, so it is not announced; the caller chooses again."""
        self._rows_changing = True
        try:
            yield
        finally:
            self._rows_changing = False

    def _chosen(self, *_args: object) -> None:
        if self._rows_changing:
            return
        current = self.current_id()
        if current is not None:
            self.annotationChosen.emit(current)

    def _note(self, *_args: object) -> None:
        current = self.current_id()
        if current is not None:
            self.noteRequested.emit(current)

    def _delete(self) -> None:
        current = self.current_id()
        if current is not None:
            self.deleteRequested.emit(current)
