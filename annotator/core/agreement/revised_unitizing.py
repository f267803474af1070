"""The revised unitizing alpha (uα) for any number of coders.

Krippendorff, K., Mathet, Y., Bouvry, S. & Widlöcher, A. (2016). On the reliability of
unitizing textual continua: further developments. Quality & Quantity 50, 2347–2364; the same
definitions in Krippendorff (2019), Content Analysis, 4th ed., section 12.6.

The 2004 form misbehaves with more than two coders; the revision counts agreement in
coincidences of values, like alpha for predefined units. Each coder's coding divides the
continuum into segments, each holding a value or the gap value ∅. For every ordered pair of
different coders i ≠ j, every pair of their segments g, h adds the length of their
intersection to the coincidence of the two values:

    l_ck = 1/(m − 1) · Σ_i Σ_{j≠i} Σ_g Σ_h |g ∩ h|   (g of value c, h of value k)

so l.. = mL. Expected coincidences pair every segment with every other coder's, less a
segment's pairing with itself (its length squared; a gap counts as single characters, each
pairable with anything, so its own length):

    e_ck = l.. · (l_c. l_.k − [c = k] Σ_{segments of c} w) / (l..² − Σ_{all segments} w)

and uα = 1 − Σ_{c≠k} l_ck / Σ_{c≠k} e_ck (nominal), the binary |uα collapsing every value
but ∅ into one. Both sums depend on lengths and overlaps only, so cutting the continuum into
articles (a gap never crosses an article boundary) changes nothing.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

GAP: Hashable = None  # the value ∅ of stretches a coder left uncoded
Segment = tuple[int, int, Hashable]  # [start, end) and its value


def partition(units: Sequence[Segment], length: int) -> list[Segment]:
    """A coder's units (sorted, not overlapping) with the gaps between them, covering [0, L)."""
    out: list[Segment] = []
    position = 0
    for start, end, value in units:
        if start > position:
            out.append((position, start, GAP))
        out.append((start, end, value))
        position = end
    if position < length:
        out.append((position, length, GAP))
    return out


@dataclass
class Coincidences:
    observed: dict[tuple[Hashable, Hashable], float]
    self_pairs: dict[Hashable, float]  # Σ w of each value's segments
    total: float  # l.. = mL

    def disagreements(self) -> tuple[float, float]:
        """(D_o, D_e) for nominal values, each divided by l.."""
        totals: defaultdict[Hashable, float] = defaultdict(float)
        for (c, _k), count in self.observed.items():
            totals[c] += count
        n = self.total
        correction = sum(self.self_pairs.values())
        denominator = n * n - correction
        if n == 0 or denominator <= 0:
            return 0.0, 0.0
        observed = sum(count for (c, k), count in self.observed.items() if c != k)
        # Σ_{c≠k} e_ck = l..(l..² − Σ_c l_c.² − Σ w + Σ_c self_c) / (l..² − Σ w), and
        # Σ_c self_c = Σ w, so the corrections cancel in the numerator.
        same = sum(t * t for t in totals.values())
        expected = n * (n * n - same) / denominator
        return observed / n, expected / n


def coincidences(coders: Sequence[Sequence[Segment]], length: int) -> Coincidences:
    """The observed coincidences of values between every ordered pair of coders."""
    m = len(coders)
    parts = [partition(units, length) for units in coders]
    observed: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for i in range(m):
        for j in range(i + 1, m):
            for (c, k), overlap in _overlaps(parts[i], parts[j]).items():
                observed[(c, k)] += overlap / (m - 1)
                observed[(k, c)] += overlap / (m - 1)
    self_pairs: defaultdict[Hashable, float] = defaultdict(float)
    for part in parts:
        for start, end, value in part:
            size = end - start
            self_pairs[value] += size if value is GAP else size * size
    return Coincidences(dict(observed), dict(self_pairs), float(m * length))


def _overlaps(a: list[Segment], b: list[Segment]) -> dict[tuple[Hashable, Hashable], int]:
    """Σ |g ∩ h| by value pair, walking two partitions of the same continuum together."""
    out: defaultdict[tuple[Hashable, Hashable], int] = defaultdict(int)
    i = j = 0
    while i < len(a) and j < len(b):
        low = max(a[i][0], b[j][0])
        high = min(a[i][1], b[j][1])
        if low < high:
            out[(a[i][2], b[j][2])] += high - low
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return out


def binary(coders: Sequence[Sequence[Segment]]) -> list[list[Segment]]:
    """The same units with every value but ∅ made one: what |uα compares."""
    return [[(start, end, True) for start, end, _value in units] for units in coders]


def alpha(coders: Sequence[Sequence[Segment]], length: int) -> float | None:
    """uα (nominal); None when nothing varies (no expected disagreement)."""
    d_o, d_e = coincidences(coders, length).disagreements()
    return 1 - d_o / d_e if d_e > 0 else None
