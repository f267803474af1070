"""Random data: the character-unit alpha agrees with the krippendorff package."""

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement.nominal import binary_alpha, nominal_alpha
from annotator.core.agreement.spans import coverage_histogram, f1_exact, f1_overlap, union


@st.composite
def codings(draw: st.DrawFn) -> tuple[int, list[list[tuple[int, int]]]]:
    length = draw(st.integers(5, 60))
    coders = draw(st.integers(2, 4))
    spans = []
    for _ in range(coders):
        mine = []
        for _ in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, length - 1))
            end = draw(st.integers(start + 1, length))
            mine.append((start, end))
        spans.append(mine)
    return length, spans


def _matrix(length: int, spans: list[list[tuple[int, int]]]) -> np.ndarray:
    matrix = np.zeros((len(spans), length))
    for row, mine in enumerate(spans):
        for start, end in mine:
            matrix[row, start:end] = 1
    return matrix


@settings(max_examples=200, deadline=None)
@given(codings())
def test_binary_alpha_matches_the_krippendorff_package(
    case: tuple[int, list[list[tuple[int, int]]]],
) -> None:
    length, spans = case
    merged = [union(s) for s in spans]
    ours = binary_alpha(coverage_histogram(merged, length))
    matrix = _matrix(length, spans)
    if len(np.unique(matrix)) < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=3, max_size=3),
        min_size=2,
        max_size=25,
    )
)
def test_nominal_alpha_with_missing_values_matches_the_package(
    units: list[list[int | None]],
) -> None:
    ours = nominal_alpha(units)
    matrix = np.array([[np.nan if v is None else v for v in unit] for unit in units], dtype=float).T
    pairable = [u for u in units if sum(v is not None for v in u) >= 2]
    values = {v for u in pairable for v in u if v is not None}
    if len(values) < 2:
        assert ours is None
        return
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_span_f1() -> None:
    a = [(0, 5), (10, 15), (20, 25)]
    b = [(0, 5), (11, 15), (40, 45)]
    assert f1_exact(a, b) == pytest.approx(2 * 1 / 6)
    assert f1_overlap(a, b) == pytest.approx(2 / 3)
    assert f1_exact([], []) is None and f1_overlap([], []) is None
    assert f1_overlap(a, []) == 0.0
