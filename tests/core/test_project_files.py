"""Project files under unusual names, created and upgraded safely, read-only or damaged."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.errors import (
    AnnotatorError,
    DamagedProjectError,
    NotAProjectError,
    ReadOnlyProjectError,
)
from annotator.core.export.formats import export_project
from annotator.core.project import open_project
from tests.helpers import add_text_article
from tests.mounts import read_only_folder
from tests.old_projects import old_project
from tests.races import processes_at_once

HOSTILE_NAMES = [
    "Why?.annotator",
    "Study #2.annotator",
    "100% sure.annotator",
    "Tom & Jerry.annotator",
    "O'Brien's study.annotator",
    'The "best" study.annotator',
    "a?b#c%d&e'f\" g.annotator",
    "%3F%23.annotator",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_project_name_with_url_characters_is_the_file_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with open_project(path) as project:
        add_text_article(project, "An article about names.")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    with open_project(path, create=False) as project:
        assert [a.title for a in list_articles(project)] == ["An article about names."]
    with open_project(path, read_only=True) as project:
        assert len(list_articles(project)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_new_project_appears_complete_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.annotator"

    def broken() -> list[object]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("annotator.core.codebook.default_tags", broken)
    with pytest.raises((AnnotatorError, OSError)):
        open_project(path)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    with open_project(path) as project:
        assert len(list_tags(project)) == 4


def test_two_programs_creating_the_same_project_at_once_make_one(tmp_path: Path) -> None:
    path = tmp_path / "shared.annotator"
    finished = processes_at_once(
        "from annotator.core.project import open_project\n"
        "from annotator.core.codebook import list_tags",
        "with open_project(sys.argv[1]) as project:\n    print(len(list_tags(project)))",
        [[str(path)]] * 4,
    )
    assert [(f.returncode, f.stdout.split(), f.stderr) for f in finished] == [(0, ["4"], "")] * 4
    assert [p.name for p in tmp_path.iterdir()] == ["shared.annotator"]


def test_a_failed_upgrade_is_undone_entirely_and_the_next_open_completes_it(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = old_project(project_path)

    def refuse(_conn: sa.Connection, revision: str) -> None:
        raise AnnotatorError(f"stopped after the DDL of {revision}")

    monkeypatch.setattr("annotator.core.schema._check_foreign_keys", refuse)
    with pytest.raises(AnnotatorError, match="stopped after"):
        open_project(project_path)
    conn = sqlite3.connect(project_path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    conn.close()
    assert "review_decision" not in tables
    assert version == [("0001",)]
    monkeypatch.undo()
    with open_project(project_path) as project:
        assert project.interrupted_upgrade
        assert sum(a.annotations for a in list_articles(project)) == made
    with open_project(project_path) as project:
        assert not project.interrupted_upgrade


def test_another_programs_wal_database_is_refused_without_leaving_files(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(NotAProjectError, match="not an Annotator project"):
        open_project(path)
    with pytest.raises(NotAProjectError):
        open_project(path, read_only=True)
    assert [p.name for p in tmp_path.iterdir()] == ["other.db"]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.annotator"
    os.mkfifo(fifo)
    code = "import sys\nfrom annotator.core.project import open_project\nopen_project(sys.argv[1])"
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "not a regular file" in done.stderr


def test_a_damaged_project_is_refused_with_sqlites_finding(project_path: Path) -> None:
    with open_project(project_path) as project:
        for number in range(200):
            add_text_article(project, f"Article number {number}. " + "words " * 200)
    data = bytearray(project_path.read_bytes())
    page = 4096
    for number in range(6, len(data) // page, 3):
        data[number * page : number * page + 64] = bytes(range(64))
    project_path.write_bytes(bytes(data))
    before = project_path.read_bytes()
    with pytest.raises(DamagedProjectError, match="damaged") as caught:
        open_project(project_path)
    assert "SQLite reports" in str(caught.value)
    assert project_path.read_bytes() == before
    assert [p.name for p in project_path.parent.iterdir()] == [project_path.name]


def test_a_project_on_a_read_only_disk_opens_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "mounted"
    with read_only_folder(folder) as freeze:
        path = folder / "study.annotator"
        with open_project(path) as project:
            add_text_article(project, "An article kept on a read-only disk.")
        freeze()
        with open_project(path) as project:
            assert project.read_only
            assert [a.title for a in list_articles(project)] == [
                "An article kept on a read-only disk."
            ]
            assert ensure_coder(project, "Visitor").id == 0
            out = tmp_path / "out.csv"
            assert "exported" in export_project(project, out)
            with pytest.raises(ReadOnlyProjectError, match="read-only"):
                add_text_article(project, "Another article.")
        assert sorted(p.name for p in folder.iterdir()) == ["study.annotator"]


def test_an_older_project_on_a_read_only_disk_is_upgraded_in_a_copy(tmp_path: Path) -> None:
    folder = tmp_path / "mounted"
    with read_only_folder(folder) as freeze:
        path = folder / "old.annotator"
        made = old_project(path)
        clean = sqlite3.connect(path)  # fold the log in, as a clean shutdown does
        clean.execute("SELECT count(*) FROM annotation")
        clean.close()
        freeze()
        with open_project(path) as project:
            assert project.read_only
            assert "temporary copy" in project.read_only_reason
            assert sum(a.annotations for a in list_articles(project)) == made
        assert sorted(p.name for p in folder.iterdir()) == ["old.annotator"]


def test_a_project_left_with_its_log_on_a_read_only_disk_is_read_whole(tmp_path: Path) -> None:
    folder = tmp_path / "mounted"
    with read_only_folder(folder) as freeze:
        source = tmp_path / "live.annotator"
        with open_project(source) as project:
            for number in range(5):
                add_text_article(project, f"Article {number} still in the log.")
            # What a crash leaves: the file and its log, copied while the project is open.
            shutil.copyfile(source, folder / "crashed.annotator")
            shutil.copyfile(f"{source}-wal", folder / "crashed.annotator-wal")
        freeze()
        with open_project(folder / "crashed.annotator") as project:
            assert project.read_only
            assert len(list_articles(project)) == 5
        assert sorted(p.name for p in folder.iterdir()) == [
            "crashed.annotator",
            "crashed.annotator-wal",
        ]


def test_an_sqlite_url_is_opened_as_the_file_it_names(tmp_path: Path) -> None:
    path = tmp_path / "Why?.annotator"
    url = sa.URL.create("sqlite", database=str(path)).render_as_string()
    with open_project(url) as project:
        add_text_article(project, "Opened through a URL.")
        assert project.location == str(path)
    assert [p.name for p in tmp_path.iterdir()] == ["Why?.annotator"]


def test_an_address_of_no_known_database_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(NotAProjectError, match="not a database address Annotator can open"):
        open_project("nosuchdriver://host/db")
