"""`annotator import` into a project that does not exist yet creates it, and says so on
standard error (a mistyped name would otherwise make a second project unnoticed)."""

from pathlib import Path

import pytest

from annotator.cli.main import main


def test_import_says_when_it_creates_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / "note.txt"
    note.write_text("One article.", encoding="utf-8")
    new = tmp_path / "typo.annotator"
    assert main(["import", str(new), str(note)]) == 0
    assert f"created a new project, {new}" in capsys.readouterr().err
    assert main(["import", str(new), str(note)]) == 0  # a duplicate now; nothing created
    assert "created" not in capsys.readouterr().err
