"""The corpus view: tabs beside the workbench for the article browser, every span of a tag,
full-text search and charts. Each tab is built the first time it is shown, and follows the
coding session's changes: at once while it is shown, on being shown again otherwise."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.records import AnnotationRecord
from annotator.gui.steady_tabs import SteadyTabs

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class CorpusTab(Protocol):
    def reload(self) -> None: ...


class _Tab:
    def __init__(self, title: str, make: Callable[[], QWidget]) -> None:
        self.title = title
        self.make = make
        self.widget: QWidget | None = None
        self.holder = QWidget()
        self.dirty = False


class CorpusTabs(QObject):
    WORKBENCH, ARTICLES, SPANS, SEARCH, CHARTS = range(5)

    def __init__(self, window: "MainWindow", workbench: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.tabs = SteadyTabs()
        self.tabs.setObjectName("corpusTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(workbench, "Wor&kbench")
        self._tabs: list[_Tab] = [
            _Tab("&Articles", self._make_browser),
            _Tab("&Spans", self._make_spans),
            _Tab("Sea&rch", self._make_search),
            _Tab("Char&ts", self._make_charts),
        ]
        for tab in self._tabs:
            self.tabs.addTab(tab.holder, tab.title)
        self.tabs.currentChanged.connect(self._shown)
        self._side_by_side: list[QWidget] = []

    # ----- the tabs -------------------------------------------------------------------
    def _make_browser(self) -> QWidget:
        from annotator.gui.article_browser import ArticleBrowser  # noqa: PLC0415

        return ArticleBrowser(self.window)

    def _make_spans(self) -> QWidget:
        from annotator.gui.tag_table import TagTable  # noqa: PLC0415

        return TagTable(self.window)

    def _make_search(self) -> QWidget:
        from annotator.gui.search_panel import SearchPanel  # noqa: PLC0415

        return SearchPanel(self.window)

    def _make_charts(self) -> QWidget:
        from annotator.gui.charts import ChartsPanel  # noqa: PLC0415

        return ChartsPanel(self.window)

    def widget(self, number: int) -> Any:
        """The tab's widget, built now if it was not yet."""
        tab = self._tabs[number - 1]
        if tab.widget is None:
            tab.widget = tab.make()
            from PySide6.QtWidgets import QVBoxLayout  # noqa: PLC0415

            layout = QVBoxLayout(tab.holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(tab.widget)
            tab.widget.reload()  # type: ignore[attr-defined]
            tab.dirty = False
        return tab.widget

    @property
    def browser(self) -> Any:
        return self.widget(self.ARTICLES)

    @property
    def spans(self) -> Any:
        return self.widget(self.SPANS)

    def show(self, number: int) -> Any:
        self.tabs.setCurrentIndex(number)
        return self.widget(number) if number else None

    def _shown(self, number: int) -> None:
        if number <= 0:
            return
        tab = self._tabs[number - 1]
        if tab.widget is None:
            self.widget(number)
        elif tab.dirty:
            tab.dirty = False
            tab.widget.reload()  # type: ignore[attr-defined]

    def _visible(self, number: int) -> Any:
        """The tab's widget when it is built and shown; otherwise it is marked to reload."""
        tab = self._tabs[number - 1]
        if tab.widget is None:
            return None
        if self.tabs.currentIndex() != number:
            tab.dirty = True
            return None
        return tab.widget

    def add_menu_actions(self, menu: QMenu) -> None:
        for number, title in enumerate(
            ["&Workbench", "&Articles", "&Spans of a tag", "Full-text s&earch", "C&harts"]
        ):
            action = QAction(title, self.window)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _c=False, n=number: self.show(n))
            self.window.addAction(action)
            menu.addAction(action)

    # ----- following the session --------------------------------------------------------
    def bind(self) -> None:
        session = self.window.session
        session.annotationAdded.connect(self._annotation)
        session.annotationRemoved.connect(self._annotation)
        session.annotationChanged.connect(lambda _b, after: self._annotation(after))
        session.statusChanged.connect(lambda article_id, _status: self._articles([article_id]))
        session.tagsChanged.connect(self.reload_all)
        session.reloadNeeded.connect(self.reload_all)
        session.attributesChanged.connect(self._attributes)

    def project_changed(self) -> None:
        for tab in self._tabs:
            if tab.widget is not None:
                tab.dirty = True
        self._shown(self.tabs.currentIndex())

    def reload_all(self) -> None:
        for number in range(1, len(self._tabs) + 1):
            widget = self._visible(number)
            if widget is not None:
                widget.reload()

    def _annotation(self, record: AnnotationRecord) -> None:
        self._articles([record.article_id])
        for number in (self.SPANS, self.CHARTS):
            widget = self._visible(number)
            if widget is not None:
                widget.annotations_changed()

    def _articles(self, article_ids: list[int]) -> None:
        browser = self._visible(self.ARTICLES)
        if browser is not None:
            browser.refresh_articles(article_ids)

    def _attributes(self, article_ids: tuple[int, ...]) -> None:
        if not article_ids:
            self.reload_all()
            return
        self._articles(list(article_ids))
        for number in (self.SPANS, self.CHARTS):
            widget = self._visible(number)
            if widget is not None:
                widget.annotations_changed()

    # ----- going places -------------------------------------------------------------------
    def show_article(
        self, article_id: int, start: int | None = None, end: int | None = None
    ) -> None:
        """The article in the workbench; with a span, chosen there (or selected when the
        workbench hides its coder) and scrolled into view."""
        self.tabs.setCurrentIndex(self.WORKBENCH)
        window = self.window
        window.open_article(article_id)
        if start is not None and end is not None:
            window.reader.view.reveal(start, end)

    def show_span(self, record: AnnotationRecord) -> None:
        self.show_article(record.article_id)
        window = self.window
        shown = window.record(record.id)
        if shown is not None:
            window.coding.choose(shown, reveal=True)
        else:
            window.reader.view.select_span(record.start, record.end)
            window.reader.view.reveal(record.start, record.end)
        window.reader.view.setFocus()

    def compare(self, first: int, second: int) -> None:
        from annotator.gui.side_by_side import SideBySide  # noqa: PLC0415

        dialog = SideBySide(self.window, first, second)
        self._side_by_side.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._side_by_side.remove(d))
        dialog.show()
