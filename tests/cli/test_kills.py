"""Commands killed with SIGKILL at many moments: the project reopens with every acknowledged
row, `check` finds nothing wrong, and no half-written file stands under a target name."""

import json
import re
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from annotator.core.annotations import article_annotations
from annotator.core.articles import list_articles
from annotator.core.backup import backups_of
from annotator.core.check import check_project
from annotator.core.codebook import list_tags
from annotator.core.project import open_project
from annotator.core.schema import head_revisions
from tests import killing
from tests.helpers import add_text_article
from tests.old_projects import old_project


def _sound(path: Path) -> None:
    """The project opens, and every check passes."""
    with open_project(path, create=False) as project:
        assert check_project(project) == []


def _leftovers(folder: Path, name: str) -> list[str]:
    """Files whose name is a target's but which are not the target."""
    return [p.name for p in folder.iterdir() if p.name.startswith(name) and p.name != name]


@pytest.mark.parametrize("kind", ["sql", "time"])
def test_a_folder_import_killed_keeps_every_imported_file(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(12):
        (folder / f"article-{number:02}.txt").write_text(
            f"Article {number}: the council pledged to plant {number} trees.\n\n" + "Words. " * 40
        )
    seed = tmp_path / "seed.annotator"
    open_project(seed).close()
    command = ["import", "PROJECT", str(folder), "--jobs", "1"]
    counted = tmp_path / "counted.annotator"
    counted.write_bytes(seed.read_bytes())
    if kind == "time":
        total = 6000  # milliseconds: starting, a worker and twelve files take about this long
    else:
        total = killing.count(
            [str(counted) if a == "PROJECT" else a for a in command], kind, tmp_path
        )
    for at in killing.points(total, f"import-{kind}"):
        project = tmp_path / f"killed-{at}.annotator"
        project.write_bytes(seed.read_bytes())
        done = killing.run([str(project) if a == "PROJECT" else a for a in command], kind, at)
        assert done.killed or kind == "time", f"not killed at {at} of {total}: {done.stderr}"
        imported = set()
        for line in done.acknowledged():
            match = re.match(r"imported: .*?article-(\d+)\.txt: ", line)
            assert match is not None, line
            imported.add(int(match.group(1)))
        _sound(project)
        with open_project(project, create=False) as opened:
            stored = {int(a.title.split(":")[0].split()[1]) for a in list_articles(opened)}
        assert imported <= stored, f"killed at {at}: {imported} not all in {stored}"


def test_a_project_creation_killed_leaves_a_complete_project_or_none(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("A note about a pledge.\n")
    name = "new.annotator"
    total = killing.count(["import", str(tmp_path / "count.annotator"), str(note)], "sql", tmp_path)
    for at in killing.points(total, "create"):
        folder = tmp_path / f"at-{at}"
        folder.mkdir()
        done = killing.run(["import", str(folder / name), str(note)], "sql", at)
        assert done.killed
        if (folder / name).exists():
            with open_project(folder / name, create=False) as project:
                assert len(list_tags(project)) == 4
            _sound(folder / name)
        # What a kill leaves is a temporary file of another name, never a part of a project.
        assert {p.name for p in folder.iterdir()} <= {name, f"{name}-wal", f"{name}-shm"} | {
            p.name for p in folder.iterdir() if p.name.startswith(f".{name}.")
        }


def test_an_upgrade_killed_loses_nothing_and_every_backup_is_whole(tmp_path: Path) -> None:
    seed = tmp_path / "seed.annotator"
    made = old_project(seed, articles=8, per_article=30)
    _known, head = head_revisions()
    count_copy = tmp_path / "count.annotator"
    for suffix in ("", "-wal"):
        Path(f"{count_copy}{suffix}").write_bytes(Path(f"{seed}{suffix}").read_bytes())
    total = killing.count(["info", str(count_copy)], "sql", tmp_path)
    for at in killing.points(total, "upgrade"):
        folder = tmp_path / f"at-{at}"
        folder.mkdir()
        path = folder / "old.annotator"
        for suffix in ("", "-wal"):
            Path(f"{path}{suffix}").write_bytes(Path(f"{seed}{suffix}").read_bytes())
        first = killing.run(["info", str(path)], "sql", at)
        assert first.killed, f"not killed at {at} of {total}"
        for backup in backups_of(path):
            kept = sqlite3.connect(backup)
            assert kept.execute("PRAGMA quick_check").fetchone() == ("ok",)
            assert kept.execute("SELECT count(*) FROM annotation").fetchone() == (made,)
            kept.close()
        with open_project(path, create=False) as project:
            assert sum(a.annotations for a in list_articles(project)) == made
            with project.engine.connect() as conn:
                revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version")
                assert revision.scalar() == head
        _sound(path)


@pytest.mark.parametrize("kind", ["sql", "file", "time"])
def test_an_export_killed_leaves_the_old_file_or_the_new_one(tmp_path: Path, kind: str) -> None:
    project = tmp_path / "study.annotator"
    with open_project(project) as opened:
        for number in range(30):
            add_text_article(opened, f"Article {number} about pledges. " + "words " * 300)
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"the previous export")
    if kind == "time":
        total = 1500  # milliseconds: starting Python and the export take about this long
    else:
        total = killing.count(["export", str(project), str(out)], kind, tmp_path)
        out.write_bytes(b"the previous export")
    for at in killing.points(total, f"export-{kind}"):
        done = killing.run(["export", str(project), str(out)], kind, at)
        if done.returncode == 0:
            assert kind == "time"  # finished before the moment came
        else:
            assert done.killed
        if out.read_bytes() != b"the previous export":
            book = openpyxl.load_workbook(out, read_only=True)
            assert "Articles" in book.sheetnames
            book.close()
        assert _leftovers(tmp_path, "out.xlsx") == []
        out.write_bytes(b"the previous export")


def test_a_merge_killed_leaves_a_sound_project_and_whole_backups(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.annotator"
    made = old_project(theirs, articles=6, per_article=20)
    seed = tmp_path / "seed.annotator"
    with open_project(seed) as project:
        add_text_article(project, "An article of my own, coded before the merge.")
    counted = tmp_path / "counted.annotator"
    counted.write_bytes(seed.read_bytes())
    total = killing.count(["merge", str(counted), str(theirs)], "sql", tmp_path)
    for at in killing.points(total, "merge"):
        folder = tmp_path / f"at-{at}"
        folder.mkdir()
        mine = folder / "mine.annotator"
        mine.write_bytes(seed.read_bytes())
        done = killing.run(["merge", str(mine), str(theirs)], "sql", at)
        assert done.killed, f"not killed at {at} of {total}"
        _sound(mine)
        with open_project(mine, create=False) as project:
            annotations = sum(a.annotations for a in list_articles(project))
        assert 0 <= annotations <= made
        for backup in backups_of(mine):
            kept = sqlite3.connect(backup)
            assert kept.execute("PRAGMA quick_check").fetchone() == ("ok",)
            assert kept.execute("SELECT count(*) FROM article").fetchone() == (1,)
            kept.close()


def _expected(lines: list[str]) -> tuple[dict[str, object], dict[str, object] | None]:
    """The state of each annotation after its last acknowledged edit, and the edit that was
    under way when the program was killed (None when it was between edits)."""
    states: dict[str, object] = {}
    pending: dict[str, object] | None = None
    for line in lines:
        event = json.loads(line)
        if "begin" in event:
            pending = event
        else:
            states[event["uuid"]] = event["state"]
            pending = None
    return states, pending


def test_a_stream_of_edits_killed_keeps_every_acknowledged_edit(tmp_path: Path) -> None:
    seed = tmp_path / "seed.annotator"
    with open_project(seed) as project:
        article = add_text_article(project, "Words of a long article to code. " * 40).article_id
    args = ["PROJECT", str(article), "60", "stream"]
    counted = tmp_path / "counted.annotator"
    counted.write_bytes(seed.read_bytes())
    total = killing.count(
        [str(counted) if a == "PROJECT" else a for a in args], "sql", tmp_path, "tests.edit_stream"
    )
    for at in killing.points(total, "edits"):
        path = tmp_path / f"at-{at}.annotator"
        path.write_bytes(seed.read_bytes())
        done = killing.run(
            [str(path) if a == "PROJECT" else a for a in args],
            "sql",
            at,
            script="tests.edit_stream",
        )
        assert done.killed, f"not killed at {at} of {total}: {done.stderr[-2000:]}"
        states, pending = _expected(done.acknowledged())
        _sound(path)
        with open_project(path, create=False) as project:
            stored = {
                a.uuid: {
                    "tag": a.tag_id,
                    "start": a.start,
                    "end": a.end,
                    "note": a.note,
                    "version": a.version,
                }
                for a in article_annotations(project, article)
            }
        unexpected = set(stored) - set(states)
        if pending is not None and pending["begin"] == "add":
            assert len(unexpected) <= 1  # the annotation being added may have been stored
        else:
            assert not unexpected
        for uuid, state in states.items():
            if pending is not None and uuid == pending["uuid"]:
                continue  # its last edit was under way: either state is right
            assert stored.get(uuid) == state, f"killed at {at}: {uuid}"
