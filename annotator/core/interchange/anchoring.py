"""Finding where an annotation from elsewhere belongs in an article's canonical text.

By position when the quote matches there; else by the quote, the prefix and suffix choosing
among repeats (and nearness to the old position breaking a tie); else nowhere: an orphan.
"""

from itertools import takewhile


def _common_prefix(a: str, b: str) -> int:
    return sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False)))


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def anchor(
    text: str,
    exact: str,
    start: int | None = None,
    end: int | None = None,
    prefix: str = "",
    suffix: str = "",
) -> tuple[int, int] | None:
    """``(start, end)`` of ``exact`` in ``text``, or None when it cannot be found."""
    if not exact:
        return None
    if start is not None and end is not None and text[start:end] == exact and 0 <= start < end:
        return start, end
    found = []
    at = text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    if not found:
        return None
    if len(found) == 1:
        return found[0], found[0] + len(exact)
    window = max(len(prefix), len(suffix), 1)

    def score(position: int) -> tuple[int, int]:
        before = text[max(0, position - window) : position]
        after = text[position + len(exact) : position + len(exact) + window]
        context = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        distance = abs(position - start) if start is not None else 0
        return context, -distance

    best = max(found, key=score)
    return best, best + len(exact)
