"""The Excel workbook: Annotations, Articles and Codebook sheets, streamed in write-only mode.

Text cells are always written as strings, never as formulas; a string that a spreadsheet
program could read as a formula (it starts with =, +, -, @, tab or carriage return) also
carries Excel's quote-prefix flag, so it stays text even when a user edits the cell.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from annotator.core.export.cells import EXCEL_CELL_LIMIT, clean_xml_text, needs_formula_guard
from annotator.core.export.rows import annotation_rows
from annotator.core.models import Annotation, Article, Tag

if TYPE_CHECKING:
    from annotator.core.project import Project

Progress = Callable[[int, int], bool]
"""Called with (done, total); returning False cancels the export."""


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    wrap: bool = False


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
    Column("characters", 11),
    Column("annotations", 12),
    Column("imported", 19),
)
CODEBOOK_COLUMNS = (
    Column("tag", 18),
    Column("parent", 18),
    Column("definition", 60, wrap=True),
    Column("colour", 10),
    Column("key", 6),
    Column("annotations", 12),
)

_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"


class _SheetWriter:
    """Streams rows into one write-only sheet with a frozen, filtered header."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column]) -> None:
        self.sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
        self.columns = columns
        for index, column in enumerate(columns, start=1):
            letter = _column_letter(index)
            self.sheet.column_dimensions[letter].width = column.width
        self.sheet.freeze_panes = "A2"
        self.rows = 0
        header = []
        for column in columns:
            cell = WriteOnlyCell(self.sheet, column.title)
            cell.font = _HEADER_FONT
            header.append(cell)
        self.sheet.append(header)

    def append(self, values: Sequence[Any], fills: dict[int, str] | None = None) -> None:
        """Append one row; ``fills`` maps a column index to a background colour (#RRGGBB)."""
        cells = [
            self._cell(value, column) for value, column in zip(values, self.columns, strict=True)
        ]
        for index, color in (fills or {}).items():
            rgb = color.lstrip("#").upper()
            cells[index].fill = PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
        self.sheet.append(cells)
        self.rows += 1

    def _cell(self, value: Any, column: Column) -> WriteOnlyCell:
        if isinstance(value, str):
            text = clean_xml_text(value)
            if len(text) > EXCEL_CELL_LIMIT:
                marker = " […cut: Excel holds 32,767 characters in a cell]"
                text = text[: EXCEL_CELL_LIMIT - len(marker)] + marker
            cell = WriteOnlyCell(self.sheet, None)
            cell.value = text
            cell.data_type = "s"
            if needs_formula_guard(text):
                cell.quotePrefix = True
        else:
            cell = WriteOnlyCell(self.sheet, value)
            if isinstance(value, datetime):
                cell.number_format = _DATE_TIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = _DATE_FORMAT
        cell.alignment = _WRAP if column.wrap else _TOP
        return cell

    def finish(self) -> None:
        last = _column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def export_workbook(project: "Project", out: Path, progress: Progress | None = None) -> int:
    """Write the project's workbook to ``out``; returns the number of annotation rows.

    The file appears only when the export is complete: it is written beside ``out`` first.
    """
    with project.session() as session:
        total = session.scalar(sa.select(sa.func.count()).select_from(Annotation)) or 0
    workbook = Workbook(write_only=True)
    sheet = _SheetWriter(workbook, "Annotations", ANNOTATION_COLUMNS)
    partial = out.with_name(out.name + ".part")
    try:
        for row in annotation_rows(project):
            sheet.append(row.cells(), fills={TAG_COLUMN: row.tag_color})
            if progress is not None and sheet.rows % 500 == 0 and not progress(sheet.rows, total):
                raise ExportCancelled
    except ExportCancelled:
        # A write-only workbook must be saved to release its temporary files.
        workbook.save(partial)
        partial.unlink()
        raise
    sheet.finish()
    _write_articles(project, workbook)
    _write_codebook(project, workbook)
    workbook.save(partial)
    partial.replace(out)
    if progress is not None:
        progress(total, total)
    return sheet.rows


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


def _write_articles(project: "Project", workbook: Workbook) -> None:
    sheet = _SheetWriter(workbook, "Articles", ARTICLE_COLUMNS)
    counts = (
        sa.select(Annotation.article_id, sa.func.count().label("n"))
        .group_by(Annotation.article_id)
        .subquery()
    )
    query = (
        sa.select(
            Article.id,
            Article.title,
            Article.uri,
            Article.source_kind,
            Article.original_name,
            Article.author,
            Article.outlet,
            Article.published,
            Article.url,
            Article.chars,
            sa.func.coalesce(counts.c.n, 0),
            Article.imported_at,
        )
        .outerjoin(counts, counts.c.article_id == Article.id)
        .order_by(Article.position, Article.id)
    )
    with project.session() as session:
        for row in session.execute(query):
            sheet.append(row)
    sheet.finish()


def _write_codebook(project: "Project", workbook: Workbook) -> None:
    sheet = _SheetWriter(workbook, "Codebook", CODEBOOK_COLUMNS)
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
        usage = {
            tag_id: count
            for tag_id, count in session.execute(
                sa.select(Annotation.tag_id, sa.func.count()).group_by(Annotation.tag_id)
            )
        }
    names = {tag.id: tag.name for tag in tags}
    for tag in tags:
        parent = names.get(tag.parent_id, "") if tag.parent_id else ""
        sheet.append(
            (
                tag.name,
                parent,
                tag.definition,
                tag.color,
                tag.shortcut if tag.shortcut is not None else "",
                usage.get(tag.id, 0),
            ),
            fills={3: tag.color},
        )
    sheet.finish()
