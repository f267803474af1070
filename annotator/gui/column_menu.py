"""A table header's context menu that shows or hides its columns (the same columns in every
view of one model, so switching views keeps the choice; an export writes what is shown)."""

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu


class ColumnMenu:
    """Right-click on any of ``headers`` offers each column, ticked when shown. ``keys`` names
    the model's columns, so a hidden column stays hidden when columns come or go (a new tag
    or attribute)."""

    def __init__(self, headers: list[QHeaderView], keys: Callable[[], list[str]]) -> None:
        self.headers = headers
        self.keys = keys
        self.hidden: set[str] = set()
        self.menu: QMenu | None = None
        for header in headers:
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(lambda point, h=header: self.popup(h, point))

    def popup(self, header: QHeaderView, point: QPoint) -> QMenu:
        """The menu, opened at ``point`` of ``header`` (not modal: it closes on a choice)."""
        if self.menu is not None:
            self.menu.deleteLater()
        menu = self.menu = QMenu(header)
        menu.setObjectName("columnMenu")
        model = header.model()
        shown = [s for s in range(header.count()) if not header.isSectionHidden(s)]
        for section in sorted(range(header.count()), key=header.visualIndex):
            title = model.headerData(section, Qt.Orientation.Horizontal) if model else section
            action = QAction(str(title).removesuffix(" •"), menu)
            action.setCheckable(True)
            action.setChecked(section in shown)
            # The last column shown stays: a table without columns cannot be clicked again.
            action.setEnabled(not (section in shown and len(shown) == 1))
            action.toggled.connect(lambda on, s=section: self.show_column(s, on))
            menu.addAction(action)
        menu.popup(header.mapToGlobal(point))
        return menu

    def show_column(self, section: int, shown: bool) -> None:
        key = self.keys()[section]
        if shown:
            self.hidden.discard(key)
        else:
            self.hidden.add(key)
        for header in self.headers:
            header.setSectionHidden(section, not shown)

    def reapply(self) -> None:
        """After the model's columns changed: the same columns hidden, by name."""
        for section, key in enumerate(self.keys()):
            for header in self.headers:
                header.setSectionHidden(section, key in self.hidden)
