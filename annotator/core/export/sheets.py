"""Streaming rows into write-only Excel sheets, within Excel's limits and quickly.

A prepared row holds plain values, and values marked with a style (wrapped text, a colour
fill, the bold header, or text that could pass for a formula and so carries the quote-prefix
flag). Each sheet's row conversion writes them through a few cell objects it reuses: one per
style combination and one per plain value type. Text is already cleaned and cut to Excel's
limit here, so it is handed to openpyxl as a string without its checks again; styles are
built once per combination per workbook, which avoids hashing style objects for every cell.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from annotator.core.cells import (
    EXCEL_CELL_LIMIT,
    FORMULA_STARTS,
    clean_xml_text,
    spreadsheet_text,
)

EXCEL_MAX_ROWS = 1_048_576
SHEET_NAME_LIMIT = 31
CUT_MARKER = " […cut: Excel holds 32,767 characters in a cell]"
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
# Style arrays index into their workbook's style tables, so finished styles are kept per workbook.
_STYLES: "WeakKeyDictionary[Workbook, dict[tuple[bool, bool, str, bool], tuple[Any, int]]]" = (
    WeakKeyDictionary()
)


class _StyledCell(Cell):  # type: ignore[misc]
    """A cell whose style id in the workbook is known when it is made.

    openpyxl looks the id up for every cell it writes, hashing the style each time.
    """

    __slots__ = ("known_style_id",)

    @property
    def style_id(self) -> int:
        return self.known_style_id  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    wrap: bool = False


class SheetNames:
    """Sheet names made valid for Excel (31 characters, no []:*?/\\) and unique."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, wanted: str) -> str:
        base = _FORBIDDEN_IN_SHEET_NAMES.sub("_", wanted).strip("'") or "Sheet"
        name = base[:SHEET_NAME_LIMIT]
        number = 2
        while name.lower() in self.used:
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
            number += 1
        self.used.add(name.lower())
        return name


class Counters:
    """What the limits changed, for the note on the Summary sheet."""

    def __init__(self) -> None:
        self.cut_cells = 0
        self.continued_sheets: list[str] = []


StyleKey = tuple[bool, bool, str, bool]  # wrap, quote prefix, fill colour, bold
_TIMES = (datetime, date, time)


class _Styled(NamedTuple):
    """A value to be written with a style."""

    value: Any
    key: StyleKey


@dataclass(frozen=True, slots=True)
class Prepared:
    """A row ready to append to one sheet or several: plain and styled values."""

    cells: list[Any]
    cut: int


class SheetWriter:
    """Streams rows into a write-only sheet with a frozen, filtered header.

    Rows beyond what one sheet holds continue on a new sheet named after the first.
    """

    max_rows = EXCEL_MAX_ROWS

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[Column],
        names: SheetNames,
        counters: Counters,
    ) -> None:
        self.workbook = workbook
        self.title = title
        self.columns = columns
        self.wraps = [column.wrap for column in columns]
        self.names = names
        self.counters = counters
        self.rows = 0
        self.sheet = self._new_sheet(names.make(title))
        self.sheets = [self.sheet]
        self._sheet_rows = 0

    def _new_sheet(self, name: str) -> WriteOnlyWorksheet:
        sheet: WriteOnlyWorksheet = self.workbook.create_sheet(name)
        sheet._values_to_row = _RowConverter(sheet, self._style)
        for index, column in enumerate(self.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(self.columns))}1"
        self.sheet = sheet  # the style models of the header are made on it
        header = []
        for column in self.columns:
            title, guard = spreadsheet_text(column.title)
            header.append(_Styled(title, (False, guard, "", True)))
        sheet.append(header)
        return sheet

    def append(self, values: Sequence[Any], fills: dict[int, str] | None = None) -> None:
        """Append one row; ``fills`` maps a column index to a background colour (#RRGGBB)."""
        self.append_prepared(self.prepare(values, fills))

    def prepare(self, values: Sequence[Any], fills: dict[int, str] | None = None) -> "Prepared":
        """The row's values, cleaned and styled once; the same prepared row can go to several
        sheets. ``fills`` maps a column index to a background colour (#RRGGBB)."""
        wraps = self.wraps
        row: list[Any] = []
        cut = 0
        for index, raw in enumerate(values):
            value = raw
            guard = False
            if type(value) is str or isinstance(value, str):
                value = clean_xml_text(str(value))
                if len(value) > EXCEL_CELL_LIMIT:
                    value = value[: EXCEL_CELL_LIMIT - len(CUT_MARKER)] + CUT_MARKER
                    cut += 1
                guard = value[:1] in FORMULA_STARTS
            fill = fills.get(index, "") if fills else ""
            if wraps[index] or guard or fill:
                row.append(_Styled(value, (wraps[index], guard, fill, False)))
            else:
                row.append(value)
        return Prepared(row, cut)

    def append_prepared(self, prepared: "Prepared") -> None:
        if self._sheet_rows >= self.max_rows - 1:
            self._close_sheet()
            self.sheet = self._new_sheet(self.names.make(f"{self.title} ({len(self.sheets) + 1})"))
            self.sheets.append(self.sheet)
            self.counters.continued_sheets.append(self.sheet.title)
            self._sheet_rows = 0
        self.sheet.append(prepared.cells)
        self.counters.cut_cells += prepared.cut
        self.rows += 1
        self._sheet_rows += 1

    def _style(self, key: StyleKey) -> tuple[Any, int]:
        """The style array of a combination and its id in the workbook, made once."""
        styles = _STYLES.setdefault(self.workbook, {})
        wrap, guard, fill, bold = key
        known = styles.get(key)
        if known is None:
            model = WriteOnlyCell(self.sheet)
            if bold:
                model.font = _HEADER_FONT
            else:
                model.alignment = _WRAP if wrap else _TOP
            if guard:
                model.quotePrefix = True
            if fill:
                model.fill = solid_fill(fill)
            known = styles[key] = (model._style, model.style_id)
        return known

    def _close_sheet(self) -> None:
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A1:{last}{self._sheet_rows + 1}"

    def finish(self) -> None:
        self._close_sheet()


class _RowConverter:
    """openpyxl's own conversion of a row, less its costs and its one flaw.

    openpyxl makes a cell object for a row, assigns each value through its checks (which
    ``prepare`` has already made), tries each cell object as a value and catches the error,
    and writes plain values through whichever cell came last, so that cell keeps the number
    format of the last date it held and a count after a date reads back as a date. Here text
    and numbers are set directly on one reused cell per kind (text, integer, decimal) or per
    style, and any other value (dates and times) goes through openpyxl's assignment on a cell
    of its own type, so a number never inherits a date's format and a time never a date's.
    Reusing cells is safe: openpyxl writes each cell before it asks for the next.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, style: Callable[[StyleKey], Any]) -> None:
        self.sheet = sheet
        self.style = style
        self.plain: dict[type, Cell] = {}
        self.styled: dict[StyleKey, Cell] = {}
        self.bound: set[type] = set()

    def __call__(self, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
        plain = self.plain
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            kind = type(value)
            if kind is _Styled:
                cell = self._styled(value)
            else:
                cell = plain.get(kind)
                if cell is None:
                    cell = plain[kind] = WriteOnlyCell(self.sheet)
                if kind is str:
                    cell._value = value  # cleaned and cut by prepare: never a formula
                    cell.data_type = "s"
                elif kind is int or kind is float:
                    cell._value = value
                    cell.data_type = "n"
                elif kind in self.bound:
                    cell._value = value  # this type's cell has its type and format already
                else:
                    cell.value = value
                    if kind in _TIMES:
                        self.bound.add(kind)
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    def _styled(self, styled: _Styled) -> Cell:
        value, key = styled
        if type(value) is not str:  # a styled number or date: a cell of its own
            template, style_id = self.style(key)
            single = _StyledCell(self.sheet, row=1, column=1, style_array=template)
            single.known_style_id = style_id
            single.value = value
            return single
        cell = self.styled.get(key)
        if cell is None:
            template, style_id = self.style(key)
            made = _StyledCell(self.sheet, row=1, column=1, style_array=template)
            made.known_style_id = style_id
            cell = self.styled[key] = made
        cell._value = value  # cleaned text, stored as a string: never read as a formula
        cell.data_type = "s"
        return cell


def solid_fill(color: str) -> PatternFill:
    rgb = color.lstrip("#").upper()
    if len(rgb) == 3:
        rgb = "".join(ch * 2 for ch in rgb)
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
