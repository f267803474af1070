"""Exporting the tag table exactly as it is shown: its filter, its order, its grouping and its
columns, to Excel or CSV (every cell through the one formula guard)."""

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.cells import GuardedCsvWriter
from annotator.core.errors import AnnotatorError
from annotator.core.files import atomic_path
from annotator.core.span_table import SpanQuery, SpanRow, span_groups, span_ids
from annotator.core.span_table import rows_of as span_rows_of

if TYPE_CHECKING:
    from annotator.core.project import Project

BATCH = 1000


def _value(row: SpanRow, key: str) -> object:
    plain = {
        "before": row.before,
        "quote": row.quote,
        "after": row.after,
        "tag": row.tag,
        "article": row.title,
        "outlet": row.outlet,
        "published": row.published,
        "coder": row.coder,
        "note": row.note,
        "start": row.start,
        "end": row.end,
    }
    if key in plain:
        return plain[key]
    if key.startswith("attr:"):
        return row.attributes.get(int(key[5:]), "")
    raise AnnotatorError(f"no column {key!r} in the tag table")


def _rows(project: "Project", query: SpanQuery) -> Iterator[tuple[str, SpanRow]]:
    """Every row in the table's order, with its group's label ("" when not grouped)."""
    groups = span_groups(project, query) if query.group else []
    keyed: list[tuple[str | None, str]] = [(g.key, g.label) for g in groups]
    for key, label in keyed or [(None, "")]:
        offset = 0
        while True:
            ids = span_ids(project, query, offset, BATCH, key)
            if not ids:
                break
            for row in span_rows_of(project, ids):
                yield label, row
            offset += len(ids)


def export_span_table(
    project: "Project",
    query: SpanQuery,
    columns: list[tuple[str, str]],
    out: Path,
    group_title: str = "group",
) -> int:
    """Write the table's rows with ``columns`` ((key, title) in the order shown) to ``out``
    (.xlsx or .csv); returns the number of rows."""
    titles = ([group_title] if query.group else []) + [title for _key, title in columns]
    suffix = out.suffix.lower()
    count = 0
    if suffix == ".csv":
        with (
            atomic_path(out) as partial,
            partial.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = GuardedCsvWriter(handle)
            writer.writerow(titles)
            for label, row in _rows(project, query):
                cells = [_value(row, key) for key, _t in columns]
                writer.writerow(([label] if query.group else []) + cells)
                count += 1
        return count
    if suffix != ".xlsx":
        raise AnnotatorError("The table is exported to an .xlsx workbook or a .csv file.")
    from openpyxl import Workbook  # noqa: PLC0415

    from annotator.core.export.sheets import (  # noqa: PLC0415
        Column,
        Counters,
        SheetNames,
        SheetWriter,
    )

    workbook = Workbook(write_only=True)
    wide = {"before", "quote", "after", "note"}
    sheet_columns = ([Column(group_title, 24)] if query.group else []) + [
        Column(title, 40 if key in wide else 16, wrap=key in wide) for key, title in columns
    ]
    sheet = SheetWriter(workbook, "Spans", tuple(sheet_columns), SheetNames(), Counters())
    for label, row in _rows(project, query):
        cells = [_value(row, key) for key, _t in columns]
        sheet.append(([label] if query.group else []) + cells)
        count += 1
    sheet.finish()
    with atomic_path(out) as partial:
        workbook.save(partial)
    return count
