"""Opening a 1 MB article with 5,000 overlapping annotations, adding one and undoing it,
offscreen, against the naive approach (every span re-applied with mergeCharFormat after each
change) in the same run.

    python -m benchmarks.highlight_bench [--annotations 5000] [--megabytes 1]
"""

import argparse
import os
import random
import tempfile
import time
import uuid
from pathlib import Path
from statistics import median
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlalchemy as sa
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import Annotation, utcnow
from annotator.core.project import open_project
from annotator.core.settings import Settings
from annotator.gui.app import make_application
from annotator.gui.main_window import MainWindow
from annotator.gui.undo import AddAnnotationCommand
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


def timed(work: Any) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


def naive(app: QApplication, text: str, spans: list[tuple[int, int, str]]) -> tuple[float, float]:
    """Re-apply every span with mergeCharFormat: what a full re-highlight costs."""
    editor = QPlainTextEdit()
    editor.resize(900, 700)
    editor.show()

    def highlight(all_spans: list[tuple[int, int, str]]) -> None:
        cursor = QTextCursor(editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        for start, end, color in all_spans:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(color))
            cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()
        app.processEvents()

    def open_it() -> None:
        editor.setPlainText(text)
        highlight(spans)

    opened = timed(open_it)
    added = median(timed(lambda: highlight([*spans, (10, 50, "#77AADD")])) for _ in range(3))
    editor.close()
    return opened, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--annotations", type=int, default=5000)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(11)
    app = make_application()
    text = make_text(int(args.megabytes * 1_000_000), rng)
    spans = make_spans(text, args.annotations, rng)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_CONFIG_DIR"] = folder
        project = open_project(Path(folder) / "bench.annotator")
        article = add_text_article(project, text).article_id
        coder = ensure_coder(project, "Bench Coder")
        tags = list_tags(project)
        now = utcnow()
        with project.session() as session:
            session.execute(
                sa.insert(Annotation),
                [
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
                ],
            )
        window = MainWindow(project, Settings(coder_name="Bench Coder"))
        window.resize(1300, 800)
        window.show()
        app.processEvents()

        def open_article() -> None:
            window.open_article(article)
            app.processEvents()

        opens = [timed(open_article) for _ in range(args.repeat)]
        adds, undos = [], []

        def undo() -> None:
            window.undo_stack.undo()
            app.processEvents()

        for i in range(args.repeat):
            start = 1000 + 997 * i
            command = AddAnnotationCommand(window.session, article, tags[0].id, start, start + 60)

            def add(c: AddAnnotationCommand = command) -> None:
                window.undo_stack.push(c)
                app.processEvents()

            adds.append(timed(add))
            undos.append(timed(undo))
        view = window.reader.view
        paints, works = [], []
        for i in range(args.repeat):
            at = 9000 + 1013 * i
            works.append(
                timed(lambda k=20_000_000 + i, a=at: view.highlighter.add(k, a, a + 60, "#77AADD"))
            )
        app.processEvents()
        for i in range(args.repeat):
            start = 5000 + 1009 * i

            def paint(key: int = 10_000_000 + i, at: int = start) -> None:
                view.highlighter.add(key, at, at + 60, tags[0].color)
                app.processEvents()

            paints.append(timed(paint))
        window.close()
        project.close()
    colors = [t.color for t in tags]
    naive_open, naive_add = naive(app, text, [(s, e, colors[t]) for s, e, t in spans])
    ours_open, ours_add, ours_undo = median(opens), median(adds), median(undos)
    ours_paint = median(paints)
    ours_work = median(works)
    print(f"{len(text):,} characters, {len(spans):,} overlapping annotations")
    print(f"Annotator: open fully highlighted {ours_open:7.1f} ms (target under 300 ms)")
    print(f"Annotator: add one annotation     {ours_add:7.1f} ms (target under 16 ms)")
    print(f"Annotator: undo that add          {ours_undo:7.1f} ms (target under 16 ms)")
    print(f"Annotator: repaint after one add  {ours_paint:7.1f} ms (formats and screen update)")
    print(f"Annotator: formats for one add    {ours_work:7.2f} ms (without the screen update)")
    print(f"naive mergeCharFormat: open       {naive_open:7.1f} ms")
    print(f"naive mergeCharFormat: add one    {naive_add:7.1f} ms (display only)")
    print(
        f"ratio, display update for one add: naive {naive_add / ours_paint:.0f}x slower "
        "(target at least 20x)"
    )
    print(
        "ratio, our whole add with its database write against the naive display update: "
        f"{naive_add / ours_add:.1f}x"
    )


if __name__ == "__main__":
    main()
