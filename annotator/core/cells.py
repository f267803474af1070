"""The one guard for text leaving the application as a spreadsheet cell, a CSV field or XML.

Every writer of a workbook, a CSV file or a REFI-QDA document passes its text through here,
headers included, so the rule is written once:

* characters XML 1.0 forbids (control codes, lone surrogates) become U+FFFD;
* text a spreadsheet could read as a formula (it starts with ``= + - @``, a tab or a carriage
  return) is flagged: a workbook cell keeps it as a string with Excel's quote-prefix style, a
  CSV field (which has no types) gets a leading apostrophe. A CSV field that begins with an
  apostrophe of its own gets one more, so the text is had back exactly by removing the first
  ' of every field that begins with one (the rule the guide gives for R and Stata).
"""

import csv
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_STARTS = frozenset(FORMULA_TRIGGERS)
EXCEL_CELL_LIMIT = 32767
FORBIDDEN_XML = re.compile(ILLEGAL_CHARACTERS_RE.pattern + "|[\ud800-\udfff]")


def clean_xml_text(value: str) -> str:
    """Replace characters that XML 1.0 forbids (control codes, lone surrogates) with U+FFFD."""
    if value.isprintable() or FORBIDDEN_XML.search(value) is None:
        return value
    return FORBIDDEN_XML.sub("\ufffd", value)


def needs_formula_guard(value: str) -> bool:
    return value[:1] in FORMULA_STARTS


def spreadsheet_text(value: str) -> tuple[str, bool]:
    """Text for a workbook cell: cleaned, and whether it must carry the quote prefix."""
    value = clean_xml_text(value)
    return value, needs_formula_guard(value)


CSV_APOSTROPHE_STARTS = FORMULA_STARTS | {"'"}


def csv_safe(value: str) -> str:
    """A CSV field that no spreadsheet program will evaluate: risky text, and text that
    begins with an apostrophe, gets a leading '."""
    value = clean_xml_text(value)
    return "'" + value if value[:1] in CSV_APOSTROPHE_STARTS else value


def csv_field(value: Any) -> str:
    """Any value as a CSV field: times to the second, dates as ISO, text guarded."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_safe(value)
    return str(value)


class GuardedCsvWriter:
    """A ``csv.writer`` whose every field, header or not, goes through :func:`csv_field`."""

    def __init__(self, handle: TextIO) -> None:
        self._writer = csv.writer(handle)
        self.apostrophes = 0  # text fields written with an added leading '

    def writerow(self, fields: Iterable[Any]) -> None:
        row = []
        for value in fields:
            field = csv_field(value)
            self.apostrophes += isinstance(value, str) and len(field) > len(value)
            row.append(field)
        self._writer.writerow(row)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
