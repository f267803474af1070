"""Driving the real main window offscreen the way a researcher does, for the benchmarks.

Each step goes through the window's own actions (the "Tag as …" menu entries, Undo, Redo,
"Mark done and open the next", a click on the article list), and is timed until the events it
posted (repaints included) have been handled. The article list model counts its ``data()``
calls, so a benchmark can say how much of the list an edit made Qt read again.
"""

import os
import subprocess
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.gui import main_window as main_window_module
from annotator.gui.main_window import MainWindow
from annotator.gui.models import ArticleListModel


class CountingArticleListModel(ArticleListModel):
    """The window's article list model, counting how often Qt asks it for data."""

    def __init__(self) -> None:
        super().__init__()
        self.data_calls = 0

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        self.data_calls += 1
        return super().data(index, role)


def count_article_list_reads() -> None:
    """Windows made after this call count their article list's ``data()`` calls."""
    main_window_module.ArticleListModel = CountingArticleListModel  # type: ignore[attr-defined]


def data_calls(window: MainWindow) -> int:
    model = window.articles
    return model.data_calls if isinstance(model, CountingArticleListModel) else -1


def settle() -> None:
    """Handle every posted event (layout, repaint) as the event loop would after a step."""
    app = QApplication.instance()
    assert app is not None
    app.processEvents()


def timed(step: Callable[[], object]) -> float:
    """Milliseconds from the step's start until the window has handled what it posted."""
    began = time.perf_counter()
    step()
    settle()
    return (time.perf_counter() - began) * 1000


def action(window: MainWindow, text: str) -> QAction:
    """The window's action whose menu text (without '&' and the shortcut) is ``text``."""
    for candidate in window.findChildren(QAction):
        label = candidate.text().replace("&", "").split("\t")[0]
        if label == text or (text in ("Undo", "Redo") and label.startswith(text)):
            return candidate
    raise LookupError(f"the window has no action {text!r}")


def select(window: MainWindow, start: int, end: int) -> None:
    """Select code points [start, end) of the open article, as a drag with the mouse does."""
    view = window.reader.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_utf16(start))
    cursor.setPosition(view.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def visible_words(window: MainWindow, count: int, skip: int = 0) -> tuple[int, int]:
    """Code points of ``count`` whole words on screen in the open article, after ``skip``."""
    view = window.reader.view
    corner = view.viewport().rect().topLeft()
    top = view.offsets.to_code_point(view.cursorForPosition(corner).position())
    text = view.toPlainText()
    words: list[tuple[int, int]] = []
    position = top
    while len(words) < skip + count and position < len(text):
        while position < len(text) and not text[position].isalnum():
            position += 1
        begin = position
        while position < len(text) and text[position].isalnum():
            position += 1
        if position > begin:
            words.append((begin, position))
    chosen = words[skip : skip + count]
    return chosen[0][0], chosen[-1][1]


def machine_load() -> str:
    """The load averages, as `uptime` prints them: figures from a shared machine need them."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load unknown"
    cores = os.cpu_count() or 1
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {cores} cores"


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return machine_load()
