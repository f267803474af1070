"""An edit in a large project touches one row of the article list, whatever the project's size.

Counted, not timed: how often Qt asks the article list model for data while a researcher
codes (select, press a key), undoes, redoes, re-tags and marks an article done in a project of
1,000 articles. Qt's list view asks each row for eight values whenever it lays the list out,
so a step that made it lay out the list (or reset the model) would cost 8,000 reads here; one
row's repaint costs its seven values and a look-up of its place."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.models import CodingStatus
from annotator.core.settings import Settings
from annotator.gui import main_window
from annotator.gui.main_window import MainWindow
from annotator.gui.models import ArticleListModel
from benchmarks.scale_project import build_scale_project
from tests.gui.conftest import shown_mark
from tests.gui.workbench_driver import drag_select

ARTICLES = 1000
ONE_ROW = 12  # one row repainted: the seven values it is drawn with, its size looked up
TWO_ROWS = 3 * ONE_ROW  # marking done repaints that row and moves the current row to the next
CTRL = Qt.KeyboardModifier.ControlModifier


class CountingArticleListModel(ArticleListModel):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        self.reads += 1
        return super().data(index, role)


@pytest.fixture
def big_window(
    qtbot: QtBot, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    project = build_scale_project(tmp_path / "large.annotator", ARTICLES, 2 * ARTICLES)
    monkeypatch.setattr(main_window, "ArticleListModel", CountingArticleListModel)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    articles = window.articles
    last = articles.index(articles.rowCount() - 1)
    qtbot.waitUntil(lambda: window.article_list.visualRect(last).isValid(), timeout=20_000)
    yield window
    window.close()


def reads(window: MainWindow) -> int:
    model = window.articles
    assert isinstance(model, CountingArticleListModel)
    return model.reads


def settled_reads(qtbot: QtBot, window: MainWindow, step: Any) -> int:
    """The article list's data() calls that a step and its repaints made."""
    QApplication.processEvents()
    before = reads(window)
    step()
    QApplication.processEvents()
    QApplication.processEvents()
    return reads(window) - before


def word(text: str, number: int) -> tuple[int, int]:
    """Code points of the ``number``th word of ``text`` (counted from the text itself)."""
    start = 0
    for _ in range(number):
        start = text.index(" ", start) + 1
    return start, text.index(" ", start)


def test_coding_in_a_large_project_reads_a_handful_of_the_article_list(
    qtbot: QtBot, big_window: MainWindow
) -> None:
    window = big_window
    view = window.reader.view
    article = window.article_id or 0
    text = view.toPlainText()
    counts = {"add": 0, "re-tag": 0, "undo": 0, "redo": 0}
    start, end = word(text, 12)

    def add() -> None:
        drag_select(qtbot, window, start, end)
        qtbot.keyClick(view, "1")

    counts["add"] = settled_reads(qtbot, window, add)
    [added] = [r for r in article_annotations(window.project, article) if r.start == start]
    row = window.articles.index(window.articles.row_of(article))
    assert shown_mark(window, article) is CodingStatus.IN_PROGRESS  # the row did change
    assert "3 annotation(s)" in str(row.data(Qt.ItemDataRole.ToolTipRole))
    counts["re-tag"] = settled_reads(qtbot, window, lambda: qtbot.keyClick(view, "2"))
    assert window.session.tag(window.record(added.id).tag_id).name == "caveat"  # type: ignore[union-attr]
    counts["undo"] = settled_reads(qtbot, window, lambda: qtbot.keyClick(view, "z", CTRL))
    counts["redo"] = settled_reads(
        qtbot, window, lambda: qtbot.keyClick(view, "z", CTRL | Qt.KeyboardModifier.ShiftModifier)
    )
    assert window.session.tag(window.record(added.id).tag_id).name == "caveat"  # type: ignore[union-attr]
    assert counts == {step: min(n, ONE_ROW) for step, n in counts.items()}, counts


def test_marking_an_article_done_in_a_large_project_reads_a_handful_of_the_article_list(
    qtbot: QtBot, big_window: MainWindow
) -> None:
    window = big_window
    article = window.article_id or 0
    done = settled_reads(qtbot, window, lambda: qtbot.keyClick(window, "d", CTRL))
    assert shown_mark(window, article) is CodingStatus.DONE
    assert window.article_id != article  # the next article is open
    assert done <= TWO_ROWS
    undone = settled_reads(qtbot, window, lambda: qtbot.keyClick(window, "z", CTRL))
    assert shown_mark(window, article) is CodingStatus.NOT_STARTED
    assert undone <= TWO_ROWS
