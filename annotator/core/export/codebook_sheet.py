"""The codebook as a spreadsheet (tag, parent, definition, colour, key), out and back in, so a
team can agree on it outside the application."""

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from annotator.core.cells import FORMULA_TRIGGERS, GuardedCsvWriter
from annotator.core.errors import AnnotatorError
from annotator.core.export.sheets import Column, Counters, SheetNames, SheetWriter
from annotator.core.files import atomic_path
from annotator.core.records import TagRecord

HEADER = ("tag", "parent", "definition", "colour", "key")
DEFAULT_COLOUR = "#DDDDDD"


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


@dataclass(frozen=True)
class CodebookSheet:
    """A codebook sheet read and checked in full before anything is applied.

    ``rows`` are the tags to apply. ``problems`` are rows that cannot be applied, each with
    its row number: when there is any, nothing may be applied. ``skipped`` are empty rows
    left out, each reported too.
    """

    rows: list[TagRow]
    problems: list[str]
    skipped: list[str]

    def lines(self) -> list[str]:
        """The report: what is refused, what is left out, what would be applied."""
        out = [f"{len(self.rows)} tag(s) in the sheet"]
        out += [f"not applied: {p}" for p in self.problems]
        out += [f"left out: {s}" for s in self.skipped]
        return out


def read_codebook_sheet(path: Path) -> CodebookSheet:
    """Read and check every row of a codebook spreadsheet (.xlsx or .csv) with the columns
    it was exported with. A formula is read as its text; a leading ' is kept (in a CSV
    file, the one the export puts before a formula-like value is taken off)."""
    raw = _read_cells(path)
    if not raw or [c.strip().lower() for c in raw[0][:5]] != list(HEADER):
        raise AnnotatorError(
            f"{path.name} is not a codebook sheet: its first row must be " + ", ".join(HEADER)
        )
    guarded = path.suffix.lower() == ".csv"
    rows: list[TagRow] = []
    problems: list[str] = []
    skipped: list[str] = []
    first_row: dict[str, int] = {}
    key_row: dict[int, int] = {}
    for number, found in enumerate(raw[1:], start=2):
        cells = [_unguard(c, guarded).strip() for c in [*found, "", "", "", "", ""][:5]]
        name, parent, definition, colour, key_text = cells
        if not any(cells):
            skipped.append(f"row {number} is empty")
            continue
        row_problems = []
        if not name:
            row_problems.append("it has no tag name")
        elif len(name) > TAG_NAME_LIMIT:
            row_problems.append(
                f"the tag name has {len(name)} characters (at most {TAG_NAME_LIMIT})"
            )
        elif name in first_row:
            row_problems.append(f"tag {name!r} is on row {first_row[name]} already")
        color = _colour(colour)
        if color is None:
            row_problems.append(f"colour {colour!r} is not a colour like #77AADD")
        key = _key(key_text)
        if key is _BAD_KEY:
            row_problems.append(f"key {key_text!r} is not a number from 1 to 9")
        elif isinstance(key, int) and key in key_row:
            row_problems.append(f"key {key} is given on row {key_row[key]} already")
        if parent and parent == name:
            row_problems.append("the tag is its own parent")
        if row_problems:
            problems.append(f"row {number}: " + "; ".join(row_problems))
            continue
        first_row[name] = number
        if isinstance(key, int):
            key_row[key] = number
        assert color is not None and key is not _BAD_KEY
        rows.append(TagRow(name, parent, definition, color, key if isinstance(key, int) else None))
    return CodebookSheet(rows, problems, skipped)


TAG_NAME_LIMIT = 200
_HEX = re.compile(r"#?([0-9A-Fa-f]{8}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
_BAD_KEY = object()


def _colour(text: str) -> str | None:
    if not text:
        return DEFAULT_COLOUR
    match = _HEX.fullmatch(text)
    if match is None:
        return None
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def _key(text: str) -> object:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return _BAD_KEY
    if not number.is_integer() or not 1 <= number <= 9:
        return _BAD_KEY
    return int(number)


def _unguard(text: str, guarded: bool) -> str:
    """A CSV field without the ' the export put before a formula-like value."""
    if guarded and text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def _read_cells(path: Path) -> list[list[str]]:
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [list(row) for row in csv.reader(handle)]
        # Not data_only: a formula is read as the text it is, not as a value cached by
        # whichever program saved the sheet last (none, for a sheet this program wrote).
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            sheet = book["Codebook"] if "Codebook" in book.sheetnames else book.worksheets[0]
            return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except AnnotatorError:
        raise
    except Exception as exc:
        raise AnnotatorError(
            f"{path.name} cannot be read as a codebook ({type(exc).__name__}: {exc})"[:300]
        ) from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    text = getattr(value, "text", None)  # an array formula
    if isinstance(text, str):
        return text
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
