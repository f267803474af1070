"""Listing suggestions again off the window's thread: after a decision, or when an article is
opened, the model reads the article (or the corpus's listed articles) while the window goes on
answering. One listing runs at a time; a request made meanwhile waits, and only the newest
waiting one is kept, so a list is never shown that is older than the coder's last decision."""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.suggest.suggestion import Suggestion
from annotator.gui.tasks import Report, Task

if TYPE_CHECKING:
    from annotator.core.suggest.service import Trained

Listing = Callable[["Trained", "Collection[int] | None"], list[Suggestion]]


@dataclass(frozen=True)
class ListingRequest:
    """What to list, and how to show it once listed."""

    trained: "Trained"
    articles: Collection[int] | None  # None: the whole corpus
    article: int | None = None  # the article whose own list this is (None: the corpus's)
    keep: int = 0  # the list's row to show
    say_quality: bool = False  # say again what the model learned from (an article opened)


class BackgroundListing(QObject):
    listed = Signal(object, object)  # the request, its suggestions (best first)
    refused = Signal(object, str)  # the request, why it could not be listed

    def __init__(self, listing: Listing, parent: QObject) -> None:
        super().__init__(parent)
        self._listing = listing
        self._thread: QThread | None = None
        self._task: Task | None = None
        self._running: ListingRequest | None = None
        self._waiting: ListingRequest | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None or self._waiting is not None

    def request(self, request: ListingRequest) -> None:
        """List ``request`` now, or after the listing under way (whose list is then dropped:
        it was read before this request was made)."""
        if self._thread is not None:
            self._waiting = request
            return
        self._start(request)

    def forget(self) -> None:
        """Drop every list not shown yet (the model or the project changed)."""
        self._waiting = None
        self._running = None

    def stop(self) -> None:
        """Wait for the listing under way to end, and show nothing more (the window closes)."""
        self.forget()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _start(self, request: ListingRequest) -> None:
        listing = self._listing

        def work(_report: Report) -> list[Suggestion]:
            return listing(request.trained, request.articles)

        task = Task(work)
        thread = QThread(self)
        task.moveToThread(thread)
        thread.started.connect(task.run)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.ended.connect(thread.quit)
        thread.finished.connect(self._ended)
        self._thread, self._task, self._running = thread, task, request
        thread.start()

    def _current(self) -> ListingRequest | None:
        """The request listed, when its list is still the newest wanted."""
        return self._running if self._waiting is None else None

    def _succeeded(self, items: list[Suggestion]) -> None:
        request = self._current()
        if request is not None:
            self.listed.emit(request, items)

    def _failed(self, reason: str) -> None:
        request = self._current()
        if request is not None:
            self.refused.emit(request, reason)

    def _ended(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._task, self._running = None, None, None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)
