"""An edit repaints what it changed, not the whole window: the panels beside the text (the
codebook's buttons, the suggestions panel's) are not painted again when a span is coded or
re-tagged. Counted from the paint events Qt delivers, not timed."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import ARTICLE


class Paints(QObject):
    """The widgets painted while installed."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self.painted.append(watched)
        return False


@pytest.fixture
def paints() -> Iterator[Paints]:
    counter = Paints()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    yield counter
    app.removeEventFilter(counter)


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(50)  # the event loop runs: posted layout requests and repaints are handled


def _select(window: MainWindow, quote: str) -> None:
    view = window.reader.view
    view.setFocus()
    # Qt counts UTF-16 units: the bus emoji in the title is two of them.
    start = len(ARTICLE[: ARTICLE.index(quote)].encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(quote), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _side_buttons(window: MainWindow) -> list[QAbstractButton]:
    """The buttons of the panels beside the text (codebook, annotations, suggestions)."""
    side = [window.codebook, window.annotation_panel, window.suggestions.panel]
    return [b for panel in side for b in panel.findChildren(QAbstractButton) if b.isVisible()]


def test_coding_and_retagging_leave_the_side_panels_unpainted(
    qtbot: QtBot, window: MainWindow, paints: Paints
) -> None:
    buttons = _side_buttons(window)
    assert buttons, "the side panels show buttons"
    _select(window, "national grant")
    _settle(qtbot)
    paints.painted.clear()
    qtbot.keyClick(window.reader.view, "2")  # code it as a caveat (the article is begun)
    _settle(qtbot)
    window.annotation_panel.table.selectRow(0)
    view = window.reader.view
    view.moveCursor(QTextCursor.MoveOperation.Start)  # no selection: the key re-tags
    qtbot.keyClick(view, "3")  # re-tag it as a criticism
    _settle(qtbot)
    assert window.reader.view.viewport() in paints.painted  # the text shows the change
    assert [(r.quote, window.session.tag(r.tag_id).name) for r in window.annotation_model.rows] == [
        ("national grant", "criticism")
    ]
    repainted = [b for b in buttons if b in paints.painted]
    assert repainted == []


def test_a_first_span_in_an_article_asks_nothing_of_the_reliability_sample(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first span of an article changes its status; a status says nothing about the
    # project's switch for suggestions in the reliability sample, so it is not read again.
    from annotator.core.suggest import policy  # noqa: PLC0415
    from annotator.gui import suggestions  # noqa: PLC0415

    asked: list[Project] = []

    def counted(project: Project) -> bool:
        asked.append(project)
        return policy.allowed_in_sample(project)

    monkeypatch.setattr(suggestions, "allowed_in_sample", counted)
    _select(window, "national grant")
    qtbot.keyClick(window.reader.view, "2")
    _settle(qtbot)
    assert window.articles.statuses  # the article is now in progress
    assert asked == []
