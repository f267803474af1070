"""What a committed write changed, and the feed that announces it to whoever listens.

The core publishes one `Changes` per committed transaction; the window's coding session
subscribes and updates its views from it, so nothing above the core needs to know which
function wrote what. Nothing here knows of Qt.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from annotator.core.records import AnnotationRecord

log = logging.getLogger(__name__)

ELSEWHERE = "elsewhere"
"""The origin of changes another program made to the same project (seen by a watcher)."""

StatusRow = tuple[str, datetime] | None
"""A stored coding-status row as it is: (status, modified), or None when there is none."""


@dataclass(frozen=True, slots=True)
class StatusChange:
    coder_id: int
    article_id: int
    before: StatusRow
    after: StatusRow


@dataclass(frozen=True)
class Changes:
    """Everything one committed transaction changed."""

    origin: str = ""
    added: tuple[AnnotationRecord, ...] = ()
    changed: tuple[tuple[AnnotationRecord, AnnotationRecord], ...] = ()  # (before, after)
    removed: tuple[AnnotationRecord, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    tags: bool = False  # the codebook changed
    articles: bool = False  # articles were added or removed
    coders: bool = False  # coders were added or renamed
    attributes: bool = False  # article attributes were defined, edited or deleted
    attribute_values: tuple[int, ...] = ()  # the articles whose attribute values changed
    team: bool = False  # assignments, the reliability sample, reviews or members changed
    suggestions: bool = False  # a coder accepted or rejected suggestions (or undid that)
    settings: bool = False  # a setting the whole project shares changed (project_settings)

    def __bool__(self) -> bool:
        return bool(
            self.added
            or self.changed
            or self.removed
            or self.statuses
            or self.tags
            or self.articles
            or self.coders
            or self.attributes
            or self.attribute_values
            or self.team
            or self.suggestions
            or self.settings
        )

    @property
    def size(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed) + len(self.statuses)


Listener = Callable[[Changes], None]


@dataclass
class ChangeFeed:
    """Subscribers hear of every committed change, in the thread that committed it."""

    _listeners: list[Listener] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Start telling ``listener``; returns the function that stops it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a listener's failure must not undo a committed write
                log.exception("a change listener failed")
