"""Making text safe to write into a spreadsheet cell or a CSV field."""

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these may be read as a formula by a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = ILLEGAL_CHARACTERS_RE
_SURROGATES = re.compile("[\ud800-\udfff]")
EXCEL_CELL_LIMIT = 32767


def clean_xml_text(value: str) -> str:
    """Replace characters that XML 1.0 forbids (control codes, lone surrogates) with U+FFFD."""
    value = _ILLEGAL.sub("\ufffd", value)
    return _SURROGATES.sub("\ufffd", value)


def needs_formula_guard(value: str) -> bool:
    return value.startswith(FORMULA_TRIGGERS)


def csv_safe(value: str) -> str:
    """A CSV field that no spreadsheet program will evaluate: risky text gets a leading '."""
    value = clean_xml_text(value)
    return "'" + value if needs_formula_guard(value) else value
