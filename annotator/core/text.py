"""Canonical text of an article and its identity (see docs/design.md, "Canonical text")."""

import hashlib
import re
import unicodedata
from collections.abc import Callable

URI_PREFIX = "urn:sha256:"


def normalise_newlines(text: str) -> str:
    """Return ``text`` with a leading byte-order mark dropped and every line ending as ``\\n``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


_HASH_CHUNK = 1 << 20


def article_uri(canonical_text: str) -> str:
    """The article's identity across projects: SHA-256 of its canonical text in UTF-8."""
    digest = hashlib.sha256()
    # In pieces, so a long text is not held twice (as text and as bytes) to be hashed.
    for start in range(0, len(canonical_text), _HASH_CHUNK):
        piece = canonical_text[start : start + _HASH_CHUNK]
        digest.update(piece.encode("utf-8", "surrogatepass"))
    return URI_PREFIX + digest.hexdigest()


def first_line_title(text: str, limit: int = 200, skip: Callable[[str], bool] | None = None) -> str:
    """The first non-empty line of ``text``, shortened to ``limit`` characters.

    A line for which ``skip`` says true (given the line with its spaces squeezed) is passed over.
    """
    return cut_at_word(first_line(text, limit, skip), limit)


def first_line(text: str, limit: int, skip: Callable[[str], bool] | None = None) -> str:
    """The first non-empty line of ``text`` with its spaces squeezed, read only as far as its
    first ``limit`` + 1 characters: a longer result means the line goes on."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        stripped = _squeezed(text, start, end, limit)
        if stripped and not (skip and skip(stripped)):
            return stripped
        start = end + 1
    return ""


def cut_at_word(line: str, limit: int) -> str:
    """``line`` when it fits in ``limit`` characters, else its start and "…" within the limit."""
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    # end at a word boundary when there is one in the last third
    space = cut.rfind(" ")
    if space > limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _squeezed(text: str, start: int, end: int, limit: int) -> str:
    """The line ``text[start:end]`` with its whitespace squeezed, read only as far as needed
    to know its first ``limit`` + 1 characters (a line may be a whole long file)."""
    window = 4 * limit
    while True:
        stop = min(end, start + window)
        squeezed = " ".join(text[start:stop].split())
        if stop == end or len(squeezed) > limit + 1:
            return squeezed
        window *= 4


def context_before(text: str, start: int, width: int = 150) -> str:
    """Up to ``width`` characters before ``start``, from the sentence start when it is near."""
    lo = max(0, start - width)
    chunk = text[lo:start]
    cut = _last_sentence_break(chunk[:-_MIN_CONTEXT])
    if cut is not None:
        chunk = chunk[cut:]
    elif lo > 0:
        space = chunk.find(" ")
        if 0 <= space < width // 3:
            chunk = chunk[space + 1 :]
        chunk = "…" + chunk
    return " ".join(chunk.split())


def context_after(text: str, end: int, width: int = 150) -> str:
    """Up to ``width`` characters after ``end``, to the sentence end when it is near."""
    hi = min(len(text), end + width)
    chunk = text[end:hi]
    cut = _first_sentence_break(chunk[_MIN_CONTEXT:])
    if cut is not None:
        chunk = chunk[: cut + _MIN_CONTEXT]
    elif hi < len(text):
        space = chunk.rfind(" ")
        if space > width * 2 // 3:
            chunk = chunk[:space]
        chunk += "…"
    return " ".join(chunk.split())


_SENTENCE_ENDS = (". ", "! ", "? ", "\n\n")
# A context is cut at a sentence boundary only when this much of it remains.
_MIN_CONTEXT = 40


def _last_sentence_break(chunk: str) -> int | None:
    best = -1
    for mark in _SENTENCE_ENDS:
        pos = chunk.rfind(mark)
        if pos >= 0:
            best = max(best, pos + len(mark))
    return best if best >= 0 else None


def _first_sentence_break(chunk: str) -> int | None:
    found = [chunk.find(mark) for mark in _SENTENCE_ENDS]
    hits = [pos + 1 for pos in found if pos >= 0]
    return min(hits) if hits else None


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and drop the spaces at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _word_char(text[start - 1]) and _word_char(text[start]):
        start -= 1
    while end < len(text) and _word_char(text[end]) and _word_char(text[end - 1]):
        end += 1
    return start, end


def _word_char(ch: str) -> bool:
    # A script written without spaces has no word ends to find here: its characters are
    # never joined to their neighbours, so a selection inside Chinese stays as it was made.
    if UNSPACED_SCRIPT.match(ch):
        return False
    return ch.isalnum() or ch in "_'’-" or unicodedata.category(ch).startswith("M")


# Scripts whose words are not separated by spaces (or, in Korean, carry their endings).
UNSPACED_SCRIPT = re.compile(
    "["
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\uac00-\ud7af"  # Hangul
    "]"
)
