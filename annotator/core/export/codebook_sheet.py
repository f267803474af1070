"""The codebook as a spreadsheet (tag, parent, definition, colour, key), out and back in, so a
team can agree on it outside the application."""

import csv
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

from annotator.core.cells import GuardedCsvWriter
from annotator.core.errors import AnnotatorError
from annotator.core.export.sheets import Column, Counters, SheetNames, SheetWriter
from annotator.core.files import atomic_path
from annotator.core.records import TagRecord

HEADER = ("tag", "parent", "definition", "colour", "key")


@dataclass(frozen=True)
class TagRow:
    name: str
    parent: str
    definition: str
    color: str
    key: int | None


def export_codebook_sheet(tags: list[TagRecord], out: Path) -> None:
    names = {t.id: t.name for t in tags}
    rows = [
        (t.name, names.get(t.parent_id or -1, ""), t.definition, t.color, t.shortcut or "")
        for t in tags
    ]
    if out.suffix.lower() == ".csv":
        with (
            atomic_path(out) as partial,
            partial.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = GuardedCsvWriter(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
        return
    workbook = Workbook(write_only=True)
    sheet = SheetWriter(
        workbook,
        "Codebook",
        (
            Column("tag", 20),
            Column("parent", 20),
            Column("definition", 60, wrap=True),
            Column("colour", 10),
            Column("key", 6),
        ),
        SheetNames(),
        Counters(),
    )
    for tag, row in zip(tags, rows, strict=True):
        sheet.append(row, fills={3: tag.color})
    sheet.finish()
    with atomic_path(out) as partial:
        workbook.save(partial)


def read_codebook_sheet(path: Path) -> list[TagRow]:
    """Rows of a codebook spreadsheet (.xlsx or .csv) with the columns it was exported with."""
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                raw = [list(row) for row in csv.reader(handle)]
        else:
            book = load_workbook(path, read_only=True, data_only=True)
            sheet = book["Codebook"] if "Codebook" in book.sheetnames else book.worksheets[0]
            raw = [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            book.close()
    except (OSError, ValueError, KeyError) as exc:
        raise AnnotatorError(f"{path.name} cannot be read as a codebook: {exc}") from exc
    if not raw or [c.strip().lower() for c in raw[0][:5]] != list(HEADER):
        raise AnnotatorError(
            f"{path.name} is not a codebook sheet: its first row must be " + ", ".join(HEADER)
        )
    rows = []
    for found in raw[1:]:
        cells = [*found, "", "", "", "", ""][:5]
        name = cells[0].strip().lstrip("'")
        if not name:
            continue
        key = cells[4].strip()
        rows.append(
            TagRow(
                name=name,
                parent=cells[1].strip().lstrip("'"),
                definition=cells[2].strip().lstrip("'"),
                color=cells[3].strip().upper() or "#DDDDDD",
                key=int(float(key)) if key and key.replace(".", "").isdigit() else None,
            )
        )
    return rows
