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

It also times opening each project to a usable window, and counts how often each step made
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
from annotator.gui.app import make_application
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
    floor: list[float] = field(default_factory=list)
    steps: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    reads: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in STEPS})

    def median(self, step: str) -> float:
        return statistics.median(self.steps[step])

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


def open_window(path: Path) -> tuple[MainWindow, float]:
    """The project opened to a window that answers: the time until it has painted."""
    began = time.perf_counter()
    project = open_project(path, create=False)
    window = MainWindow(project, Settings(coder_name=CODER))
    window.resize(1280, 800)
    window.show()
    settle()
    return window, (time.perf_counter() - began) * 1000


def measure(label: str, path: Path, rounds: int) -> Figures:
    figures = Figures(label)
    window, figures.open_ms = open_window(path)
    articles = window.articles.articles
    home, other = articles[2].id, articles[len(articles) // 2].id  # not started; elsewhere
    tags = window.session.tags
    tag_a, tag_b = (action(window, f"Tag as {t.name}") for t in tags[:2])
    undo, redo = action(window, "Undo"), action(window, "Redo")
    done_next = action(window, "Mark done and open the next")
    floor = Floor(path, articles[-1].id, tags[0].id, window.session.coder.id)

    def record(step: str, work: Callable[[], object]) -> None:
        before = data_calls(window)
        figures.steps[step].append(timed(work))
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
                figures.reads[step].clear()
    floor.close()
    window.close()
    return figures


def report(small: Figures, large: Figures) -> None:
    print()
    print(
        f"{'step':<26}{small.label:>22}{large.label:>30}   "
        f"{'large ÷ small':>13}   article list data() calls (small / large)"
    )
    print(
        f"{'floor: sqlite3 INSERT+COMMIT':<26}{small.floor_ms:>13.2f} ms{'':>7}"
        f"{large.floor_ms:>13.2f} ms{'':>15}{large.floor_ms / small.floor_ms:>10.2f}x"
    )
    for step in STEPS:
        s, big = small.median(step), large.median(step)
        verdict = "meets" if big < TARGET_MS else "MISSES"
        print(
            f"{step:<26}{s:>9.2f} ms ({s / small.floor_ms:5.1f}x){big:>11.2f} ms "
            f"({big / large.floor_ms:6.1f}x floor){big / s:>12.2f}x   "
            f"{max(small.reads[step]):>6} / {max(large.reads[step]):<6}"
            + (f"  {verdict} {TARGET_MS:.0f} ms" if step not in ("switch article",) else "")
        )
    small_ratio = small.open_ms / small.floor_ms
    print(
        f"{'open project to window':<26}{small.open_ms:>9.0f} ms ({small_ratio:5.0f}x)"
        f"{large.open_ms:>11.0f} ms ({large.open_ms / large.floor_ms:6.0f}x floor)"
        f"{large.open_ms / small.open_ms:>12.2f}x"
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
    print(f"medians of {args.rounds} rounds; target for each edit: under {TARGET_MS:.0f} ms")
    print("after: ", uptime())


if __name__ == "__main__":
    main()
