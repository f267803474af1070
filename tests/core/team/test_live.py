"""Live updates: what another program changes in the same project is announced here, with
origin 'elsewhere', and nothing this program wrote itself is announced twice."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.annotation_writes import add_annotation, change_annotation, delete_annotation
from annotator.core.changes import ELSEWHERE, Changes
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.models import CodingStatus
from annotator.core.project import Project, open_project
from annotator.core.team.live import ChangeWatcher
from annotator.core.team.roles import group_roles, login_for
from benchmarks.team_bench import prepare, run_team, team_members
from tests.core.team.conftest import drop_roles
from tests.helpers import add_text_article

TEXT = "The agency will cut waiting times by half, unless staff shortages persist."


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "shared.annotator")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def two(location: str) -> Iterator[tuple[Project, Project]]:
    with open_project(location) as mine, open_project(location, create=False) as theirs:
        yield mine, theirs


def _wait(watcher: ChangeWatcher) -> Changes:
    """One round of the watcher (on PostgreSQL it waits for the notice, up to 10 s)."""
    return watcher.poll(10)


def test_another_programs_annotations_arrive_as_theirs(two: tuple[Project, Project]) -> None:
    mine, theirs = two
    article = add_text_article(theirs, TEXT).article_id
    coder = ensure_coder(theirs, "Bo")
    tag = list_tags(theirs)[0].id
    watcher = ChangeWatcher(mine)
    heard: list[Changes] = []
    mine.changes.subscribe(heard.append)
    try:
        made = add_annotation(theirs, article, tag, coder.id, 4, 11)
        got = _wait(watcher)
        assert got.origin == ELSEWHERE
        assert [r.uuid for r in got.added] == [made.uuid]
        assert got.added[0].quote == TEXT[4:11]
        assert [(s.coder_id, s.after and s.after[0]) for s in got.statuses] == [
            (coder.id, CodingStatus.IN_PROGRESS.value)
        ]
        assert heard == [got]  # announced on the project's feed

        change_annotation(theirs, made.id, expected_version=1, note="why")
        got = _wait(watcher)
        [(was, now)] = got.changed
        assert (was.version, was.note, now.version, now.note) == (1, "", 2, "why")

        delete_annotation(theirs, made.id, expected_version=2)
        got = _wait(watcher)
        assert [r.uuid for r in got.removed] == [made.uuid]
        assert got.removed[0].version == 2
        set_status(theirs, coder.id, article, CodingStatus.DONE)
        got = _wait(watcher)
        assert got.statuses[0].after is not None and got.statuses[0].after[0] == "done"
    finally:
        watcher.stop()


def test_this_programs_own_writes_are_not_announced_again(two: tuple[Project, Project]) -> None:
    mine, _theirs = two
    article = add_text_article(mine, TEXT).article_id
    coder = ensure_coder(mine, "Ada")
    watcher = ChangeWatcher(mine)
    try:
        add_annotation(mine, article, list_tags(mine)[0].id, coder.id, 0, 3)
        assert not watcher.poll(0.5)
    finally:
        watcher.stop()


@pytest.mark.postgres
def test_two_coders_at_once_see_each_others_work_live(pg_url: str) -> None:
    prepare(pg_url, articles=3)
    results = run_team(team_members(pg_url, coders=2, count=40, as_members=False))
    coders = sorted((r for r in results if r.writes), key=lambda r: r.name)
    assert [r.writes for r in coders] == [40, 40]
    assert all(r.view_equals_database for r in results)
    assert [r.database_size for r in results] == [80, 80, 80]
    [lead] = [r for r in results if not r.writes]
    assert lead.foreign_seen == 80  # it opened before anyone wrote: all of it arrived live
    assert sum(r.foreign_seen for r in coders) > 0  # some arrived while they were writing


@pytest.mark.postgres
def test_coders_logged_in_as_themselves_lose_nothing_and_the_lead_sees_it_all_live(
    pg_url: str,
) -> None:
    """The load test, bounded: coders under their own logins (roles and row-level security
    at work on every write and read), live updates on, the lead's view following."""
    prepare(pg_url, articles=3)
    members = team_members(pg_url, coders=3, count=30, as_members=True)
    try:
        results = {r.name: r for r in run_team(members)}
        lead, *coders = members
        with open_project(pg_url, create=False) as admin, admin.session() as session:
            per_coder: dict[str, int] = dict(
                session.execute(
                    sa.text(
                        "SELECT c.name, count(*) FROM annotation a JOIN coder c "
                        "ON c.id = a.coder_id GROUP BY c.name"
                    )
                ).all()
            )
        assert per_coder == {m.name: 30 for m in coders}  # nothing lost, nothing misfiled
        assert all(r.view_equals_database for r in results.values())
        # Coding is blind: each coder's connection reads their own 30 only; the lead all.
        assert [results[m.name].database_size for m in coders] == [30, 30, 30]
        assert [results[m.name].foreign_seen for m in coders] == [0, 0, 0]
        assert (results[lead.name].database_size, results[lead.name].foreign_seen) == (90, 90)
    finally:
        database = sa.make_url(pg_url).database or ""
        logins = [login_for(m.name) for m in members]
        drop_roles(pg_url, [*logins, *group_roles(database)])
