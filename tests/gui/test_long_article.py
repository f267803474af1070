"""A long, densely coded article is painted a screen first, and then all of it is there.

Opening writes the text that fills the screen with its formats, paints it, and only then
writes the rest; the window takes no input in between. These tests open such an article by
clicking it in the article list and look at the document at its first paint and after: the
expected colours are the tags' own, at positions counted from the text here."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from annotator.core.annotation_writes import Draft, add_annotations
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.main_window import MainWindow
from tests.gui.workbench_driver import utf16
from tests.helpers import add_text_article

SENTENCE = "The council pledges new buses 🚌 by 2030, but critics doubt the funding plan. "
PARAGRAPH = SENTENCE * 12 + "\n\n"
LONG = "Buses everywhere\n\n" + PARAGRAPH * 300  # about 280,000 code points
EVERY = 1000  # a short span begins every EVERY code points
LENGTH = 700  # and is this long
AROUND = (2000, 250_000)  # one long span round most of them: its colour shows between them


def spans() -> list[tuple[int, int]]:
    return [(s, s + LENGTH) for s in range(40, len(LONG) - LENGTH, EVERY)]


def between(index: int, tag_colors: list[str]) -> str | None:
    """The colour of a code point no short span covers: the long span's, inside it."""
    return tag_colors[len(spans()) % len(tag_colors)] if AROUND[0] <= index < AROUND[1] else None


class FirstPaint(QObject):
    """Notes how much of the document there is when the view is first painted, and the
    position at the view's bottom right then."""

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__()
        self.view = view
        self.characters: int | None = None
        self.bottom = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.characters is None:
            view = self.view
            self.characters = view.document().characterCount() - 1
            corner = view.viewport().rect().bottomRight()
            self.bottom = view.cursorForPosition(corner).position()
        return False


@pytest.fixture
def long_window(qtbot: QtBot, tmp_path: Path, settings: Settings) -> Iterator[MainWindow]:
    project = open_project(tmp_path / "long.annotator")
    add_text_article(project, "A short one\n\nNothing coded here.\n", "short.txt")
    article = add_text_article(project, LONG, "long.txt").article_id
    coder = ensure_coder(project, settings.coder_name)
    tags = list_tags(project)
    add_annotations(
        project,
        [
            Draft(article, tags[n % len(tags)].id, coder.id, s, e)
            for n, (s, e) in enumerate([*spans(), AROUND])
        ],
    )
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def color_at(window: MainWindow, index: int) -> str | None:
    """The background of code point ``index`` in the document, or None when it has none."""
    cursor = QTextCursor(window.reader.view.document())
    cursor.setPosition(utf16(LONG, index + 1))  # the format of the character before
    brush = cursor.charFormat().background()
    return brush.color().name().upper() if brush.style() != Qt.BrushStyle.NoBrush else None


def test_a_long_coded_article_is_painted_a_screen_first_then_whole(
    qtbot: QtBot, long_window: MainWindow
) -> None:
    window = long_window
    articles = window.articles
    row = next(r for r in range(articles.rowCount()) if "Buses" in str(articles.index(r).data()))
    first_paint = FirstPaint(window.reader.view)
    window.reader.view.viewport().installEventFilter(first_paint)
    rect = window.article_list.visualRect(articles.index(row))
    qtbot.mouseClick(window.article_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: first_paint.characters is not None)
    window.reader.view.viewport().removeEventFilter(first_paint)
    qtbot.wait(0)

    # The first paint had a screenful and more of the text, not all of it.
    assert first_paint.characters is not None
    assert first_paint.bottom < first_paint.characters < utf16(LONG, len(LONG))
    # Now all of it is there, every short span in its tag's colour (it is the innermost),
    # and between them the long one's colour or none.
    view = window.reader.view
    assert view.toPlainText() == LONG
    tag_colors = [t.color.upper() for t in list_tags(window.project)]
    cut = len(LONG.encode("utf-16-le")[: 2 * first_paint.characters].decode("utf-16-le"))
    for n, (start, end) in enumerate(spans()):
        expected = tag_colors[n % len(tag_colors)]
        for index in (start, (start + end) // 2, end - 1):
            if LONG[index] != "\n":
                assert color_at(window, index) == expected, (n, index, cut)
        if LONG[end] != "\n":
            assert color_at(window, end) == between(end, tag_colors), (n, end, cut)
    # and where the text was cut in two (inside the long span), it reads on in one colour
    assert AROUND[0] < cut < AROUND[1]
    for index in (cut - 1, cut):
        inside = [n for n, (s, e) in enumerate(spans()) if s <= index < e]
        shown = tag_colors[inside[0] % len(tag_colors)] if inside else between(index, tag_colors)
        assert color_at(window, index) == shown, (index, cut)


def _click_article(qtbot: QtBot, window: MainWindow, word: str) -> None:
    articles = window.articles
    row = next(r for r in range(articles.rowCount()) if word in str(articles.index(r).data()))
    rect = window.article_list.visualRect(articles.index(row))
    qtbot.mouseClick(window.article_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: word in window.windowTitle() or window.article_id is not None)
    qtbot.wait(0)


def test_going_back_to_a_long_article_returns_to_where_one_was_reading(
    qtbot: QtBot, long_window: MainWindow
) -> None:
    window = long_window
    view = window.reader.view
    _click_article(qtbot, window, "Buses")
    view.setFocus()
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    top_left = view.viewport().rect().topLeft()
    left_at = view.cursorForPosition(top_left).position()  # Qt's own position, in UTF-16
    assert left_at > 20 * len(PARAGRAPH)  # well down the text
    _click_article(qtbot, window, "short")
    assert view.toPlainText().startswith("A short one")
    _click_article(qtbot, window, "Buses")
    assert view.toPlainText() == LONG  # all of it, not only the first screen
    assert view.cursorForPosition(top_left).position() == left_at
