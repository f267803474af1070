"""The Suggestions panel through real keys: the dashed layer at the right UTF-16 positions
after emoji, accept (an undoable annotation), reject (remembered, undoable), skip, learning
again after a few decisions, its progress and its stop button, and no suggestions in the
reliability sample unless the project allows them (the panel's switch, also followed when
another program changes it)."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.annotation_writes import Draft, writing
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, get_status
from annotator.core.models import Annotation, CodingStatus, SuggestionDecision
from annotator.core.project import Project, open_project
from annotator.core.settings import Settings
from annotator.core.suggest.model import SentenceModel
from annotator.core.suggest.policy import BLIND, allow_in_sample, allowed_in_sample
from annotator.core.team.reliability import draw_sample
from annotator.gui import suggestions as suggestions_module
from annotator.gui.app import make_application
from annotator.gui.main_window import MainWindow
from annotator.gui.suggestions import STOPPED
from annotator.gui.suggestions_panel import ALL_ARTICLES
from tests.helpers import add_text_article
from tests.suggest_texts import english


def _utf16(text: str, position: int) -> int:
    return len(text[:position].encode("utf-16-le")) // 2


@pytest.fixture
def texts(project_path: Path) -> tuple[str, list[str], int]:
    """A project where 'Test Coder' coded 21 pledges in one article; the new article's
    text, its pledges and id."""
    with open_project(project_path) as project:
        coder = ensure_coder(project, "Test Coder")
        tag = next(t.id for t in list_tags(project) if t.name == "pledge")
        text, pledges = english(0, 63)
        coded = add_text_article(project, text, "coded.txt").article_id
        with writing(project) as writer:
            for sentence in pledges:
                start = text.index(sentence)
                writer.add(Draft(coded, tag, coder.id, start, start + len(sentence)))
        new_text, new_pledges = english(5, 30)
        new = add_text_article(project, new_text, "new.txt").article_id
    return new_text, new_pledges, new


@pytest.fixture
def win(
    qtbot: QtBot, project_path: Path, settings: Settings, texts: object
) -> Iterator[MainWindow]:
    make_application()
    window = MainWindow(open_project(project_path), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _learn(qtbot: QtBot, window: MainWindow, article_id: int) -> None:
    window.open_article(article_id)
    panel = window.suggestions.panel
    panel.tag_box.setCurrentIndex(panel.tag_box.findText("pledge"))
    qtbot.waitUntil(lambda: not window.suggestions.busy and panel.list.count() > 0, timeout=60000)
    panel.list.setFocus()


def _annotations(project: Project) -> list[tuple[int, int, str]]:
    with project.session() as session:
        rows = session.execute(sa.select(Annotation.start, Annotation.end, Annotation.quote))
        return sorted((s, e, q) for s, e, q in rows)


def test_the_layer_outlines_the_suggestions_after_emoji(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    text, pledges, new = texts
    _learn(qtbot, win, new)
    expected = {
        (_utf16(text, text.index(p)), _utf16(text, text.index(p) + len(p))) for p in pledges
    }
    assert {(s, e) for s, e, _c, _now in win.reader.view.suggested} == expected
    cursor = QTextCursor(win.reader.view.document())  # Qt's own reading of its positions
    cursor.setPosition(min(expected)[0])
    cursor.setPosition(min(expected)[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == pledges[0]
    win.suggestions.panel.show_layer.click()
    assert win.reader.view.suggested == []
    assert "Learned from 64 sentences" in win.suggestions.panel.status.text()


def test_accept_by_key_codes_the_passage_and_undo_removes_it(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    text, _pledges, new = texts
    _learn(qtbot, win, new)
    before = _annotations(win.project)
    best = win.suggestions.current()
    assert best is not None
    qtbot.keyClick(win.suggestions.panel.list, Qt.Key.Key_A)
    added = sorted(set(_annotations(win.project)) - set(before))
    assert added == [(best.start, best.end, text[best.start : best.end])]
    assert best not in win.suggestions.items
    coder = win.session.coder.id
    assert get_status(win.project, coder, new) == CodingStatus.IN_PROGRESS
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _annotations(win.project) == before
    qtbot.waitUntil(lambda: best in win.suggestions.items, timeout=20000)  # listed again
    assert get_status(win.project, coder, new) == CodingStatus.NOT_STARTED


def test_reject_by_key_is_remembered_and_undone(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    before = _annotations(win.project)
    best = win.suggestions.current()
    assert best is not None
    qtbot.keyClick(win.suggestions.panel.list, Qt.Key.Key_R)
    with win.project.session() as session:
        rejected = session.execute(
            sa.select(SuggestionDecision.start, SuggestionDecision.end, SuggestionDecision.decision)
        ).all()
    assert [tuple(r) for r in rejected] == [(best.start, best.end, "rejected")]
    assert best not in win.suggestions.items
    assert _annotations(win.project) == before  # nothing coded
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: best in win.suggestions.items, timeout=20000)  # listed again


def test_an_undone_decision_chooses_its_suggestion_again_after_learning(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    """Two rejections and an acceptance further down the list make it learn again (the
    accepted passage as an example of the tag), so when the acceptance is undone its
    suggestion comes back higher than the row it was accepted from: it is the one chosen,
    not whichever suggestion now stands on that row."""
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    first = win.suggestions.trained
    assert len(win.suggestions.items) >= 5
    listing = win.suggestions.panel.list
    for key in (Qt.Key.Key_R, Qt.Key.Key_R, Qt.Key.Key_S, Qt.Key.Key_S):
        qtbot.keyClick(listing, key)
    chosen = win.suggestions.current()
    assert chosen is not None and listing.currentRow() == 2
    accepted = (chosen.article_id, chosen.start, chosen.end)
    qtbot.keyClick(listing, Qt.Key.Key_A)
    qtbot.waitUntil(
        lambda: win.suggestions.trained is not first and not win.suggestions.busy, timeout=60000
    )
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    def listed() -> list[tuple[int, int, int]]:
        return [(s.article_id, s.start, s.end) for s in win.suggestions.items]

    qtbot.waitUntil(lambda: accepted in listed() and not win.suggestions.busy, timeout=20000)
    assert listed().index(accepted) != 2  # it moved: the row alone would choose another
    now = win.suggestions.current()
    assert now is not None
    assert (now.article_id, now.start, now.end) == accepted


def test_learning_again_keeps_the_chosen_suggestion(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    first = win.suggestions.trained
    listing = win.suggestions.panel.list
    qtbot.keyClick(listing, Qt.Key.Key_S)
    qtbot.keyClick(listing, Qt.Key.Key_S)
    chosen = win.suggestions.current()
    assert chosen is not None and listing.currentRow() == 2
    qtbot.mouseClick(win.suggestions.panel.retrain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: win.suggestions.trained is not first and not win.suggestions.busy, timeout=60000
    )
    now = win.suggestions.current()
    assert now is not None
    assert (now.article_id, now.start, now.end) == (chosen.article_id, chosen.start, chosen.end)


def test_skip_moves_on_without_writing(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    before = _annotations(win.project)
    qtbot.keyClick(win.suggestions.panel.list, Qt.Key.Key_S)
    assert win.suggestions.panel.list.currentRow() == 1
    assert _annotations(win.project) == before


def test_it_learns_again_after_a_few_decisions(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    first = win.suggestions.trained
    assert first is not None and first.examples == 64
    for _ in range(3):
        qtbot.keyClick(win.suggestions.panel.list, Qt.Key.Key_A)
    qtbot.waitUntil(
        lambda: win.suggestions.trained is not first and not win.suggestions.busy, timeout=60000
    )
    again = win.suggestions.trained
    assert again is not None
    assert (again.examples, again.positives) == (64 + 3, 21 + 3)  # not the unread rest
    assert "Learned from 67 sentences" in win.suggestions.panel.status.text()


def test_decisions_go_on_while_the_list_is_read_again(
    qtbot: QtBot,
    win: MainWindow,
    texts: tuple[str, list[str], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The list is read again off the window's thread: while that reading is held up, the
    next key still decides the next suggestion, and the list read before it is not shown."""
    text, _pledges, new = texts
    _learn(qtbot, win, new)
    first, second, *_ = win.suggestions.items
    listing = win.suggestions.listing
    read = listing._listing  # the model reading the article, as the window calls it
    inside, release = threading.Event(), threading.Event()
    readers: list[threading.Thread] = []

    def held(*args: object) -> object:
        readers.append(threading.current_thread())
        listed = read(*args)  # type: ignore[arg-type]
        inside.set()
        release.wait(20)  # read, but not yet shown: a decision is made meanwhile
        return listed

    monkeypatch.setattr(listing, "_listing", held)
    shown_lists: list[list[tuple[int, int]]] = []
    listing.listed.connect(lambda _r, items: shown_lists.append([(s.start, s.end) for s in items]))
    try:
        panel = win.suggestions.panel
        qtbot.keyClick(panel.list, Qt.Key.Key_A)
        qtbot.waitUntil(inside.is_set, timeout=20000)  # reading again, in the background
        assert first not in win.suggestions.items and win.suggestions.current() == second
        qtbot.keyClick(panel.list, Qt.Key.Key_A)  # the window answers: the next one
        assert second not in win.suggestions.items
    finally:
        release.set()
    qtbot.waitUntil(lambda: not listing.busy, timeout=60000)
    assert threading.main_thread() not in readers
    with win.project.session() as session:
        rows = session.execute(
            sa.select(Annotation.start, Annotation.end).where(Annotation.article_id == new)
        )
        coded = {(s, e) for s, e in rows}
    assert coded == {(first.start, first.end), (second.start, second.end)}
    assert text[first.start : first.end] == first.quote
    shown = {(s.start, s.end) for s in win.suggestions.items}
    assert shown and not shown & coded
    # the list read before the second decision was dropped, never shown
    assert shown_lists and all(not set(listed) & coded for listed in shown_lists)


def test_no_suggestions_in_the_reliability_sample(
    qtbot: QtBot, project_path: Path, settings: Settings, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    with open_project(project_path) as project:
        coders = [ensure_coder(project, n).id for n in ("Test Coder", "Other")]
        draw_sample(project, "100%", coders, seed=3)
    make_application()
    window = MainWindow(open_project(project_path), settings)
    qtbot.addWidget(window)
    window.show()
    try:
        window.open_article(new)
        panel = window.suggestions.panel
        panel.tag_box.setCurrentIndex(panel.tag_box.findText("pledge"))
        qtbot.waitUntil(lambda: not window.suggestions.busy, timeout=60000)
        window.open_article(new)
        assert panel.list.count() == 0
        assert window.reader.view.suggested == []
        assert panel.status.text() == BLIND
    finally:
        window.close()


@pytest.fixture
def sampled(
    qtbot: QtBot, project_path: Path, settings: Settings, texts: tuple[str, list[str], int]
) -> Iterator[MainWindow]:
    """A window on a project whose every article is in the reliability sample."""
    with open_project(project_path) as project:
        coders = [ensure_coder(project, n).id for n in ("Test Coder", "Other")]
        draw_sample(project, "100%", coders, seed=3)
    make_application()
    window = MainWindow(open_project(project_path), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_the_panel_allows_suggestions_in_the_sample_for_the_whole_project(
    qtbot: QtBot, sampled: MainWindow, project_path: Path, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    panel = sampled.suggestions.panel
    sampled.open_article(new)
    panel.tag_box.setCurrentIndex(panel.tag_box.findText("pledge"))
    qtbot.waitUntil(lambda: not sampled.suggestions.busy, timeout=60000)
    assert panel.list.count() == 0 and panel.status.text() == BLIND
    assert not panel.in_sample.isChecked()
    assert "coded blind" in panel.in_sample.toolTip()

    _click(qtbot, panel.in_sample)
    with open_project(project_path, create=False) as other:  # stored for every coder
        assert allowed_in_sample(other)
    action = sampled.suggestions.sample_action
    assert action is not None and action.isChecked()  # the Team menu's shows the same
    qtbot.waitUntil(lambda: not sampled.suggestions.busy and panel.list.count() > 0, timeout=60000)
    assert sampled.reader.view.suggested != []

    _click(qtbot, panel.in_sample)
    assert panel.list.count() == 0 and sampled.reader.view.suggested == []
    assert panel.status.text() == BLIND
    with open_project(project_path, create=False) as other:
        assert not allowed_in_sample(other)


def test_the_switch_follows_another_programs_change(
    qtbot: QtBot, sampled: MainWindow, project_path: Path
) -> None:
    panel = sampled.suggestions.panel
    assert not panel.in_sample.isChecked()
    with open_project(project_path, create=False) as other:
        allow_in_sample(other, True)
    qtbot.waitUntil(panel.in_sample.isChecked, timeout=20000)


def test_learning_again_shows_progress_and_stops_when_asked(
    qtbot: QtBot,
    win: MainWindow,
    texts: tuple[str, list[str], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    panel = win.suggestions.panel
    trained, listed = win.suggestions.trained, list(win.suggestions.items)
    assert not panel.progress.isVisible() and not panel.cancel_button.isVisible()
    assert not panel.in_sample.isVisible()  # no reliability sample: no switch for it here
    # The worker waits inside its first fit until the test lets it go, so the stop button is
    # pressed while the learning is surely under way (a gate, not a sleep).
    inside, release = threading.Event(), threading.Event()
    fit = SentenceModel.fit.__func__  # type: ignore[attr-defined]

    def gated(cls: type[SentenceModel], /, *args: object, **kwargs: object) -> SentenceModel:
        inside.set()
        release.wait(60)
        return fit(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(SentenceModel, "fit", classmethod(gated))
    try:
        _click(qtbot, panel.retrain_button)
        qtbot.waitUntil(inside.is_set, timeout=20000)
        qtbot.waitUntil(
            lambda: panel.status.text().startswith("Learning from 64 sentences"), timeout=20000
        )
        assert panel.progress.isVisible()
        _click(qtbot, panel.cancel_button)  # the window answers while the worker works
        assert not panel.cancel_button.isEnabled() and panel.status.text() == "Stopping…"
    finally:
        release.set()
    qtbot.waitUntil(lambda: not win.suggestions.busy, timeout=60000)
    assert win.suggestions.trained is trained and win.suggestions.items == listed
    assert panel.list.count() == len(listed)
    # it says it stopped, then what the model it keeps learned and how good it is
    said = panel.status.text()
    assert said.startswith(STOPPED + " Learned from 64 sentences")
    assert "Checked on" in said
    assert not panel.progress.isVisible() and not panel.cancel_button.isVisible()


def test_the_corpus_list_follows_the_switch(
    qtbot: QtBot, sampled: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, pledges, new = texts
    panel = sampled.suggestions.panel
    sampled.open_article(new)
    panel.scope.setCurrentIndex(panel.scope.findData("corpus"))
    panel.tag_box.setCurrentIndex(panel.tag_box.findText("pledge"))
    qtbot.waitUntil(lambda: sampled.suggestions.trained is not None, timeout=60000)
    qtbot.waitUntil(lambda: not sampled.suggestions.busy, timeout=60000)
    assert panel.list.count() == 0  # every article is in the sample
    _click(qtbot, panel.in_sample)
    qtbot.waitUntil(lambda: panel.list.count() > 0, timeout=60000)
    assert new in {s.article_id for s in sampled.suggestions.items}
    assert set(pledges) <= {s.quote for s in sampled.suggestions.items}
    _click(qtbot, panel.in_sample)
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=60000)


def test_an_article_with_nothing_to_suggest_says_so(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    coded = next(a.id for a in win.articles.articles if a.id != new)  # every pledge coded
    win.open_article(coded)
    qtbot.waitUntil(lambda: not win.suggestions.busy, timeout=60000)
    panel = win.suggestions.panel
    qtbot.waitUntil(lambda: "Learned from" in panel.status.text(), timeout=20000)
    assert panel.list.count() == 0
    assert "Nothing to suggest in this article" in panel.status.text()
    assert "All articles" in panel.status.text()
    win.open_article(new)  # suggestions again: no such words
    qtbot.waitUntil(lambda: panel.list.count() > 0, timeout=60000)
    qtbot.waitUntil(lambda: "Learned from" in panel.status.text(), timeout=20000)
    assert "Nothing to suggest" not in panel.status.text()


# ----- a small laptop's window: the panel's words whole, several rows, the keys at hand ------
def _wrapped_height(label: QLabel) -> int:
    """The height Qt gives the label's words wrapped at its width (a label of Qt's own with
    the same words and font)."""
    probe = QLabel(label.text())
    probe.setWordWrap(True)
    probe.setFont(label.font())
    return probe.heightForWidth(label.width())


def _rows_in_sight(listing: QListWidget) -> int:
    """The list's rows whose whole height lies inside its viewport."""
    seen = listing.viewport().rect()
    rects = [listing.visualRect(listing.model().index(r, 0)) for r in range(listing.count())]
    return sum(
        1 for r in rects if r.height() > 0 and seen.top() <= r.top() and r.bottom() <= seen.bottom()
    )


def _choose_tag_by_keys(qtbot: QtBot, window: MainWindow, tag: str) -> None:
    """Choose the tag as a researcher does with the keyboard: the chooser focused, arrows."""
    box = window.suggestions.panel.tag_box
    box.setFocus()
    while box.currentText() != tag:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    listing = window.suggestions.panel.list
    qtbot.waitUntil(lambda: not window.suggestions.busy and listing.count() > 0, timeout=60000)


@pytest.mark.parametrize(("width", "height"), [(1024, 640), (1280, 800)])
def test_a_laptop_window_shows_the_whole_quality_and_five_suggestions(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int], width: int, height: int
) -> None:
    _text, pledges, new = texts
    win.resize(width, height)
    qtbot.waitUntil(lambda: win.size().toTuple() == (width, height))
    win.open_article(new)
    _choose_tag_by_keys(qtbot, win, "pledge")
    panel = win.suggestions.panel
    status = panel.status
    qtbot.waitUntil(lambda: "it did not learn from" in status.text(), timeout=20000)
    QApplication.processEvents()  # the side column laid out again for the longer words
    assert status.isVisible() and status.contentsRect().height() >= _wrapped_height(status)
    assert panel.list.count() == len(pledges)
    assert _rows_in_sight(panel.list) >= 5
    assert win.size().toTuple() == (width, height)  # the window did not grow for it
    # Learning again (its words short while it learns, long again after) takes no more
    # room from the annotation list than the first time.
    annotations = win.annotation_panel.height()
    for _ in range(2):
        before = win.suggestions.trained

        def learned_again(before: object = before) -> bool:
            return win.suggestions.trained is not before and not win.suggestions.busy

        _click(qtbot, panel.retrain_button)
        qtbot.waitUntil(learned_again, timeout=60000)
        QApplication.processEvents()
    assert win.annotation_panel.height() == annotations
    assert _rows_in_sight(panel.list) >= 5


def test_the_panel_says_the_quality_in_words_and_its_measures_on_hover(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    panel = win.suggestions.panel
    status = panel.status
    assert "found 10 in 10 of the pledge sentences" in status.text()
    assert "F1" not in status.text()  # the measures' names are on hover
    assert status.text() in status.toolTip()
    assert "F1 for pledge" in status.toolTip() and "macro-F1" in status.toolTip()
    assert [
        b.text().replace("&", "")
        for b in (panel.accept_button, panel.reject_button, panel.skip_button)
    ] == ["Accept (A)", "Reject (R)", "Skip (S)"]


def _click_row(qtbot: QtBot, listing: QListWidget, row: int) -> None:
    rect = listing.visualRect(listing.model().index(row, 0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _point_in_text(window: MainWindow, text: str, position: int) -> QPoint:
    """Where the reader draws the character at ``position`` (code points), in its viewport."""
    view = window.reader.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(_utf16(text, position))
    return view.cursorRect(cursor).center()


def test_a_key_in_the_text_decides_the_suggestion_chosen_by_a_click(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    """Clicking a row, then selecting words of its passage in the text, A codes those words:
    the key works in the text while a suggestion is chosen there."""
    text, _pledges, new = texts
    _learn(qtbot, win, new)
    listing = win.suggestions.panel.list
    _click_row(qtbot, listing, 2)
    chosen = win.suggestions.items[2]
    assert listing.currentRow() == 2 and win.focusWidget() is listing
    view = win.reader.view
    words = text.index("new", chosen.start)  # "new <things> before the next election"
    end = chosen.end - 1  # before the full stop
    start_at, end_at = _point_in_text(win, text, words), _point_in_text(win, text, end)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start_at)
    qtbot.mouseMove(view.viewport(), end_at)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end_at)
    assert view.selected_span() == (words, end)
    before = _annotations(win.project)
    qtbot.keyClick(view, Qt.Key.Key_A)
    added = sorted(set(_annotations(win.project)) - set(before))
    assert added == [(words, end, text[words:end])]
    assert text[words:end].startswith("new ") and text[words:end].endswith("election")
    assert chosen not in win.suggestions.items


def test_reject_and_skip_keys_work_in_the_text_only_while_a_suggestion_is_shown(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    text, _pledges, new = texts
    _learn(qtbot, win, new)
    panel = win.suggestions.panel
    _click_row(qtbot, panel.list, 1)
    chosen = win.suggestions.items[1]
    view = win.reader.view
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_point_in_text(win, text, chosen.start + 3)
    )
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert panel.list.currentRow() == 2  # skipped
    third = win.suggestions.items[2]
    qtbot.keyClick(view, Qt.Key.Key_R)
    with win.project.session() as session:
        rejected = session.execute(
            sa.select(SuggestionDecision.start, SuggestionDecision.end)
        ).all()
    assert [tuple(r) for r in rejected] == [(third.start, third.end)]
    # The layer hidden, the text shows no suggestion: its letters decide nothing.
    _click(qtbot, panel.show_layer)
    assert view.suggested == []
    before = _annotations(win.project)
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert _annotations(win.project) == before


def test_choosing_the_tag_or_clicking_a_button_leaves_the_keys_in_the_list(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    """S chooses the tag "statistic" in the tag chooser: after choosing a tag the keyboard
    is in the list instead, and a clicked button does not keep it (Space would click it
    again)."""
    _text, _pledges, new = texts
    win.open_article(new)
    _choose_tag_by_keys(qtbot, win, "pledge")
    panel = win.suggestions.panel
    assert win.focusWidget() is panel.list
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_S)
    assert panel.tag_box.currentText() == "pledge" and panel.list.currentRow() == 1
    before = _annotations(win.project)
    chosen = win.suggestions.current()
    assert chosen is not None
    _click(qtbot, panel.accept_button)
    assert len(_annotations(win.project)) == len(before) + 1
    assert win.focusWidget() is panel.list
    now = win.suggestions.current()
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Space)  # skip, not a second acceptance
    assert len(_annotations(win.project)) == len(before) + 1
    assert win.suggestions.current() is not now


def test_the_panel_can_be_put_away_from_the_view_menu_and_stays_away(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int], settings: Settings
) -> None:
    """View > Suggestions panel hides the panel, which gives its room to the annotation list,
    and takes its outlines from the text; the window opens without it next time."""
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    panel = win.suggestions.panel
    annotations = win.annotation_panel
    before = annotations.height()
    assert win.reader.view.suggested
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # the View menu
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_G)  # Su&ggestions panel
    qtbot.waitUntil(lambda: not panel.isVisible())
    qtbot.waitUntil(lambda: annotations.height() > before)
    assert win.reader.view.suggested == []
    assert Settings.load().show_suggestions is False
    again = MainWindow(open_project(win.project.location), Settings.load())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert not again.suggestions.panel.isVisible()
    again.close()


def test_the_panel_shown_again_lists_the_article_opened_meanwhile(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    assert {s.article_id for s in win.suggestions.items} == {new}
    win.suggestions_action.trigger()  # put away (the menu's keys are tested above)
    coded = next(a.id for a in win.articles.articles if a.id != new)
    win.open_article(coded)
    win.suggestions_action.trigger()
    qtbot.waitUntil(lambda: not win.suggestions.busy)
    assert all(s.article_id == coded for s in win.suggestions.items)


def test_after_a_decision_the_next_suggestion_is_chosen_when_the_list_is_full(
    qtbot: QtBot,
    win: MainWindow,
    texts: tuple[str, list[str], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The corpus list is cut at its best few: a decision lets the next best in at the
    bottom, which is new to the list but no decision came back with it, so the row decided
    on (now its next suggestion) stays chosen, not the newcomer at the bottom."""
    monkeypatch.setattr(suggestions_module, "CORPUS_LIMIT", 5)
    _text, _pledges, new = texts
    _learn(qtbot, win, new)
    panel = win.suggestions.panel
    panel.scope.setCurrentIndex(panel.scope.findData(ALL_ARTICLES))
    qtbot.waitUntil(lambda: not win.suggestions.busy and len(win.suggestions.items) == 5)
    listing = panel.list
    listing.setFocus()
    for key in (Qt.Key.Key_A, Qt.Key.Key_R):
        decided, following = win.suggestions.items[0], win.suggestions.items[1]
        assert listing.currentRow() == 0
        qtbot.keyClick(listing, key)

        def relisted(decided: object = decided) -> bool:
            items = win.suggestions.items
            return not win.suggestions.busy and len(items) == 5 and decided not in items

        qtbot.waitUntil(relisted, timeout=20000)
        assert win.suggestions.current() == following


def test_a_narrowed_suggestion_is_snapped_to_whole_words_when_accepted(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    """Selecting from inside one word to inside another, then A, codes the whole words, as
    a tag key would with snapping on (the View menu's default)."""
    text, _pledges, new = texts
    _learn(qtbot, win, new)
    listing = win.suggestions.panel.list
    _click_row(qtbot, listing, 2)
    chosen = win.suggestions.items[2]
    view = win.reader.view
    words = text.index("new", chosen.start)  # "new <things> before the next election"
    election = text.index("election", words)
    start_at = _point_in_text(win, text, words + 1)  # inside "new"
    end_at = _point_in_text(win, text, election + 3)  # inside "election"
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start_at)
    qtbot.mouseMove(view.viewport(), end_at)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end_at)
    assert view.selected_span() == (words + 1, election + 3)
    before = _annotations(win.project)
    qtbot.keyClick(view, Qt.Key.Key_A)
    whole = election + len("election")
    assert sorted(set(_annotations(win.project)) - set(before)) == [
        (words, whole, text[words:whole])
    ]


def test_a_click_on_an_outlined_passage_chooses_that_suggestion(
    qtbot: QtBot, win: MainWindow, texts: tuple[str, list[str], int]
) -> None:
    """With the first suggestion chosen, a click inside another outlined passage in the text
    chooses that one, so that R then rejects the passage clicked, not the first."""
    text, _pledges, new = texts
    _learn(qtbot, win, new)
    first, other = win.suggestions.items[0], win.suggestions.items[3]
    assert win.suggestions.current() == first
    view = win.reader.view
    view.reveal(other.start, other.end)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=_point_in_text(win, text, other.start + 4)
    )
    assert win.suggestions.current() == other
    qtbot.keyClick(view, Qt.Key.Key_R)
    with win.project.session() as session:
        rejected = session.execute(sa.select(SuggestionDecision.start, SuggestionDecision.end))
        assert [tuple(r) for r in rejected] == [(other.start, other.end)]


LONG_STATUS = (
    "Learned from 1060 sentences you have read (5 articles), 182 of them pledge. Checked on "
    "articles it did not learn from: it found 5 in 10 of the pledge sentences, and 4 in 10 "
    "of its suggestions were pledge. Nothing to suggest in this article: no sentence you have "
    "not coded is likely enough to be pledge. Choose “All articles” to see the best in the "
    "others."
)


def test_long_words_about_the_model_do_not_grow_a_small_window(
    qtbot: QtBot, win: MainWindow
) -> None:
    """At the size the window takes on a 1024 × 640 screen, the panel's longest words scroll
    in their own place instead of making the window taller than the screen."""
    win.resize(962, 601)
    qtbot.waitUntil(lambda: win.height() == 601)
    status = win.suggestions.panel.status
    status.say(LONG_STATUS)
    qtbot.wait(0)
    assert win.height() == 601 and win.minimumSizeHint().height() <= 601
    area = win.suggestions.panel.status_area
    assert area.verticalScrollBar().maximum() > 0  # the rest is there, a scroll away
    assert status.toolTip() == LONG_STATUS
