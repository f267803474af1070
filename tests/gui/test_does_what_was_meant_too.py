"""More of what the researcher meant: progress that names its files, a window that fits a
laptop, the place left last, tag colours and keys, notes, seams between spans, the lists'
columns, and the smaller things found by hand."""

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QInputDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.core.annotations import article_annotations
from annotator.core.codebook import list_tags
from annotator.core.codebook_edit import add_tag
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui import app as app_module
from annotator.gui.main_window import MainWindow
from annotator.gui.tag_dialog import PALETTE, TagDialog
from annotator.gui.window_layout import first_window_rect
from tests.gui.conftest import ARTICLE, activate
from tests.gui.dialogs import DialogGuard
from tests.gui.workbench_driver import LEFT, background, click, code, point, stored
from tests.helpers import add_text_article

CTRL = Qt.KeyboardModifier.ControlModifier


def test_progress_names_the_file_and_the_count_and_ends_quietly(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, dialogs: DialogGuard
) -> None:
    files = []
    for name in ("first", "second", "third"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"The {name} article\n\nA pledge of the {name} kind.\n", "utf-8")
        files.append(path)
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        dialogs.expect(QDialog, lambda box: box.accept())  # the import report
        window.import_paths(files)
    label = window.tasks.dialog.labelText()
    assert "3 of 3" in label and "third.txt" in label
    assert not window.tasks.dialog.isVisible()


def _fully_inside(widget: QWidget, window: MainWindow) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))


def _check_fits(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    window.find_bar.open_bar()
    qtbot.wait(10)
    assert window.reader.width() >= 0.6 * window.width()
    assert window.find_bar.field.width() >= 150
    controls = [
        w
        for kind in (QAbstractButton, QLineEdit, QComboBox)
        for w in window.findChildren(kind)
        if w.isVisibleTo(window) and w.window() is window
    ]
    assert controls
    for control in controls:
        label = getattr(control, "text", control.objectName)()
        assert _fully_inside(control, window), f"{label!r} is cut off at {width}×{height}"
        assert control.width() >= control.minimumSizeHint().width() - 1, label
    tree = window.codebook.tree
    last = window.tag_model.index(window.tag_model.rowCount() - 1, 0)
    assert tree.viewport().rect().contains(tree.visualRect(last)), "a tag is hidden"


def test_the_annotation_list_keeps_room_beside_the_suggestions(
    qtbot: QtBot, window: MainWindow
) -> None:
    """On a laptop-sized window the list of the article's annotations shows several rows:
    the Suggestions panel below it takes the smaller share of the side column."""
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    table = window.annotation_panel.table
    row = table.verticalHeader().defaultSectionSize()
    assert table.viewport().height() >= 6 * row
    assert window.annotation_panel.height() > window.suggestions.panel.height()


def test_every_control_fits_a_small_laptop_screen(qtbot: QtBot, window: MainWindow) -> None:
    tags = window.session.tags
    add_tag(window.project, "fifth tag", "#99DDFF", "", 5, None)  # the window hears of it
    assert len(window.session.tags) == len(tags) + 1
    _check_fits(qtbot, window, 1280, 720)
    _check_fits(qtbot, window, 1024, 640)


def test_the_first_window_fits_the_screen() -> None:
    laptop = QRect(0, 0, 1280, 800)
    rect = first_window_rect(laptop)
    assert laptop.contains(rect) and rect.width() < 1280 and rect.height() < 800
    small = QRect(0, 28, 1024, 612)  # a panel at the top takes 28 pixels
    assert small.contains(first_window_rect(small))
    assert first_window_rect(QRect(0, 0, 2560, 1440)).size().toTuple() == (1320, 860)


def test_reopening_returns_to_the_article_place_and_coder(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    long_text = "A long one\n\n" + "".join(f"Line {n} of the long article.\n\n" for n in range(200))
    article = add_text_article(window.project, long_text, "long.txt").article_id
    window.reload_after_import()
    window.open_article(article)
    view = window.reader.view
    view.setFocus()
    for _ in range(5):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    place = window.reader.view.top_position()
    assert place > 100
    window.switch_to_coder("Night Coder")
    location = window.project.location
    window.close()
    again = MainWindow(open_project(location), Settings.load())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.article_id == article
    assert again.session.coder.name == "Night Coder"
    qtbot.waitUntil(lambda: abs(again.reader.view.top_position() - place) < 40)
    again.close()


def test_a_new_tag_gets_an_unused_colour_and_the_keys_say_who_holds_them(
    qtbot: QtBot, window: MainWindow, dialogs: DialogGuard
) -> None:
    used = {t.color.upper() for t in window.session.tags}
    keys: list[str] = []

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, TagDialog)
        keys.extend(dialog.key.itemText(i) for i in range(dialog.key.count()))
        qtbot.keyClicks(dialog.name, "promise")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    plus = next(b for b in window.codebook.findChildren(QAbstractButton) if b.text() == "+")
    dialogs.expect(TagDialog, answer)
    qtbot.mouseClick(plus, LEFT)
    new = next(t for t in list_tags(window.project) if t.name == "promise")
    assert new.color.upper() in PALETTE and new.color.upper() not in used
    assert "1 — pledge’s (moves here)" in keys and "5 — free" in keys
    assert new.shortcut == 5  # the first free key
    second = TagDialog(list_tags(window.project), None, window)
    qtbot.addWidget(second)
    assert second.color.text() not in used | {new.color.upper()}


def test_spans_with_notes_are_marked_and_neighbours_keep_a_seam(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = "The council will repl"  # the two meet inside a word: no space between them
    second = "ace every"
    start = ARTICLE.index(first)
    window.snap_action.setChecked(False)
    code(qtbot, window, ARTICLE, first, "1")
    code(qtbot, window, ARTICLE, second, "1")
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Escape)  # no frame of a chosen span
    seam = point(window, start + len(first), inside=False)
    image = window.reader.view.viewport().grab().toImage()
    column = [image.pixelColor(seam.x() + 1, y).name() for y in range(seam.y() - 4, seam.y() + 4)]
    assert set(column) == {window.reader.view.palette().base().color().name()}
    assert background(window, start + 3).name().upper() == "#77AADD"


def test_the_annotation_list_keeps_readable_columns(qtbot: QtBot, window: MainWindow) -> None:
    code(qtbot, window, ARTICLE, "facial", "1") if "facial" in ARTICLE else None
    code(qtbot, window, ARTICLE, "national grant", "2")
    qtbot.keyClick(window, "o", CTRL | Qt.KeyboardModifier.ShiftModifier)  # coder column
    table = window.annotation_panel.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(window.annotation_model.columnCount()):
        if table.isColumnHidden(column):
            continue
        text = str(window.annotation_model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text) + 8, text
    assert header.sectionSize(1) >= 160


def test_an_empty_name_at_first_start_says_why_it_asks_again(
    qtbot: QtBot, dialogs: DialogGuard
) -> None:
    labels: list[str] = []

    def answer(name: str) -> object:
        def type_it(dialog: QDialog) -> None:
            assert isinstance(dialog, QInputDialog)
            labels.append(dialog.labelText())
            field = dialog.findChild(QLineEdit)
            assert field is not None
            qtbot.keyClicks(field, name)
            qtbot.keyClick(field, Qt.Key.Key_Return)

        return type_it

    dialogs.expect(QInputDialog, answer("   "))  # type: ignore[arg-type]
    dialogs.expect(QInputDialog, answer("Maria Lopez"))  # type: ignore[arg-type]
    settings = Settings.load()
    assert app_module.ensure_coder_name(settings)
    assert settings.coder_name == "Maria Lopez"
    assert "needs a name" in labels[1] and "needs a name" not in labels[0]


def test_the_export_message_keeps_the_path_as_written(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "Study EXPORT" / "Annotations.xlsx"
    out.parent.mkdir()
    with qtbot.waitSignal(window.exportFinished, timeout=30000):
        window.export_to(out)
    assert str(out) in window.statusBar().currentMessage()


def test_a_note_is_never_lost_and_an_undo_of_another_article_shows_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    click(qtbot, window, 3)
    assert window.reader.view.chosen is None
    assert article_annotations(window.project, window.article_id or 0) == stored(window)


def test_a_protected_pdf_asks_for_its_password_first(
    qtbot: QtBot, window: MainWindow, corpus: Path, dialogs: DialogGuard
) -> None:
    dialogs.expect(QInputDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    dialogs.expect(QDialog, lambda box: box.accept())  # the report says it was not imported
    with qtbot.waitSignal(window.importFinished, timeout=30000):
        window.import_paths([corpus / "pdf" / "libreoffice-writer-password.pdf"])
    assert dialogs.seen[0].startswith("QInputDialog “Password”")
    assert dialogs.seen[1].startswith("QMessageBox")
    assert len(dialogs.seen) == 2  # not asked a second time after declining


def test_the_trim_preview_stays_where_the_cut_moves(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton  # noqa: PLC0415

    from annotator.gui.trim_preview import TrimPreview  # noqa: PLC0415

    text = "Menu Home News\n\n" + "".join(
        f"Line {n}: the ministry confirmed the extraordinarily comprehensive programme "
        "for the northern region.\n"
        for n in range(150)
    )
    dialog = TrimPreview("page.txt", text, (16, len(text)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.view
    view.setFocus()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    where = view.verticalScrollBar().value()
    assert where > 0
    ends_here = next(b for b in dialog.findChildren(QPushButton) if "ends here" in b.text())
    qtbot.mouseClick(ends_here, LEFT)
    assert dialog.cut[1] < len(text)
    assert view.verticalScrollBar().value() == where
    quoted = dialog.summary.text().split("“", 1)[1].rstrip("”.")
    assert quoted.endswith("…")
    shown = quoted[:-1]
    assert text[16:].startswith(shown) and text[16 + len(shown)] == " "  # a whole word


def test_the_agreement_table_names_its_coefficients(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.show_agreement()
    qtbot.addWidget(dialog)
    table = dialog.table
    headers = [
        item.text()
        for item in (table.horizontalHeaderItem(c) for c in range(table.columnCount()))
        if item is not None
    ]
    assert headers[:3] == ["Tag", "αU", "α binary"]
    assert not any("_" in h for h in headers)
    dialog.close()


def test_a_span_with_a_note_is_marked_in_the_text(
    qtbot: QtBot, window: MainWindow, dialogs: DialogGuard
) -> None:
    from PySide6.QtGui import QColor, QTextCursor  # noqa: PLC0415

    from annotator.gui.note_dialog import NoteDialog  # noqa: PLC0415
    from tests.gui.workbench_driver import utf16  # noqa: PLC0415

    quote = "Critics called it a headline"
    code(qtbot, window, ARTICLE, quote, "3")
    view = window.reader.view
    end = ARTICLE.index(quote) + len(quote)
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16(ARTICLE, end))
    corner = view.cursorRect(cursor).topLeft()

    def corner_colour() -> QColor:
        image = view.viewport().grab().toImage()
        return image.pixelColor(corner.x() - 1, corner.y() + 1)

    qtbot.keyClick(view, Qt.Key.Key_Escape)
    unmarked = corner_colour()

    def write(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        qtbot.keyClicks(dialog.editor, "Who are the critics?")
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Enter, CTRL)

    click(qtbot, window, ARTICLE.index(quote) + 2)
    dialogs.expect(NoteDialog, write)
    qtbot.keyClick(window, "m", CTRL)
    assert stored(window)[0].note == "Who are the critics?"
    activate(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert corner_colour() != unmarked
    assert corner_colour().lightness() < 90  # the dark folded corner
