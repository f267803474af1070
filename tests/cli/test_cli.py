import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from annotator.cli.main import main

MEDIANAMA = "txt/medianama-facial-recognition-2020.txt"


def test_import_info_show_export_round_trip(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = str(tmp_path / "study.annotator")
    source = corpus / MEDIANAMA
    assert main(["import", project, str(source), "--trim", "none"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"imported: {source}: ")

    assert main(["info", project, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    [article] = info["articles"]
    assert set(article) >= {"id", "uri", "title", "chars", "annotations"}
    assert article["uri"].startswith("urn:sha256:") and len(article["uri"]) == 75
    assert article["annotations"] == 0
    assert [t["name"] for t in info["tags"]] == ["pledge", "caveat", "criticism", "statistic"]
    assert all(set(t) >= {"name", "color", "shortcut"} for t in info["tags"])
    assert info["coders"] == []

    assert main(["show", project, str(article["id"])]) == 0
    shown = capsys.readouterr().out
    assert shown == source.read_text("utf-8")
    assert len(shown) == article["chars"]

    out_file = tmp_path / "export.xlsx"
    assert main(["export", project, str(out_file)]) == 0
    assert "exported 0 annotation(s)" in capsys.readouterr().out
    book = openpyxl.load_workbook(out_file)
    assert book["Articles"]["B2"].value == article["title"]


def test_import_reports_duplicates_and_failures_with_exit_status_1(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = str(tmp_path / "study.annotator")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    source = str(corpus / MEDIANAMA)
    status = main(["import", project, source, source, str(empty)])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert [line.split(":")[0] for line in lines] == ["imported", "duplicate", "failed"]
    assert lines[2].endswith("empty file: there is no text to import")


def test_import_of_only_good_files_exits_0(tmp_path: Path, corpus: Path) -> None:
    project = str(tmp_path / "study.annotator")
    assert main(["import", project, str(corpus / "txt")]) == 0


def test_errors_are_one_clear_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_project = tmp_path / "notes.txt"
    not_project.write_text("hello", "utf-8")
    assert main(["info", str(not_project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("annotator: ") and "not an Annotator project" in err
    assert main(["info", str(tmp_path / "missing.annotator")]) == 2
    assert "no project" in capsys.readouterr().err
    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(not_project)]) == 0
    assert main(["show", project, "42"]) == 2
    assert "no article with id 42" in capsys.readouterr().err
    assert main(["export", project, str(tmp_path / "out.ods")]) == 2
    assert "give a file ending in .xlsx" in capsys.readouterr().err


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    env = dict(os.environ)
    result = _run(["info", str(tmp_path / "new.annotator")], env)
    assert result.returncode == 2
    assert "no project" in result.stderr


def test_without_a_display_the_window_command_explains_the_alternative(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = _run([str(tmp_path / "p.annotator")], env)
    assert result.returncode == 2
    assert "no display was found" in result.stderr
    assert "annotator import PROJECT" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_options_trim_and_password(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = str(tmp_path / "study.annotator")
    protected = str(corpus / "pdf" / "libreoffice-writer-password.pdf")
    assert main(["import", project, protected]) == 1
    assert "needs a password (give it with --password" in capsys.readouterr().out
    assert main(["import", project, protected, "--password", "openpassword"]) == 0
    assert capsys.readouterr().out.startswith("imported: ")
    text = str(corpus / MEDIANAMA)
    assert main(["import", project, text]) == 0
    assert "(trimmed to characters" in capsys.readouterr().out
    assert main(["import", project, text, "--trim", "none", "--jobs", "1"]) == 0
    assert "trimmed" not in capsys.readouterr().out
    assert main(["info", project, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [a["source"] for a in info["articles"]] == ["pdf", "txt", "txt"]


def test_a_folder_of_every_format(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = str(tmp_path / "study.annotator")
    status = main(["import", project, str(corpus / "pdf"), "--jobs", "2"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1  # the password-protected one
    assert len(lines) == 13
    assert sum(line.startswith("imported: ") for line in lines) == 12


def test_export_picks_the_format_from_the_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.core.annotations import add_annotation  # noqa: PLC0415
    from annotator.core.codebook import list_tags  # noqa: PLC0415
    from annotator.core.coders import ensure_coder  # noqa: PLC0415
    from annotator.core.project import open_project  # noqa: PLC0415
    from tests.helpers import add_text_article  # noqa: PLC0415

    source = tmp_path / "source.annotator"
    with open_project(source) as project:
        stored = add_text_article(project, "The city will plant 500 trees, critics doubt it.")
        tags = {t.name: t.id for t in list_tags(project)}
        for tag, coder, span in (("pledge", "Ada", (0, 30)), ("statistic", "Bo", (20, 23))):
            add_annotation(
                project, stored.article_id, tags[tag], ensure_coder(project, coder).id, *span
            )
    for suffix, expected in (
        (".xlsx", "exported 2 annotation(s)"),
        (".csv", "exported 2 annotation(s)"),
        (".json", "exported 2 annotation(s)"),
        (".qdpx", "exported 1 article(s) with their annotations"),
        (".qdc", "exported 4 tag(s)"),
    ):
        out = tmp_path / f"out{suffix}"
        assert main(["export", str(source), str(out)]) == 0
        assert capsys.readouterr().out.startswith(expected)
        assert out.exists()
    assert main(["export", str(source), str(tmp_path / "m.csv"), "--matrix"]) == 0
    assert "matrix of 1 article(s)" in capsys.readouterr().out
    assert main(["export", str(source), str(tmp_path / "s.xlsx"), "--coder", "Bo"]) == 0
    assert "exported 1 annotation(s)" in capsys.readouterr().out
    assert main(["export", str(source), str(tmp_path / "s.json"), "--tag", "pledge"]) == 0
    assert "exported 1 annotation(s)" in capsys.readouterr().out
    assert main(["export", str(source), str(tmp_path / "x.xlsx"), "--article", "99"]) == 2
    assert "no article with id 99" in capsys.readouterr().err
    assert main(["export", str(source), str(tmp_path / "x.qdc"), "--tag", "pledges"]) == 2
    assert "no tag named 'pledges'" in capsys.readouterr().err
    assert main(["export", str(source), str(tmp_path / "x.csv"), "--coder", "Bob"]) == 2
    assert "no coder named 'Bob'" in capsys.readouterr().err
    assert not (tmp_path / "x.qdc").exists() and not (tmp_path / "x.csv").exists()
    lean = tmp_path / "lean.xlsx"
    assert main(["export", str(source), str(lean), "--no-tag-sheets"]) == 0
    assert "exported 2 annotation(s)" in capsys.readouterr().out
    assert openpyxl.load_workbook(lean).sheetnames == [
        "Annotations",
        "Articles",
        "Codebook",
        "Summary",
    ]

    target = str(tmp_path / "target.annotator")
    assert main(["import", target, str(tmp_path / "out.qdpx")]) == 0
    line = capsys.readouterr().out
    assert "articles: 1 imported" in line and "annotations: 2 imported" in line
    fresh = str(tmp_path / "fresh.annotator")
    assert main(["import", fresh, str(tmp_path / "out.qdpx")]) == 0
    capsys.readouterr()
    assert main(["import-annotations", fresh, str(tmp_path / "out.json")]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        "imported: 0 annotation(s)",
        "already present: 2",
    ]
    empty = str(tmp_path / "empty.annotator")
    assert main(["import", empty, str(tmp_path / "out.qdc")]) == 0
    capsys.readouterr()
    assert main(["import-annotations", empty, str(tmp_path / "out.json")]) == 1
    assert capsys.readouterr().out.count("orphan: ") == 2


def test_a_folder_import_takes_the_refi_projects_in_it_and_names_qde_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil  # noqa: PLC0415

    folder = tmp_path / "incoming"
    (folder / "deeper").mkdir(parents=True)
    (folder / "article.txt").write_text("A council pledge to plant trees by 2030.", "utf-8")
    data = Path(__file__).resolve().parents[1] / "data" / "refi"
    shutil.copy(data / "nvivo-emoji.qdpx", folder / "deeper" / "from-nvivo.qdpx")
    project = str(tmp_path / "p.annotator")
    assert main(["import", project, str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"imported: {folder / 'deeper' / 'from-nvivo.qdpx'}: articles: 1")
    assert any(line.startswith(f"imported: {folder / 'article.txt'}") for line in lines)
    qde = tmp_path / "project.qde"
    qde.write_text("<Project/>", "utf-8")
    assert main(["import", project, str(qde)]) == 1
    failed = capsys.readouterr().out
    assert "import the .qdpx archive that holds it" in failed
    for suffix in (".txt", ".html", ".pdf", ".docx", ".qdpx", ".qdc"):
        assert suffix in failed
