"""A researcher at the workbench, at random: the state machine behind the soak test.

Every rule acts through real input events on the real main window (mouse presses at pixel
positions computed from the text, key presses, clicks on buttons, dialogs answered with keys
and clicks). After every step the window must agree with the database: the spans painted in
the view, the annotation list, the codebook's counts, the article list's counts and marks.
``tests/gui/test_soak.py`` runs a bounded number of steps; ``python -m benchmarks.soak`` runs
it for as long as asked, with faulthandler on, to hunt native crashes.
"""

import shutil
import tempfile
from bisect import bisect_left
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
)

from annotator.core.annotations import article_annotations
from annotator.core.coders import statuses
from annotator.core.models import Annotation, CodingStatus
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.main_window import MainWindow
from tests.gui.dialogs import Answer, DialogGuard
from tests.helpers import add_text_article

PARAGRAPH = (
    "The council will replace every diesel bus by 2030 🚌, the mayor said on Monday. "
    "The plan depends on a national grant of 40 million euros. Critics called it a "
    "headline without a budget, and the opposition asked for a vote.\n\n"
)
ARTICLES = (
    "Council pledges clean buses by 2030\n\n" + PARAGRAPH * 2,
    "Grant decision delayed 😀\n\nThe ministry said the grant would be decided in spring. "
    "A spokesperson declined to give a date.\n",
    "A long report on transport\n\n" + PARAGRAPH * 14,
)
CODERS = ("Soak Coder", "Second Coder")
WORDS = ("grant", "bus", "the", "2030", "budget", "vote")

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def utf16(text: str, index: int) -> int:
    """Qt's position of code point ``index``: UTF-16 code units, counted from the text."""
    return _units(text)[index]


_UNITS: dict[str, list[int]] = {}


def _units(text: str) -> list[int]:
    """UTF-16 position of every code point of ``text`` (and of its end), counted once."""
    units = _UNITS.get(text)
    if units is None:
        units = [0]
        for char in text:
            units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
        _UNITS.clear()  # one text at a time is enough
        _UNITS[text] = units
    return units


def accept_button(dialog: QDialog) -> QAbstractButton | None:
    if isinstance(dialog, QMessageBox):
        return dialog.button(QMessageBox.StandardButton.Yes) or dialog.button(
            QMessageBox.StandardButton.Ok
        )
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                return button
    return None


def fill_and_accept(text: str | None) -> Answer:
    """An answer: type ``text`` into the dialog's first text field, then click its OK."""

    def answer(dialog: QDialog) -> None:
        if text is not None:
            fields: list[QLineEdit | QPlainTextEdit] = [
                *dialog.findChildren(QLineEdit),
                *dialog.findChildren(QPlainTextEdit),
            ]
            visible = [f for f in fields if f.isVisible() and not f.isReadOnly()]
            if visible:
                field = visible[0]
                field.selectAll() if isinstance(field, QLineEdit) else field.clear()
                QTest.keyClicks(field, text)
        button = accept_button(dialog)
        if button is None or not button.isEnabled():
            dialog.reject()
        else:
            QTest.mouseClick(button, LEFT)

    return answer


class WorkbenchMachine(RuleBasedStateMachine):
    guard: DialogGuard  # set by whoever runs the machine
    steps = 0  # across all runs, for the soak's report
    checks = True  # False: hunt native crashes only

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="soak-"))
        project = open_project(self.folder / "soak.annotator")
        for number, text in enumerate(ARTICLES):
            add_text_article(project, text, f"article-{number}.txt")
        self.window = MainWindow(project, Settings(coder_name=CODERS[0]))
        self.window.resize(1180, 760)
        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        self.window.activateWindow()
        self.counter = 0

    def teardown(self) -> None:
        self.window.close()
        self.window.deleteLater()
        QTest.qWait(0)
        shutil.rmtree(self.folder, ignore_errors=True)

    # ----- helpers ----------------------------------------------------------------------
    @property
    def view(self):  # type: ignore[no-untyped-def]
        return self.window.reader.view

    def _text(self) -> str:
        return str(self.view.toPlainText())

    def _visible_range(self) -> tuple[int, int]:
        """Code points of the text shown in the viewport."""
        view = self.view
        port = view.viewport().rect()
        top = view.cursorForPosition(port.topLeft()).position()
        bottom = view.cursorForPosition(port.bottomRight()).position()
        text = self._text()
        units = _units(text)
        first = min(bisect_left(units, top), len(text))
        last = min(bisect_left(units, bottom), len(text))
        return first, max(first, last - 1)

    def _point(self, index: int) -> QPoint:
        """The middle of the left edge of code point ``index`` in the viewport."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(utf16(self._text(), index))
        rect = self.view.cursorRect(cursor)
        return QPoint(rect.x() + 1, rect.center().y())

    def _pick(self, fraction: float) -> int | None:
        first, last = self._visible_range()
        if last <= first:
            return None
        return first + int((last - first) * fraction)

    def _press(
        self, key: Qt.Key | str, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.window.activateWindow()
        target = self.window.focusWidget() or self.window
        QTest.keyClick(target, key, modifiers)  # type: ignore[arg-type]

    def _step(self) -> None:
        WorkbenchMachine.steps += 1
        self.counter += 1

    def _button(self, text: str) -> QToolButton:
        return next(b for b in self.window.codebook.findChildren(QToolButton) if b.text() == text)

    def _choose_tag(self, index: int) -> None:
        model = self.window.tag_model
        tags = self.window.session.tags
        target = model.index_of(tags[index % len(tags)].id)
        tree = self.window.codebook.tree
        tree.scrollTo(target)
        QTest.mouseClick(tree.viewport(), LEFT, pos=tree.visualRect(target).center())

    # ----- rules ------------------------------------------------------------------------
    @rule(row=st.integers(0, len(ARTICLES) - 1))
    def open_article(self, row: int) -> None:
        self._step()
        listing = self.window.article_list
        rect = listing.visualRect(self.window.articles.index(row))
        QTest.mouseClick(listing.viewport(), LEFT, pos=rect.center())

    @rule(a=st.floats(0, 1), b=st.floats(0, 1), key=st.integers(1, 6))
    def select_and_code(self, a: float, b: float, key: int) -> None:
        self._step()
        start, end = self._pick(a), self._pick(b)
        if start is None or end is None or start == end:
            return
        viewport = self.view.viewport()
        QTest.mousePress(viewport, LEFT, pos=self._point(start))
        QTest.mouseMove(viewport, self._point(end))
        QTest.mouseRelease(viewport, LEFT, pos=self._point(end))
        QTest.keyClick(self.view, str(key))  # type: ignore[call-overload]

    @rule(which=st.integers(0, 50))
    def click_span(self, which: int) -> None:
        self._step()
        first, last = self._visible_range()
        text = self._text()
        spans = [s for s in self.view.highlighter.spans() if utf16(text, first) <= s.start < s.end]
        if not spans:
            return
        span = spans[which % len(spans)]
        middle = (span.start + span.end) // 2
        index = bisect_left(_units(text), middle)
        if index > last:
            return
        QTest.mouseClick(self.view.viewport(), LEFT, pos=self._point(index))

    @rule(fraction=st.floats(0, 1))
    def click_text(self, fraction: float) -> None:
        self._step()
        index = self._pick(fraction)
        if index is not None:
            QTest.mouseClick(self.view.viewport(), LEFT, pos=self._point(index))

    @rule(key=st.integers(1, 6))
    def tag_key(self, key: int) -> None:
        self._step()
        QTest.keyClick(self.view, str(key))  # type: ignore[call-overload]

    @rule(which=st.sampled_from(["end+", "end-", "start-", "start+"]))
    def resize_by_keys(self, which: str) -> None:
        self._step()
        key = Qt.Key.Key_Right if which in ("end+", "start+") else Qt.Key.Key_Left
        modifiers = SHIFT | ALT | (CTRL if which.startswith("start") else Qt.KeyboardModifier(0))
        self._press(key, modifiers)

    @rule(edge=st.sampled_from(["start", "end"]), fraction=st.floats(0, 1))
    def drag_boundary(self, edge: str, fraction: float) -> None:
        self._step()
        chosen = self.view.chosen
        target = self._pick(fraction)
        if chosen is None or target is None:
            return
        index = chosen.start if edge == "start" else chosen.end
        first, last = self._visible_range()
        if not first <= index <= last:
            return
        handle = self.view.handle_point(edge) if hasattr(self.view, "handle_point") else None
        press = handle if handle is not None else self._point(index)
        viewport = self.view.viewport()
        QTest.mousePress(viewport, LEFT, pos=press)
        QTest.mouseMove(viewport, self._point(target))
        QTest.mouseRelease(viewport, LEFT, pos=self._point(target))

    @rule()
    def write_note(self) -> None:
        self._step()
        self.guard.expect(QDialog, fill_and_accept(f"note {self.counter}"))
        self._press("m", CTRL)
        self._drop_unused_expectation()

    @rule(in_view=st.booleans())
    def delete(self, in_view: bool) -> None:
        self._step()
        if in_view:
            QTest.keyClick(self.view, Qt.Key.Key_Delete)
        else:
            QTest.mouseClick(self.window.annotation_panel.delete_button, LEFT)

    @rule(times=st.integers(1, 3))
    def undo(self, times: int) -> None:
        self._step()
        for _ in range(times):
            self._press("z", CTRL)

    @rule(times=st.integers(1, 3))
    def redo(self, times: int) -> None:
        self._step()
        for _ in range(times):
            self._press("z", CTRL | SHIFT)

    @rule(name=st.sampled_from(CODERS))
    def switch_coder(self, name: str) -> None:
        self._step()
        self.window.switch_to_coder(name) if hasattr(self.window, "switch_to_coder") else (
            self.window.session.switch_coder(name)
        )

    @rule()
    def toggle_other_coders(self) -> None:
        self._step()
        self._press("o", CTRL | SHIFT)

    @precondition(lambda self: len(self.window.session.tags) < 9)
    @rule()
    def add_tag(self) -> None:
        self._step()
        self.guard.expect(QDialog, fill_and_accept(f"tag {self.counter}"))
        QTest.mouseClick(self._button("+"), LEFT)

    @rule(which=st.integers(0, 8))
    def rename_tag(self, which: int) -> None:
        self._step()
        self._choose_tag(which)
        self.guard.expect(QDialog, fill_and_accept(f"renamed {self.counter}"))
        QTest.mouseClick(self._button("Edit"), LEFT)
        self._drop_unused_expectation()

    @precondition(lambda self: len(self.window.session.tags) > 2)
    @rule(which=st.integers(0, 8))
    def merge_tag(self, which: int) -> None:
        self._step()
        self._choose_tag(which)
        self.guard.expect(QDialog, fill_and_accept(None))
        QTest.mouseClick(self._button("Merge"), LEFT)
        self._drop_unused_expectation()

    @precondition(lambda self: len(self.window.session.tags) > 2)
    @rule(which=st.integers(0, 8))
    def delete_tag(self, which: int) -> None:
        self._step()
        self._choose_tag(which)
        self.guard.expect(QDialog, fill_and_accept(None))
        QTest.mouseClick(self._button("−"), LEFT)
        self._drop_unused_expectation()

    @rule(word=st.sampled_from(WORDS), steps=st.integers(0, 3))
    def find(self, word: str, steps: int) -> None:
        self._step()
        self._press("f", CTRL)
        field = self.window.find_bar.field
        field.selectAll()
        QTest.keyClicks(field, word)
        for _ in range(steps):
            QTest.keyClick(field, Qt.Key.Key_Return)
        QTest.keyClick(field, Qt.Key.Key_Escape)

    @rule(word=st.sampled_from(WORDS))
    def code_all_matches(self, word: str) -> None:
        self._step()
        self._press("f", CTRL)
        field = self.window.find_bar.field
        field.selectAll()
        QTest.keyClicks(field, word)
        button = next(
            b
            for b in self.window.find_bar.findChildren(QAbstractButton)
            if b.text().startswith("Code all")
        )
        self.guard.expect(QDialog, fill_and_accept(None))
        QTest.mouseClick(button, LEFT)
        self._drop_unused_expectation()
        QTest.keyClick(field, Qt.Key.Key_Escape)

    @rule()
    def mark_done(self) -> None:
        self._step()
        self._press("d", CTRL)

    @precondition(lambda self: self.counter % 4 == 0)  # a thread each time: not too often
    @rule()
    def export(self) -> None:
        self._step()
        loop = QEventLoop()
        self.window.exportFinished.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        self.window.export_to(self.folder / f"export-{self.counter}.xlsx")
        loop.exec()
        self.window.exportFinished.disconnect(loop.quit)

    def _drop_unused_expectation(self) -> None:
        """A step that opened no dialog (nothing chosen, say) leaves no answer waiting."""
        self.guard.expected.clear()

    # ----- what must hold after every step ------------------------------------------------
    @invariant()
    def view_matches_the_database(self) -> None:
        window = self.window
        if window.article_id is None or not self.checks:
            return
        text = self._text()
        stored = article_annotations(window.project, window.article_id, window.visible_coders())
        expected = {r.id: (utf16(text, r.start), utf16(text, r.end)) for r in stored}
        painted = {s.key: (s.start, s.end) for s in self.view.highlighter.spans()}
        assert painted == expected
        assert {r.id: r for r in window.annotation_model.everything} == {r.id: r for r in stored}
        for record in stored:
            assert text[record.start : record.end] == record.quote
        chosen = self.view.chosen
        if chosen is not None:
            assert chosen.id in expected, "the chosen annotation is not on screen"
            assert window.annotation_panel.current_id() == chosen.id

    @invariant()
    def counts_match_the_database(self) -> None:
        window = self.window
        if not self.checks:
            return
        visible = window.visible_coders()
        if window.article_id is not None:
            here = Counter(
                r.tag_id for r in article_annotations(window.project, window.article_id, visible)
            )
            for tag in window.session.tags:
                assert window.tag_model.in_article.get(tag.id, 0) == here[tag.id], tag.name
        # counted straight from the table, not through the application's own queries
        per_tag = sa.select(Annotation.tag_id, sa.func.count()).group_by(Annotation.tag_id)
        if visible is not None:
            per_tag = per_tag.where(Annotation.coder_id.in_(visible))
        per_article = sa.select(Annotation.article_id, sa.func.count()).group_by(
            Annotation.article_id
        )
        with window.project.session() as session:
            everywhere = {tag: count for tag, count in session.execute(per_tag)}
            in_article = {article: count for article, count in session.execute(per_article)}
        for tag in window.session.tags:
            assert window.tag_model.in_project.get(tag.id, 0) == everywhere.get(tag.id, 0), tag.name
        for article in window.articles.articles:
            assert article.annotations == in_article.get(article.id, 0), article.title
        fresh = statuses(window.project, window.session.coder.id)
        for article in window.articles.articles:
            shown = window.articles.statuses.get(article.id, CodingStatus.NOT_STARTED)
            stored = fresh.get(article.id, CodingStatus.NOT_STARTED)
            assert shown == stored, f"{article.title}: shows {shown}, stored {stored}"
