"""A damaged project can still be read from the command line, as in the window: `info`,
`show` and `export` read it read-only, say on standard error that it is damaged and that
nothing was written, and leave the file and its folder as they were. Commands that change a
project still refuse it."""

import csv
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.annotations import add_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from tests.helpers import add_text_article, damage_the_search_index

TEXT = "The council pledged to plant ten thousand trees by next spring."
PLEDGE = (4, 19)  # "council pledged", counted in TEXT


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


@pytest.fixture
def damaged(project_path: Path) -> Path:
    with open_project(project_path) as project:
        stored = add_text_article(project, TEXT)
        for number in range(120):  # enough text for the search index to have leaf pages
            add_text_article(project, f"Article {number}. " + f"word{number} other " * 150)
        coder = ensure_coder(project, "Ada")
        tag = list_tags(project)[0].id
        add_annotation(project, stored.article_id, tag, coder.id, *PLEDGE)
    damage_the_search_index(project_path)
    return project_path


def test_a_damaged_project_is_exported_read_only_with_a_warning(
    damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.read_bytes()
    beside = _beside(damaged)
    target = tmp_path / "out" / "codes.csv"
    target.parent.mkdir()
    assert main(["export", str(damaged), str(target)]) == 0
    err = capsys.readouterr().err
    assert "damaged" in err and "read-only" in err and "nothing was written" in err
    with target.open(encoding="utf-8-sig", newline="") as handle:
        quotes = [row["quoted text"] for row in csv.DictReader(handle)]
    assert quotes == [TEXT[PLEDGE[0] : PLEDGE[1]]]
    assert damaged.read_bytes() == before
    assert _beside(damaged) == beside  # no journal or -wal/-shm files left beside it


def test_a_damaged_project_is_described_and_shown(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", str(damaged)]) == 0
    captured = capsys.readouterr()
    assert "121" in captured.out and "damaged" in captured.err
    assert main(["show", str(damaged), "1"]) == 0
    assert TEXT in capsys.readouterr().out


def test_a_damaged_project_is_not_changed(
    damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.read_bytes()
    note = tmp_path / "more.txt"
    note.write_text("One more article.", encoding="utf-8")
    assert main(["import", str(damaged), str(note)]) == 2
    assert "damaged" in capsys.readouterr().err
    assert damaged.read_bytes() == before
