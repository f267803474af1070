"""Krippendorff's alpha for nominal data, Cohen's kappa and percent agreement.

``nominal_alpha`` is the general computation over a coincidence matrix (units may miss some
coders' values). The character-unit measures take coverage histograms instead of one value
per character, so a continuum of millions of characters costs what its span boundaries cost.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from itertools import combinations, permutations


def nominal_alpha(units: Sequence[Sequence[Hashable | None]]) -> float | None:
    """α for nominal values; each unit lists the coders' values, None where one is missing.

    Units with fewer than two values are not pairable and are left out. None when there is
    no variation at all (expected disagreement 0): α is undefined then.
    """
    coincidences: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        if len(values) < 2:
            continue
        weight = 1 / (len(values) - 1)
        for a, b in permutations(values, 2):
            coincidences[(a, b)] += weight
    totals: defaultdict[Hashable, float] = defaultdict(float)
    for (a, _b), count in coincidences.items():
        totals[a] += count
    n = sum(totals.values())
    observed = sum(c for (a, b), c in coincidences.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def binary_alpha(histogram: Sequence[int]) -> float | None:
    """α for 0/1 values when every unit has all m coders' values.

    ``histogram[j]`` is the number of units that exactly j of the m coders marked 1
    (m = len(histogram) − 1).
    """
    m = len(histogram) - 1
    if m < 2:
        return None
    ones = sum(j * count for j, count in enumerate(histogram))
    n = m * sum(histogram)
    zeros = n - ones
    disagreeing = sum(j * (m - j) * count for j, count in enumerate(histogram)) / (m - 1)
    if ones == 0 or zeros == 0:
        return None
    return 1 - (n - 1) * disagreeing / (ones * zeros)


def pair_table_kappa(n11: int, n10: int, n01: int, n00: int) -> float | None:
    """Cohen's kappa from a 2×2 table; None when chance agreement is certain."""
    n = n11 + n10 + n01 + n00
    if n == 0:
        return None
    observed = (n11 + n00) / n
    a_one, b_one = (n11 + n10) / n, (n11 + n01) / n
    chance = a_one * b_one + (1 - a_one) * (1 - b_one)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def pair_table_agreement(n11: int, n10: int, n01: int, n00: int) -> float | None:
    n = n11 + n10 + n01 + n00
    return (n11 + n00) / n if n else None


def mean(values: Sequence[float | None]) -> float | None:
    """The mean of the defined values; None when none is defined."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def coder_pairs(count: int) -> list[tuple[int, int]]:
    return list(combinations(range(count), 2))
