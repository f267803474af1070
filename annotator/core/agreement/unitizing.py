"""Krippendorff's unitizing alpha (αU) for one category on a continuum.

References: Krippendorff, K. (1995). On the reliability of unitizing continuous data.
Sociological Methodology 25, 47–76; Krippendorff, K. (2004). Content Analysis, 2nd ed.

Each coder's coding of one category divides the continuum [0, L) into units (coded stretches)
and gaps (the rest). Disagreement between two segments g and h of different coders:

* both units and overlapping: (b_g − b_h)² + (e_g − e_h)²
* a unit lying wholly inside the other coder's gap: the unit's length squared
* anything else: 0

Observed disagreement sums that over every ordered pair of coders, divided by m(m−1)L².
Expected disagreement considers every way the same units and gaps could be laid on the
continuum (Krippendorff 2004, as computed in DKPro Statistics):

    D_e = 2/L · Σ_u [ (N−1)(2l³ − 3l² + l)/3 + l² Σ_{gaps g, l_g ≥ l} (l_g − l + 1) ]
          / [ mL(mL − 1) − Σ_u l(l − 1) ]

with N units in all, l each unit's length, m coders.

Several articles are several continua laid end to end: ``cuts`` are the positions where an
article begins, and no gap crosses one, so the figures do not depend on the articles' order
(a gap at the end of one article and one at the start of the next stay two gaps).
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

Interval = tuple[int, int]  # [start, end), a unit on the continuum


def segments(
    units: Sequence[Interval], length: int, cuts: Sequence[int] = ()
) -> list[tuple[int, int, bool]]:
    """A coder's units and the gaps between them: (start, end, is_unit), covering [0, L);
    gaps end at every cut (sorted positions where a new continuum begins)."""
    out: list[tuple[int, int, bool]] = []

    def gap(low: int, high: int) -> None:
        for cut in cuts[bisect_right(cuts, low) : bisect_left(cuts, high)]:
            out.append((low, cut, False))
            low = cut
        out.append((low, high, False))

    position = 0
    for start, end in units:
        if start > position:
            gap(position, start)
        out.append((start, end, True))
        position = end
    if position < length:
        gap(position, length)
    return out


def _delta(g: tuple[int, int, bool], h: tuple[int, int, bool]) -> int:
    (bg, eg, unit_g), (bh, eh, unit_h) = g, h
    if unit_g and unit_h:
        if bg < eh and bh < eg:
            return (bg - bh) ** 2 + (eg - eh) ** 2
        return 0
    if unit_g and not unit_h:
        return (eg - bg) ** 2 if bh <= bg and eg <= eh else 0
    if unit_h and not unit_g:
        return (eh - bh) ** 2 if bg <= bh and eh <= eg else 0
    return 0


def pair_disagreement(
    a: Sequence[Interval], b: Sequence[Interval], length: int, cuts: Sequence[int] = ()
) -> int:
    """Σ δ² over the overlapping segments of two coders (one direction of the pair)."""
    first, second = segments(a, length, cuts), segments(b, length, cuts)
    total = i = j = 0
    while i < len(first) and j < len(second):
        total += _delta(first[i], second[j])
        if first[i][1] <= second[j][1]:
            i += 1
        else:
            j += 1
    return total


def observed(coders: Sequence[Sequence[Interval]], length: int, cuts: Sequence[int] = ()) -> float:
    """D_o for one category: coders' units sorted and not overlapping within a coder."""
    m = len(coders)
    total = 0
    for i in range(m):
        for j in range(i + 1, m):
            total += 2 * pair_disagreement(coders[i], coders[j], length, cuts)
    return total / (m * (m - 1) * length * length)


def expected(coders: Sequence[Sequence[Interval]], length: int, cuts: Sequence[int] = ()) -> float:
    """D_e for one category; 0.0 when no coder marked any unit."""
    m = len(coders)
    units = [end - start for coder in coders for start, end in coder]
    if not units:
        return 0.0
    gaps = sorted(
        end - start
        for coder in coders
        for start, end, is_unit in segments(coder, length, cuts)
        if not is_unit
    )
    # Σ_{gaps ≥ l} (gap − l + 1) = (Σ gaps ≥ l) − (count ≥ l)(l − 1)
    suffix_sums = [*list(accumulate(reversed(gaps)))[::-1], 0]
    n = len(units)
    total = 0.0
    for unit in units:
        first = bisect_left(gaps, unit)
        count = len(gaps) - first
        gap_sum = suffix_sums[first] - count * (unit - 1)
        total += (n - 1) * (2 * unit**3 - 3 * unit**2 + unit) / 3 + unit * unit * gap_sum
    total *= 2 / length
    return total / (m * length * (m * length - 1) - sum(u * (u - 1) for u in units))
