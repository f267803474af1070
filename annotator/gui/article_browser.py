"""The article browser: every article with its outlet, date, language, source, each coder's
status, a count per tag and its attributes; sort and filter on any column; choose several to
delete them, compare two side by side, or give them an attribute's value."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.article_delete import annotation_count
from annotator.core.article_table import article_ids
from annotator.core.attributes import AttributeRecord, list_attributes
from annotator.core.errors import AnnotatorError, NothingToChange
from annotator.core.models import AttributeKind
from annotator.gui import messages
from annotator.gui.article_browser_model import ArticleBrowserModel
from annotator.gui.attribute_dialogs import AttributeDialog, SetValueDialog
from annotator.gui.column_menu import ColumnMenu
from annotator.gui.corpus_commands import (
    AttributeDefinitionCommand,
    DeleteArticlesCommand,
    ImportAttributesCommand,
    SetAttributeValuesCommand,
)
from annotator.gui.write_command import WriteCommand, push

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
SHEETS = "Spreadsheets (*.csv *.xlsx);;All files (*)"


class AttributeDelegate(QStyledItemDelegate):
    """An attribute's cell edited as its kind asks: a fixed list from its values (the empty
    one removes the value), a date with its form shown, text and numbers typed."""

    def __init__(self, browser: "ArticleBrowser") -> None:
        super().__init__(browser)
        self.browser = browser

    def _attribute(self, index: Index) -> AttributeRecord | None:
        key = self.browser.model.columns[index.column()].key
        return self.browser.model.attributes.get(int(key[5:])) if key[:5] == "attr:" else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        attribute = self._attribute(index)
        if attribute is not None and attribute.kind == AttributeKind.CHOICE:
            editor = QComboBox(parent)
            editor.addItems(["", *attribute.choices])
            return editor
        widget = super().createEditor(parent, option, index)
        if attribute is not None and isinstance(widget, QLineEdit):
            hints = {AttributeKind.DATE: "YYYY-MM-DD", AttributeKind.NUMBER: "a number"}
            widget.setPlaceholderText(hints.get(AttributeKind(attribute.kind), ""))
        return widget

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ArticleTableView(QTableView):
    """Enter opens the current article, Delete deletes the chosen ones (when not editing)."""

    def __init__(self, browser: "ArticleBrowser") -> None:
        super().__init__()
        self.browser = browser

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A key an editor passes on (Return in a list of values) is not the table's.
        if self.state() != QAbstractItemView.State.EditingState and self.hasFocus():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.browser.open_current()
                return
            if event.matches(QKeySequence.StandardKey.Delete):
                self.browser.delete_chosen()
                return
        super().keyPressEvent(event)


class ArticleBrowser(QWidget):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("articleBrowser")
        self.model = ArticleBrowserModel(window.project)
        self.model.edit_value = self._edit_value
        self.summary = QLabel()
        self.summary.setObjectName("browserSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(self._filters())
        layout.addWidget(self._table(), 1)
        layout.addLayout(self._buttons())

    def _table(self) -> QTableView:
        self.table = ArticleTableView(self)
        self.table.setObjectName("articleTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(AttributeDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the project's own order
        header.setSectionsMovable(True)
        self.table.setSortingEnabled(True)
        self.column_menu = ColumnMenu([header], lambda: [c.key for c in self.model.columns])
        self.table.doubleClicked.connect(self._double_clicked)
        return self.table

    def _filters(self) -> QHBoxLayout:
        self.filter_column = QComboBox()
        self.filter_column.setObjectName("filterColumn")
        self.filter_text = QLineEdit()
        self.filter_text.setObjectName("filterText")
        self.filter_text.setPlaceholderText("Filter: text the column contains, or >2 for counts")
        self.filter_text.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self._apply_filter)
        self.filter_text.textEdited.connect(lambda _t: self._typing.start())
        self.filter_text.returnPressed.connect(self._apply_filter)
        self.filter_column.currentIndexChanged.connect(self._show_filter_of_column)
        clear = QPushButton("Clear filters")
        clear.clicked.connect(self.clear_filters)
        top = QHBoxLayout()
        label = QLabel("&Filter")
        label.setBuddy(self.filter_column)
        top.addWidget(label)
        top.addWidget(self.filter_column)
        top.addWidget(self.filter_text, 1)
        top.addWidget(clear)
        return top

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.lead_buttons: list[QPushButton] = []  # on a team's server, the lead's
        for text, slot, name in (
            ("&Open", self.open_current, "openArticle"),
            ("Side &by side", self.compare, "compareArticles"),
            ("Set &attribute…", self.set_attribute, "setAttribute"),
            ("New a&ttribute…", self.new_attribute, "newAttribute"),
            ("&Edit attribute…", self.edit_attribute, "editAttribute"),
            ("&Import attributes…", self.import_attributes, "importAttributes"),
            ("&Delete…", self.delete_chosen, "deleteArticles"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, f=slot: f())
            buttons.addWidget(button)
            if name not in ("openArticle", "compareArticles"):
                self.lead_buttons.append(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        return buttons

    # ----- columns, filters, counts ---------------------------------------------------
    def reload(self) -> None:
        """Everything anew: columns (coders, tags, attributes) and rows."""
        window = self.window_
        self.model.project = window.project
        coders = window.visible_coder_records()  # blind coding: no one else's status
        counted = None if window.settings.show_other_coders else frozenset(c.id for c in coders)
        self.model.configure(coders, window.session.tags, list_attributes(window.project), counted)
        self.column_menu.reapply()
        current = self.filter_column.currentData()
        self.filter_column.blockSignals(True)
        self.filter_column.clear()
        for column in self.model.columns:
            self.filter_column.addItem(column.title, column.key)
        found = self.filter_column.findData(current)
        self.filter_column.setCurrentIndex(max(found, 0))
        self.filter_column.blockSignals(False)
        self._show_filter_of_column()
        header = self.table.horizontalHeader()
        widths = {"title": 280, "outlet": 130, "published": 90, "language": 74, "source": 64}
        for section, column in enumerate(self.model.columns):
            kind = column.key.partition(":")[0]
            width = {"status": 100, "tag": 72, "annotations": 64, "attr": 110}.get(kind, 100)
            header.resizeSection(section, widths.get(column.key, width))
        self._summarise()
        self.follow_role()

    def follow_role(self) -> None:
        """Offer changes to articles and attributes only where the role allows them (on a
        team's server they are the lead's; the server refuses them to a coder anyway)."""
        lead = self.window_.team.lead
        for button in self.lead_buttons:
            button.setEnabled(lead)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            if lead
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def _summarise(self) -> None:
        shown = self.model.rowCount()
        filters = "; ".join(f"{self._title(k)} “{v}”" for k, v in self.model.query.filters)
        self.summary.setText(
            f"{shown:,} article(s)" + (f" · filtered by {filters}" if filters else "")
        )

    def _title(self, key: str) -> str:
        return next((c.title for c in self.model.columns if c.key == key), key)

    def _show_filter_of_column(self) -> None:
        key = self.filter_column.currentData()
        self.filter_text.setText(dict(self.model.query.filters).get(key, ""))

    def _apply_filter(self) -> None:
        self._typing.stop()
        key = self.filter_column.currentData()
        if key is None:
            return
        if dict(self.model.query.filters).get(key, "") == self.filter_text.text().strip():
            return
        self.model.set_filter(key, self.filter_text.text())
        self._summarise()

    def clear_filters(self) -> None:
        self.filter_text.clear()
        q = self.model.query
        self.model.set_query(type(q)((), q.sort, q.descending, q.number_attributes))
        self._summarise()

    def refresh_articles(self, article_ids_: tuple[int, ...] | list[int]) -> None:
        self.model.refresh_articles(article_ids_)

    # ----- what is chosen -------------------------------------------------------------
    def chosen_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if len(rows) > 2000 and len(rows) == self.model.rowCount():
            return article_ids(self.window_.project, self.model.query)  # all, in one query
        ids = []
        for row in rows:
            article = self.model.article(row)
            if article is not None:
                ids.append(article.id)
        return ids

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        article = self.model.article(index.row()) if index.isValid() else None
        return article.id if article is not None else None

    def choose_article(self, article_id: int) -> None:
        """Make the article's row current (when it is in the rows read so far)."""
        row = self.model.rows.loaded_row_of(article_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    # ----- actions --------------------------------------------------------------------
    def _push(self, command: WriteCommand) -> bool:
        try:
            with messages.busy():
                push(self.window_.undo_stack, command)
        except NothingToChange as exc:
            self.window_.statusBar().showMessage(str(exc), 4000)
            return False
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        if not self.model.columns[index.column()].key.startswith("attr:"):
            self.open_current()

    def open_current(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            self.window_.corpus.show_article(article_id)

    def compare(self) -> None:
        ids = self.chosen_ids()
        if len(ids) != 2:
            self.window_.statusBar().showMessage(
                "Choose two articles to compare (Ctrl+click).", 4000
            )
            return
        self.window_.corpus.compare(ids[0], ids[1])

    def _edit_value(self, article_id: int, attribute: AttributeRecord, text: str) -> bool:
        command = SetAttributeValuesCommand(
            self.window_.session, attribute.id, attribute.name, {article_id: text}
        )
        return self._push(command)

    def set_attribute(self) -> None:
        ids = self.chosen_ids()
        attributes = list_attributes(self.window_.project)
        if not ids:
            self.window_.statusBar().showMessage("Choose articles first.", 4000)
            return
        if not attributes:
            messages.show_error(self, "There are no attributes yet: make one with New attribute.")
            return
        dialog = SetValueDialog(self, attributes, len(ids))
        if messages.run_dialog(dialog):
            record = dialog.chosen()
            value = dialog.value.currentText()
            self._push(
                SetAttributeValuesCommand(
                    self.window_.session, record.id, record.name, dict.fromkeys(ids, value)
                )
            )
        dialog.deleteLater()

    def new_attribute(self) -> None:
        dialog = AttributeDialog(self)
        if messages.run_dialog(dialog):
            name, kind, choices = dialog.values()
            self._push(
                AttributeDefinitionCommand(
                    self.window_.session,
                    f"new attribute {name}",
                    None,
                    name=name,
                    kind=kind,
                    choices=choices,
                )
            )
        dialog.deleteLater()

    def _current_attribute(self) -> AttributeRecord | None:
        index = self.table.currentIndex()
        key = self.model.columns[index.column()].key if index.isValid() else ""
        attributes = list_attributes(self.window_.project)
        if key.startswith("attr:"):
            return next((a for a in attributes if a.id == int(key[5:])), None)
        if not attributes:
            return None
        names = [a.name for a in attributes]
        chosen = messages.ask_choice(self, "Edit attribute", "Attribute:", names)
        return next((a for a in attributes if a.name == chosen), None)

    def edit_attribute(self) -> None:
        record = self._current_attribute()
        if record is None:
            self.window_.statusBar().showMessage(
                "Click a cell of the attribute's column first.", 4000
            )
            return
        dialog = AttributeDialog(self, record)
        dialog.setWindowTitle(f"Edit attribute {record.name}")
        result = dialog.exec()
        dialog.deleteLater()
        if result == AttributeDialog.DELETE:
            self.delete_attribute(record)
        elif result == AttributeDialog.DialogCode.Accepted:
            name, kind, choices = dialog.values()
            self._push(
                AttributeDefinitionCommand(
                    self.window_.session,
                    f"edit attribute {record.name}",
                    record.id,
                    name=name,
                    kind=kind,
                    choices=choices,
                )
            )

    def delete_attribute(self, record: AttributeRecord) -> None:
        if messages.confirm(
            self,
            "Delete attribute",
            f"Delete the attribute “{record.name}” and every article's value of it? "
            "Edit > Undo brings them back.",
        ):
            self._push(
                AttributeDefinitionCommand(
                    self.window_.session, f"delete attribute {record.name}", record.id, delete=True
                )
            )

    def import_attributes(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import attributes", "", SHEETS)
            if not chosen:
                return
            path = Path(chosen)
        command = ImportAttributesCommand(self.window_.session, path)
        if self._push(command) and command.result is not None:
            report = command.result.report
            lines = report.lines()
            messages.show_report(
                self,
                "Attributes imported",
                lines[0],
                "\n".join(lines[1:]),
                problems=report.problems > 0,
            )

    def delete_chosen(self) -> None:
        if not self.window_.team.lead:
            return
        ids = self.chosen_ids()
        if not ids:
            self.window_.statusBar().showMessage("Choose the articles to delete first.", 4000)
            return
        spans = annotation_count(self.window_.project, ids)
        what = f"{len(ids)} article(s)" if len(ids) != 1 else "this article"
        if messages.confirm(
            self,
            "Delete articles",
            f"Delete {what} with {spans:,} annotation(s), their coding statuses and attribute "
            "values? Edit > Undo (Ctrl+Z) brings them back.",
        ):
            self._push(DeleteArticlesCommand(self.window_.session, ids))
