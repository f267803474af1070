"""Showing names and titles from outside (file names, article titles) on a terminal or in a
one-line report without letting them act: control characters, terminal escape codes, line
breaks and text-direction overrides are shown as escapes instead."""

import re

# C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional
# overrides and isolates that can make a name read differently from what it is.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every character that could move the cursor, break the line or change
    the terminal written as a visible escape (``\\e``, ``\\n``, ``\\x07``, ``\\u202e``)."""
    value = str(text)
    return _UNSAFE.sub(_escape, value) if _UNSAFE.search(value) else value
