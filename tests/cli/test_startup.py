"""Starting the command line: what it loads, and what it says when there is no display."""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.sample import create_sample_project

REPO = Path(__file__).resolve().parents[2]
HEAVY = (
    "alembic",
    "openpyxl",
    "PySide6",
    "trafilatura",
    "pdfminer",
    "annotator.core.agreement",
    "annotator.core.importing.service",
    "annotator.core.export.formats",
    "annotator.core.merge",
)


def _no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return env


def _loaded_after(args: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``annotator ARGS``."""
    code = (
        "import sys, json, contextlib, io\n"
        "from annotator.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(json.loads(done.stdout))


def _heavy_in(modules: set[str]) -> list[str]:
    return [h for h in HEAVY if any(m == h or m.startswith(h + ".") for m in modules)]


def test_help_and_info_load_only_what_they_need(tmp_path: Path) -> None:
    sample = tmp_path / "sample.annotator"
    create_sample_project(sample).close()
    assert _heavy_in(_loaded_after(["--help"])) == []
    assert _heavy_in(_loaded_after(["info", str(sample), "--json"])) == []
    # The check itself can fail: export does need the export formats.
    assert "openpyxl" in _heavy_in(_loaded_after(["export", str(sample), str(tmp_path / "a.xlsx")]))


def test_info_reads_without_building_the_orm(tmp_path: Path) -> None:
    """Building the ORM's mapped classes costs more than reading a small project: `info`
    reads with SQLAlchemy Core alone (issue 13, item 9)."""
    sample = tmp_path / "sample.annotator"
    create_sample_project(sample).close()
    orm = ("sqlalchemy.orm", "annotator.core.models")
    loaded = _loaded_after(["info", str(sample), "--json"])
    assert [m for m in orm if m in loaded] == []
    # The check itself can fail: `show` reads the article through a session.
    assert "sqlalchemy.orm" in _loaded_after(["show", str(sample), "1"])


def _suggested_command(stderr: str) -> list[str]:
    line = next(line for line in stderr.splitlines() if line.strip().endswith("import articles"))
    return shlex.split(line.split(" import PROJECT")[0])


@pytest.mark.parametrize("how", ["script", "module"])
def test_without_a_display_the_suggested_command_works_from_there(tmp_path: Path, how: str) -> None:
    script = Path(sys.executable).parent / "annotator"
    if how == "script":
        if not script.exists():
            pytest.skip("the annotator script is not installed beside this Python")
        # As after the quick start: from the clone, the script inside .venv, not on PATH.
        cwd = script.parents[2]
        command = [os.path.relpath(script, cwd)]
    else:
        cwd = tmp_path
        command = [sys.executable, "-m", "annotator"]
    env = _no_display_env()
    env["PATH"] = os.defpath  # the virtual environment is not on PATH
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)
    assert done.returncode == 2
    assert "no display" in done.stderr
    suggested = _suggested_command(done.stderr)
    again = subprocess.run(
        [*suggested, "--version"], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    assert again.returncode == 0, (suggested, again.stderr)
    assert again.stdout.startswith("annotator ")
