"""What the window says matches what is: the status line follows the choice, and the import
preview's count is the stored article's."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.codebook import list_tags
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import ARTICLE
from tests.gui.workbench_driver import click, code, stored


def test_the_status_line_lets_go_when_the_chosen_annotation_is_deleted(
    qtbot: QtBot, window: MainWindow
) -> None:
    key = next(str(t.shortcut) for t in list_tags(window.project) if t.name == "statistic")
    code(qtbot, window, ARTICLE, "by 2030", key, nth=1)
    [record] = stored(window)
    click(qtbot, window, ARTICLE.index("Critics"))  # plain text: the choice goes
    assert window.reader.view.chosen is None
    click(qtbot, window, record.start)  # a click on the span chooses it
    assert window.reader.view.chosen is not None
    assert window.statusBar().currentMessage().startswith("Chosen: statistic")
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Delete)
    assert stored(window) == []
    assert window.reader.view.chosen is None
    assert "Chosen" not in window.statusBar().currentMessage()
