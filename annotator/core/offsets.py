"""The one place where code-point offsets meet UTF-16 positions (Qt counts UTF-16 units).

Offsets everywhere in the project are Unicode code points. A character outside the Basic
Multilingual Plane (an emoji, for instance) is one code point but two UTF-16 units, so every
position that crosses into or out of Qt goes through an :class:`OffsetMap` of that text.
"""

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between code-point offsets and UTF-16 positions of one text."""

    __slots__ = ("_astral_cp", "_astral_u16", "_length")

    def __init__(self, text: str) -> None:
        # Code-point index of every astral character, and the UTF-16 index where it begins.
        # Most texts have none, which their UTF-16 length tells at once (no search needed).
        if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
            self._astral_cp: list[int] = []
        else:
            self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral_cp)]
        self._length = len(text)

    @property
    def exact(self) -> bool:
        """True when every offset is its own UTF-16 position (no astral character)."""
        return not self._astral_cp

    @property
    def utf16_length(self) -> int:
        return self._length + len(self._astral_cp)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        return offset + bisect_left(self._astral_cp, offset)

    def to_code_point(self, position: int) -> int:
        """Code-point offset of UTF-16 ``position``.

        A position inside a surrogate pair (between its two units) is moved back to the start
        of that character, so a selection never splits one.
        """
        before = bisect_left(self._astral_u16, position)
        if before and self._astral_u16[before - 1] == position - 1:
            return self._astral_cp[before - 1]
        return position - before
