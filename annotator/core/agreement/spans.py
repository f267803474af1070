"""Interval arithmetic on sorted span lists, and span-level F1 between two coders."""

from collections import Counter
from collections.abc import Sequence

Interval = tuple[int, int]


def union(spans: Sequence[Interval]) -> list[Interval]:
    """Overlapping spans merged: one coder's spans of one tag as the stretches they cover."""
    merged: list[Interval] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covered(intervals: Sequence[Interval]) -> int:
    return sum(end - start for start, end in intervals)


def intersection_length(a: Sequence[Interval], b: Sequence[Interval]) -> int:
    """Characters in both of two sorted lists of disjoint intervals."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        low = max(a[i][0], b[j][0])
        high = min(a[i][1], b[j][1])
        if low < high:
            total += high - low
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def coverage_histogram(coders: Sequence[Sequence[Interval]], length: int) -> list[int]:
    """Characters covered by exactly j of the coders, for j = 0..m (each coder's union)."""
    events: Counter[int] = Counter()
    for intervals in coders:
        for start, end in intervals:
            events[start] += 1
            events[end] -= 1
    histogram = [0] * (len(coders) + 1)
    depth = position = 0
    for point in sorted(events):
        histogram[depth] += point - position
        depth += events[point]
        position = point
    histogram[depth] += length - position
    return histogram


def f1_exact(a: Sequence[Interval], b: Sequence[Interval]) -> float | None:
    """Share of spans with the very same boundaries; None when neither coder has any."""
    if not a and not b:
        return None
    matched = sum((Counter(a) & Counter(b)).values())
    return 2 * matched / (len(a) + len(b))


def _overlapping(spans: Sequence[Interval], others: Sequence[Interval]) -> int:
    ordered = sorted(others)
    count = j = 0
    for start, end in sorted(spans):
        while j < len(ordered) and ordered[j][1] <= start:
            j += 1
        k = j
        hit = False
        while k < len(ordered) and ordered[k][0] < end:
            if ordered[k][1] > start:
                hit = True
                break
            k += 1
        count += hit
    return count


def f1_overlap(a: Sequence[Interval], b: Sequence[Interval]) -> float | None:
    """F1 where a span counts as found when any span of the other coder overlaps it."""
    if not a and not b:
        return None
    if not a or not b:
        return 0.0
    recall = _overlapping(a, b) / len(a)
    precision = _overlapping(b, a) / len(b)
    if recall + precision == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)
