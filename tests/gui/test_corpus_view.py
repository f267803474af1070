"""The corpus view in the window, driven by real clicks and keys: the article browser (models
checked by Qt's tester, filters and sorting, attribute edits and deletion with undo), the tag
table (editing in place through the workbench's commands, undoable), search opening the
article at the match, side by side, and charts drawn offscreen against their table."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.articles import ExtractedArticle, list_articles, store_article
from annotator.core.attributes import define_attribute, set_values, values_by_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import AttributeKind
from annotator.core.project import open_project
from annotator.core.records import AnnotationRecord
from annotator.core.settings import Settings
from annotator.gui.app import make_application
from annotator.gui.article_browser import ArticleBrowser
from annotator.gui.charts import ChartsPanel
from annotator.gui.main_window import MainWindow
from annotator.gui.side_by_side import SideBySide
from annotator.gui.tag_table import TagTable
from tests.gui.conftest import activate
from tests.gui.dialogs import DialogGuard
from tests.helpers import add_text_article

TEXTS = {
    "Shell pledge": ("The Guardian", "Shell pledges net\u00a0zero by 2050, with a caveat.\n"),
    "BP pledge": ("The Times", "BP pledged less 🚌 than Shell. Critics called it weak.\n"),
    "Eni silence": ("Le Monde", "Eni said nothing about zero.\n"),
}
CODED = (  # article, words, tag, coder
    ("Shell pledge", "pledges net\u00a0zero", "pledge", "Test Coder"),
    ("Shell pledge", "with a caveat", "caveat", "Test Coder"),
    ("BP pledge", "pledged less", "pledge", "Test Coder"),
    ("BP pledge", "Critics called it weak", "criticism", "Other"),
)


@pytest.fixture
def corpus_window(qtbot: QtBot, project_path: Path, settings: Settings) -> Iterator[MainWindow]:
    make_application()
    project = open_project(project_path)
    ids = {}
    for title, (outlet, text) in TEXTS.items():
        ids[title] = store_article(
            project,
            ExtractedArticle(
                text=text,
                title=title,
                source_kind="txt",
                original_name=f"{title}.txt",
                outlet=outlet,
            ),
        ).article_id
    tags = {t.name: t.id for t in list_tags(project)}
    for title, words, tag, coder in CODED:
        start = TEXTS[title][1].index(words)
        who = ensure_coder(project, coder).id
        add_annotation(project, ids[title], tags[tag], who, start, start + len(words))
    company = define_attribute(project, "company")
    staff = define_attribute(project, "staff", AttributeKind.NUMBER)
    set_values(project, company.id, {ids["Shell pledge"]: "Shell", ids["BP pledge"]: "BP"})
    set_values(project, staff.id, {ids["Shell pledge"]: 82000, ids["BP pledge"]: 9000})
    settings.show_other_coders = True  # the corpus read as a lead reads it: every coder
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _click(
    qtbot: QtBot,
    view: QAbstractItemView,
    index: QModelIndex,
    *,
    modifier: Qt.KeyboardModifier | None = None,
) -> None:
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        modifier or Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )


def _browser(window: MainWindow) -> ArticleBrowser:
    browser: ArticleBrowser = window.corpus.show(window.corpus.ARTICLES)
    QApplication.processEvents()  # laid out, as on screen
    return browser


def _titles(browser: ArticleBrowser) -> list[str]:
    model = browser.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_the_corpus_models_pass_qts_checks(
    qtmodeltester: ModelTester, corpus_window: MainWindow
) -> None:
    browser = _browser(corpus_window)
    assert browser.model.rowCount() == 3
    qtmodeltester.check(browser.model)
    spans = corpus_window.corpus.show(corpus_window.corpus.SPANS)
    assert spans.model.rowCount() == 2  # the first tag (pledge) to begin with
    qtmodeltester.check(spans.model)
    spans.group.setCurrentIndex(spans.group.findText("article"))
    assert spans.model.grouped and spans.model.rowCount() == 2
    spans.tree_view.expandAll()
    qtmodeltester.check(spans.model)


def test_the_browser_filters_and_sorts_on_any_column(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    browser = _browser(corpus_window)
    assert _titles(browser) == ["Shell pledge", "BP pledge", "Eni silence"]
    header = browser.table.horizontalHeader()
    outlet = next(i for i, c in enumerate(browser.model.columns) if c.key == "outlet")
    x = header.sectionViewportPosition(outlet) + header.sectionSize(outlet) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    # Le Monde, The Guardian, The Times
    assert _titles(browser) == ["Eni silence", "Shell pledge", "BP pledge"]
    staff = next(i for i, c in enumerate(browser.model.columns) if c.title == "staff")
    browser.filter_column.setCurrentIndex(staff)
    browser.filter_text.setFocus()
    qtbot.keyClicks(browser.filter_text, ">10000")
    qtbot.keyClick(browser.filter_text, Qt.Key.Key_Return)
    assert _titles(browser) == ["Shell pledge"]
    assert "1 article(s)" in browser.summary.text()
    pledge = next(i for i, c in enumerate(browser.model.columns) if c.title == "pledge")
    browser.filter_column.setCurrentIndex(pledge)
    qtbot.keyClicks(browser.filter_text, "0")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 0)  # staff > 10000 and no pledge
    browser.clear_filters()
    assert browser.model.rowCount() == 3


def test_an_attribute_cell_is_edited_and_undone(qtbot: QtBot, corpus_window: MainWindow) -> None:
    browser = _browser(corpus_window)
    column = next(i for i, c in enumerate(browser.model.columns) if c.title == "company")
    index = browser.model.index(2, column)  # Eni, no company yet
    _click(qtbot, browser.table, index)
    qtbot.keyClick(browser.table, Qt.Key.Key_F2)
    editor = browser.table.focusWidget()
    qtbot.keyClicks(editor, "Eni")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    eni = list_articles(corpus_window.project)[2].id
    company = browser.model.columns[column].key
    attribute_id = int(company[5:])
    # The delegate commits on the next turn of the event loop, as on screen.
    qtbot.waitUntil(lambda: browser.model.data(index) == "Eni")
    assert values_by_article(corpus_window.project)[eni][attribute_id] == "Eni"
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)
    assert attribute_id not in values_by_article(corpus_window.project).get(eni, {})
    qtbot.waitUntil(lambda: browser.model.data(index) == "")


def test_a_fixed_list_attribute_is_chosen_from_its_values_in_the_cell(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    kind = define_attribute(
        corpus_window.project, "article type", AttributeKind.CHOICE, ["News", "Opinion"]
    )
    browser = _browser(corpus_window)
    column = next(i for i, c in enumerate(browser.model.columns) if c.title == "article type")
    index = browser.model.index(2, column)  # Eni, no type yet
    _click(qtbot, browser.table, index)
    qtbot.keyClick(browser.table, Qt.Key.Key_F2)
    editor = browser.table.focusWidget()
    assert isinstance(editor, QComboBox)  # the list's values, nothing else to type
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "News", "Opinion"]
    qtbot.keyClick(editor, "o")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    eni = list_articles(corpus_window.project)[2].id
    qtbot.waitUntil(lambda: browser.model.data(index) == "Opinion")
    assert values_by_article(corpus_window.project)[eni][kind.id] == "Opinion"
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: browser.model.data(index) == "")
    assert kind.id not in values_by_article(corpus_window.project).get(eni, {})


def test_deleting_articles_asks_with_the_count_and_undo_brings_them_back(
    qtbot: QtBot, corpus_window: MainWindow, dialogs: DialogGuard
) -> None:
    browser = _browser(corpus_window)
    _click(qtbot, browser.table, browser.model.index(0, 0))
    _click(
        qtbot,
        browser.table,
        browser.model.index(1, 0),
        modifier=Qt.KeyboardModifier.ControlModifier,
    )
    asked: list[str] = []

    def answer(box: QMessageBox) -> None:
        asked.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    dialogs.expect(QMessageBox, answer)  # type: ignore[arg-type]
    qtbot.keyClick(browser.table, Qt.Key.Key_Delete)
    assert asked and "2 article(s) with 4 annotation(s)" in asked[0]
    assert [a.title for a in list_articles(corpus_window.project)] == ["Eni silence"]
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1)
    activate(qtbot, corpus_window)
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)
    back = list_articles(corpus_window.project)
    assert [a.title for a in back] == ["Shell pledge", "BP pledge", "Eni silence"]
    assert sum(a.annotations for a in back) == 4
    corpus_window.corpus.show(corpus_window.corpus.ARTICLES)
    qtbot.waitUntil(lambda: browser.model.rowCount() == 3)


def _spans(window: MainWindow) -> TagTable:
    spans: TagTable = window.corpus.show(window.corpus.SPANS)
    for action in spans.tag_menu.actions():  # every tag
        action.setChecked(True)
    spans.apply()
    QApplication.processEvents()  # laid out, as on screen
    return spans


def _annotation(window: MainWindow, quote: str) -> AnnotationRecord:
    found = [
        r
        for a in list_articles(window.project)
        for r in article_annotations(window.project, a.id)
        if r.quote.startswith(quote)
    ]
    assert len(found) == 1
    return found[0]


def test_the_tag_table_retags_through_the_workbench_commands(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    spans = _spans(corpus_window)
    model = spans.model
    assert model.rowCount() == 4
    tag_column = next(i for i, c in enumerate(model.columns) if c.key == "tag")
    row = next(r for r in range(4) if model.data(model.index(r, 1)) == "pledged less")
    _click(qtbot, spans.view, model.index(row, tag_column))
    qtbot.keyClick(spans.view, Qt.Key.Key_F2)
    editor = spans.view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # pledge -> caveat
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.data(model.index(row, tag_column)) == "caveat")
    tags = {t.id: t.name for t in list_tags(corpus_window.project)}
    assert tags[_annotation(corpus_window, "pledged less").tag_id] == "caveat"
    assert corpus_window.undo_stack.undoText().startswith("change to caveat")
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)
    assert tags[_annotation(corpus_window, "pledged less").tag_id] == "pledge"


def test_the_tag_table_moves_an_end_and_writes_a_note_undoably(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    spans = _spans(corpus_window)
    model = spans.model
    row = next(r for r in range(4) if model.data(model.index(r, 1)) == "with a caveat")
    _click(qtbot, spans.view, model.index(row, 1))
    qtbot.keyClick(
        spans.view,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier,
    )
    text = TEXTS["Shell pledge"][1]
    start = text.index("with a caveat")
    moved = _annotation(corpus_window, "with a caveat")
    assert (moved.start, moved.end, moved.quote) == (start, start + 14, "with a caveat.")
    note_column = next(i for i, c in enumerate(model.columns) if c.key == "note")
    qtbot.waitUntil(lambda: model.data(model.index(row, 1)) == "with a caveat.")
    _click(qtbot, spans.view, model.index(row, note_column))
    qtbot.keyClick(spans.view, Qt.Key.Key_F2)
    editor = spans.view.focusWidget()
    qtbot.keyClicks(editor, "Which caveat?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.data(model.index(row, note_column)) == "Which caveat?")
    assert _annotation(corpus_window, "with a caveat").note == "Which caveat?"
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)
    assert _annotation(corpus_window, "with a caveat").note == ""
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)
    back = _annotation(corpus_window, "with a caveat")
    assert (back.start, back.end) == (start, start + 13)


def test_enter_opens_a_span_in_its_article(qtbot: QtBot, corpus_window: MainWindow) -> None:
    spans = _spans(corpus_window)
    model = spans.model
    row = next(r for r in range(4) if model.data(model.index(r, 1)) == "pledged less")
    _click(qtbot, spans.view, model.index(row, 1))
    qtbot.keyClick(spans.view, Qt.Key.Key_Return)
    assert corpus_window.corpus.tabs.currentIndex() == 0
    record = _annotation(corpus_window, "pledged less")
    assert corpus_window.article_id == record.article_id
    assert corpus_window.reader.view.chosen is not None
    assert corpus_window.reader.view.chosen.id == record.id


def test_search_opens_the_article_at_the_match(qtbot: QtBot, corpus_window: MainWindow) -> None:
    panel = corpus_window.corpus.show(corpus_window.corpus.SEARCH)
    qtbot.keyClicks(panel.words, "critics")
    qtbot.keyClick(panel.words, Qt.Key.Key_Return)
    assert "1 article(s) match" in panel.summary.text()
    article = panel.results.topLevelItem(0)
    hit = article.child(0)
    text = TEXTS["BP pledge"][1]
    assert hit.text(1) == str(text.index("Critics"))
    panel.results.setCurrentItem(hit)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert corpus_window.corpus.tabs.currentIndex() == 0
    cursor = corpus_window.reader.view.textCursor()
    # Qt counts UTF-16 units: the bus emoji before the match is two of them.
    before = text[: text.index("Critics")]
    units = len(before.encode("utf-16-le")) // 2
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (units, units + 7)


def test_a_phrase_search_is_named_in_its_own_quotes_once(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    panel = corpus_window.corpus.show(corpus_window.corpus.SEARCH)
    for typed, named in (
        ('"critics said"', '"critics said"'),
        ("no such words", "“no such words”"),
        ('"critics" budget', '“"critics" budget”'),
    ):
        panel.words.clear()
        qtbot.keyClicks(panel.words, typed)
        qtbot.keyClick(panel.words, Qt.Key.Key_Return)
        summary = panel.summary.text()
        assert named in summary, summary
        assert summary.count("“") == named.count("“"), summary  # no quotes round quotes


def test_hits_beyond_those_listed_are_said_where_the_list_ends(
    qtbot: QtBot, project_path: Path, settings: Settings
) -> None:
    make_application()
    project = open_project(project_path)
    title = "A council that meets very often, with a title too long for the column " * 2
    add_text_article(project, title + "\n\n" + "The council met again. " * 260)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.corpus.show(window.corpus.SEARCH)
    qtbot.keyClicks(panel.words, "met")
    qtbot.keyClick(panel.words, Qt.Key.Key_Return)
    article = panel.results.topLevelItem(0)
    listed = [article.child(n) for n in range(article.childCount())]
    # 260 in the text ("met" is not in the title); the last row says how many are not listed
    assert sum(1 for c in listed if c.text(1)) == 260 - 60
    assert listed[-1].text(0) == "… and 60 more in this article, not listed: add words to narrow"
    panel.results.setCurrentItem(listed[-1])
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)  # a note, not a place: nothing opens
    assert window.corpus.tabs.currentIndex() != 0
    window.close()


def test_an_article_opened_from_the_corpus_is_shown_in_the_workbenchs_list(
    qtbot: QtBot, project_path: Path, settings: Settings
) -> None:
    make_application()
    project = open_project(project_path)
    for number in range(60):
        text = f"Article {number} says something about pledges.\n"
        store_article(
            project,
            ExtractedArticle(
                text=text,
                title=f"Article {number}",
                source_kind="txt",
                original_name=f"{number}.txt",
            ),
        )
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    listed = window.article_list
    window.resize(900, 500)
    window.show()
    qtbot.waitExposed(window)
    window.corpus.show(window.corpus.SEARCH)
    window.resize(1000, 600)  # the list is laid out again
    last = list_articles(project)[-1].id
    window.corpus.show_article(last)
    assert window.article_id == last
    current = listed.currentIndex()
    assert current.row() == 59
    QApplication.processEvents()  # laid out, as on screen
    assert listed.viewport().rect().intersects(listed.visualRect(current))
    window.close()


def test_every_corpus_tab_on_a_project_without_articles(
    qtbot: QtBot, project_path: Path, settings: Settings, tmp_path: Path
) -> None:
    make_application()
    window = MainWindow(open_project(project_path), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tabs = window.corpus
    assert tabs.show(tabs.ARTICLES).model.rowCount() == 0
    spans = tabs.show(tabs.SPANS)
    assert spans.model.rowCount() == 0
    spans.group.setCurrentIndex(spans.group.findText("article"))
    assert spans.model.rowCount() == 0
    assert spans.export_to(tmp_path / "none.csv") == 0
    search = tabs.show(tabs.SEARCH)
    qtbot.keyClicks(search.words, "pledge")
    qtbot.keyClick(search.words, Qt.Key.Key_Return)
    assert search.results.topLevelItemCount() == 0
    assert "Nothing matches" in search.summary.text()
    charts = tabs.show(tabs.CHARTS)
    for number in range(charts.kind.count()):
        charts.kind.setCurrentIndex(number)
        charts.save_chart(tmp_path / f"chart{number}.svg")
    window.close()


def test_two_articles_side_by_side(qtbot: QtBot, corpus_window: MainWindow) -> None:
    browser = _browser(corpus_window)
    _click(qtbot, browser.table, browser.model.index(0, 0))
    _click(
        qtbot,
        browser.table,
        browser.model.index(1, 0),
        modifier=Qt.KeyboardModifier.ControlModifier,
    )
    compare = browser.findChild(QPushButton, "compareArticles")
    assert compare is not None
    qtbot.mouseClick(compare, Qt.MouseButton.LeftButton)
    [dialog] = corpus_window.corpus._side_by_side
    assert isinstance(dialog, SideBySide)
    qtbot.waitExposed(dialog)
    # (toPlainText shows a no-break space as a space)
    assert dialog.left.view.toPlainText() == TEXTS["Shell pledge"][1].replace("\u00a0", " ")
    assert dialog.right.view.toPlainText() == TEXTS["BP pledge"][1]
    assert "company: Shell" in dialog.left.header.text()
    dialog.close()


def test_a_chart_drawn_offscreen_matches_its_table(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    panel = corpus_window.corpus.show(corpus_window.corpus.CHARTS)
    panel.kind.setCurrentIndex(panel.kind.findData("frequency"))
    panel.by.setCurrentIndex(panel.by.findData("outlet"))
    panel.coders.setFocus()
    qtbot.keyClick(panel.coders, Qt.Key.Key_End)  # every coder, summed
    # Counted from CODED: The Guardian has a pledge and a caveat, The Times a pledge and a
    # criticism; Le Monde has no annotation.
    table = panel.table
    shown = {
        table.verticalHeaderItem(r).text(): [
            int(table.item(r, c).text()) for c in range(table.columnCount())
        ]
        for r in range(table.rowCount())
    }
    assert shown == {"The Guardian": [1, 1, 0, 0], "The Times": [1, 0, 1, 0]}
    [axes] = panel.figure.axes
    bars = {
        (bar.get_gid(), round(bar.get_y() + bar.get_height() / 2)): bar.get_width()
        for bar in axes.patches
    }
    # Row r of the table is drawn at y = r; series c is "series-c".
    for row, values in enumerate(shown.values()):
        for column, value in enumerate(values):
            assert bars[(f"series-{column}", row)] == value
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    panel.save_chart(png)
    panel.save_chart(svg)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    drawing = svg.read_text("utf-8")
    assert "The Guardian" in drawing and "criticism" in drawing  # text kept as text
    panel.save_table(tmp_path / "figures.csv")
    lines = (tmp_path / "figures.csv").read_text("utf-8-sig").splitlines()
    assert lines == [
        "outlet,pledge,caveat,criticism,statistic",
        "The Guardian,1,1,0,0",
        "The Times,1,0,1,0",
    ]
    panel.kind.setCurrentIndex(panel.kind.findData("cooccurrence"))
    assert panel.table.rowCount() == 4  # a tag × tag heat map
    panel.kind.setCurrentIndex(panel.kind.findData("progress"))
    assert panel.table_data is not None and panel.table_data.rows == ["Other", "Test Coder"]


def test_a_chart_keeps_its_labels_inside_when_the_window_narrows(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    panel = corpus_window.corpus.show(corpus_window.corpus.CHARTS)
    panel.kind.setCurrentIndex(panel.kind.findData("frequency"))
    panel.by.setCurrentIndex(panel.by.findData("outlet"))
    corpus_window.resize(1400, 800)
    qtbot.waitUntil(lambda: panel.canvas.width() > 700)
    canvas = panel.canvas
    for width in (1400, 700):
        corpus_window.resize(width, 800)
        qtbot.waitUntil(lambda w=width: abs(corpus_window.width() - w) < 50)  # type: ignore[misc]
        canvas.draw()  # as a paint does
        renderer = canvas.get_renderer()
        [axes] = panel.figure.axes
        # everything the axes draw (title, tick labels of the ticks shown, axis labels),
        # as matplotlib measures it, in pixels
        drawn = axes.get_tightbbox(renderer)
        inside = panel.figure.bbox
        assert drawn.x0 >= inside.x0 - 1 and drawn.x1 <= inside.x1 + 1, (width, drawn, inside)
        assert drawn.y0 >= inside.y0 - 1 and drawn.y1 <= inside.y1 + 1, (width, drawn, inside)


def _table_shown(panel: Any) -> list[list[int]]:
    table = panel.table
    return [
        [int(table.item(r, c).text()) for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_a_chart_saved_as_svg_draws_the_tables_numbers(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    from defusedxml import ElementTree  # noqa: PLC0415

    panel = corpus_window.corpus.show(corpus_window.corpus.CHARTS)
    panel.kind.setCurrentIndex(panel.kind.findData("frequency"))
    panel.by.setCurrentIndex(panel.by.findData("outlet"))
    shown = _table_shown(panel)
    svg = tmp_path / "chart.svg"
    panel.save_chart(svg)
    groups: dict[str, list[float]] = {}
    for group in ElementTree.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}g"):
        if group.get("id", "").startswith("series-"):
            path = next(group.iter("{http://www.w3.org/2000/svg}path"))
            xs = [float(p.split()[0]) for p in path.get("d", "").lstrip("M ").split("L")]
            groups.setdefault(group.get("id", ""), []).append(max(xs) - min(xs))
    # Each series' bars in the table's row order; lengths in proportion to the numbers.
    drawn = [[groups[f"series-{c}"][r] for c in range(len(shown[0]))] for r in range(len(shown))]
    scale = max(max(row) for row in drawn) / max(max(row) for row in shown)
    assert [[round(w / scale, 6) for w in row] for row in drawn] == shown
    panel.kind.setCurrentIndex(panel.kind.findData("cooccurrence"))
    [axes, _colour_bar] = panel.figure.axes
    assert axes.images[0].get_array().tolist() == _table_shown(panel)


def test_the_tag_table_exports_what_it_shows(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    spans = _spans(corpus_window)
    qtbot.keyClicks(spans.words, "pledge")
    qtbot.keyClick(spans.words, Qt.Key.Key_Return)
    header = spans.flat_view.horizontalHeader()
    columns = [c.key for c in spans.model.columns]
    for hidden in ("before", "after", "published", "note"):
        header.hideSection(columns.index(hidden))
    header.moveSection(header.visualIndex(columns.index("tag")), 0)  # the tag first
    quote = columns.index("quote")
    x = header.sectionViewportPosition(quote) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    out = tmp_path / "shown.csv"
    assert spans.export_to(out) == 2
    lines = out.read_text("utf-8-sig").splitlines()
    assert lines == [
        "Tag,Quoted text,Article,Outlet,company,staff,Coder",
        "pledge,pledged less,BP pledge,The Times,BP,9000,Test Coder",
        "pledge,pledges net\u00a0zero,Shell pledge,The Guardian,Shell,82000,Test Coder",
    ]
    book = tmp_path / "shown.xlsx"
    assert spans.export_to(book) == 2
    from openpyxl import load_workbook  # noqa: PLC0415

    sheet = load_workbook(book).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == lines[0].split(",")


def _hide_by_the_header_menu(qtbot: QtBot, header: QHeaderView, title: str) -> None:
    # What the platform sends on a right click (QTest's clicks go to the widget directly).
    point = QPoint(20, 5)
    click = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, header.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(header.viewport(), click)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    action = next(a for a in menu.actions() if a.text() == title)
    assert action.isChecked()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_columns_hidden_from_the_header_stay_hidden_and_are_not_exported(
    qtbot: QtBot, corpus_window: MainWindow, tmp_path: Path
) -> None:
    spans = _spans(corpus_window)
    header = spans.flat_view.horizontalHeader()
    for title in ("Before", "After", "Date", "Note", "Outlet", "staff"):
        _hide_by_the_header_menu(qtbot, header, title)
    out = tmp_path / "shown.csv"
    spans.export_to(out)
    assert out.read_text("utf-8-sig").splitlines()[0] == "Quoted text,Tag,Article,company,Coder"
    # A new attribute adds a column: the hidden ones stay hidden, in the tree of groups too.
    define_attribute(corpus_window.project, "country")
    spans.reload()
    spans.group.setCurrentIndex(spans.group.findText("article"))
    assert spans.view is spans.tree_view
    spans.export_to(out)
    assert out.read_text("utf-8-sig").splitlines()[0] == (
        "article,Quoted text,Tag,Article,company,country,Coder"
    )


def test_a_span_that_leaves_the_table_leaves_the_place_kept(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    spans: TagTable = corpus_window.corpus.show(corpus_window.corpus.SPANS)
    QApplication.processEvents()
    model = spans.model
    shown = [model.data(model.index(r, 1)) for r in range(2)]
    assert shown == ["pledges net zero", "pledged less"]  # spaces shown as spaces
    tag_column = next(i for i, c in enumerate(model.columns) if c.key == "tag")
    _click(qtbot, spans.view, model.index(0, tag_column))
    qtbot.keyClick(spans.view, Qt.Key.Key_F2)
    editor = spans.view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # pledge -> caveat: it leaves a table of pledges
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert corpus_window.corpus.tabs.currentIndex() == corpus_window.corpus.SPANS
    current = spans.current()
    assert current is not None and current.quote == "pledged less"


def test_attributes_made_and_imported_in_the_window_are_undone(
    qtbot: QtBot, corpus_window: MainWindow, dialogs: DialogGuard, tmp_path: Path
) -> None:
    from annotator.core.attributes import list_attributes  # noqa: PLC0415
    from annotator.gui.attribute_dialogs import AttributeDialog  # noqa: PLC0415

    browser = _browser(corpus_window)

    def make(dialog: AttributeDialog) -> None:
        qtbot.keyClicks(dialog.name, "country")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    dialogs.expect(AttributeDialog, make)  # type: ignore[arg-type]
    button = browser.findChild(QPushButton, "newAttribute")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [a.name for a in list_attributes(corpus_window.project)][-1] == "country"
    qtbot.waitUntil(lambda: browser.model.columns[-1].title == "country")
    sheet = tmp_path / "countries.csv"
    sheet.write_text("title,country\nShell pledge,NL\nEni silence,IT\nNobody,XX\n", "utf-8")
    reports: list[str] = []

    def read(box: QMessageBox) -> None:
        # The row left out is in sight, not behind "Show details".
        assert box.icon() == QMessageBox.Icon.Warning
        reports.append(box.text() + "\n" + box.informativeText())
        box.accept()

    dialogs.expect(QMessageBox, read)  # type: ignore[arg-type]
    browser.import_attributes(sheet)
    assert "3 row(s), 2 matched" in reports[0] and "“Nobody”" in reports[0]
    country = list_attributes(corpus_window.project)[-1].id
    values = values_by_article(corpus_window.project)
    assert sorted(v[country] for v in values.values() if country in v) == ["IT", "NL"]
    activate(qtbot, corpus_window)
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)  # the import
    values = values_by_article(corpus_window.project)
    assert not any(country in v for v in values.values())
    qtbot.keyClick(corpus_window, "z", Qt.KeyboardModifier.ControlModifier)  # the attribute
    assert "country" not in [a.name for a in list_attributes(corpus_window.project)]
    qtbot.keyClick(
        corpus_window,
        "z",
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "country" in [a.name for a in list_attributes(corpus_window.project)]


def test_charts_count_the_current_coders_annotations_in_whole_numbers(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    panel = corpus_window.corpus.show(corpus_window.corpus.CHARTS)
    panel.kind.setCurrentIndex(panel.kind.findData("frequency"))
    panel.by.setCurrentIndex(panel.by.findData("outlet"))
    # By default only the coder at work is counted (from CODED: Other's criticism is not).
    assert "Test Coder" in panel.coders.currentText()
    assert _table_shown(panel) == [[1, 1, 0, 0], [1, 0, 0, 0]]
    [axes] = panel.figure.axes
    assert "Test Coder" in axes.get_title(loc="left")  # the chart says whose codes it counts
    ticks = [float(t) for t in axes.get_xticks()]
    assert ticks and all(t == int(t) for t in ticks)  # no half annotations on the count axis
    # Summing every coder is a deliberate choice, and the chart says it is a sum.
    panel.coders.setFocus()
    qtbot.keyClick(panel.coders, Qt.Key.Key_End)
    assert "every coder" in panel.coders.currentText()
    assert _table_shown(panel) == [[1, 1, 0, 0], [1, 0, 1, 0]]
    [axes] = panel.figure.axes
    assert "Other + Test Coder" in axes.get_title(loc="left")
    panel.kind.setCurrentIndex(panel.kind.findData("progress"))  # counts articles
    [axes] = panel.figure.axes
    ticks = [float(t) for t in axes.get_xticks()]
    assert ticks and all(t == int(t) for t in ticks)


def test_blind_coding_hides_other_coders_work_in_the_corpus_view(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    """While coding blind, the tag table lists only the coder's own spans (whatever its coder
    menu says) and the browser shows no one else's status."""
    show_others = next(
        a for a in corpus_window.findChildren(QAction) if a.isCheckable() and "other" in a.text()
    )
    show_others.trigger()  # View > Show other coders off: blind
    assert not corpus_window.settings.show_other_coders
    spans = _spans(corpus_window)
    model = spans.model
    quotes = sorted(model.data(model.index(r, 1)) for r in range(model.rowCount()))
    # CODED above: three spans are Test Coder's, "Critics called it weak" is Other's
    assert len(quotes) == 3 and "Critics called it weak" not in quotes
    spans.coder_menu.actions()[0].setChecked(True)  # even when the menu is touched
    assert all(
        model.data(model.index(r, 1)) != "Critics called it weak" for r in range(model.rowCount())
    )
    charts: ChartsPanel = corpus_window.corpus.show(corpus_window.corpus.CHARTS)
    offered = [charts.coders.itemText(i) for i in range(charts.coders.count())]
    assert offered == ["Test Coder (you)"]  # no one else, and no sum of everyone
    charts.kind.setCurrentIndex(charts.kind.findData("progress"))
    assert charts.table_data is not None and charts.table_data.rows == ["Test Coder"]
    browser = _browser(corpus_window)
    headers = [
        browser.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(browser.model.columnCount())
    ]
    assert "Test Coder" in headers and "Other" not in headers
    # The counts are the coder's own too: in "BP pledge" Test Coder coded one pledge and
    # Other one criticism (CODED above).
    articles = browser.model
    row = _titles(browser).index("BP pledge")
    counts = {
        header: articles.data(articles.index(row, column))
        for column, header in enumerate(headers)
        if header in ("Spans", "pledge", "criticism")
    }
    assert counts == {"Spans": 1, "pledge": 1, "criticism": 0}


def test_the_tags_filter_stays_open_while_tags_are_ticked(
    qtbot: QtBot, corpus_window: MainWindow
) -> None:
    spans: TagTable = corpus_window.corpus.show(corpus_window.corpus.SPANS)
    QApplication.processEvents()
    menu = spans.tag_menu
    menu.popup(spans.tag_button.mapToGlobal(spans.tag_button.rect().bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    by_name = {a.text(): a for a in menu.actions()}
    for name in ("pledge", "criticism"):  # ticked one after the other, by the mouse
        action = by_name[name]
        was = action.isChecked()
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        assert action.isChecked() != was
        assert menu.isVisible()  # still open for the next tick
    wanted = {n for n, a in by_name.items() if a.isChecked()}
    expected = sum(1 for _t, _w, tag, _c in CODED if tag in wanted) if wanted else len(CODED)
    qtbot.waitUntil(lambda: spans.model.rowCount() == expected)
    menu.setActiveAction(by_name["caveat"])
    qtbot.keyClick(menu, Qt.Key.Key_Space)  # by the keyboard too
    assert by_name["caveat"].isChecked() and menu.isVisible()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
