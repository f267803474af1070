"""Making text safe to write into a spreadsheet cell or a CSV field."""

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell starting with one of these may be read as a formula by a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = ILLEGAL_CHARACTERS_RE
EXCEL_CELL_LIMIT = 32767


FORBIDDEN_XML = re.compile(_ILLEGAL.pattern + "|[\ud800-\udfff]")


def clean_xml_text(value: str) -> str:
    """Replace characters that XML 1.0 forbids (control codes, lone surrogates) with U+FFFD."""
    if FORBIDDEN_XML.search(value) is None:
        return value
    return FORBIDDEN_XML.sub("\ufffd", value)


def needs_formula_guard(value: str) -> bool:
    return value.startswith(FORMULA_TRIGGERS)


def csv_safe(value: str) -> str:
    """A CSV field that no spreadsheet program will evaluate: risky text gets a leading '."""
    value = clean_xml_text(value)
    return "'" + value if needs_formula_guard(value) else value
