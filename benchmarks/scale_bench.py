"""Whether a step of coding costs the same in a large project as in a small one.

    python -m benchmarks.scale_bench [--articles 10000] [--annotations 200000] [--rounds 9]

Builds two generated projects (10 articles with 200 annotations, and the large one), opens
each in the real main window offscreen and, round after round, in the same run:

- the floor: a bare SQLite ``INSERT`` of one annotation row and ``COMMIT`` into the same
  file, through Python's sqlite3 with the project's own settings (WAL, synchronous=NORMAL);
- add: words selected in the text, then the "Tag as …" action, until the window has
  repainted (the database write, the list, the highlight, the stripes, the counts);
- re-tag: the chosen annotation given another tag through the same action;
- undo (twice: the re-tag, then the add) and redo, through Edit > Undo and Edit > Redo;
- mark done: "Mark done and open the next"; and the status change alone, the same push the
  action makes, without opening the next article;
- switching article: a click on another row of the article list.

It also times opening each project to a usable window (painted, the first article readable
and codable) and until the article list has measured every row (it does so in batches while
the window answers); the steps are timed after that, with the cycle collector told to leave
start-up objects alone, as the application does. It counts how often each step made
Qt read the article list model (``data()`` calls). Every figure is a median over the rounds,
printed with its ratio to the floor and to the same step in the small project; the machine's
load is printed before and after.
"""

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.core.coders import ensure_coder
from annotator.core.models import CodingStatus, utcnow
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.app import freeze_startup_objects, make_application
from annotator.gui.main_window import MainWindow
from annotator.gui.undo import StatusCommand
from benchmarks.scale_project import CODER, build_scale_project
from benchmarks.window_steps import (
    action,
    count_article_list_reads,
    data_calls,
    select,
    settle,
    timed,
    uptime,
    visible_words,
)

STEPS = (
    "add",
    "re-tag",
    "undo re-tag",
    "undo add",
    "redo add",
    "mark done (status only)",
    "undo mark done",
    "mark done and open next",
    "switch article",
)
TARGET_MS = 16.0


@dataclass
class Figures:
    label: str
    open_ms: float = 0.0
    laid_out_ms: float = 0.0
    floor: list[float] = field(default_factory=list)
    steps: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    reads: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in STEPS})
    cpu: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})

    def median(self, step: str) -> float:
        return statistics.median(self.steps[step])

    def cpu_median(self, step: str) -> float:
        return statistics.median(self.cpu[step])

    @property
    def floor_ms(self) -> float:
        return statistics.median(self.floor)


class Floor:
    """One annotation row inserted and committed with bare sqlite3, into the same file."""

    def __init__(self, path: Path, article_id: int, tag_id: int, coder_id: int) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.ids = (article_id, tag_id, coder_id)

    def insert(self) -> float:
        now = utcnow().isoformat(sep=" ")
        began = time.perf_counter()
        self.connection.execute("BEGIN")
        self.connection.execute(
            'INSERT INTO annotation (uuid, article_id, tag_id, coder_id, start, "end", quote, '
            "note, created, modified, version) VALUES (?, ?, ?, ?, 0, 1, 'A', '', ?, ?, 1)",
            (str(uuid.uuid4()), *self.ids, now, now),
        )
        self.connection.execute("COMMIT")
        return (time.perf_counter() - began) * 1000

    def close(self) -> None:
        self.connection.close()


def open_window(path: Path) -> tuple[MainWindow, float, float]:
    """The project opened to a window that answers: the time until it has painted, and
    the time until its article list has laid out every row."""
    began = time.perf_counter()
    project = open_project(path, create=False, check_later=True)  # as the window opens it
    window = MainWindow(project, Settings(coder_name=CODER))
    window.resize(1280, 800)
    window.show()
    window.announce_opening()  # the file and its rows are checked beside the window
    settle()
    usable = (time.perf_counter() - began) * 1000
    last = window.articles.index(window.articles.rowCount() - 1)
    while not window.article_list.visualRect(last).isValid():
        settle()
    laid_out = (time.perf_counter() - began) * 1000
    freeze_startup_objects()  # as the application does once its window is up
    return window, usable, laid_out


def measure(label: str, path: Path, rounds: int) -> Figures:
    figures = Figures(label)
    window, figures.open_ms, figures.laid_out_ms = open_window(path)
    articles = window.articles.articles
    home, other = articles[2].id, articles[len(articles) // 2].id  # not started; elsewhere
    tags = window.session.tags
    tag_a, tag_b = (action(window, f"Tag as {t.name}") for t in tags[:2])
    undo, redo = action(window, "Undo"), action(window, "Redo")
    done_next = action(window, "Mark done and open the next")
    floor = Floor(path, articles[-1].id, tags[0].id, window.session.coder.id)

    def record(step: str, work: Callable[[], object]) -> None:
        before = data_calls(window)
        cpu = time.process_time()
        figures.steps[step].append(timed(work))
        figures.cpu[step].append((time.process_time() - cpu) * 1000)
        figures.reads[step].append(data_calls(window) - before)

    def click_article(article_id: int) -> None:
        row = window.articles.row_of(article_id)
        window.article_list.setCurrentIndex(window.articles.index(row))

    def status_only() -> None:
        assert window.article_id is not None
        window.coding._push(StatusCommand(window.session, window.article_id, CodingStatus.DONE))

    window.open_article(home)
    settle()
    for number in range(rounds + 1):  # the first round warms every path and is not kept
        figures.floor.append(floor.insert())
        select(window, *visible_words(window, 3, skip=7 * number))
        record("add", tag_a.trigger)
        record("re-tag", tag_b.trigger)
        record("undo re-tag", undo.trigger)
        record("undo add", undo.trigger)
        record("redo add", redo.trigger)
        record("mark done (status only)", status_only)
        record("undo mark done", undo.trigger)
        record("mark done and open next", done_next.trigger)
        record("switch article", lambda: click_article(home))
        undo.trigger()  # the status back again
        settle()
        record("switch article", lambda: click_article(other))
        record("switch article", lambda: click_article(home))
        if number == 0:
            figures.floor.clear()
            for step in STEPS:
                figures.steps[step].clear()
                figures.cpu[step].clear()
                figures.reads[step].clear()
    floor.close()
    window.close()
    return figures


def report(small: Figures, large: Figures) -> None:
    print()
    print(f"small: {small.label}; large: {large.label}")
    print(
        f"{'step':<28}{'small':>10} {'÷ floor':>8}{'large':>11} {'÷ floor':>8}"
        f"{'large ÷ small':>15}{'data() calls':>16}{'CPU ms small / large':>24}"
    )
    print(
        f"{'floor: sqlite3 INSERT+COMMIT':<28}{small.floor_ms:>7.2f} ms{'':>9}"
        f"{large.floor_ms:>8.2f} ms{'':>9}{large.floor_ms / small.floor_ms:>14.2f}x"
    )
    for step in STEPS:
        s, big = small.median(step), large.median(step)
        verdict = "meets" if big < TARGET_MS else "MISSES"
        print(
            f"{step:<28}{s:>7.2f} ms {s / small.floor_ms:>7.1f}x{big:>8.2f} ms "
            f"{big / large.floor_ms:>7.1f}x{big / s:>14.2f}x"
            f"{max(small.reads[step]):>8} / {max(large.reads[step]):<6}"
            f"{small.cpu_median(step):>11.1f} / {large.cpu_median(step):<6.1f}"
            + (f" {verdict} {TARGET_MS:.0f} ms" if step != "switch article" else "")
        )
    for name, a, b in (
        ("open project to window", small.open_ms, large.open_ms),
        ("... article list laid out", small.laid_out_ms, large.laid_out_ms),
    ):
        print(
            f"{name:<28}{a:>7.0f} ms {a / small.floor_ms:>7.0f}x{b:>8.0f} ms "
            f"{b / large.floor_ms:>7.0f}x{b / a:>14.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    print("before:", uptime())
    count_article_list_reads()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_CONFIG_DIR"] = folder
        os.environ["ANNOTATOR_DATA_DIR"] = folder
        make_application()
        began = time.perf_counter()
        paths = {}
        for label, articles, annotations in (
            ("10 / 200", 10, 200),
            (f"{args.articles:,} / {args.annotations:,}", args.articles, args.annotations),
        ):
            path = Path(folder) / f"{articles}.annotator"
            project = build_scale_project(path, articles, annotations)
            ensure_coder(project, CODER)
            project.close()
            paths[label] = path
        print(f"generated both projects in {time.perf_counter() - began:.1f} s")
        small_label, large_label = paths
        small = measure(small_label + " articles / annotations", paths[small_label], args.rounds)
        large = measure(large_label + " articles / annotations", paths[large_label], args.rounds)
    report(small, large)
    print(
        f"medians of {args.rounds} rounds (wall clock; CPU time of this process beside it, "
        f"the steadier figure on a shared machine); target for each edit: under "
        f"{TARGET_MS:.0f} ms wall clock"
    )
    print("after: ", uptime())


if __name__ == "__main__":
    main()
