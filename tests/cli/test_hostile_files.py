"""A batch of hostile and special files, imported from the command line as a user would: the
good files are imported, every other file gets one clear line, the exit status is 1, and no
traceback or terminal escape reaches the terminal."""

import os
import re
import subprocess
import sys
from pathlib import Path

from annotator.core.articles import get_article, list_articles
from annotator.core.check import check_project
from annotator.core.display import printable
from annotator.core.project import open_project
from tests.hostile import bad_crc_qdpx, write_hostile_folder


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_a_batch_of_hostile_files_imports_the_good_ones_and_explains_the_rest(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    hostile, good = write_hostile_folder(folder, tmp_path / "elsewhere")
    qdpx = tmp_path / "bad-crc.qdpx"
    qdpx.write_bytes(bad_crc_qdpx())
    unknown = tmp_path / "project.qde"
    unknown.write_text("<Project/>")
    missing = tmp_path / "missing.txt"
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    project = tmp_path / "study.annotator"
    open_project(project).close()  # made beforehand: importing into a new one says so

    done = _run(
        "import",
        str(project),
        str(folder),
        str(qdpx),
        str(unknown),
        str(missing),
        str(zero),
        str(pipe),
        "--memory-limit",
        "256",
        "--time-limit",
        "5",
        "--jobs",
        "2",
    )

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stderr == "", done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    lines = done.stdout.splitlines()
    by_path: dict[str, str] = {}
    for line in lines:
        match = re.fullmatch(r"(imported|failed|duplicate): (.+?): (.*)", line)
        assert match is not None, line
        outcome, path, reason = match.groups()
        assert path not in by_path, f"two lines for {path}"
        by_path[path] = f"{outcome}: {reason}"
    expected = {printable(folder / h.name): h.reason for h in hostile}
    expected[str(qdpx)] = r"Bad CRC-32|cannot be read|damaged"
    expected[str(unknown)] = r"a \.qde file is the inside of a REFI-QDA project"
    expected[str(missing)] = r"no such file"
    expected[str(zero)] = r"a device, not a regular file"
    expected[str(pipe)] = r"a named pipe, not a regular file"
    for name in good:
        expected[printable(folder / name)] = r"^imported: "
    assert set(by_path) == set(expected)
    for path, reason in expected.items():
        assert re.search(reason, by_path[path]), f"{path}: {by_path[path]}"
        if not reason.startswith("^imported"):
            assert by_path[path].startswith("failed: "), by_path[path]
    assert "\\e[31m\\nname.txt" in done.stdout
    assert "Title \\e]0;pwned\\x07 with escapes" in done.stdout

    with open_project(project, create=False) as opened:
        articles = list_articles(opened)
        assert len(articles) == len(good)
        texts = [get_article(opened, a.id).text for a in articles]
        assert check_project(opened) == []
    assert not any("owned" in t or "injected" in t for t in texts)
    assert not any("private" in t for t in texts)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith((".part", "-wal", "-shm"))]
    assert leftovers == []
