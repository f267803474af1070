"""Article attribute values: what each kind accepts and the one text form it is stored in.

Values are stored as text so that one column holds every kind: a number in its plain decimal
form ("1200", "3.5"), a date as ISO 8601 ("2024-03-01"), a choice as the chosen value spelt as
the list spells it. Values come from a researcher's typing, a CSV field or an Excel cell, so
the parsing here accepts each of those and says plainly what it could not read.
"""

import json
import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from annotator.core.errors import AnnotatorError
from annotator.core.kinds import AttributeKind
from annotator.core.limits import no_nul

KIND_NAMES = {
    AttributeKind.TEXT: "text",
    AttributeKind.NUMBER: "number",
    AttributeKind.DATE: "date",
    AttributeKind.CHOICE: "list of values",
}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']")


class BadValue(AnnotatorError):
    """A value that does not fit its attribute; the message says what would."""


def parse_choices(stored: str) -> tuple[str, ...]:
    """The stored JSON list of a fixed list's values."""
    if not stored:
        return ()
    try:
        values = json.loads(stored)
    except ValueError:
        return ()
    return tuple(str(v) for v in values) if isinstance(values, list) else ()


def dump_choices(choices: tuple[str, ...] | list[str]) -> str:
    return json.dumps(list(choices), ensure_ascii=False) if choices else ""


def clean_choices(choices: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """A fixed list's values, trimmed, without blanks or repeats (ignoring case)."""
    seen: set[str] = set()
    kept: list[str] = []
    for choice in choices:
        value = " ".join(no_nul(str(choice)).split())
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return tuple(kept)


def normalise(kind: str, raw: object, choices: tuple[str, ...] = ()) -> str | None:
    """``raw`` (typed text, a CSV field or an Excel cell) in its stored form; None when it is
    empty (no value). Raises `BadValue` when it does not fit the kind."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = no_nul(raw).strip()
        if not text:
            return None
    else:
        text = ""
    if kind == AttributeKind.NUMBER:
        return _number(raw, text)
    if kind == AttributeKind.DATE:
        return _date(raw, text)
    if kind == AttributeKind.CHOICE:
        value = text or _plain(raw)
        match = next((c for c in choices if c.casefold() == value.casefold()), None)
        if match is None:
            allowed = ", ".join(choices) or "(the list is empty)"
            raise BadValue(f"“{value}” is not one of the values: {allowed}")
        return match
    return " ".join(text.split()) if text else _plain(raw)


def _plain(raw: object) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _number(raw: object, text: str) -> str:
    if isinstance(raw, bool):
        raise BadValue(f"“{raw}” is not a number")
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise BadValue(f"“{raw}” is not a number")
        return _decimal_text(Decimal(repr(raw)))
    if not text:
        raise BadValue(f"“{raw}” is not a number")
    compact = _SPACES.sub("", text)
    if _THOUSANDS.match(compact):
        compact = compact.replace(",", "")
    elif _DECIMAL_COMMA.match(compact):
        compact = compact.replace(",", ".")
    if not _PLAIN.match(compact):
        raise BadValue(f"“{text}” is not a number (write it like 1200 or 3.5)")
    try:
        return _decimal_text(Decimal(compact))
    except InvalidOperation as exc:
        raise BadValue(f"“{text}” is not a number (write it like 1200 or 3.5)") from exc


def _decimal_text(value: Decimal) -> str:
    """The plain decimal form: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "+0", "") else text


def _date(raw: object, text: str) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = text or _plain(raw)
    candidate = text[:10] if len(text) >= 10 and text[10:11] in ("", "T", " ") else text
    try:
        return date.fromisoformat(candidate).isoformat() if len(candidate) == 10 else _bad(text)
    except ValueError:
        return _bad(text)


def _bad(text: str) -> str:
    raise BadValue(f"“{text}” is not a date (write it as YYYY-MM-DD, like 2024-03-01)")


def typed(kind: str, stored: str) -> object:
    """A stored value as the type a spreadsheet cell should hold: a number, a date or text."""
    if kind == AttributeKind.NUMBER:
        try:
            number = Decimal(stored)
        except InvalidOperation:
            return stored
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == AttributeKind.DATE:
        try:
            return date.fromisoformat(stored)
        except ValueError:
            return stored
    return stored


JsonValue = str | int | float


def json_value(kind: str, stored: str) -> JsonValue:
    """A stored value as JSON should hold it: a number as a number (a whole one as an
    integer), a date as its ISO 8601 text, anything else as text."""
    value = typed(kind, stored) if kind == AttributeKind.NUMBER else stored
    return value if isinstance(value, int | float) else stored


def guess_kind(values: list[object]) -> AttributeKind:
    """The kind a new attribute should have from its first values: number or date when every
    value reads as one, text otherwise (a fixed list is never guessed)."""
    present = [v for v in values if v is not None and (not isinstance(v, str) or v.strip())]
    if not present:
        return AttributeKind.TEXT
    for kind in (AttributeKind.NUMBER, AttributeKind.DATE):
        try:
            for value in present:
                normalise(kind, value)
        except BadValue:
            continue
        return kind
    return AttributeKind.TEXT
