"""Where another program's selection positions point in a source's text.

REFI-QDA counts positions in Unicode code points of the source's plain text, as written. Not
every program does: NVivo counts UTF-16 code units (an emoji is two), and ATLAS.ti counts a
Windows line end (CR LF) as one character. So a selection is placed by trying the countings
in the order the producing program (the project's ``origin``) makes likely, and, where the
file gives the selected text (the selection's ``name``, whole or cut short), by the first
counting whose span holds that text. A selection that fits no counting is reported, never
stored shifted.
"""

from dataclasses import dataclass
from enum import Enum


class Counting(Enum):
    """How a program counts positions: (unit, whether CR LF counts as one)."""

    CODE_POINTS = ("code points", False)
    UTF16 = ("UTF-16 code units", False)
    CODE_POINTS_LF = ("code points, CR LF as one", True)
    UTF16_LF = ("UTF-16 code units, CR LF as one", True)

    @property
    def label(self) -> str:
        return self.value[0]


STANDARD = [Counting.CODE_POINTS, Counting.UTF16, Counting.CODE_POINTS_LF, Counting.UTF16_LF]
NVIVO = [Counting.UTF16, Counting.CODE_POINTS, Counting.UTF16_LF, Counting.CODE_POINTS_LF]
ATLAS = [Counting.CODE_POINTS_LF, Counting.UTF16_LF, Counting.CODE_POINTS, Counting.UTF16]


def producer(origin: str) -> str:
    """The program a project says it comes from, by the name in its ``origin``."""
    lowered = origin.lower()
    if "nvivo" in lowered:
        return "NVivo"
    if "atlas" in lowered:
        return "ATLAS.ti"
    if "maxqda" in lowered:
        return "MAXQDA"
    if "qualcoder" in lowered:
        return "QualCoder"
    if "annotator" in lowered:
        return "Annotator"
    return origin.strip() or "an unnamed program"


def countings_for(origin: str) -> list[Counting]:
    """The countings to try, most likely first, for a project from ``origin``."""
    name = producer(origin)
    if name == "NVivo":
        return NVIVO
    if name == "ATLAS.ti":
        return ATLAS
    return STANDARD


def canonical_with_map(raw: str) -> tuple[str, list[int]]:
    """The canonical text of ``raw`` and, for each offset of ``raw``, the offset it became."""
    mapping: list[int] = []
    out: list[str] = []
    i = 1 if raw.startswith("\ufeff") else 0
    mapping.extend([0] * i)
    while i < len(raw):
        mapping.append(len(out))
        ch = raw[i]
        if ch == "\r":
            if i + 1 < len(raw) and raw[i + 1] == "\n":
                mapping.append(len(out))
                i += 1
            out.append("\n")
        else:
            out.append(ch)
        i += 1
    mapping.append(len(out))
    return "".join(out), mapping


def _utf16_to_code_points(text: str) -> list[int] | None:
    """For each UTF-16 offset of ``text``, its code point offset (-1 inside a pair); None
    when the two counts agree (no character beyond the Basic Multilingual Plane)."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return None
    mapping: list[int] = []
    for index, ch in enumerate(text):
        mapping.append(index)
        if ord(ch) >= 0x10000:
            mapping.append(-1)
    mapping.append(len(text))
    return mapping


@dataclass(frozen=True)
class Placed:
    start: int
    end: int
    counting: Counting


class SourcePositions:
    """A source's text as the file holds it, its canonical text, and the ways to count."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text, self._raw_to_text = canonical_with_map(raw)
        self._raw_utf16 = _utf16_to_code_points(raw)
        self._text_utf16 = _utf16_to_code_points(self.text)
        self.has_crlf = "\r\n" in raw

    def span(self, counting: Counting, start: int, end: int) -> tuple[int, int] | None:
        """Canonical ``[start, end)`` of a selection counted this way; None if it cannot be."""
        _label, lf_as_one = counting.value
        utf16 = counting in (Counting.UTF16, Counting.UTF16_LF)
        points = self._text_utf16 if lf_as_one else self._raw_utf16
        if utf16 and points is not None:
            if not 0 <= start <= end < len(points) or points[start] < 0 or points[end] < 0:
                return None
            start, end = points[start], points[end]
        if lf_as_one:
            if not 0 <= start <= end <= len(self.text):
                return None
            return start, end
        if not 0 <= start <= end < len(self._raw_to_text):
            return None
        return self._raw_to_text[start], self._raw_to_text[end]

    def distinct(self, countings: list[Counting]) -> list[Counting]:
        """The countings that can differ for this text, in the given order."""
        astral = self._raw_utf16 is not None
        return [
            c
            for c in countings
            if (astral or c in (Counting.CODE_POINTS, Counting.CODE_POINTS_LF))
            and (self.has_crlf or c in (Counting.CODE_POINTS, Counting.UTF16))
        ]


def quote_matches(text: str, quote: str) -> bool:
    """Whether ``text`` (a selection's span) is ``quote``, or starts with it when the
    producing program cut the quote short (with or without an ellipsis)."""
    wanted = quote.replace("\r\n", "\n").replace("\r", "\n")
    if text == wanted:
        return True
    cut = wanted.removesuffix("…").removesuffix("...").rstrip()
    return len(cut) >= 8 and len(cut) < len(text) and text.startswith(cut)


def place(
    positions: SourcePositions,
    countings: list[Counting],
    start: int,
    end: int,
    quote: str | None,
) -> Placed | None:
    """The selection's canonical span: the first counting whose span holds ``quote``, or,
    without a quote to check, the first counting that fits at all; None when none does."""
    for counting in positions.distinct(countings):
        span = positions.span(counting, start, end)
        if span is None:
            continue
        if quote is None or quote_matches(positions.text[span[0] : span[1]], quote):
            return Placed(span[0], span[1], counting)
    return None
