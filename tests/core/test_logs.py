"""The log: in its own folder, rotated, and holding native crashes of the run before."""

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core import logs

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Path]:
    path = logs.start_logging(native=False)  # pytest's own faulthandler stays on
    yield path
    logs.stop_logging()


def test_the_log_lives_in_the_folder_given_and_not_in_the_users(
    started: Path, tmp_path: Path
) -> None:
    assert started == tmp_path / "user-logs" / "annotator.log"
    logging.getLogger("annotator.test").warning("a line for the log")
    assert "a line for the log" in started.read_text("utf-8")


def test_the_platform_folder_when_nothing_overrides_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_LOG_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", "/state")
    if sys.platform.startswith("linux"):
        assert logs.log_dir() == Path("/state/annotator/log")


def test_the_log_is_rotated(started: Path) -> None:
    line = "x" * 1000
    for _ in range(logs.MAX_BYTES // 1000 + 50):
        logging.getLogger("annotator.test").info(line)
    assert started.with_name("annotator.log.1").exists()
    assert started.stat().st_size < logs.MAX_BYTES


CRASH = """
import faulthandler
from annotator.core.logs import start_logging
start_logging()
faulthandler._sigsegv()
"""
START = """
from annotator.core.logs import start_logging
print(start_logging())
"""


def test_a_native_crash_reaches_the_log_at_the_next_start(tmp_path: Path) -> None:
    env = dict(os.environ)
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH], cwd=REPO, env=env, capture_output=True, check=False
    )
    assert crashed.returncode != 0
    again = subprocess.run(
        [sys.executable, "-c", START],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    log_text = Path(again.stdout.strip()).read_text("utf-8")
    assert "previous run stopped with a native crash" in log_text
    assert "Segmentation fault" in log_text
    assert "line 5" in log_text  # the Python line that crashed, from faulthandler
