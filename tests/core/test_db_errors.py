"""Database failures reach the user as one sentence that says what happened and what to do;
nothing half-written is left behind."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.annotations import add_annotation, get_annotation
from annotator.core.articles import get_article, list_articles, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.errors import (
    ConflictError,
    DiskFullError,
    DuplicateError,
    InvalidDataError,
    ProjectBusyError,
)
from annotator.core.models import Coder, Tag
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article
from tests.mounts import small_disk


def test_a_project_locked_by_another_program_says_so(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("annotator.core.sqlite_files.BUSY_TIMEOUT_SECONDS", 0.2)
    with open_project(project_path) as project:
        other = sqlite3.connect(project_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(ProjectBusyError) as caught:
                add_text_article(project, "Words that wait for the lock.")
        finally:
            other.execute("ROLLBACK")
            other.close()
        message = str(caught.value)
        assert "is busy" in message and "try again" in message
        assert "SQL" not in message and "INSERT" not in message
        add_text_article(project, "Words that wait for the lock.")
        assert len(list_articles(project)) == 1


def test_a_second_coder_of_the_same_name_is_a_plain_refusal(project: Project) -> None:
    ensure_coder(project, "Ada")
    refused = pytest.raises(DuplicateError, match="a coder with this name exists already")
    with refused, project.session() as session:
        session.add(Coder(name="Ada"))


def test_a_changed_annotation_is_a_conflict_not_an_overwrite(project_path: Path) -> None:
    from annotator.core.annotation_writes import set_note  # noqa: PLC0415

    with open_project(project_path) as mine, open_project(project_path) as theirs:
        stored = add_text_article(mine, "Words to code twice.")
        coder = ensure_coder(mine, "Ada")
        made = add_annotation(mine, stored.article_id, list_tags(mine)[0].id, coder.id, 0, 5)
        set_note(theirs, made.id, "theirs", expected_version=made.version)
        with pytest.raises(ConflictError) as caught:
            set_note(mine, made.id, "mine", expected_version=made.version)
        assert "not applied" in str(caught.value) and "SQL" not in str(caught.value)
        assert get_annotation(mine, made.id).note == "theirs"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_project(request: pytest.FixtureRequest, tmp_path: Path) -> Project:
    location = (
        str(tmp_path / "study.annotator")
        if request.param == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    project = open_project(location)
    request.addfinalizer(project.close)
    return project


def test_nul_characters_become_replacement_characters_on_both_backends(
    any_project: Project,
) -> None:
    from annotator.core.articles import ExtractedArticle  # noqa: PLC0415

    text = "Before\x00after, and a lone \udc80 surrogate."
    stored = store_article(
        any_project, ExtractedArticle(text, "Title\x00", "txt", "nul\x00.txt", language="x" * 40)
    )
    article = get_article(any_project, stored.article_id)
    assert article.text == "Before\ufffdafter, and a lone \ufffd surrogate."
    assert len(article.text) == len(text)
    assert article.title == "Title\ufffd"
    assert article.original_name == "nul\ufffd.txt"
    assert len(article.language) == 16


def test_the_same_length_limits_hold_on_both_backends(any_project: Project) -> None:
    too_long = pytest.raises(InvalidDataError, match=r"A tag name is too long \(201 characters")
    with too_long, any_project.session() as session:
        session.add(Tag(name="t" * 201, color="#FFFFFF"))
    with pytest.raises(Exception, match="at most 200 characters"):
        ensure_coder(any_project, "c" * 201)
    with any_project.session() as session:
        session.add(Tag(name="n\x00" * 100, color="#FFFFFF"))
    assert "n\ufffd" * 100 in {t.name for t in list_tags(any_project)}


def _annotator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, check=False
    )


def _fill(folder: Path) -> None:
    """Take every free byte of the disk holding ``folder``."""
    with (folder / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


def test_a_full_disk_is_said_in_plain_words_and_nothing_is_lost(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "3m") as disk:
        path = disk / "study.annotator"
        with open_project(path) as project:
            add_text_article(project, "Saved before the disk filled up.")
            _fill(disk)
            with pytest.raises(DiskFullError, match="is full") as caught:
                for number in range(50):
                    add_text_article(project, f"Article {number}: " + "words " * 2000)
            assert "free some space" in str(caught.value)
        elsewhere = tmp_path / "elsewhere.annotator"
        shutil.copyfile(path, elsewhere)
        _fill(disk)  # closing gave back the space the write-ahead log held
        done = _annotator("info", str(path))
        assert done.returncode == 2
        [line] = done.stderr.splitlines()
        assert "is full, so the project cannot be opened" in line
        for out in ("out.xlsx", "out.csv", "out.qdpx", "out.json"):
            done = _annotator("export", str(elsewhere), str(disk / out))
            assert done.returncode == 2
            lines = done.stderr.splitlines()
            assert len(lines) == 1 and "disk is full" in lines[0], done.stderr
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "study.annotator"]
        (disk / "filler").unlink()
        with open_project(path) as project:
            titles = [a.title for a in list_articles(project)]
        assert titles[0] == "Saved before the disk filled up."
        done = _annotator("check", str(path))
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_command_line_gives_one_line_for_a_file_it_could_not_store(project_path: Path) -> None:
    open_project(project_path).close()
    other = sqlite3.connect(project_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        note = project_path.parent / "note.txt"
        note.write_text("A note to import.\n")
        code = (
            "import sys\n"
            "import annotator.core.sqlite_files as f\n"
            "f.BUSY_TIMEOUT_SECONDS = 0.2\n"
            "from annotator.cli.main import main\n"
            "sys.exit(main(sys.argv[1:]))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, "import", str(project_path), str(note)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (done.returncode, done.stderr) == (1, "")
    [line] = done.stdout.splitlines()
    assert line.startswith(f"failed: {note}: ") and "is busy" in line


def test_an_unexpected_error_is_one_line_and_the_details_go_to_the_log(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import annotator.cli.commands as c\n"
        "def broken(*_a, **_k):\n"
        "    raise ZeroDivisionError('deep inside')\n"
        "c.run_info = broken\n"
        "from annotator.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    env = {
        "ANNOTATOR_DATA_DIR": str(tmp_path / "data"),
        "ANNOTATOR_LOG_DIR": str(tmp_path / "logs"),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", code, "info", str(tmp_path / "x.annotator")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "ZeroDivisionError" in line and "annotator.log" in line
    log = (tmp_path / "logs" / "annotator.log").read_text()
    assert "Traceback" in log and "deep inside" in log


def test_a_refused_file_leaves_no_journal_files_beside_it(tmp_path: Path) -> None:
    (tmp_path / "theirs").mkdir()
    path = tmp_path / "theirs" / "theirs.sqlite"
    engine = sa.create_engine(sa.URL.create("sqlite", database=str(path)))
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        conn.exec_driver_sql("CREATE TABLE t (x)")
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(path), str(tmp_path / "x.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "not an Annotator project" in done.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == ["theirs.sqlite"]
