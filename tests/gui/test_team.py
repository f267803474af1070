"""Team work in the window: the connect dialog's message for each failure, the password in
the keyring, other members' work appearing live without moving the reader, a conflict shown
with both versions, and the lead's progress view."""

import socket
import threading
from collections.abc import Iterator

import keyring
import keyring.backend
import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QTableWidget
from pytestqt.qtbot import QtBot

from annotator.core.annotations import add_annotation, article_annotations, set_note
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.models import CodingStatus
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.core.team.assignments import assign, assignments
from annotator.core.team.reliability import draw_sample
from annotator.core.team.roles import group_roles, login_for
from annotator.gui import messages
from annotator.gui.connect_dialog import ConnectDialog, with_password
from annotator.gui.main_window import MainWindow
from annotator.gui.team_dialogs import DealDialog
from benchmarks.team_bench import CoderResult, prepare, run_team, team_members
from tests.core.team.conftest import Team, drop_roles, team  # noqa: F401 - the fixture
from tests.gui.conftest import ARTICLE
from tests.gui.test_undo_conflicts import _code_with_keys
from tests.helpers import add_text_article


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives as long as the test: the user's real one is never touched."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.kept: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)


def _dialog(
    qtbot: QtBot, host: str, port: int, database: str, user: str, password: str
) -> ConnectDialog:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    for field, text in (
        (dialog.host, host),
        (dialog.database, database),
        (dialog.user, user),
        (dialog.password, password),
    ):
        qtbot.keyClicks(field, text)
    dialog.port.setValue(port)
    if dialog.tls.isChecked():  # the test server offers no TLS
        QTest.mouseClick(dialog.tls, Qt.MouseButton.LeftButton, pos=dialog.tls.rect().center())
    return dialog


def _connect(qtbot: QtBot, dialog: ConnectDialog) -> str:
    QTest.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    return dialog.error.text() if dialog.error.isVisible() else ""


def _socket(url: str) -> tuple[str, int]:
    parsed = sa.make_url(url)
    return str(parsed.query["host"]), int(str(parsed.query["port"]))


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.postgres
def test_the_connect_dialog_says_why_each_failure(
    qtbot: QtBot,
    team: Team,  # noqa: F811 - the fixture imported above
    pg_url: str,
    memory_keyring: MemoryKeyring,
) -> None:
    tcp = sa.make_url(team.tcp_url(team.ada, "x"))
    host, port = str(tcp.host), int(tcp.port or 0)
    database = str(tcp.database)
    said = _connect(qtbot, _dialog(qtbot, "127.0.0.1", _free_port(), database, "ada", "pw"))
    assert "cannot be reached" in said
    said = _connect(qtbot, _dialog(qtbot, host, port, database, team.ada.login, "wrong"))
    assert "refused the user name or password" in said
    folder, socket_port = _socket(pg_url)
    said = _connect(qtbot, _dialog(qtbot, folder, socket_port, "no_such_db", "postgres", ""))
    assert "There is no database 'no_such_db'" in said
    server = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with server.begin() as conn:
        conn.execute(sa.text(f'CREATE ROLE "outsider_{database}" LOGIN'))
        conn.execute(sa.text("CREATE DATABASE " + f'"{database}_empty"'))
    try:
        said = _connect(
            qtbot, _dialog(qtbot, folder, socket_port, database, f"outsider_{database}", "")
        )
        assert "may not open the database" in said and "ask the lead" in said
        said = _connect(
            qtbot, _dialog(qtbot, folder, socket_port, f"{database}_empty", "postgres", "")
        )
        assert "holds no project yet" in said and "serve-init" in said
        project_db = sa.create_engine(team.admin)
        with project_db.begin() as conn:
            revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
        said = _connect(qtbot, _dialog(qtbot, folder, socket_port, database, "postgres", ""))
        assert "newer version of Annotator" in said
        with project_db.begin() as conn:
            conn.execute(
                sa.text("UPDATE alembic_version SET version_num = :was"), {"was": revision}
            )
        project_db.dispose()
        dialog = _dialog(qtbot, host, port, database, team.ada.login, team.ada.password)
        assert _connect(qtbot, dialog) == ""
        assert dialog.result() == ConnectDialog.DialogCode.Accepted
        assert dialog.url is not None and team.ada.password in dialog.url
    finally:
        with server.begin() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}_empty"'))
        server.dispose()
        from tests.core.team.conftest import drop_roles  # noqa: PLC0415

        drop_roles(team.admin, [f"outsider_{database}"])
    # the password went to the keyring, never into the location the window remembers
    assert list(memory_keyring.kept.values()) == [team.ada.password]
    with open_project(dialog.url, create=False) as project:
        assert team.ada.password not in project.location
        again = with_password(None, project.location)
    assert again == dialog.url


def test_another_members_annotation_appears_live_without_moving_the_reader(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.set_show_others(True)
    view = window.reader.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    place = view.verticalScrollBar().value()
    article = window.article_id or 0
    with open_project(window.project.location, create=False) as elsewhere:
        bo = ensure_coder(elsewhere, "Bo")
        start = ARTICLE.index("national grant")
        theirs = add_annotation(
            elsewhere, article, list_tags(elsewhere)[1].id, bo.id, start, start + 14
        )
        qtbot.waitUntil(
            lambda: window.annotation_model.record(theirs.id) is not None, timeout=10000
        )
        assert view.verticalScrollBar().value() == place
        assert view.chosen is None  # the reader's choice is left alone
        set_note(elsewhere, theirs.id, "seen on page 2", expected_version=1)
        qtbot.waitUntil(
            lambda: (window.annotation_model.record(theirs.id) or theirs).note == "seen on page 2",
            timeout=10000,
        )
    assert window.annotation_model.everything == article_annotations(window.project, article)
    row = window.articles.row_of(article)
    assert window.articles.articles[row].annotations == 1


@pytest.mark.postgres
def test_the_leads_window_shows_a_coders_work_live_on_the_server(
    qtbot: QtBot,
    team: Team,  # noqa: F811 - the fixture imported above
    settings: Settings,
) -> None:
    with open_project(team.admin) as admin:
        article = add_text_article(admin, ARTICLE).article_id
    settings.show_other_coders = True
    lead = MainWindow(open_project(team.url(team.lead), create=False), settings)
    qtbot.addWidget(lead)
    lead.show()
    try:
        assert lead.session.coder.name == team.lead.name  # the login decides who codes
        server = sa.make_url(team.url(team.lead))
        title = lead.windowTitle()
        assert title.startswith(f"{server.database} on {server.host or 'this computer'}")
        assert "?" not in title and "password" not in title.lower()
        with open_project(team.url(team.ada), create=False) as ada:
            me = ada_coder = ensure_coder(ada, team.ada.name)
            tags = list_tags(ada)
            made = [
                add_annotation(ada, article, tags[i % 2].id, me.id, i * 4, i * 4 + 3)
                for i in range(5)
            ]
            set_note(ada, made[0].id, "first", expected_version=1)
            qtbot.waitUntil(
                lambda: [r.note for r in lead.annotation_model.everything][:1] == ["first"],
                timeout=15000,
            )
            qtbot.waitUntil(lambda: len(lead.annotation_model.everything) == 5, timeout=15000)
            assert lead.annotation_model.everything == article_annotations(ada, article)
            assert {r.coder_id for r in made} == {ada_coder.id}
    finally:
        lead.close()


def test_a_conflict_shows_both_versions(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text: said.append(text))
    _code_with_keys(qtbot, window, "diesel bus", "1")
    [mine] = article_annotations(window.project, window.article_id or 0)
    with open_project(window.project.location, create=False) as elsewhere:
        set_note(elsewhere, mine.id, "B's note", expected_version=mine.version)
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "Someone else changed this annotation" in said[0]
    assert f"As you saw it: version {mine.version}" in said[0]
    assert f"Now stored (version {mine.version + 1}): pledge “diesel bus”" in said[0]
    assert "note “B's note”" in said[0] and "Test Coder" in said[0]


def test_assignments_come_first_and_the_lead_sees_progress(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = window.project
    second = add_text_article(project, "A second article about trams.\n").article_id
    coder = window.session.coder.id
    bo = ensure_coder(project, "Bo").id
    assign(project, [second], coder)
    assign(project, [second], bo)
    qtbot.waitUntil(lambda: window.articles.articles[0].id == second)
    assert window.team.heading.text() == "Your assignments first: 0 of 1 done"
    set_status(project, coder, second, CodingStatus.DONE)
    qtbot.waitUntil(lambda: window.team.heading.text() == "Your assignments first: 1 of 1 done")
    dialog = window.team.show_progress()
    qtbot.addWidget(dialog)
    rows = {
        _text(dialog.coders, r, 0): _text(dialog.coders, r, 4)
        for r in range(dialog.coders.rowCount())
    }
    assert rows == {"Bo": "0", "Test Coder": "1"}
    assert dialog.articles.rowCount() == 1
    assert _text(dialog.articles, 0, 0) == "in progress"
    set_status(project, bo, second, CodingStatus.DONE)
    qtbot.waitUntil(lambda: _text(dialog.articles, 0, 0) == "done")
    dialog.close()


def test_agreement_and_review_start_on_the_reliability_sample(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = window.project
    first = window.article_id or 0
    second = add_text_article(project, "A second article: trams return to the city.\n").article_id
    ada, bo = ensure_coder(project, "Ada").id, ensure_coder(project, "Bo").id
    pledge = list_tags(project)[0].id
    start = ARTICLE.index("diesel bus")
    for coder in (ada, bo):
        add_annotation(project, first, pledge, coder, start, start + 10)
    add_annotation(project, second, pledge, ada, 0, 8)
    set_status(project, bo, second, CodingStatus.DONE)  # Bo read it and found nothing
    draw = draw_sample(project, "1", [ada, bo], seed=5)
    assert set(draw.articles) == {second}  # not the article open in the window
    dialog = window.show_agreement()
    qtbot.addWidget(dialog)
    assert dialog.only_sample.isChecked()
    assert dialog.report is not None and dialog.report.articles == 1
    QTest.mouseClick(
        dialog.only_sample, Qt.MouseButton.LeftButton, pos=dialog.only_sample.rect().center()
    )
    assert dialog.report is not None and dialog.report.articles == 2
    dialog.close()
    review = window.show_review()
    qtbot.addWidget(review)
    assert review.article_id == second
    review.close()


@pytest.mark.postgres
def test_a_coders_window_offers_only_what_their_role_allows(
    qtbot: QtBot,
    team: Team,  # noqa: F811 - the fixture imported above
    settings: Settings,
) -> None:
    windows = {}
    for member in (team.ada, team.lead):
        window = MainWindow(open_project(team.url(member), create=False), settings)
        qtbot.addWidget(window)
        window.show()
        windows[member.login] = window
    try:
        ada, lead = windows[team.ada.login], windows[team.lead.login]
        add = ada.codebook.edit_buttons[0]
        assert add.text() == "+"
        # A click on the disabled button opens no dialog (the guard fails on any).
        QTest.mouseClick(add, Qt.MouseButton.LeftButton)
        assert not add.isEnabled() and not any(b.isEnabled() for b in ada.codebook.edit_buttons)
        offered = {a.text(): a.isEnabled() for a in ada.lead_actions}
        assert offered == {
            "&Import articles…": False,
            "Import a &folder…": False,
            "&Merge projects…": False,
            "&Agreement…": False,
            "&Review disagreements…": False,
        }
        assert all(a.isEnabled() for a in lead.lead_actions)
        assert all(b.isEnabled() for b in lead.codebook.edit_buttons)
        # The Articles tab: attributes and deletion are the lead's, opening is everyone's.
        for window, lead_may in ((ada, False), (lead, True)):
            browser = window.corpus.show(window.corpus.ARTICLES)
            offered = {b.objectName(): b.isEnabled() for b in browser.lead_buttons}
            assert set(offered) >= {"setAttribute", "deleteArticles"}
            assert set(offered.values()) == {lead_may}
            edits = browser.table.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
            assert edits == lead_may
    finally:
        for window in windows.values():
            window.close()


@pytest.mark.postgres
def test_the_lead_deals_to_the_coders_not_to_themselves(
    qtbot: QtBot,
    team: Team,  # noqa: F811 - the fixture imported above
) -> None:
    with open_project(team.url(team.lead), create=False) as project:
        dialog = DealDialog(project, None, sample=True)
        qtbot.addWidget(dialog)
        chosen = {
            dialog.coders.item(row).text(): dialog.coders.item(row).checkState()
            == Qt.CheckState.Checked
            for row in range(dialog.coders.count())
        }
        assert chosen == {team.ada.name: True, team.bo.name: True, team.lead.name: False}


@pytest.mark.postgres
def test_a_coders_undo_after_the_leads_edit_shows_both_versions_on_the_server(
    qtbot: QtBot,
    team: Team,  # noqa: F811 - the fixture imported above
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text: said.append(text))
    with open_project(team.admin) as admin:
        article = add_text_article(admin, ARTICLE).article_id
    ada = MainWindow(open_project(team.url(team.ada), create=False), settings)
    qtbot.addWidget(ada)
    ada.show()
    qtbot.waitExposed(ada)
    try:
        ada.open_article(article)
        _code_with_keys(qtbot, ada, "diesel bus", "1")
        [mine] = article_annotations(ada.project, article)
        with open_project(team.url(team.lead), create=False) as lead:
            set_note(lead, mine.id, "Check the date", expected_version=mine.version)
        # The lead's edit arrives in Ada's window live ...
        qtbot.waitUntil(
            lambda: (ada.annotation_model.record(mine.id) or mine).note == "Check the date",
            timeout=10000,
        )
        # ... and her undo of the creation, which expects her own version, is refused.
        qtbot.keyClick(ada, "z", Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: len(said) == 1)
        assert "Someone else changed this annotation" in said[0]
        assert f"As you saw it: version {mine.version}" in said[0]
        assert f"Now stored (version {mine.version + 1})" in said[0]
        assert "note “Check the date”" in said[0] and team.ada.name in said[0]
        assert [r.note for r in article_annotations(ada.project, article)] == ["Check the date"]
    finally:
        ada.close()


@pytest.mark.postgres
def test_the_leads_window_equals_the_database_after_coders_wrote_at_once(
    qtbot: QtBot, pg_url: str, settings: Settings
) -> None:
    """The load test's bounded form with a real window: coders' processes under their own
    logins write at once while the lead's window follows; at the end the window shows what
    the database holds, the open article's annotations and every article's count."""
    prepare(pg_url, articles=3)
    members = team_members(pg_url, coders=3, count=20, as_members=True)
    lead_member, *coders = members
    settings.show_other_coders = True
    lead = MainWindow(open_project(lead_member.url, create=False), settings)
    qtbot.addWidget(lead)
    lead.show()
    results: list[CoderResult] = []
    writing = threading.Thread(target=lambda: results.extend(run_team(coders)))
    try:
        writing.start()
        qtbot.waitUntil(lambda: not writing.is_alive(), timeout=120000)
        assert [r.writes for r in results] == [20, 20, 20]
        article = lead.article_id or 0
        with open_project(pg_url, create=False) as admin:
            stored = article_annotations(admin, article)
            with admin.session() as session:
                counts: dict[int, int] = dict(
                    session.execute(
                        sa.text("SELECT article_id, count(*) FROM annotation GROUP BY article_id")
                    ).all()
                )
        assert sum(counts.values()) == 60
        qtbot.waitUntil(lambda: lead.annotation_model.everything == stored, timeout=30000)
        qtbot.waitUntil(
            lambda: {a.id: a.annotations for a in lead.articles.articles} == counts,
            timeout=30000,
        )
    finally:
        lead.close()
        database = sa.make_url(pg_url).database or ""
        drop_roles(pg_url, [*(login_for(m.name) for m in members), *group_roles(database)])


def test_the_lead_assigns_the_articles_chosen_in_the_browser_and_takes_one_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.project
    second = add_text_article(project, "Trams return to the city centre.\n").article_id
    third = add_text_article(project, "The ferry timetable is cut.\n").article_id
    bo = ensure_coder(project, "Bo").id
    asked: list[str] = []

    def choose(_parent: object, _title: str, label: str, options: list[str]) -> str:
        asked.append(label)
        assert "Bo" in options
        return "Bo"

    monkeypatch.setattr(messages, "ask_choice", choose)
    browser = window.corpus.show(window.corpus.ARTICLES)
    qtbot.waitUntil(lambda: browser.model.rowCount() == 3)
    rows = {browser.model.article(r).id: r for r in range(3)}
    for article, modifier in (
        (second, Qt.KeyboardModifier.NoModifier),
        (third, Qt.KeyboardModifier.ControlModifier),
    ):
        index = browser.model.index(rows[article], 0)
        browser.table.scrollTo(index)
        QTest.mouseClick(
            browser.table.viewport(),
            Qt.MouseButton.LeftButton,
            modifier,
            browser.table.visualRect(index).center(),
        )
    window.team.assign_action.trigger()  # Team > Assign the chosen articles to…
    assert asked == ["Assign 2 articles to:"]
    assert assignments(project, bo) == {second: {bo}, third: {bo}}
    index = browser.model.index(rows[third], 0)
    QTest.mouseClick(
        browser.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        browser.table.visualRect(index).center(),
    )
    window.team.unassign_action.trigger()  # Team > Take the chosen articles back from…
    assert asked[-1] == "Take 1 article back from:"
    assert assignments(project, bo) == {second: {bo}}
