"""Python's cycle collector, run in the window's thread only.

The collector runs in whichever thread happens to allocate when its count is reached: often a
background thread (the watcher of other coders' changes polls five times a second; an export
or the suggestions' learning allocate a great deal). Garbage in a cycle may hold Qt objects
made by the window (text cursors, painter paths, closures over widgets); collected in another
thread, their C++ parts are destroyed there while the window's thread uses Qt, and the
application crashed, at random, inside SQLite or painting (seen in long soak runs). So the
automatic collector is switched off and the same collections, by the same counts, are made on
a timer in the window's thread.
"""

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 500
"""How often the counts are looked at (the collections themselves follow the counts)."""


class MainThreadCollector(QObject):
    """Switches the automatic collector off and collects, generation by generation, when
    Python's own thresholds are passed, from a timer in the thread it lives in."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_when_due)
        self._timer.start(INTERVAL_MS)

    def collect_when_due(self) -> None:
        young, middle, old = gc.get_count()
        first, second, third = self.thresholds
        if young <= first:
            return
        if middle <= second:
            gc.collect(0)
        elif old <= third:
            gc.collect(1)
        else:
            gc.collect(2)


def collect_in_this_thread(parent: QObject) -> MainThreadCollector:
    """Install the collector (once) under ``parent``, normally the application."""
    existing = parent.findChild(MainThreadCollector)
    if existing is not None:
        return existing
    log.debug("cycle collector moved to the window's thread")
    return MainThreadCollector(parent)
