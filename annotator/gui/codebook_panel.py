"""The codebook panel: tags nested as the codebook nests them, with colour, key, definition
on hover and how often each is used in this article and in the project."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.records import TagRecord

Index = QModelIndex | QPersistentModelIndex


class TagTreeModel(QStandardItemModel):
    """Rebuilt whenever the codebook changes; counts update in place."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[TagRecord] = []
        self.in_article: dict[int, int] = {}
        self.in_project: dict[int, int] = {}
        self._items: dict[int, QStandardItem] = {}

    def reset(
        self, tags: list[TagRecord], in_article: dict[int, int], in_project: dict[int, int]
    ) -> None:
        self.clear()
        self.tags = tags
        self.in_article, self.in_project = dict(in_article), dict(in_project)
        self._items = {}
        known = {t.id for t in tags}
        pending = list(tags)
        while pending:  # parents first, whatever their position
            waiting = []
            for tag in pending:
                if tag.parent_id in known and tag.parent_id not in self._items:
                    waiting.append(tag)
                    continue
                item = QStandardItem()
                item.setEditable(False)
                item.setData(tag.id, Qt.ItemDataRole.UserRole)
                item.setData(QColor(tag.color), Qt.ItemDataRole.DecorationRole)
                key = f"Key {tag.shortcut}. " if tag.shortcut else ""
                item.setToolTip(
                    f"{tag.name}: {tag.definition or '(no definition)'}\n{key}"
                    "Select text, then press the key or click the tag."
                )
                self._items[tag.id] = item
                parent = self._items.get(tag.parent_id or -1)
                (parent or self.invisibleRootItem()).appendRow(item)
            if len(waiting) == len(pending):
                break
            pending = waiting
        self._label_all()

    def _label_all(self) -> None:
        for tag in self.tags:
            self._label(tag)

    def _label(self, tag: TagRecord) -> None:
        item = self._items.get(tag.id)
        if item is not None:
            key = f"{tag.shortcut}  " if tag.shortcut else "    "
            here = self.in_article.get(tag.id, 0)
            total = self.in_project.get(tag.id, 0)
            item.setText(f"{key}{tag.name}    {here} · {total}")

    def count(self, tag_id: int, delta: int, *, in_article: bool = True) -> None:
        """One annotation more or fewer, in the open article or elsewhere in the project."""
        if in_article:
            self.in_article[tag_id] = self.in_article.get(tag_id, 0) + delta
        self.in_project[tag_id] = self.in_project.get(tag_id, 0) + delta
        tag = next((t for t in self.tags if t.id == tag_id), None)
        if tag is not None:
            self._label(tag)

    def set_article_counts(self, counts: dict[int, int]) -> None:
        self.in_article = dict(counts)
        self._label_all()

    def index_of(self, tag_id: int) -> QModelIndex:
        item = self._items.get(tag_id)
        return item.index() if item is not None else QModelIndex()


class CodebookPanel(QWidget):
    tagChosen = Signal(int)
    addRequested = Signal()
    editRequested = Signal(int)
    deleteRequested = Signal(int)
    mergeRequested = Signal(int)
    moveRequested = Signal(int, int)
    importRequested = Signal()
    exportRequested = Signal()

    def __init__(self, model: TagTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.editable = True  # False for a coder on a team's server: the codebook is the lead's
        self.edit_buttons: list[QToolButton] = []
        self.tree = QTreeView()
        self.tree.setObjectName("codebook")
        self.tree.setModel(model)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        self.tree.doubleClicked.connect(
            lambda i: self._emit(self.editRequested, i) if self.editable else None
        )
        heading = QLabel("Codebook")
        heading.setStyleSheet("font-weight: 600; padding: 6px 2px 2px 2px;")
        hint = QLabel("here · project")
        hint.setToolTip("Each tag's count in this article · in the whole project")
        hint.setStyleSheet("color: palette(placeholder-text); font-size: 10px;")
        tools = QHBoxLayout()
        tools.setSpacing(2)
        for text, tip, slot in (
            ("+", "Add a tag", self.addRequested.emit),
            (
                "Edit",
                "Rename, recolour, redefine, nest or give a key",
                lambda: self._emit_current(self.editRequested),
            ),
            (
                "−",
                "Delete the tag and its annotations",
                lambda: self._emit_current(self.deleteRequested),
            ),
            (
                "Merge",
                "Merge the tag into another",
                lambda: self._emit_current(self.mergeRequested),
            ),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            tools.addWidget(button)
            self.edit_buttons.append(button)
        more = self._more_button()
        tools.addWidget(more)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(hint)
        layout.addLayout(header)
        layout.addWidget(self.tree)
        layout.addLayout(tools)

    def _more_button(self) -> QToolButton:
        # Less frequent actions in a menu, so the panel stays narrow on a small screen.
        more = QToolButton()
        more.setText("⋯")
        more.setObjectName("codebookMore")
        more.setToolTip("Move the tag, import or export the codebook")
        more.setAutoRaise(True)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        self.edit_actions = [
            menu.addAction("Move &up", lambda: self._move(-1)),
            menu.addAction("Move &down", lambda: self._move(+1)),
        ]
        menu.addSeparator()
        self.edit_actions.append(
            menu.addAction("&Import a codebook sheet (.xlsx, .csv)…", self.importRequested.emit)
        )
        menu.addAction("&Export the codebook as a sheet…", self.exportRequested.emit)
        more.setMenu(menu)
        return more

    def set_editable(self, editable: bool) -> None:
        """Offer the codebook's changes or not (on a team's server they are the lead's);
        choosing tags and exporting the codebook stay."""
        self.editable = editable
        for button in self.edit_buttons:
            button.setEnabled(editable)
        for action in self.edit_actions:
            action.setEnabled(editable)

    def current_tag(self) -> int | None:
        value = self.tree.currentIndex().data(Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def _emit(self, signal: SignalInstance, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            signal.emit(int(value))

    def _emit_current(self, signal: SignalInstance) -> None:
        current = self.current_tag()
        if current is not None:
            signal.emit(current)

    def _move(self, step: int) -> None:
        current = self.current_tag()
        if current is not None:
            self.moveRequested.emit(current, step)

    def _clicked(self, index: QModelIndex) -> None:
        self._emit(self.tagChosen, index)

    def select(self, tag_id: int) -> None:
        index = self.model.index_of(tag_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
