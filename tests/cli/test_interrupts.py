"""Interrupting an import: Ctrl+C ends it with one line and no worker left behind, and a
worker whose importing process is killed ends on its own, whatever it was reading."""

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.project import open_project
from tests.hostile import pdf_with_stream

pytestmark = pytest.mark.skipif(
    not hasattr(os, "pidfd_open"), reason="waiting for a grandchild needs pidfd_open (Linux)"
)


def _start(tmp_path: Path) -> subprocess.Popen[str]:
    (tmp_path / "a.txt").write_text("A first text, read at once.\n")
    (tmp_path / "slow.pdf").write_bytes(pdf_with_stream(zeros_mb=48))
    (tmp_path / "b.txt").write_text("A last text.\n")
    files = [str(tmp_path / n) for n in ("a.txt", "slow.pdf", "b.txt")]
    open_project(tmp_path / "p.annotator").close()  # made beforehand: a new one is said
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(tmp_path / "p.annotator"), *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _workers(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children]


def _ended(pid: int, seconds: float = 60) -> bool:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([handle], [], [], seconds)
        return bool(ready)
    finally:
        os.close(handle)


def test_ctrl_c_ends_the_import_with_one_line_and_no_worker_left(tmp_path: Path) -> None:
    proc = _start(tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # the first file is stored: the slow one is being read
    assert first.startswith("imported: ")
    workers = _workers(proc.pid)
    assert workers
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err == "annotator: interrupted\n"
    assert all(_ended(w) for w in workers)


def test_a_worker_ends_when_its_import_is_killed(tmp_path: Path) -> None:
    proc = _start(tmp_path)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("imported: ")
    workers = _workers(proc.pid)
    assert workers
    proc.kill()
    proc.communicate(timeout=120)
    assert all(_ended(w) for w in workers)
