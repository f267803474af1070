"""A team at work on one PostgreSQL server: N processes acting as coders, each adding
annotations one user action at a time with live updates on.

    python -m benchmarks.team_bench URL [--coders 8] [--annotations 1000]

URL is an empty PostgreSQL database as its administrator (the test command's server will
do). Each process keeps a view of every annotation in the project, as a window does: loaded
when it opens, then kept up to date only from the change feed (its own writes, and the
others' as the watcher announces them). At the end each view must equal the database, and
nothing may be lost. Prints the time per write beside a bare INSERT of the same row (one
transaction each, no checks, no log, no notice) in the same run, and the ratio.
"""

import argparse
import multiprocessing
import statistics
import sys
import time
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier
from typing import Any

import sqlalchemy as sa

from annotator.core.annotation_writes import add_annotation
from annotator.core.changes import Changes
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import Annotation
from annotator.core.project import Project, open_project
from annotator.core.team.live import ChangeWatcher

TEXT = ("The ministry pledged to halve waiting times by 2030, unless funding falls short. " * 40)[
    :3000
]

Snapshot = dict[str, tuple[int, int, int]]  # uuid → (version, tag, coder)


def database_snapshot(project: Project) -> Snapshot:
    with project.session() as session:
        rows = session.execute(
            sa.select(Annotation.uuid, Annotation.version, Annotation.tag_id, Annotation.coder_id)
        )
        return {uuid: (version, tag, coder) for uuid, version, tag, coder in rows}


class FeedView:
    """What a window shows of the project's annotations, kept only from the change feed."""

    def __init__(self, project: Project) -> None:
        self.rows = database_snapshot(project)
        self.foreign = 0
        project.changes.subscribe(self.apply)

    def apply(self, changes: Changes) -> None:
        if changes.origin == "elsewhere":
            self.foreign += len(changes.added)
        for record in changes.added:
            self.rows[record.uuid] = (record.version, record.tag_id, record.coder_id)
        for _before, after in changes.changed:
            self.rows[after.uuid] = (after.version, after.tag_id, after.coder_id)
        for record in changes.removed:
            self.rows.pop(record.uuid, None)


@dataclass
class CoderResult:
    name: str
    writes: int
    seconds: float
    foreign_seen: int
    view_equals_database: bool
    view_size: int
    database_size: int


def act_as_coder(
    url: str, name: str, count: int, start_line: Barrier, finish_line: Barrier, out: Any
) -> None:
    """One coder's process: open, watch, add ``count`` annotations, then wait for the view
    to settle and compare it with the database."""
    project = open_project(url, create=False)
    coder = ensure_coder(project, name)
    tags = [t.id for t in list_tags(project)]
    with project.session() as session:
        article_ids = list(session.scalars(sa.text("SELECT id FROM article ORDER BY id")))
    view = FeedView(project)
    watcher = ChangeWatcher(project)
    watcher.start()
    start_line.wait()
    began = time.perf_counter()
    for i in range(count):
        start = (i * 7) % (len(TEXT) - 20)
        add_annotation(
            project,
            article_ids[i % len(article_ids)],
            tags[i % len(tags)],
            coder.id,
            start,
            start + 12,
        )
    seconds = time.perf_counter() - began
    finish_line.wait()
    watcher.stop_thread()
    # Everyone has finished: take in what is still on its way, then compare.
    stored = database_snapshot(project)
    deadline = time.monotonic() + 120
    while view.rows != stored and time.monotonic() < deadline:
        watcher.poll(0.5)
    watcher.stop()
    project.close()
    out.put(
        CoderResult(
            name, count, seconds, view.foreign, view.rows == stored, len(view.rows), len(stored)
        )
    )


def prepare(url: str, articles: int = 20) -> None:
    """Articles for the coders to code (the codebook comes with a new project)."""
    from annotator.core.articles import ExtractedArticle, store_article  # noqa: PLC0415

    with open_project(url) as project:
        for i in range(articles):
            text = f"Article {i}. " + TEXT[len(f"Article {i}. ") :]
            store_article(
                project,
                ExtractedArticle(
                    text=text,
                    title=f"Article {i}",
                    source_kind="txt",
                    original_name=f"{i}.txt",
                    original_bytes=text.encode(),
                ),
            )


def run_team(url: str, coders: int, count: int) -> list[CoderResult]:
    """Run the coders' processes at once; their results, in the order they finished."""
    context = multiprocessing.get_context("spawn")
    start_line, finish_line = context.Barrier(coders), context.Barrier(coders)
    out = context.Queue()
    processes = [
        context.Process(
            target=act_as_coder,
            args=(url, f"Coder {n + 1}", count, start_line, finish_line, out),
        )
        for n in range(coders)
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=900) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return results


def bare_insert_seconds(url: str, count: int) -> float:
    """The floor: the same rows by a bare INSERT, one transaction each."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        article = conn.execute(sa.text("SELECT min(id) FROM article")).scalar_one()
        tag = conn.execute(sa.text("SELECT min(id) FROM tag")).scalar_one()
        coder = conn.execute(
            sa.text(
                "INSERT INTO coder (name, kind, created) VALUES ('Bare', 'person', now()) "
                "RETURNING id"
            )
        ).scalar_one()
        conn.commit()
        statement = sa.text(
            'INSERT INTO annotation (uuid, article_id, tag_id, coder_id, start, "end", quote, '
            "note, created, modified, version) VALUES (gen_random_uuid(), :a, :t, :c, 0, 12, "
            ":q, '', now(), now(), 1)"
        )
        began = time.perf_counter()
        for _ in range(count):
            conn.execute(statement, {"a": article, "t": tag, "c": coder, "q": TEXT[:12]})
            conn.commit()
        seconds = time.perf_counter() - began
    engine.dispose()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="an empty PostgreSQL database, as its administrator")
    parser.add_argument("--coders", type=int, default=8)
    parser.add_argument("--annotations", type=int, default=1000)
    args = parser.parse_args(argv)
    prepare(args.url)
    results = run_team(args.url, args.coders, args.annotations)
    with open_project(args.url, create=False) as project:
        stored = database_snapshot(project)
    expected = args.coders * args.annotations
    per_write = statistics.mean(r.seconds / r.writes for r in results)
    bare = bare_insert_seconds(args.url, args.annotations) / args.annotations
    for r in sorted(results, key=lambda r: r.name):
        print(
            f"{r.name}: {r.writes} writes in {r.seconds:.1f} s, saw {r.foreign_seen} of the "
            f"others' live, view {'equals' if r.view_equals_database else 'DIFFERS FROM'} "
            f"the database ({r.view_size} / {r.database_size})"
        )
    lost = expected - len(stored)
    print(f"stored {len(stored)} of {expected} annotations: {lost} lost")
    print(
        f"per write, {args.coders} coders at once: {per_write * 1000:.2f} ms; bare INSERT "
        f"alone: {bare * 1000:.2f} ms; ratio {per_write / bare:.1f}"
    )
    ok = lost == 0 and all(r.view_equals_database for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
