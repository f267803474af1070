"""Running the same work in several threads or processes released at one instant."""

import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]

T = TypeVar("T")


def at_once(count: int, work: Callable[[int], T]) -> list[T | BaseException]:
    """Run ``work(i)`` for i in range(count) in threads that start together; each result, or
    the exception it raised."""
    barrier = threading.Barrier(count)
    results: list[T | BaseException] = [RuntimeError("did not run")] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except BaseException as exc:  # the test reports every failure, not just the first
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def failures(results: list[object]) -> list[str]:
    return [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str


def processes_at_once(setup: str, work: str, args: list[list[str]]) -> list[Finished]:
    """Start one Python process per entry of ``args`` (its ``sys.argv[1:]``); each runs
    ``setup``, says it is ready, and runs ``work`` only when all are ready."""
    script = f"{setup}\nimport sys\nprint('ready', flush=True)\nsys.stdin.read(1)\n{work}\n"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for argv in args
    ]
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if line.strip() != "ready":
            for other in procs:
                other.kill()
            raise AssertionError(f"a process did not start: {line}{proc.communicate()[1]}")
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("g")
        proc.stdin.flush()
    finished = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        finished.append(Finished(proc.returncode, out, err))
    return finished
