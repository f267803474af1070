"""Excel export of a large project against bare openpyxl (write-only) writing the same cells.

    python -m benchmarks.export_bench [--articles 2000] [--annotations 100000] [--memory]

The cells bare openpyxl writes are the export's own, read back from the workbook: every sheet,
headers and the small sheets included. Each round times both, in alternating order, with and
without the sheets per tag; it prints every run's wall-clock and CPU seconds, the medians,
their ratios and the machine's load (on a shared machine the CPU time is the steadier
figure); with --memory, also the peak traced memory of the export at two project sizes.
"""

import argparse
import os
import random
import statistics
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from annotator.core.coders import ensure_coder
from annotator.core.export.excel import export_workbook
from annotator.core.models import Annotation, Article, Tag, utcnow
from annotator.core.project import Project, open_project
from annotator.core.text import article_uri

WORDS = [
    "the",
    "council",
    "will",
    "cut",
    "emissions",
    "by",
    "forty",
    "per",
    "cent",
    "unless",
    "funding",
    "fails",
    "critics",
    "say",
]


def build_project(path: Path, articles: int, annotations: int, seed: int = 7) -> Project:
    rng = random.Random(seed)
    project = open_project(path)
    coder = ensure_coder(project, "Bench Coder")
    with project.session() as session:
        tag_ids = list(session.scalars(sa.select(Tag.id)))
    now = utcnow()
    per_article = annotations // articles
    with project.session() as session:
        for a in range(articles):
            text = " ".join(rng.choice(WORDS) for _ in range(900)) + f" #{a}"
            session.add(
                Article(
                    uri=article_uri(text),
                    title=f"Article {a}",
                    outlet="Daily",
                    published=f"2024-{a % 12 + 1:02d}-15",
                    text=text,
                    chars=len(text),
                    source_kind="txt",
                    position=a,
                )
            )
        session.flush()
        ids = list(
            session.scalars(
                sa.select(
                    Article.id,
                ).order_by(Article.id)
            )
        )
        texts = dict(session.execute(sa.select(Article.id, Article.text)).all())
        rows: list[dict[str, Any]] = []
        for article_id in ids:
            text = texts[article_id]
            for _ in range(per_article):
                start = rng.randrange(0, len(text) - 200)
                end = start + rng.randrange(5, 200)
                rows.append(
                    {
                        "uuid": str(uuid.uuid4()),
                        "article_id": article_id,
                        "tag_id": rng.choice(tag_ids),
                        "coder_id": coder.id,
                        "start": start,
                        "end": end,
                        "quote": text[start:end],
                        "note": "",
                        "created": now,
                        "modified": now,
                        "version": 1,
                    }
                )
        session.execute(sa.insert(Annotation), rows)
    return project


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (on a shared machine the CPU time varies less)."""
    began, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - began, time.process_time() - cpu


def peak_mib(work: Callable[[], object]) -> float:
    """Peak traced memory of one run (tracing slows Python, so it is never timed)."""
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1048576


Sheets = list[tuple[str, list[tuple[Any, ...]]]]


def read_cells(path: Path) -> Sheets:
    """Every sheet of a workbook with its cell values, as openpyxl reads them back."""
    book = load_workbook(path, read_only=True)
    sheets = [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book]
    book.close()
    return sheets


def bare_openpyxl(sheets: Sheets, out: Path) -> None:
    """The same cells on the same sheets through bare openpyxl (write-only, no styles)."""
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds (order alternates)")
    parser.add_argument("--memory", action="store_true", help="also trace peak memory")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        began = time.perf_counter()
        project = build_project(root / "bench.annotator", args.articles, args.annotations)
        print(
            f"built {args.annotations:,} annotations over {args.articles:,} articles "
            f"in {time.perf_counter() - began:.1f} s"
        )
        cases = {}
        for tag_sheets in (True, False):
            out = root / f"ours-{tag_sheets}.xlsx"
            export_workbook(project, out, tag_sheets=tag_sheets)
            cells = read_cells(out)
            cases[tag_sheets] = (
                lambda o=out, t=tag_sheets: export_workbook(project, o, tag_sheets=t),
                lambda c=cells, t=tag_sheets: bare_openpyxl(c, root / f"bare-{t}.xlsx"),
                sum(len(rows) for _title, rows in cells),
                len(cells),
            )
        for tag_sheets, (ours, bare, rows, sheets) in cases.items():
            ours_times: list[tuple[float, float]] = []
            bare_times: list[tuple[float, float]] = []
            for round_number in range(args.rounds):
                pair = [(ours, ours_times), (bare, bare_times)]
                for work, times in pair if round_number % 2 else reversed(pair):
                    times.append(timed(work))
            label = "with a sheet per tag" if tag_sheets else "--no-tag-sheets"
            print(f"{label}: {sheets} sheets, {rows:,} rows")
            for index, what in ((0, "wall-clock"), (1, "CPU")):
                ours_t = [t[index] for t in ours_times]
                bare_t = [t[index] for t in bare_times]
                ratio = statistics.median(ours_t) / statistics.median(bare_t)
                print(f"  {what}: bare openpyxl, same cells: {_seconds(bare_t)}")
                print(f"  {what}: Annotator export:          {_seconds(ours_t)}")
                print(
                    f"  {what}: ratio of medians {ratio:.2f}x bare openpyxl (target at most 1.3x)"
                )
        if args.memory:
            small = build_project(root / "small.annotator", args.articles, args.annotations // 10)
            small_peak = peak_mib(lambda: export_workbook(small, root / "small.xlsx"))
            full_peak = peak_mib(cases[True][0])
            print(
                f"peak memory with a tenth of the annotations (same articles): "
                f"{small_peak:.1f} MiB; with all of them: {full_peak:.1f} MiB"
            )
            small.close()
        project.close()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _seconds(times: list[float]) -> str:
    runs = ", ".join(f"{t:.2f}" for t in times)
    return f"median {statistics.median(times):6.2f} s  (runs: {runs})"


if __name__ == "__main__":
    main()
