"""Extraction in worker processes, each file within a budget of time and memory.

A file that takes too long is stopped by ending its worker; a file that needs too much memory
fails inside its worker (the worker's address space is capped); a worker that crashes (a
library's native code, the system's out-of-memory killer) costs only its file. In each case
the file gets one clear reason, a fresh worker takes its place, and the batch goes on.
"""

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from annotator.core.errors import ImportFailure
from annotator.core.importing import MEGABYTES_PER_FILE, SECONDS_PER_FILE

log = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """What one file may take: ``seconds`` of extraction and ``megabytes`` of memory."""

    seconds: float = SECONDS_PER_FILE
    megabytes: int = MEGABYTES_PER_FILE

    def too_slow(self) -> ImportFailure:
        return ImportFailure(
            f"reading it took longer than {self.seconds:g} seconds, the limit per file, so it "
            "was stopped (give more time with --time-limit)"
        )

    def too_big(self) -> ImportFailure:
        return ImportFailure(
            f"reading it needed more than {self.megabytes} MB of memory, the limit per file, "
            "so it was stopped (allow more with --memory-limit)"
        )


def _cap_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now plus ``megabytes``."""
    try:
        import resource  # noqa: PLC0415 - POSIX only

        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return  # no cap where the platform has none; the time budget still holds
    limit = used + megabytes * MEGABYTE
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Connection, job: Callable[..., Any], megabytes: int) -> None:
    """A worker's life: say it is ready, then run each task sent until told to stop.

    Ctrl+C is the importing process's to handle (it ends its workers), and a worker whose
    importing process is gone ends too, whatever file it is reading. Nothing a worker meets
    is printed: it either sends a result or ends, and the importing process says why.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()
    try:
        _cap_memory(megabytes)
        conn.send(("ready", None))
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            index, args = task
            try:
                result = job(*args)
            except MemoryError:
                result = MemoryError()
            try:
                conn.send((index, result))
            except MemoryError:
                conn.send((index, MemoryError()))
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                conn.send((index, ImportFailure(f"the result could not be passed on ({exc})")))
            if isinstance(result, MemoryError):
                return  # the heap may be in pieces: a fresh worker takes the next file
    except BaseException:  # the importing process reports the worker's end as a crash
        os._exit(70)


def _end_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


class _Worker:
    def __init__(self, context: Any, job: Callable[..., Any], budget: Budget) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(child, job, budget.megabytes), daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False
        self.task: int | None = None
        self.deadline = 0.0

    def give(self, index: int, args: tuple[Any, ...], seconds: float) -> None:
        self.conn.send((index, args))
        self.task = index
        self.deadline = time.monotonic() + seconds

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def run_budgeted(
    job: Callable[..., Any],
    tasks: list[tuple[Any, ...]],
    workers: int,
    budget: Budget,
    order: list[int] | None = None,
) -> Iterator[tuple[int, Any]]:
    """Run ``job(*tasks[i])`` in worker processes; yield ``(i, result)`` in the tasks' order
    as results arrive. A task over its budget, or whose worker dies, yields an
    :class:`ImportFailure` that says why. ``order`` is the order in which tasks start."""
    if not tasks:
        return
    pool = _Pool(job, tasks, budget, order)
    following = 0
    try:
        pool.start(min(workers, len(tasks)))
        while following < len(tasks):
            while following in pool.results:
                yield following, pool.results.pop(following)
                following += 1
            if following < len(tasks):
                pool.step()
    finally:
        pool.stop()


class _Pool:
    """Workers, the tasks not started yet, and the results not handed out yet."""

    def __init__(
        self,
        job: Callable[..., Any],
        tasks: list[tuple[Any, ...]],
        budget: Budget,
        order: list[int] | None,
    ) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.job, self.tasks, self.budget = job, tasks, budget
        self.pending = deque(order if order is not None else range(len(tasks)))
        self.results: dict[int, Any] = {}
        self.workers: list[_Worker] = []
        self.failed_starts = 0

    def start(self, count: int) -> None:
        self.workers = [_Worker(self.context, self.job, self.budget) for _ in range(count)]

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []

    def step(self) -> None:
        """Hand out tasks, then wait for the next message, death or deadline, and record it."""
        for worker in self.workers:
            if worker.ready and worker.task is None and self.pending:
                index = self.pending.popleft()
                worker.give(index, self.tasks[index], self.budget.seconds)
        busy = [w for w in self.workers if w.task is not None]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic()) if busy else None
        handles: list[Any] = [w.conn for w in self.workers]
        handles += [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, timeout))
        now = time.monotonic()
        for worker in list(self.workers):
            ended: ImportFailure | None = None
            if worker.conn in ready:
                ended = self._receive(worker)
            elif worker.process.sentinel in ready:
                ended = _died(worker, self.budget)
            elif worker.task is not None and now >= worker.deadline:
                ended = self.budget.too_slow()
            if ended is not None:
                self._replace(worker, ended)

    def _receive(self, worker: _Worker) -> ImportFailure | None:
        try:
            index, result = worker.conn.recv()
        except (EOFError, OSError):
            return _died(worker, self.budget)
        if index == "ready":
            worker.ready = True
            return None
        worker.task = None
        if isinstance(result, MemoryError):
            self.results[index] = self.budget.too_big()
            return ImportFailure("")  # recorded; the worker ends and a fresh one follows
        self.results[index] = result
        return None

    def _replace(self, worker: _Worker, failure: ImportFailure) -> None:
        if worker.task is not None:
            log.warning("import of %s stopped: %s", self.tasks[worker.task][0], failure)
            self.results[worker.task] = failure
        elif not worker.ready:
            self.failed_starts += 1
        worker.stop()
        self.workers.remove(worker)
        if self.failed_starts >= 3:
            # Workers cannot start here at all: say so for every file still waiting.
            while self.pending:
                self.results[self.pending.popleft()] = ImportFailure(
                    f"the reader could not start ({failure})"
                )
        if self.pending:
            self.workers.append(_Worker(self.context, self.job, self.budget))


def _died(worker: _Worker, budget: Budget) -> ImportFailure:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    if code == -9:
        return budget.too_big()  # killed by the system, as it does when memory runs out
    return ImportFailure(f"the reader crashed on this file (exit status {code})")


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
