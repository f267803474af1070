"""A team at work on one PostgreSQL server: N processes acting as coders, each adding
annotations one user action at a time with live updates on, and the lead's window following
them.

    python -m benchmarks.team_bench URL [--coders 8] [--annotations 1000] [--as-administrator]

URL is an empty PostgreSQL database as its administrator (the test command's server will
do). The database is prepared as ``annotator serve-init`` does, and each coder's process logs
in as that coder, so the server's roles and row-level security are at work on every write and
every read (coding is blind: a coder's connection reads only their own annotations); one more
process logs in as the lead, adds nothing and follows everyone. With ``--as-administrator``
every process logs in as the administrator instead, and sees everyone's work live.

Each process keeps a view of the annotations it may read, as a window does: loaded when it
opens, then kept up to date only from the change feed (its own writes, and the others' as the
watcher announces them). At the end each view must equal what its connection reads in the
database, and nothing may be lost. Prints the time per write beside a bare INSERT of the same
row (one transaction each, no checks, no log, no notice, no roles), made by as many processes
at once in the same run, and the ratio, with the machine's load average before and after.
"""

import argparse
import multiprocessing
import os
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
from annotator.core.team.roles import MemberLogin, membership
from annotator.core.team.serve import serve_init

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
    """One member's process: open, watch, add ``count`` annotations (none for the lead),
    then wait for the view to settle and compare it with what the database shows it."""
    project = open_project(url, create=False)
    member = membership(project)
    coder_id = member.coder_id if member is not None else ensure_coder(project, name).id
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
            coder_id,
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


@dataclass(frozen=True)
class Member:
    """One process of the run: who it is, where it logs in, how many annotations it adds."""

    name: str
    url: str
    count: int


def team_members(url: str, coders: int, count: int, as_members: bool) -> list[Member]:
    """The lead and ``coders`` coders, each with a login of their own on the server (as
    ``annotator serve-init`` makes them), or all as the administrator."""
    database = sa.make_url(url).database or ""
    names = [f"Coder {n + 1} of {database}" for n in range(coders)]
    lead = f"Lead of {database}"
    if not as_members:
        return [Member(lead, url, 0)] + [Member(name, url, count) for name in names]
    _address, logins = serve_init(url, lead, names)
    return [_member(url, login, 0 if n == 0 else count) for n, login in enumerate(logins)]


def _member(url: str, login: MemberLogin, count: int) -> Member:
    own = sa.make_url(url).set(username=login.login, password=login.password or None)
    return Member(login.name, own.render_as_string(hide_password=False), count)


def run_team(members: list[Member]) -> list[CoderResult]:
    """Run the members' processes at once; their results, in the order they finished."""
    context = multiprocessing.get_context("spawn")
    start_line, finish_line = context.Barrier(len(members)), context.Barrier(len(members))
    out = context.Queue()
    processes = [
        context.Process(
            target=act_as_coder,
            args=(m.url, m.name, m.count, start_line, finish_line, out),
        )
        for m in members
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=1800) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return results


def bare_inserts(url: str, count: int, start_line: Barrier | None, out: Any) -> float:
    """The floor: the same rows by a bare INSERT, one transaction each; the seconds taken."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        article = conn.execute(sa.text("SELECT min(id) FROM article")).scalar_one()
        tag = conn.execute(sa.text("SELECT min(id) FROM tag")).scalar_one()
        coder = conn.execute(sa.text("SELECT min(id) FROM coder")).scalar_one()
        statement = sa.text(
            'INSERT INTO annotation (uuid, article_id, tag_id, coder_id, start, "end", quote, '
            "note, created, modified, version) VALUES (gen_random_uuid(), :a, :t, :c, 0, 12, "
            ":q, '', now(), now(), 1)"
        )
        conn.commit()
        if start_line is not None:
            start_line.wait()
        began = time.perf_counter()
        for _ in range(count):
            conn.execute(statement, {"a": article, "t": tag, "c": coder, "q": TEXT[:12]})
            conn.commit()
        seconds = time.perf_counter() - began
    engine.dispose()
    if out is not None:
        out.put(seconds)
    return seconds


def bare_insert_seconds(url: str, processes: int, count: int) -> float:
    """Seconds per bare INSERT, ``processes`` processes each making ``count`` at once."""
    context = multiprocessing.get_context("spawn")
    start_line = context.Barrier(processes)
    out = context.Queue()
    workers = [
        context.Process(target=bare_inserts, args=(url, count, start_line, out))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    seconds: list[float] = [out.get(timeout=1800) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    return statistics.mean(seconds) / count


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="an empty PostgreSQL database, as its administrator")
    parser.add_argument("--coders", type=int, default=8)
    parser.add_argument("--annotations", type=int, default=1000)
    parser.add_argument(
        "--as-administrator",
        action="store_true",
        help="every process logs in as the administrator (no roles; all see all)",
    )
    args = parser.parse_args(argv)
    print(f"before: {load()}")
    prepare(args.url)
    members = team_members(args.url, args.coders, args.annotations, not args.as_administrator)
    results = run_team(members)
    with open_project(args.url, create=False) as project:
        stored = database_snapshot(project)
    print(f"after the team: {load()}")
    expected = args.coders * args.annotations
    writers = [r for r in results if r.writes]
    per_write = statistics.mean(r.seconds / r.writes for r in writers)
    bare = bare_insert_seconds(args.url, args.coders, args.annotations)
    print(f"after the bare INSERTs: {load()}")
    for r in sorted(results, key=lambda r: r.name):
        print(
            f"{r.name}: {r.writes} writes in {r.seconds:.1f} s, saw {r.foreign_seen} of the "
            f"others' live, view {'equals' if r.view_equals_database else 'DIFFERS FROM'} "
            f"the database ({r.view_size} / {r.database_size})"
        )
    lost = expected - len(stored)
    print(f"stored {len(stored)} of {expected} annotations: {lost} lost")
    who = "the administrator" if args.as_administrator else "their own logins"
    print(
        f"per write, {args.coders} coders at once as {who}, live updates on: "
        f"{per_write * 1000:.2f} ms; bare INSERT, {args.coders} processes at once: "
        f"{bare * 1000:.2f} ms; ratio {per_write / bare:.1f}"
    )
    ok = lost == 0 and all(r.view_equals_database for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
