"""Opening a densely coded 1 MB article, adding one annotation and undoing it, in the real
window offscreen, beside the naive ways of painting the same spans, in the same run.

    python -m benchmarks.highlight_bench [--annotations 2500,5000,10000] [--megabytes 1]

For each number of overlapping annotations (a fresh project each):

- open: the article chosen in the window (the database read, the text and its formats, the
  annotation list) until its first screen is painted; until the whole text is in with its
  formats; and until every event it posted has been handled (the coding stripes, the lists).
  Beside it, the naive one-pass apply: the same text set plainly, then every span merged
  with ``mergeCharFormat`` in one edit block, until painted. Also our formats alone (the
  same text and spans, no database, no list) against it.
- add: words selected in the text, then the "Tag as …" action, until the window has repainted:
  the database write, the list, the highlight, the stripes, the counts. Beside it, the fair
  naive add (only the new span merged, then painted) and the naive full re-apply (every span
  again, as a highlighter that repaints everything would).
- undo of that add, through Edit > Undo.

Every ratio is printed, also those that miss their target; ms per 1,000 annotations shows
whether opening grows linearly. The machine's load is printed before and after.
"""

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlalchemy as sa
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import Annotation, utcnow
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.app import freeze_startup_objects, make_application
from annotator.gui.main_window import MainWindow
from benchmarks.window_steps import action, select, settle, timed, uptime, visible_words
from tests.helpers import add_text_article

WORDS = [
    "the",
    "council",
    "pledges",
    "new",
    "buses",
    "by",
    "2030",
    "but",
    "critics",
    "doubt",
    "the",
    "funding",
    "plan",
]
CODER = "Bench Coder"


def make_text(size: int, rng: random.Random) -> str:
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))) + "."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def make_spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 500)
        spans.append((start, start + rng.randint(15, 400), rng.randrange(4)))
    return spans


@dataclass
class Figures:
    annotations: int
    shown: float  # open, until the first screen is painted
    complete: float  # open, until the whole text is in the document with its formats
    settled: float  # open, until everything it posted is handled
    formats: float  # our text and formats alone, painted
    naive_open: float
    add: float
    undo: float
    naive_add_one: float
    naive_add_all: float


class Naive:
    """The naive highlighter: plain text, then each span merged in, in one edit block."""

    def __init__(self, font: QFont) -> None:
        self.editor = QPlainTextEdit()
        self.editor.setFont(font)  # the reader's, so both lay out the same glyphs
        self.editor.resize(1000, 760)
        self.editor.show()
        settle()

    def paint(self, spans: list[tuple[int, int, str]]) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        for start, end, color in spans:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(color))
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()
        self.editor.viewport().repaint()

    # Each step ends with the events it posted handled (as ours do), so that none of its
    # work is left for the next step, and none is charged to ours.
    def open(self, text: str, spans: list[tuple[int, int, str]]) -> float:
        """Until painted, as ours is timed until its text is painted; then settled, untimed."""
        began = time.perf_counter()
        self.editor.setPlainText(text)
        self.paint(spans)
        painted = (time.perf_counter() - began) * 1000
        settle()
        return painted

    def add_one(self, span: tuple[int, int, str]) -> float:
        began = time.perf_counter()
        self.paint([span])
        settle()
        return (time.perf_counter() - began) * 1000

    def add_all(self, text: str, spans: list[tuple[int, int, str]]) -> float:
        began = time.perf_counter()
        cursor = QTextCursor(self.editor.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        self.paint(spans)
        settle()
        return (time.perf_counter() - began) * 1000


def build(folder: Path, text: str, spans: list[tuple[int, int, int]]) -> tuple[Path, int]:
    path = folder / f"bench-{len(spans)}.annotator"
    project = open_project(path)
    article = add_text_article(project, text).article_id
    coder = ensure_coder(project, CODER)
    tags = list_tags(project)
    now = utcnow()
    rows: list[dict[str, Any]] = [
        {
            "uuid": str(uuid.uuid4()),
            "article_id": article,
            "tag_id": tags[t].id,
            "coder_id": coder.id,
            "start": s,
            "end": e,
            "quote": text[s:e],
            "note": "",
            "created": now,
            "modified": now,
            "version": 1,
        }
        for s, e, t in spans
    ]
    with project.session() as session:
        session.execute(sa.insert(Annotation), rows)
    project.close()
    return path, article


def measure(folder: Path, text: str, count: int, repeat: int, rng: random.Random) -> Figures:
    spans = make_spans(text, count, rng)
    path, article = build(folder, text, spans)
    make_application()
    window = MainWindow(open_project(path, create=False), Settings(coder_name=CODER))
    window.resize(1300, 800)
    window.show()
    settle()
    freeze_startup_objects()  # as the application does once its window is up
    view = window.reader.view
    tags = window.session.tags
    colors = [t.color for t in tags]

    painted: list[float] = []
    repaint = window.reader.repaint

    def note_painted() -> None:  # open_article paints the text before it fills the lists
        repaint()
        painted.append(time.perf_counter())

    window.reader.repaint = note_painted  # type: ignore[method-assign,assignment]
    written: list[float] = []
    finish = view.finish_loading

    def note_written() -> None:  # the rest of the text, after the first screen
        finish()
        written.append(time.perf_counter())

    view.finish_loading = note_written  # type: ignore[method-assign]

    def open_article() -> tuple[float, float, float]:
        window.article_id = None  # opened afresh, as when coming from another article
        painted.clear()
        written.clear()
        began = time.perf_counter()
        window.open_article(article)
        settle()
        done = time.perf_counter()
        assert painted, "the window did not paint the text while opening"
        whole = written[0] if written else painted[0]
        return (painted[0] - began) * 1000, (whole - began) * 1000, (done - began) * 1000

    coloured = [(i, s, e, colors[t]) for i, (s, e, t) in enumerate(spans)]

    def formats_only() -> float:
        began = time.perf_counter()
        view.load(text, coloured)
        view.viewport().repaint()
        return (time.perf_counter() - began) * 1000

    naive = Naive(view.font())
    plain = [(s, e, colors[t]) for s, e, t in spans]
    new = (100, 160, "#77AADD")  # on screen, as the one added in the window
    # ours and the naive ones taken in turn, so that both meet the same load
    opens, formats, naive_opens = [], [], []
    for number in range(repeat + 1):
        if number % 2:
            naive_opens.append(naive.open(text, plain))
            opens.append(open_article())
        else:
            opens.append(open_article())
            naive_opens.append(naive.open(text, plain))
        formats.append(formats_only())
    del opens[0], formats[0], naive_opens[0]  # the first turn warms every path
    window.open_article(article)
    settle()
    tag = action(window, f"Tag as {tags[0].name}")
    undo = action(window, "Undo")
    adds, undos, naive_ones, naive_alls = [], [], [], []
    for number in range(repeat):
        select(window, *visible_words(window, 4, skip=9 * number))
        adds.append(timed(tag.trigger))
        naive_ones.append(naive.add_one(new))
        undos.append(timed(undo.trigger))
        naive_alls.append(naive.add_all(text, [*plain, new]))
    naive.editor.close()
    window.close()
    window.project.close()
    return Figures(
        count,
        statistics.median(o[0] for o in opens),
        statistics.median(o[1] for o in opens),
        statistics.median(o[2] for o in opens),
        statistics.median(formats),
        statistics.median(naive_opens),
        statistics.median(adds),
        statistics.median(undos),
        statistics.median(naive_ones),
        statistics.median(naive_alls),
    )


def report(text: str, rows: list[Figures]) -> None:
    print(f"{len(text):,} characters; medians; 'x' is ours ÷ naive (below 1: faster)")
    print()
    print("OPEN (target: no slower than the naive one-pass apply, and linear)")
    print(
        f"{'spans':>7} {'ours shown':>11} {'ours text':>10} {'ours all':>9} {'formats':>8}"
        f" {'naive':>8} {'shown/naive':>12} {'text/naive':>11} {'formats/naive':>14}"
        f" {'text per 1,000':>15}"
    )
    for f in rows:
        verdict = "meets" if f.shown <= f.naive_open else "MISSES"
        whole = "meets" if f.complete <= f.naive_open else "MISSES"
        print(
            f"{f.annotations:>7,} {f.shown:>9.1f}ms {f.complete:>8.1f}ms {f.settled:>7.1f}ms"
            f" {f.formats:>6.1f}ms {f.naive_open:>6.1f}ms {f.shown / f.naive_open:>11.2f}x"
            f" {f.complete / f.naive_open:>10.2f}x {f.formats / f.naive_open:>13.2f}x"
            f" {f.complete / f.annotations * 1000:>13.1f}ms  shown {verdict}, text {whole}"
        )
    print(
        "shown: the first screen painted; text: the whole text in, with its formats (the "
        "window takes no input before); all: the lists and stripes too"
    )
    print()
    print("ADD ONE through the tag action, end to end with its database write; UNDO it")
    print(
        f"{'spans':>7} {'ours add':>9} {'ours undo':>10} {'naive one':>10} {'naive all':>10}"
        f" {'add/one':>8} {'add/all':>8}"
    )
    for f in rows:
        verdict = "meets" if max(f.add, f.undo) < 16 else "MISSES"
        print(
            f"{f.annotations:>7,} {f.add:>7.1f}ms {f.undo:>8.1f}ms {f.naive_add_one:>8.1f}ms"
            f" {f.naive_add_all:>8.1f}ms {f.add / f.naive_add_one:>7.2f}x"
            f" {f.add / f.naive_add_all:>7.3f}x  {verdict} 16 ms"
        )
    print()
    print(
        "naive one: only the new span merged and painted, its events handled (no database, "
        "no lists); "
        "naive all: every span applied again"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", default="2500,5000,10000")
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print("before:", uptime())
    rng = random.Random(11)
    make_application()
    text = make_text(int(args.megabytes * 1_000_000), rng)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_CONFIG_DIR"] = folder
        os.environ["ANNOTATOR_DATA_DIR"] = folder
        for count in (int(n) for n in args.annotations.split(",")):
            rows.append(measure(Path(folder), text, count, args.repeat, rng))
    report(text, rows)
    print("after: ", uptime())


if __name__ == "__main__":
    main()
