"""The command-line subcommands: import, info, show, export, merge, agreement, check. No Qt
here. Names and titles from outside are printed with control characters escaped.

Each command imports the parts of the core it uses when it runs (the export formats, the
importers, agreement and merging each take a noticeable time to load), so that a quick
command such as ``info`` does not wait for the others.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from annotator.cli.reading import open_to_read
from annotator.core.collector import collector_paused
from annotator.core.display import printable
from annotator.core.errors import AnnotatorError, NotAProjectError, ReadOnlyProjectError
from annotator.core.project import Project, is_url, open_project
from annotator.core.summaries import (
    list_articles,
    list_attributes,
    list_coders,
    list_tags,
    named_values,
)

if TYPE_CHECKING:
    from annotator.core.importing.service import ImportOptions
    from annotator.core.rows import Selection


class ProgressBar:
    """A one-line progress bar on the terminal; silent when output is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled or not self.total:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "-" * (width - filled)
        text = f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}"
        self.stream.write(text)
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self.total:
            self.stream.write("\r" + " " * 90 + "\r")
            self.stream.flush()


def run_import(
    project_location: str,
    paths: list[str],
    options: ImportOptions | None = None,
    out: TextIO | None = None,
) -> int:
    """Import files and folders; one line per file. Exit status 1 when any file failed."""
    from annotator.core.importing.batch import import_batch  # noqa: PLC0415
    from annotator.core.importing.service import Outcome  # noqa: PLC0415

    out = out or sys.stdout
    bar = ProgressBar(sys.stderr)
    failed = 0
    fresh = not is_url(project_location) and not Path(project_location).expanduser().exists()
    with open_project(project_location) as project:
        if fresh:
            print(
                f"annotator: created a new project, {printable(project_location)} (if you "
                "meant one you have, check its name)",
                file=sys.stderr,
            )
        running = import_batch(project, [Path(p) for p in paths], options, on_start=bar.start)
        try:
            for result in running:
                failed += result.outcome is Outcome.FAILED
                bar.clear()
                said = result
                if result.needs_password:
                    said = replace(result, detail=f"{result.detail} (give it with --password)")
                print(said.line(), file=out, flush=True)
                bar.step(printable(result.path.name))
        finally:
            running.close()
    bar.clear()
    return 1 if failed else 0


def run_check(project_location: str, as_json: bool, out: TextIO | None = None) -> int:
    """Check a project without changing it; exit status 1 on any problem."""
    from annotator.core.check import Problem, check_project  # noqa: PLC0415

    out = out or sys.stdout
    try:
        with open_project(project_location, create=False, read_only=True, verify=False) as project:
            problems = check_project(project)
    except (NotAProjectError, ReadOnlyProjectError) as exc:
        if "There is no project" in str(exc):
            raise
        problems = [Problem("file", str(exc))]
    if as_json:
        report = {
            "project": project_location if "://" not in project_location else "database",
            "ok": not problems,
            "problems": [p.as_json() for p in problems],
        }
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif problems:
        print(f"{len(problems)} problem(s) in {printable(project_location)}:", file=out)
        for problem in problems:
            print(f"  {problem.kind}: {printable(problem.message)}", file=out)
    else:
        print(f"{printable(project_location)}: no problems found", file=out)
    return 1 if problems else 0


def project_info(project: Project) -> dict[str, object]:
    """The project's contents as the JSON document ``annotator info --json`` prints."""
    with collector_paused():
        return _project_info(project)


def _project_info(project: Project) -> dict[str, object]:
    values = named_values(project)
    return {
        "project": project.location if "://" not in project.location else "database",
        "articles": [
            {
                "id": a.id,
                "uri": a.uri,
                "title": a.title,
                "chars": a.chars,
                "annotations": a.annotations,
                "source": a.source_kind,
                "original_name": a.original_name,
                "attributes": values.get(a.id, {}),
            }
            for a in list_articles(project)
        ],
        "attribute_definitions": [
            {"name": a.name, "kind": a.kind, "choices": list(a.choices)}
            for a in list_attributes(project)
        ],
        "tags": [
            {
                "name": t.name,
                "color": t.color,
                "shortcut": t.shortcut,
                "definition": t.definition,
            }
            for t in list_tags(project)
        ],
        "coders": [{"id": c.id, "name": c.name, "kind": c.kind} for c in list_coders(project)],
    }


def write_info_json(info: dict[str, object], out: TextIO) -> None:
    """The document, indented for a person at a terminal and compact for a script (Python's
    fast JSON encoder writes no indentation: on a large project it is three times faster)."""
    terminal = getattr(out, "isatty", lambda: False)()
    with collector_paused():  # one string: json.dump would write it in a million pieces
        document = json.dumps(info, ensure_ascii=False, indent=2 if terminal else None)
    out.write(document + "\n")


def run_info(project_location: str, as_json: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with open_to_read(project_location) as project:
        info = project_info(project)
    if as_json:
        write_info_json(info, out)
        return 0
    articles = info["articles"]
    assert isinstance(articles, list)
    print(f"{len(articles)} article(s)", file=out)
    for article in articles:
        print(
            f"  {article['id']:>5}  {article['annotations']:>5} ann.  "
            f"{article['chars']:>8} chars  {printable(article['title'])}",
            file=out,
        )
    tags = info["tags"]
    assert isinstance(tags, list)
    names = (f"{printable(t['name'])} [{t['shortcut'] or '-'}]" for t in tags)
    print("tags: " + ", ".join(names), file=out)
    coders = info["coders"]
    assert isinstance(coders, list)
    print("coders: " + (", ".join(printable(c["name"]) for c in coders) or "(none yet)"), file=out)
    return 0


def run_show(project_location: str, article_id: str, out: TextIO | None = None) -> int:
    """Print an article's canonical text exactly as stored, for scripts and pipes."""
    out = out or sys.stdout
    try:
        number = int(article_id)
    except ValueError as exc:
        raise AnnotatorError(
            f"{article_id!r} is not an article id; `annotator info PROJECT` lists them."
        ) from exc
    from annotator.core.articles import get_article  # noqa: PLC0415

    with open_to_read(project_location) as project:
        text = get_article(project, number).text
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        out.write(text)
    return 0


def run_export(
    project_location: str,
    target: str,
    selection: Selection | None = None,
    matrix: bool = False,
    out: TextIO | None = None,
    *,
    tag_sheets: bool = True,
) -> int:
    """Export in the format the extension names (.xlsx, .csv, .json, .qdpx, .qdc)."""
    from annotator.core.export.formats import export_project  # noqa: PLC0415

    out = out or sys.stdout
    path = Path(target)
    bar = ProgressBar(sys.stderr)

    def progress(done: int, total: int) -> bool:
        bar.total = total
        bar.done = done - 1
        bar.step(path.name)
        return True

    with open_to_read(project_location) as project:
        if selection is not None:
            _check_selection(project, selection)
        summary = export_project(
            project, path, selection, matrix=matrix, progress=progress, tag_sheets=tag_sheets
        )
    bar.clear()
    print(printable(summary), file=out)
    return 0


def _check_selection(project: Project, selection: Selection) -> None:
    """A name or id that is not in the project is a mistake to report, not an empty export."""
    if selection.articles is not None:
        missing = sorted(selection.articles - {a.id for a in list_articles(project)})
        if missing:
            raise AnnotatorError(f"no article with id {missing[0]} in this project")
    if selection.tags is not None:
        unknown = sorted(selection.tags - {t.name for t in list_tags(project)})
        if unknown:
            raise AnnotatorError(f"no tag named {unknown[0]!r} in this project's codebook")
    if selection.coders is not None:
        nobody = sorted(selection.coders - {c.name for c in list_coders(project)})
        if nobody:
            raise AnnotatorError(f"no coder named {nobody[0]!r} in this project")


def run_import_annotations(project_location: str, source: str, out: TextIO | None = None) -> int:
    """Import W3C Web Annotations; exit status 1 when any was an orphan."""
    from annotator.core.interchange.w3c import import_w3c  # noqa: PLC0415

    out = out or sys.stdout
    with open_project(project_location, create=False) as project:
        report = import_w3c(project, Path(source))
    for line in report.lines():
        print(printable(line), file=out)
    return 1 if report.orphans else 0


def run_agreement(
    project_location: str,
    coders: list[str] | None,
    tags: list[str] | None,
    as_json: bool,
    out: TextIO | None = None,
    *,
    all_articles: bool = False,
) -> int:
    """Agreement between coders per tag; a table, or JSON with ``--json``. Reliability is
    reported on the reliability sample when one was drawn, unless ``all_articles``."""
    from annotator.core.agreement.report import (  # noqa: PLC0415
        COEFFICIENTS,
        compute_agreement,
        reading,
    )
    from annotator.core.team.reliability import current_sample  # noqa: PLC0415

    out = out or sys.stdout
    with open_to_read(project_location) as project:
        sample = None if all_articles else current_sample(project)
        report = compute_agreement(project, coders, tags, sample)
    if as_json:
        json.dump(
            {**report.as_json(), "reliability_sample": sample is not None},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return 0
    who = ", ".join(printable(c) for c in report.coders) or "(none)"
    where = (
        f" (the reliability sample of {len(sample)}; --all-articles for every article)"
        if sample is not None
        else ""
    )
    print(f"coders: {who}; articles: {report.articles}{where}", file=out)
    header = f"{'tag':<22}" + "".join(f"{name:>19}" for name in COEFFICIENTS)
    print(header, file=out)
    for tag, values in report.tags.items():
        cells = "".join(f"{_number(values[name]):>19}" for name in COEFFICIENTS)
        print(f"{printable(tag)[:21]:<22}{cells}", file=out)
    overall = report.overall_alpha_u
    print(f"overall alpha_u: {_number(overall)} ({reading(overall)})", file=out)
    for note in report.notes:
        print(f"note: {printable(note)}", file=out)
    return 0


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def run_merge(project_location: str, others: list[str], out: TextIO | None = None) -> int:
    """Merge other projects into this one, after a backup of it."""
    from annotator.core.merge import merge_projects  # noqa: PLC0415

    out = out or sys.stdout
    with open_project(project_location, create=False) as project:
        saved, reports = merge_projects(project, others)
    if saved is not None:
        print(f"backup: {printable(saved)}", file=out)
    for report in reports:
        for line in report.lines():
            print(printable(line), file=out)
    return 0


def run_attributes(
    project_location: str, source: str, key: str | None = None, out: TextIO | None = None
) -> int:
    """Import article attributes from a sheet; exit status 1 when any row or value was left
    out (each is listed)."""
    from annotator.core.attribute_import import import_attributes  # noqa: PLC0415

    out = out or sys.stdout
    with open_project(project_location, create=False) as project:
        result = import_attributes(project, Path(source), key)
    for line in result.report.lines():
        print(line, file=out)
    return 1 if result.report.problems else 0


def run_search(
    project_location: str, words: str, limit: int, as_json: bool, out: TextIO | None = None
) -> int:
    """Full-text search: each article found (best first) with the offset and a snippet of
    each hit; exit status 1 when nothing was found."""
    from annotator.core.full_text import search  # noqa: PLC0415

    out = out or sys.stdout
    with open_to_read(project_location) as project:
        found = search(project, words, limit=max(limit, 1))
    if as_json:
        json.dump(found.as_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if found.results else 1
    print(f"{found.total} article(s) match; the best {len(found.results)}:", file=out)
    for result in found.results:
        print(f"{result.article_id:>6}  {result.title}", file=out)
        for hit in result.hits:
            print(f"{'':>8}{hit.start:>8}  {hit.snippet}", file=out)
    return 0 if found.results else 1


def run_serve_init(
    url: str, lead: str, coders: list[str], host: str | None, out: TextIO | None = None
) -> int:
    """Prepare a team's database and print what each member types to connect."""
    from annotator.core.team.serve import connect_instructions, serve_init  # noqa: PLC0415

    out = out or sys.stdout
    address, members = serve_init(url, lead, coders, host)
    print(
        f"The team's project is ready in database {address.database} on "
        f"{address.host}:{address.port}. Give each member their lines (passwords are shown "
        "once only; they can be changed on the server):",
        file=out,
    )
    for member in members:
        print(connect_instructions(address, member), file=out)
    return 0
