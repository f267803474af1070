"""Whether suggestions may be shown in the reliability sample: a setting of the project, the
same for every coder who opens it, announced when it changes (here and to other programs),
kept when an older project is upgraded, and respected (and explained) by ``annotator suggest``."""

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.changes import ELSEWHERE, Changes
from annotator.core.coders import ensure_coder
from annotator.core.project import Project, open_project
from annotator.core.suggest.policy import allow_in_sample, allowed_in_sample
from annotator.core.team.live import ChangeWatcher
from annotator.core.team.reliability import draw_sample
from tests.core.suggest.test_suggestions import _setup
from tests.old_projects import old_project


def test_the_switch_is_stored_in_the_project_for_everyone_who_opens_it(
    project: Project,
) -> None:
    heard: list[Changes] = []
    project.changes.subscribe(heard.append)
    assert not allowed_in_sample(project)  # off unless the project allows
    allow_in_sample(project, True)
    assert [c.settings for c in heard] == [True]
    with open_project(project.location, create=False) as other:
        assert allowed_in_sample(other)
        watcher = ChangeWatcher(other)
        try:
            allow_in_sample(project, False)
            got = watcher.poll(10)
        finally:
            watcher.stop()
        assert got.origin == ELSEWHERE and got.settings  # another program hears of it
        assert not allowed_in_sample(other)
    allow_in_sample(project, False)  # unchanged: nothing to announce
    assert len(heard) == 2


def test_an_older_projects_switch_survives_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    old_project(path, "0007")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO project_meta VALUES ('suggestions_in_reliability_sample', 'yes')")
    conn.close()
    with open_project(path, create=False) as project:
        assert allowed_in_sample(project)


def test_the_command_line_says_why_the_sample_is_left_out_and_how_to_allow(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    _coded, new, _text, _pledges = _setup(project)
    ann, bob = ensure_coder(project, "Ann"), ensure_coder(project, "Bob")
    draw_sample(project, "100%", [ann.id, bob.id], seed=1)
    location = str(project.location)
    project.close()
    asked = ["suggest", location, "--tag", "pledge", "--article", str(new), "--json"]
    assert main(asked) == 1
    printed = capsys.readouterr()
    assert json.loads(printed.out) == []
    said = json.loads(printed.err.splitlines()[0])
    assert said["refused"] == "blind coding" and said["articles"] == [new]
    assert said["allow"] == f"annotator suggest-settings {location} --in-sample allow"
    assert main(["suggest", location, "--tag", "pledge", "--article", str(new)]) == 1
    assert "reliability sample left out" in capsys.readouterr().err

    assert main(said["allow"].split()[1:]) == 0
    assert "Suggestions in the reliability sample: allowed." in capsys.readouterr().out
    assert main(asked) == 0
    printed = capsys.readouterr()
    assert [row["article_id"] for row in json.loads(printed.out)] != []
    assert "refused" not in printed.err
    assert main(["suggest-settings", location, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["suggestions_in_reliability_sample"] is True
