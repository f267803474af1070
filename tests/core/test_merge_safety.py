"""Merging a colleague's project never changes their file, and a refused merge leaves no
backup behind."""

import hashlib
from pathlib import Path

import pytest

from annotator.core.articles import list_articles
from annotator.core.errors import AnnotatorError, NotAProjectError
from annotator.core.merge import merge_projects
from annotator.core.project import open_project
from tests.old_projects import old_project


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in folder.iterdir()
    }


def test_an_older_colleagues_project_is_read_not_upgraded_in_place(tmp_path: Path) -> None:
    theirs = tmp_path / "colleague" / "theirs.annotator"
    theirs.parent.mkdir()
    made = old_project(theirs)
    before = _state(theirs.parent)
    mine = tmp_path / "mine.annotator"
    with open_project(mine) as project:
        saved, [report] = merge_projects(project, [str(theirs)])
        assert report.annotations_added == made
        assert sum(a.annotations for a in list_articles(project)) == made
    assert saved is not None and saved.parent == tmp_path
    assert _state(theirs.parent) == before


def test_a_current_colleagues_project_is_opened_read_only(tmp_path: Path) -> None:
    theirs = tmp_path / "colleague" / "theirs.annotator"
    open_project(theirs).close()
    before = _state(theirs.parent)
    with open_project(tmp_path / "mine.annotator") as project:
        merge_projects(project, [str(theirs)])
    assert _state(theirs.parent) == before


def test_a_refused_merge_leaves_no_backup(tmp_path: Path) -> None:
    good = tmp_path / "good.annotator"
    open_project(good).close()
    bad = tmp_path / "notes.txt"
    bad.write_text("not a project")
    mine = tmp_path / "mine.annotator"
    with open_project(mine) as project:
        with pytest.raises(NotAProjectError):
            merge_projects(project, [str(good), str(bad)])
        with pytest.raises(AnnotatorError, match="into itself"):
            merge_projects(project, [str(mine)])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "good.annotator",
        "mine.annotator",
        "notes.txt",
    ]
