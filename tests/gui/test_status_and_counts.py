"""What the window says matches what is: the status line follows the choice, and the import
preview's count is the stored article's."""

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.articles import get_article
from annotator.core.codebook import list_tags
from annotator.gui.main_window import MainWindow
from annotator.gui.trim_preview import TrimPreview
from tests.gui.conftest import ARTICLE
from tests.gui.dialogs import DialogGuard
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


PAGE = (
    "Menu  Home  News  Sport\n\n"
    "Council pledges clean buses 🚌 by 2030\n"
    "The council will replace every diesel bus by 2030, the mayor said.\n"
    "The plan depends on a national grant.\n\n"
    "Share this article  Cookie policy\n"
)


def _put_cursor(qtbot: QtBot, dialog: TrimPreview, index: int) -> None:
    """Click at code point ``index`` of the preview's text."""
    view = dialog.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(len(PAGE[:index].encode("utf-16-le")) // 2)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 1, rect.center().y())
    )


def test_the_trim_preview_counts_what_is_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: DialogGuard
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, "utf-8")
    said: list[str] = []

    def cut_and_import(dialog: QDialog) -> None:
        assert isinstance(dialog, TrimPreview)
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QPushButton)}
        _put_cursor(qtbot, dialog, PAGE.index("Council pledges"))
        qtbot.mouseClick(buttons["Article starts here"], Qt.MouseButton.LeftButton)
        _put_cursor(qtbot, dialog, PAGE.index("The plan depends"))
        qtbot.mouseClick(buttons["Article ends here"], Qt.MouseButton.LeftButton)
        said.append(dialog.summary.text())
        qtbot.mouseClick(buttons["Import the article"], Qt.MouseButton.LeftButton)

    dialogs.expect(TrimPreview, cut_and_import)
    with qtbot.waitSignal(window.importFinished, timeout=30000) as blocker:
        window.import_paths([page])
    [result] = blocker.args[0]
    assert result.article_id is not None
    stored_text = get_article(window.project, result.article_id).text
    assert stored_text.startswith("Council pledges") and "Share" not in stored_text
    code_points = len(list(stored_text))
    assert said == [
        f"Importing {code_points:,} of {len(PAGE):,} characters, "
        "from “Council pledges clean buses 🚌 by 2030”."
    ]
