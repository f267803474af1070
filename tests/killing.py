"""Killing a command with SIGKILL at a chosen moment: before its k-th SQL statement, at its
k-th file event (an open for writing, a rename, a link), or after a number of milliseconds.

The command runs as the user runs it (``annotator ...`` in a process of its own); a small
prelude counts the moments and kills the process itself when the chosen one comes, so the
moments are exact and reproducible, and no test waits on a clock.
"""

import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PRELUDE = r"""
import os, signal, sqlite3, sys
kind = os.environ["KILL_ON"]
target = int(os.environ["KILL_AT"])
count_file = os.environ.get("KILL_COUNT_FILE")
seen = [0]

def tick():
    seen[0] += 1
    if seen[0] == target:
        os.kill(os.getpid(), signal.SIGKILL)

if kind == "sql":
    connect = sqlite3.connect
    def counted(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(lambda _statement: tick())
        return conn
    sqlite3.connect = counted
    sqlite3.dbapi2.connect = counted
elif kind == "file":
    def audit(event, args):
        if event in ("os.rename", "os.link", "os.remove"):
            tick()
        elif event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+"):
            tick()
        elif event == "open" and isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR):
            tick()
    sys.addaudithook(audit)
elif kind == "time" and target:
    import threading
    def kill_later():
        threading.Event().wait(target / 1000)
        os.kill(os.getpid(), signal.SIGKILL)
    threading.Thread(target=kill_later, daemon=True).start()

if count_file:
    import atexit
    def record(moments=None):
        moments = seen[0]  # before the open below, which is a moment of its own
        with open(count_file, "w") as handle:
            handle.write(str(moments))
    atexit.register(record)

script = os.environ.get("KILL_SCRIPT")
if script:  # a program of the tests' own, run as a user's program would be
    import runpy
    sys.argv = [script, *sys.argv[1:]]
    runpy.run_module(script, run_name="__main__")
    sys.exit(0)
from annotator.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass(frozen=True)
class Killed:
    returncode: int
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -9

    def acknowledged(self) -> list[str]:
        """Lines printed completely before the kill (a last line cut short is not one)."""
        lines = self.stdout.split("\n")
        return lines[:-1]


def run(
    args: list[str],
    kind: str,
    at: int,
    *,
    count_file: Path | None = None,
    script: str = "",
) -> Killed:
    """Run ``annotator ARGS`` (or the module ``script`` with ARGS) and kill it at moment
    ``at`` of ``kind`` (0: never)."""
    env = {**os.environ, "KILL_ON": kind, "KILL_AT": str(at), "KILL_SCRIPT": script}
    if count_file is not None:
        env["KILL_COUNT_FILE"] = str(count_file)
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    return Killed(done.returncode, done.stdout, done.stderr)


def count(args: list[str], kind: str, tmp: Path, script: str = "") -> int:
    """How many moments of ``kind`` the command passes when it runs to the end."""
    counted = tmp / "kill-count"
    done = run(args, kind, 0, count_file=counted, script=script)
    assert done.returncode in (0, 1), done.stderr
    return int(counted.read_text())


def points(total: int, seed: str) -> list[int]:
    """Where to kill: ``ANNOTATOR_KILL_POINTS`` moments (6 by default, as in CI) spread over
    the run, each at a place within its stretch that ``seed`` picks."""
    wanted = int(os.environ.get("ANNOTATOR_KILL_POINTS", "6"))
    chooser = random.Random(seed)
    stretch = max(total / wanted, 1)
    found = {min(total, 1 + int(i * stretch + chooser.random() * stretch)) for i in range(wanted)}
    return sorted(found)
