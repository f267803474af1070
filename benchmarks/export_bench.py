"""Excel export of a large project against bare openpyxl (write-only) writing the same cells.

    python -m benchmarks.export_bench [--articles 2000] [--annotations 100000]

Prints both times, the ratio, and the peak traced memory of each.
"""

import argparse
import random
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook

from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.export.excel import ANNOTATION_COLUMNS, export_workbook
from annotator.core.models import Annotation, Article, Tag, utcnow
from annotator.core.project import Project, open_project
from annotator.core.rows import annotation_rows
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


def measure(work: Callable[[], object]) -> tuple[float, float]:
    """Seconds for one run, then peak traced MiB in a second run (tracing slows Python)."""
    began = time.perf_counter()
    work()
    elapsed = time.perf_counter() - began
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1048576


def bare_openpyxl(rows: list[tuple[str, tuple[Any, ...]]], tags: list[str], out: Path) -> None:
    """The same annotation cells on the same sheets (all, then one per tag), no styling.

    Text values are forced to strings so that bare openpyxl writes them as the project does;
    the small Articles, Codebook and Summary sheets are left out of both timings' difference
    (they hold one row per article or tag).
    """
    book = Workbook(write_only=True)
    header = [c.title for c in ANNOTATION_COLUMNS]
    main = book.create_sheet("Annotations")
    main.append(header)
    per_tag = {tag: book.create_sheet(tag) for tag in tags}
    for sheet in per_tag.values():
        sheet.append(header)
    for tag, cells in rows:
        main.append(cells)
        per_tag[tag].append(cells)
    book.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--annotations", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        began = time.perf_counter()
        project = build_project(root / "bench.annotator", args.articles, args.annotations)
        print(
            f"built {args.annotations:,} annotations over {args.articles:,} articles "
            f"in {time.perf_counter() - began:.1f} s"
        )
        rows = [(row.tag, row.cells()) for row in annotation_rows(project)]
        tags = [t.name for t in list_tags(project)]
        bare_time, bare_peak = measure(lambda: bare_openpyxl(rows, tags, root / "bare.xlsx"))
        ours_time, ours_peak = measure(lambda: export_workbook(project, root / "ours.xlsx"))
        small = build_project(root / "small.annotator", args.articles, args.annotations // 10)
        _t, small_peak = measure(lambda: export_workbook(small, root / "small.xlsx"))
        print(
            f"bare openpyxl (write-only, same cells): {bare_time:6.2f} s  peak {bare_peak:7.1f} MiB"
        )
        print(
            f"Annotator export (all sheets):           {ours_time:6.2f} s  "
            f"peak {ours_peak:7.1f} MiB"
        )
        print(f"ratio: {ours_time / bare_time:.2f}x bare openpyxl (target at most 1.3x)")
        print(
            f"peak memory with a tenth of the annotations (same articles): {small_peak:.1f} MiB; "
            f"with all of them: {ours_peak:.1f} MiB"
        )
        project.close()
        small.close()


if __name__ == "__main__":
    main()
