"""`annotator check PROJECT [--json]`: a clear list of every problem and exit status 1."""

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.annotations import add_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from tests.helpers import add_text_article, damage_the_search_index

TEXT = "The council pledged to plant ten thousand trees by next spring."


def _coded(path: Path) -> None:
    with open_project(path) as project:
        stored = add_text_article(project, TEXT)
        coder = ensure_coder(project, "Ada")
        tag = list_tags(project)[0].id
        for start, end in [(4, 11), (12, 19), (20, 25)]:
            add_annotation(project, stored.article_id, tag, coder.id, start, end)


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA ignore_check_constraints=ON")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_sound_project_passes(project_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _coded(project_path)
    assert main(["check", str(project_path)]) == 0
    assert capsys.readouterr().out == f"{project_path}: no problems found\n"
    assert main(["check", str(project_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"project": str(project_path), "ok": True, "problems": []}


def test_every_kind_of_problem_is_listed(
    project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _coded(project_path)
    _sql(
        project_path,
        "UPDATE annotation SET quote = 'planted' WHERE id = 1",
        'UPDATE annotation SET "end" = start WHERE id = 2',
        "UPDATE annotation SET article_id = 99 WHERE id = 3",
    )
    assert main(["check", str(project_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    kinds = sorted(p["kind"] for p in report["problems"])
    assert report["ok"] is False
    assert kinds == ["file", "link", "quote", "span"]
    messages = " | ".join(p["message"] for p in report["problems"])
    assert "annotation 1 quotes 'planted' but article 1 has 'council' at 4–11" in messages
    assert "annotation 2 spans 12–12: empty" in messages
    assert "row 3 of annotation points to a missing article" in messages
    assert "CHECK constraint failed in annotation" in messages
    assert main(["check", str(project_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"4 problem(s) in {project_path}:"
    assert len(out) == 5


def test_a_damaged_file_is_listed_not_a_traceback(
    project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_project(project_path) as project:
        for number in range(100):
            add_text_article(project, f"Article {number}. " + "words " * 300)
    data = bytearray(project_path.read_bytes())
    for page in range(5, len(data) // 4096, 2):
        data[page * 4096 : page * 4096 + 100] = b"\x07" * 100
    project_path.write_bytes(bytes(data))
    assert main(["check", str(project_path)]) == 1
    out = capsys.readouterr().out
    assert "file:" in out and "Traceback" not in out


def test_a_file_damaged_where_its_rows_are_read_is_listed_not_an_error(
    project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_project(project_path) as project:
        for number in range(120):
            add_text_article(project, f"Article {number}. " + f"word{number} other " * 150)
    damage_the_search_index(project_path)  # SQLite's check stops reading, with an error
    assert main(["check", str(project_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert any(p["kind"] == "file" and "malformed" in p["message"] for p in report["problems"]), (
        report
    )


def test_an_unknown_schema_revision_is_a_problem(
    project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _coded(project_path)
    _sql(project_path, "UPDATE alembic_version SET version_num = '9999'")
    assert main(["check", str(project_path)]) == 2
    assert "newer version of Annotator" in capsys.readouterr().err
