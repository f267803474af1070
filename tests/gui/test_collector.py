"""Garbage in a cycle is collected in the window's thread, never in a background thread that
happens to allocate: a cycle may hold Qt objects, whose destruction in another thread while
the window uses Qt crashed the application at random."""

import threading

from pytestqt.qtbot import QtBot

from annotator.gui.app import make_application

finalised_in: list[str] = []  # the threads Looped objects were finalised in


class Looped:
    """A cycle (it refers to itself) that notes the thread it is finalised in."""

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        finalised_in.append(threading.current_thread().name)


def test_cycles_are_collected_in_the_window_thread_not_a_busy_background_one(
    qtbot: QtBot,
) -> None:
    make_application()
    finalised_in.clear()
    Looped()  # garbage at once: only the cycle collector can free it

    kept: list[list[int]] = []

    def allocate() -> None:
        # Far past the collector's first threshold (700 new containers by default), and kept:
        # the automatic collector, were it on, would run here, in this thread.
        kept.extend([n] for n in range(50_000))

    worker = threading.Thread(target=allocate, name="busy background thread")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(finalised_in), timeout=5000)
    kept.clear()
    assert finalised_in == [threading.main_thread().name]
