"""Sentences of a text as exact code-point spans, for English, Swedish and similar languages.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes
or brackets after it) followed by white space and something that can open a sentence: a
capital, a digit, an opening quote or bracket, a dash or a bullet. A full stop after a known
abbreviation (``e.g.``, ``Dr.``, ``t.ex.``, ``bl.a.``) or a single initial (``J. Smith``) is
not an end, nor is the full stop of a list item's number or letter (``2. We will…``,
``iv. Vi ska…``): the item is one sentence with its label. Spans are trimmed of white space,
so a span's text never starts or ends with a space; stretches with no letter (a page number,
a lone figure) are left out.
Offsets are Python string indices (code points), the unit of every offset in a project.
"""

import re
import unicodedata
from functools import cache

_ABBREVIATION_WORDS = """
    mr mrs ms dr prof sr jr st mt vs eg ie cf al approx dept est fig gen gov govt inc ltd
    co corp no nos vol pp op jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu
    fri sat sun rev hon sen rep capt col lt sgt ft rs
    bl ca dvs d.v.s el enl fr f.d fil jfr kl m.fl m.m mfl mm nr o.d o.s.v osv p.g.a pga
    resp s.k sk t.ex tex t.o.m tom fr.o.m f.ö fö ang bet doc forts kap milj mdkr mkr tkr st
    bl.a bla a.m p.m i.e e.g u.s u.k fig dr
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
BEFORE_NUMBERS = frozenset({"no", "nos", "nr", "vol", "pp", "art"})
"""Abbreviations only before a number; elsewhere the same letters are a word ("no")."""
"""Words (lower case, inner dots kept, final dot dropped) after which a full stop does not
end a sentence: English and Swedish titles, months and the abbreviations of running text."""

# An end mark (a run of . ! ? or one …), closing marks, then a space. Written to begin with
# one set of characters, which the regular expression engine scans for quickly.
_END = re.compile(r"[.!?…](?:(?<=[.!?])[.!?]*)?[\"'”’»)\]]*(?=\s)")
_OPENING = "\"'“‘«([-–—•*·"  # what may stand before a sentence's first letter or digit
_WORD_BEFORE = re.compile(r"\w+(?:\.\w+)*$")  # in the last word before a full stop
_LOOK_BACK = 40  # characters searched for the word before a full stop
_CONTENT = re.compile(r"[^\W\d_]")  # a letter: a stretch without one is no sentence
# A list item's label before its full stop: a number, a letter, or a small roman numeral.
_LABEL = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxlc]{1,6}|[IVXLC]{1,6})")
# Emoji and other symbols (with their joiners and variation selectors) may open a sentence.
_SYMBOLS = frozenset({"So", "Sk", "Sm", "Cf", "Mn"})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as half-open code-point spans, in order."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        _cut_line(line, line_start, spans)
        line_start += len(line) + 1
    return spans


def _cut_line(line: str, offset: int, spans: list[tuple[int, int]]) -> None:
    start = 0
    for match in _END.finditer(line):
        if not _opens_sentence(line, match.end()):
            continue
        if match.group().startswith(".") and not _ends_sentence(line, match.start()):
            continue
        if match.group() == "." and _is_label(line, start, match.start()):
            continue  # "2." before its item's words
        _add(line, start, match.end(), offset, spans)
        start = match.end()
    _add(line, start, len(line), offset, spans)


def _is_label(line: str, start: int, dot: int) -> bool:
    """Whether ``line[start:dot]`` (white space before it aside) is a list item's label."""
    while start < dot and line[start].isspace():
        start += 1
    return _LABEL.fullmatch(line, start, dot) is not None


def _opens_sentence(line: str, at: int) -> bool:
    """Whether what follows white space from ``at`` can begin a sentence."""
    following = line[at + 1 : at + 2]  # most often: one space, then a capital
    if following and (following.isupper() or following.isdigit()) and line[at] == " ":
        return True
    length = len(line)
    while at < length and (
        line[at].isspace() or line[at] in _OPENING or unicodedata.category(line[at]) in _SYMBOLS
    ):
        at += 1
    return at < length and (line[at].isupper() or line[at].isdigit())


def _ends_sentence(line: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends a sentence (not an abbreviation or initial)."""
    last = line[max(0, dot - _LOOK_BACK) : dot].rsplit(maxsplit=1)
    before = _WORD_BEFORE.search(last[-1]) if last else None
    if before is None:
        return True
    word = before.group()
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: J. Smith
    lower = word.lower()
    if lower in BEFORE_NUMBERS:  # "No. 5", "nr. 3"; but "We said no. Then…" ends
        return not line[dot + 1 :].lstrip()[:1].isdigit()
    return not _is_abbreviation(lower)


@cache
def _is_abbreviation(word: str) -> bool:
    return word in ABBREVIATIONS or word.replace(".", "") in ABBREVIATIONS


def _add(line: str, start: int, end: int, offset: int, spans: list[tuple[int, int]]) -> None:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start and _CONTENT.search(line, start, end):
        spans.append((offset + start, offset + end))
