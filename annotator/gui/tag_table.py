"""The tag table: every span of the chosen tags across the project, keyword in context.

Filter by tag, coder, an attribute's value and words; sort on any column; group by article or
by an attribute's value. Enter opens a span in its article; the tag (F2 or Ctrl+T) and the
note (F2 or Ctrl+M) are edited in place and the ends moved with the workbench's keys, each
through the workbench's own undoable commands. The export writes what the table shows.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotations import get_annotation
from annotator.core.attributes import list_attributes
from annotator.core.errors import AnnotatorError, NothingToChange
from annotator.core.span_table import SpanQuery, SpanRow
from annotator.core.span_table_export import export_span_table
from annotator.gui import messages
from annotator.gui.checklist_menu import ChecklistMenu
from annotator.gui.column_menu import ColumnMenu
from annotator.gui.tag_table_model import TagTableModel
from annotator.gui.undo import ChangeAnnotationCommand, DeleteAnnotationCommand, EditNoteCommand
from annotator.gui.write_command import WriteCommand, push

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
# The workbench's keys, taken over while the table has the focus (they act on its row).
MOVES = {
    QKeySequence(key).toString(): step
    for key, step in (
        ("Shift+Alt+Right", (0, 1)),
        ("Shift+Alt+Left", (0, -1)),
        ("Ctrl+Shift+Alt+Left", (-1, 0)),
        ("Ctrl+Shift+Alt+Right", (1, 0)),
    )
}
OWN_KEYS = {"Ctrl+M", "Ctrl+T", "Del", "Return", "Enter"}


class TagDelegate(QStyledItemDelegate):
    """The tag cell edited with a list of the codebook's tags."""

    def __init__(self, table: "TagTable") -> None:
        super().__init__(table)
        self.table = table

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if self.table.model.columns[index.column()].key != "tag":
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        for tag in self.table.window_.session.tags:
            editor.addItem(tag.name, tag.id)
        return editor

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if self.table.model.columns[index.column()].key == "before":
            # The words nearest the span matter: cut the text before on its left.
            option.textElideMode = Qt.TextElideMode.ElideLeft

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class SpanKeys:
    """The workbench's editing keys acting on the current row of a span view."""

    table: "TagTable"

    def _name(self, event: QKeyEvent) -> str:
        return QKeySequence(event.keyCombination()).toString()

    def _takes(self, view: QAbstractItemView, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        name = self._name(event)
        if (name in MOVES or name in OWN_KEYS) and self._idle(view):
            event.accept()
            return True
        return False

    @staticmethod
    def _idle(view: QAbstractItemView) -> bool:
        """Not editing a cell: a key an editor passes on (Return in a list) is the editor's."""
        return view.state() != QAbstractItemView.State.EditingState and view.hasFocus()

    def _act(self, view: QAbstractItemView, event: QKeyEvent) -> bool:
        if not self._idle(view):
            return False
        name = self._name(event)
        if name in MOVES:
            self.table.move_ends(*MOVES[name])
            return True
        actions = {
            "Ctrl+M": self.table.edit_note,
            "Ctrl+T": self.table.change_tag,
            "Del": self.table.delete_span,
            "Return": self.table.open_current,
            "Enter": self.table.open_current,
        }
        if name in actions:
            actions[name]()
            return True
        return False


class SpanTableView(QTableView, SpanKeys):
    """The flat table: a table view reads only the rows on screen, however many there are."""

    def __init__(self, table: "TagTable") -> None:
        super().__init__()
        self.table = table

    def event(self, event: QEvent) -> bool:
        return self._takes(self, event) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._act(self, event):
            super().keyPressEvent(event)


class SpanTreeView(QTreeView, SpanKeys):
    """The grouped table: groups that open on their spans."""

    def __init__(self, table: "TagTable") -> None:
        super().__init__()
        self.table = table

    def event(self, event: QEvent) -> bool:
        return self._takes(self, event) or super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._act(self, event):
            super().keyPressEvent(event)


class TagTable(QWidget):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("tagTable")
        self.model = TagTableModel(window.project)
        self.model.edit = self._edit
        self.flat_view = SpanTableView(self)
        self.flat_view.setObjectName("spanTable")
        self.flat_view.verticalHeader().setVisible(False)
        rows = self.flat_view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.flat_view.setWordWrap(False)
        self.tree_view = SpanTreeView(self)
        self.tree_view.setObjectName("spanGroups")
        self.tree_view.setUniformRowHeights(True)
        self.views = QStackedWidget()
        for view in (self.flat_view, self.tree_view):
            view.setModel(self.model)
            view.setAlternatingRowColors(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
            view.setItemDelegate(TagDelegate(self))
            header = self._header(view)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.setSectionsMovable(True)
            view.setSortingEnabled(True)
            view.doubleClicked.connect(self._double_clicked)
            self.views.addWidget(view)
        self.view: QAbstractItemView = self.flat_view
        self.column_menu = ColumnMenu(
            [self.flat_view.horizontalHeader(), self.tree_view.header()],
            lambda: [c.key for c in self.model.columns],
        )
        self.count = QLabel()
        self.count.setObjectName("spanCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(self._filters())
        layout.addWidget(self.views, 1)
        layout.addLayout(self._bottom())
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.timeout.connect(self._rows_changed)

    # ----- filters ------------------------------------------------------------------------
    def _filters(self) -> QHBoxLayout:
        self.tag_button = QToolButton()
        self.tag_button.setObjectName("tagFilter")
        self.tag_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tag_menu = ChecklistMenu(self.tag_button)
        self.tag_button.setMenu(self.tag_menu)
        self.coder_button = QToolButton()
        self.coder_button.setObjectName("coderFilter")
        self.coder_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.coder_menu = ChecklistMenu(self.coder_button)
        self.coder_button.setMenu(self.coder_menu)
        self.attribute = QComboBox()
        self.attribute.setObjectName("attributeFilter")
        self.value = QComboBox()
        self.value.setObjectName("attributeValue")
        self.value.setEditable(True)
        self.value.setMinimumWidth(110)
        self.words = QLineEdit()
        self.words.setObjectName("wordFilter")
        self.words.setPlaceholderText("Words in the quote or note")
        self.words.setClearButtonEnabled(True)
        self.group = QComboBox()
        self.group.setObjectName("groupBy")
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.apply)
        self.words.textEdited.connect(lambda _t: self._typing.start())
        self.words.returnPressed.connect(self.apply)
        self.attribute.currentIndexChanged.connect(self._offer_values)
        self.value.currentTextChanged.connect(lambda _t: self._typing.start())
        self.group.currentIndexChanged.connect(lambda _i: self.apply())
        row = QHBoxLayout()
        for label, widget in (
            ("Ta&gs", self.tag_button),
            ("C&oders", self.coder_button),
            ("Attri&bute", self.attribute),
            (None, self.value),
            ("&Words", self.words),
            ("Gro&up by", self.group),
        ):
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                row.addWidget(caption)
            row.addWidget(widget, 1 if widget is self.words else 0)
        return row

    def _bottom(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot, name in (
            ("&Open in article", self.open_current, "openSpan"),
            ("Side &by side", self.compare, "compareSpans"),
            ("E&xport this table…", self.choose_export, "exportSpans"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, f=slot: f())
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.count)
        return row

    def _checkable(self, menu: QMenu, items: list[tuple[int, str]], checked: set[int]) -> None:
        menu.clear()
        for ident, name in items:
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setChecked(ident in checked)
            action.setData(ident)
            action.toggled.connect(lambda _on: self.apply())
            menu.addAction(action)

    @staticmethod
    def _checked(menu: QMenu) -> frozenset[int] | None:
        actions = menu.actions()
        chosen = frozenset(int(a.data()) for a in actions if a.isChecked())
        return None if not chosen or len(chosen) == len(actions) else chosen

    def _label_buttons(self) -> None:
        for button, menu, everyone in (
            (self.tag_button, self.tag_menu, "all tags"),
            (self.coder_button, self.coder_menu, "all coders"),
        ):
            names = [a.text() for a in menu.actions() if a.isChecked()]
            if not names or len(names) == len(menu.actions()):
                button.setText(everyone + " ▾")
            else:
                text = ", ".join(names)
                button.setText((text if len(text) < 28 else text[:26] + "…") + " ▾")

    def _offer_values(self) -> None:
        self.value.blockSignals(True)
        self.value.clear()
        attribute_id = self.attribute.currentData()
        self.value.setEnabled(attribute_id is not None)
        if attribute_id is not None:
            from annotator.core.span_table import NO_VALUE  # noqa: PLC0415

            record = next(a for a in self._attributes if a.id == attribute_id)
            self.value.addItems([*record.choices, NO_VALUE])
            self.value.setCurrentText("")
        self.value.blockSignals(False)
        self.apply()

    # ----- reading --------------------------------------------------------------------
    def reload(self) -> None:
        """The codebook, coders and attributes may have changed: the filters and columns
        anew, the chosen filters kept where they still exist."""
        window = self.window_
        self.model.project = window.project
        self._attributes = list_attributes(window.project)
        tags = window.session.tags
        kept_tags = self._checked(self.tag_menu) if self.tag_menu.actions() else None
        if kept_tags is None and not self.tag_menu.actions() and tags:
            kept_tags = frozenset({tags[0].id})  # the first tag to begin with: pledges
        self._checkable(self.tag_menu, [(t.id, t.name) for t in tags], set(kept_tags or ()))
        kept_coders = self._checked(self.coder_menu)
        coders = [(c.id, c.name) for c in window.visible_coder_records()]
        self._checkable(self.coder_menu, coders, set(kept_coders or ()))
        for combo, first, items in (
            (self.attribute, "(any)", [(a.id, a.name) for a in self._attributes]),
            (
                self.group,
                "nothing",
                [(-1, "article"), *[(a.id, a.name) for a in self._attributes]],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for ident, name in items:
                combo.addItem(name, ident)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        self.model.configure(tags, self._attributes)
        self.column_menu.reapply()
        self.apply(force=True)
        self._size_columns()

    @staticmethod
    def _header(view: QAbstractItemView) -> QHeaderView:
        if isinstance(view, QTableView):
            return view.horizontalHeader()
        assert isinstance(view, QTreeView)
        return view.header()

    def _size_columns(self) -> None:
        widths = {"before": 230, "quote": 260, "after": 230, "note": 160}
        for view in (self.flat_view, self.tree_view):
            header = self._header(view)
            for section, column in enumerate(self.model.columns):
                header.resizeSection(section, widths.get(column.key, 100))

    def query(self) -> SpanQuery:
        attribute_id = self.attribute.currentData()
        value = self.value.currentText().strip()
        group = self.group.currentData()
        numbers = frozenset(a.id for a in self._attributes if a.kind == "number")
        q = self.model.query
        coders = self._checked(self.coder_menu)
        window = self.window_
        if not window.settings.show_other_coders:  # blind coding: the coder's own spans only
            coders = frozenset({window.session.coder.id})
        return SpanQuery(
            tags=self._checked(self.tag_menu),
            coders=coders,
            attribute=(int(attribute_id), value) if attribute_id is not None and value else None,
            words=self.words.text().strip(),
            sort=q.sort,
            descending=q.descending,
            group=None if group is None else "article" if group == -1 else f"attr:{group}",
            numbers=numbers,
        )

    def apply(self, force: bool = False) -> None:
        self._typing.stop()
        self._label_buttons()
        query = self.query()
        if query == self.model.query and not force:
            return
        with messages.busy():
            self.model.set_query(query)
        self._show_view()
        self._say_count()

    def _show_view(self) -> None:
        """A table for the flat list, a tree for groups (a tree lays out every row it has)."""
        self.view = self.tree_view if self.model.grouped else self.flat_view
        self.views.setCurrentWidget(self.view)
        if self.model.grouped:
            for row in range(self.model.rowCount()):
                self.tree_view.setFirstColumnSpanned(row, QModelIndex(), True)

    def _say_count(self) -> None:
        if self.model.grouped:
            total = sum(g.count for g in self.model.groups)
            self.count.setText(f"{total:,} span(s) in {len(self.model.groups):,} group(s)")
        else:
            self.count.setText(f"{self.model.flat.total:,} span(s)")

    def annotations_changed(self) -> None:
        """Spans were added, changed or removed: shown again once the changes settle."""
        self._refresh.start(0)

    def _rows_changed(self) -> None:
        """Show the changed spans and keep the reader's place: the open groups, the scroll
        position and the current row (the next one when the current span left the table)."""
        model = self.model
        index = self.view.currentIndex()
        current = model.span_at(index)
        row, column = index.row(), max(index.column(), 0)
        group = index.parent().row() if model.grouped and index.parent().isValid() else -1
        opened = {
            model.groups[r].key
            for r in range(model.rowCount())
            if model.grouped and self.tree_view.isExpanded(model.index(r, 0))
        }
        scrolled = self.view.verticalScrollBar().value()
        if model.rows_changed():
            return  # the same rows, redrawn in place
        self._show_view()
        self._say_count()
        if model.grouped:
            keys = [g.key for g in model.groups]
            for key in opened & set(keys):
                self.tree_view.expand(model.index(keys.index(key), 0))
        self.view.verticalScrollBar().setValue(scrolled)
        parent = model.index(group, 0) if group >= 0 and group < model.rowCount() else None
        found = model.flat.loaded_row_of(current.id) if current and not model.grouped else -1
        row = found if found >= 0 else row
        count = model.rowCount(parent) if parent is not None else model.rowCount()
        if count and row >= 0:
            target = model.index(min(row, count - 1), column, parent or QModelIndex())
            self.view.selectionModel().setCurrentIndex(
                target,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    # ----- acting on a row ------------------------------------------------------------
    def current(self) -> SpanRow | None:
        return self.model.span_at(self.view.currentIndex())

    def chosen(self) -> list[SpanRow]:
        rows = [self.model.span_at(i) for i in self.view.selectionModel().selectedRows()]
        return [r for r in rows if r is not None]

    def _push(self, command: WriteCommand) -> bool:
        try:
            push(self.window_.undo_stack, command)
        except NothingToChange as exc:
            self.window_.statusBar().showMessage(str(exc), 4000)
            return False
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return False
        return True

    def _record(self, row: SpanRow) -> Any:
        try:
            return get_annotation(self.window_.project, row.id)
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return None

    def _edit(self, row: SpanRow, key: str, value: Any) -> bool:
        record = self._record(row)
        if record is None:
            return False
        session = self.window_.session
        if key == "tag":
            if value is None or int(value) == record.tag_id:
                return False
            return self._push(ChangeAnnotationCommand(session, record, tag_id=int(value)))
        if key == "note":
            note = str(value or "")
            return note != record.note and self._push(EditNoteCommand(session, record, note))
        return False

    def _say(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, 4000)

    def change_tag(self) -> None:
        row = self.current()
        if row is None:
            self._say("Choose a span in the table first.")
            return
        tags = [t for t in self.window_.session.tags if t.id != row.tag_id]
        chosen = messages.ask_choice(self, "Change tag", "New tag:", [t.name for t in tags])
        tag = next((t for t in tags if t.name == chosen), None)
        if tag is not None:
            self._edit(row, "tag", tag.id)

    def edit_note(self) -> None:
        row = self.current()
        if row is None:
            self._say("Choose a span in the table first.")
            return
        note = messages.ask_note(self, f"Note on this {row.tag}:\n“{row.quote[:80]}”", row.note)
        if note is not None:
            self._edit(row, "note", note)

    def move_ends(self, start_step: int, end_step: int) -> None:
        row = self.current()
        record = self._record(row) if row is not None else None
        if record is None:
            self._say("Choose a span in the table first.")
            return
        start, end = record.start + start_step, record.end + end_step
        if start < 0 or start >= end:
            self._say("An annotation keeps at least one character.")
            return
        self._push(ChangeAnnotationCommand(self.window_.session, record, span=(start, end)))

    def delete_span(self) -> None:
        row = self.current()
        record = self._record(row) if row is not None else None
        if record is not None:
            self._push(DeleteAnnotationCommand(self.window_.session, record))

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.is_group(index):
            return
        if not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.open_current()

    def open_current(self) -> None:
        row = self.current()
        record = self._record(row) if row is not None else None
        if record is not None:
            self.window_.corpus.show_span(record)

    def compare(self) -> None:
        articles = list(dict.fromkeys(r.article_id for r in self.chosen()))
        if len(articles) != 2:
            self._say("Choose spans of two articles to compare them (Ctrl+click).")
            return
        self.window_.corpus.compare(articles[0], articles[1])

    # ----- export ---------------------------------------------------------------------
    def shown_columns(self) -> list[tuple[str, str]]:
        header = self._header(self.view)
        order = sorted(range(len(self.model.columns)), key=header.visualIndex)
        return [
            (self.model.columns[s].key, self.model.columns[s].title)
            for s in order
            if not header.isSectionHidden(s)
        ]

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the table", "spans.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        title = self.group.currentText() if self.model.grouped else "group"
        try:
            with messages.busy():
                count = export_span_table(
                    self.window_.project, self.model.query, self.shown_columns(), path, title
                )
        except AnnotatorError as exc:
            messages.show_error(self, str(exc))
            return 0
        self._say(f"Exported {count:,} span(s) to {path}")
        return count
