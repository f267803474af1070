"""The analysis workbook: Annotations, one sheet per tag, Articles, Codebook and Summary.

Rows are streamed in openpyxl's write-only mode, so memory does not grow with the project.
Text cells are always strings, never formulas; one that a spreadsheet could read as a formula
also carries Excel's quote-prefix flag (see docs/design.md, "Excel export").
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from annotator.core.attribute_columns import AttributeColumns
from annotator.core.export.sheets import Column, Counters, SheetNames, SheetWriter
from annotator.core.files import atomic_path
from annotator.core.models import Article, Coder, CoderArticleStatus, CodingStatus, Tag
from annotator.core.rows import (
    Selection,
    annotation_rows,
    as_date,
    count_rows,
    has_accepted_suggestions,
)

if TYPE_CHECKING:
    from annotator.core.project import Project

Progress = Callable[[int, int], bool]
"""Called with (done, total); returning False cancels the export."""

ANNOTATION_COLUMNS = (
    Column("article title", 36, wrap=True),
    Column("outlet", 18),
    Column("published", 12),
    Column("URL", 24),
    Column("article URI", 24),
    Column("page", 7),
    Column("tag", 14),
    Column("tag path", 20),
    Column("quoted text", 60, wrap=True),
    Column("context before", 40, wrap=True),
    Column("context after", 40, wrap=True),
    Column("start", 9),
    Column("end", 9),
    Column("coder", 16),
    Column("note", 40, wrap=True),
    Column("created", 17),
    Column("modified", 17),
    Column("annotation id", 36),
)
SUGGESTION_COLUMN = Column("suggestion score", 11)
"""Shown when the project has accepted suggestions: the model's score of each accepted one,
empty for passages coded by hand, so that the analysis can tell them apart."""
TAG_COLUMN = 6
ARTICLE_COLUMNS = (
    Column("id", 6),
    Column("title", 48, wrap=True),
    Column("URI", 24),
    Column("source", 8),
    Column("original file", 28),
    Column("author", 20),
    Column("outlet", 20),
    Column("published", 12),
    Column("URL", 30),
    Column("language", 9),
    Column("characters", 11),
    Column("annotations", 12),
)
CODEBOOK_COLUMNS = (
    Column("tag", 18),
    Column("parent", 18),
    Column("definition", 60, wrap=True),
    Column("colour", 10),
    Column("key", 6),
    Column("annotations", 12),
    Column("articles", 10),
)


def annotation_columns(
    attributes: AttributeColumns, suggestions: bool = False
) -> tuple[Column, ...]:
    """The Annotations sheet's columns (and the CSV's): the fixed ones, the suggestion score
    when asked, then one per article attribute."""
    fixed = (*ANNOTATION_COLUMNS, SUGGESTION_COLUMN) if suggestions else ANNOTATION_COLUMNS
    titles = [c.title for c in fixed]
    return (*fixed, *(Column(h, 16) for h in attributes.headers(titles)))


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class _TagInfo:
    id: int
    name: str
    color: str
    definition: str
    shortcut: int | None
    parent: str


def _tags(project: "Project", selection: Selection) -> list[_TagInfo]:
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
    names = {t.id: t.name for t in tags}
    return [
        _TagInfo(t.id, t.name, t.color, t.definition, t.shortcut, names.get(t.parent_id or -1, ""))
        for t in tags
        if selection.tags is None or t.name in selection.tags
    ]


def _coders(project: "Project", selection: Selection) -> list[tuple[int, str]]:
    with project.session() as session:
        rows = session.execute(sa.select(Coder.id, Coder.name).order_by(Coder.name)).all()
    return [(i, n) for i, n in rows if selection.coders is None or n in selection.coders]


def export_workbook(
    project: "Project",
    out: Path,
    progress: Progress | None = None,
    selection: Selection | None = None,
    *,
    tag_sheets: bool = True,
) -> int:
    """Write the workbook to ``out``; returns the number of annotations written.

    ``tag_sheets`` adds one sheet per tag (the Annotations rows of that tag), which
    researchers filter by but which doubles the file. The file appears only when the export
    is complete: it is written beside ``out`` first.
    """
    selection = selection or Selection()
    total = count_rows(project, selection)
    tags = _tags(project, selection)
    workbook = Workbook(write_only=True)
    names, counters = SheetNames(), Counters()
    attributes = AttributeColumns.read(project)
    suggested = has_accepted_suggestions(project)
    columns = annotation_columns(attributes, suggested)
    main = SheetWriter(workbook, "Annotations", columns, names, counters)
    per_tag = {
        t.name: SheetWriter(workbook, t.name, columns, names, counters)
        for t in (tags if tag_sheets else [])
    }
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    with atomic_path(out) as partial:
        try:
            for row in annotation_rows(project, selection):
                cells = row.cells(suggested)
                if attributes.attributes:
                    cells = (*cells, *attributes.cells(row.article_id))
                prepared = main.prepare(cells, {TAG_COLUMN: row.tag_color})
                main.append_prepared(prepared)
                if tag_sheets:
                    per_tag[row.tag].append_prepared(prepared)
                counts[row.article_id][row.tag] += 1
                if progress is not None and main.rows % 500 == 0 and not progress(main.rows, total):
                    raise ExportCancelled
        except ExportCancelled:
            workbook.save(partial)  # a write-only workbook must be saved to free its temp files
            raise
        main.finish()
        for writer in per_tag.values():
            writer.finish()
        articles = _write_articles(
            project, workbook, names, counters, selection, tags, counts, attributes
        )
        _write_codebook(workbook, names, counters, tags, counts)
        _write_summary(workbook, names, counters, tags, articles, counts, selection)
        workbook.save(partial)
    if progress is not None:
        progress(total, total)
    return main.rows


def _write_articles(
    project: "Project",
    workbook: Workbook,
    names: SheetNames,
    counters: Counters,
    selection: Selection,
    tags: list[_TagInfo],
    counts: dict[int, Counter[str]],
    attributes: AttributeColumns,
) -> list[tuple[int, str]]:
    coders = _coders(project, selection)
    columns = (
        *ARTICLE_COLUMNS,
        *(Column(f"status: {name}", 14) for _id, name in coders),
        *(Column(f"n {t.name}", 10) for t in tags),
    )
    columns = (
        *columns,
        *(Column(h, 16) for h in attributes.headers([c.title for c in columns])),
    )
    sheet = SheetWriter(workbook, "Articles", columns, names, counters)
    query = sa.select(
        Article.id,
        Article.title,
        Article.uri,
        Article.source_kind,
        Article.original_name,
        Article.author,
        Article.outlet,
        Article.published,
        Article.url,
        Article.language,
        Article.chars,
    ).order_by(Article.position, Article.id)
    if selection.articles is not None:
        query = query.where(Article.id.in_(selection.articles))
    with project.session() as session:
        statuses = {
            (coder_id, article_id): status
            for coder_id, article_id, status in session.execute(
                sa.select(
                    CoderArticleStatus.coder_id,
                    CoderArticleStatus.article_id,
                    CoderArticleStatus.status,
                )
            )
        }
        listed: list[tuple[int, str]] = []
        for row in session.execute(query):
            article_id, title = row[0], row[1]
            tally = counts.get(article_id, Counter())
            values: list[Any] = list(row)
            values[7] = as_date(values[7])
            values.append(sum(tally.values()))
            values.extend(
                statuses.get((coder_id, article_id), CodingStatus.NOT_STARTED.value)
                for coder_id, _name in coders
            )
            values.extend(tally.get(t.name, 0) for t in tags)
            values.extend(attributes.cells(article_id))
            sheet.append(values)
            listed.append((article_id, title))
    sheet.finish()
    return listed


def _write_codebook(
    workbook: Workbook,
    names: SheetNames,
    counters: Counters,
    tags: list[_TagInfo],
    counts: dict[int, Counter[str]],
) -> None:
    sheet = SheetWriter(workbook, "Codebook", CODEBOOK_COLUMNS, names, counters)
    for tag in tags:
        used = sum(tally.get(tag.name, 0) for tally in counts.values())
        in_articles = sum(1 for tally in counts.values() if tally.get(tag.name))
        key = tag.shortcut if tag.shortcut is not None else ""
        sheet.append(
            (tag.name, tag.parent, tag.definition, tag.color, key, used, in_articles),
            fills={3: tag.color},
        )
    sheet.finish()


def _write_summary(
    workbook: Workbook,
    names: SheetNames,
    counters: Counters,
    tags: list[_TagInfo],
    articles: list[tuple[int, str]],
    counts: dict[int, Counter[str]],
    selection: Selection,
) -> None:
    columns = (
        Column("article", 50, wrap=True),
        *(Column(t.name, 11) for t in tags),
        Column("total", 9),
    )
    sheet = SheetWriter(workbook, "Summary", columns, names, counters)
    for article_id, title in articles:
        tally = counts.get(article_id, Counter())
        values = [tally.get(t.name, 0) for t in tags]
        sheet.append([title, *values, sum(values)])
    totals = [sum(tally.get(t.name, 0) for tally in counts.values()) for t in tags]
    sheet.append(["All articles", *totals, sum(totals)])
    total_row = len(articles) + 2
    sheet.finish()
    summary = sheet.sheet
    if tags:
        chart = BarChart()
        chart.type = "col"
        chart.title = "Annotations per tag"
        chart.y_axis.title = "annotations"
        chart.legend = None
        data = Reference(summary, min_col=2, max_col=len(tags) + 1, min_row=total_row)
        labels = Reference(summary, min_col=2, max_col=len(tags) + 1, min_row=1)
        chart.add_data(data, from_rows=True, titles_from_data=False)
        chart.set_categories(labels)
        chart.height, chart.width = 8, 16
        summary.add_chart(chart, f"B{total_row + 3}")
    notes = [f"Exported {datetime.now().strftime('%Y-%m-%d %H:%M')}."]
    if selection != Selection():
        notes.append("Selection: " + describe(selection))
    notes.append(
        f"{counters.cut_cells} cell(s) were cut at Excel's limit of 32,767 characters "
        "(marked “[…cut”)."
    )
    if counters.continued_sheets:
        notes.append("Rows beyond one sheet continue on: " + ", ".join(counters.continued_sheets))
    for note in notes:
        sheet.append([note, *([""] * (len(columns) - 1))])


def describe(selection: Selection) -> str:
    parts = []
    if selection.tags is not None:
        parts.append("tags " + ", ".join(sorted(selection.tags)))
    if selection.coders is not None:
        parts.append("coders " + ", ".join(sorted(selection.coders)))
    if selection.articles is not None:
        parts.append(f"{len(selection.articles)} article(s)")
    return "; ".join(parts) or "everything"
