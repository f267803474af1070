"""Published worked examples: Krippendorff (1995, p. 57) as tested in DKPro Statistics,
DKPro's own unitizing example, and Krippendorff's (2011) example for nominal alpha."""

import pytest

from annotator.core.agreement import revised_unitizing
from annotator.core.agreement.nominal import (
    binary_alpha,
    nominal_alpha,
    pair_table_agreement,
    pair_table_kappa,
)
from annotator.core.agreement.spans import coverage_histogram
from annotator.core.agreement.unitizing import expected, observed


def krippendorff_1995(stretch: int | float) -> dict[str, list[list[tuple[int, int]]]]:
    """The four pairs of coders of Krippendorff (1995: 57), categories A–D, length 24."""

    def s(start: float, length: float) -> tuple[int, int]:
        return int(start * stretch), int(start * stretch) + int(length * stretch)

    return {
        "A": [[s(2, 8), s(14, 6)], [s(4, 4), s(15, 2)]],
        "B": [
            [s(0, 18)],
            [s(0, 2), s(2, 1), s(3, 1), s(4, 1), s(5, 1), s(6, 3), s(9, 1)],
        ],
        "C": [
            [s(2, 6), s(10, 2), s(14, 4), s(20, 2)],
            [s(0, 2), s(4, 4), s(10, 4), s(16, 2), s(20, 2)],
        ],
        "D": [
            [s(0, 2), s(2, 8), s(10, 4), s(14, 6), s(20, 4)],
            [s(0, 4), s(4, 4), s(8, 7), s(15, 2), s(17, 7)],
        ],
    }


@pytest.mark.parametrize(
    ("category", "d_o"), [("A", 0.03125), ("B", 2.26736), ("C", 0.02777), ("D", 0.38715)]
)
def test_observed_disagreement_of_krippendorff_1995(category: str, d_o: float) -> None:
    assert observed(krippendorff_1995(1)[category], 24) == pytest.approx(d_o, abs=1e-5)


@pytest.mark.parametrize(
    ("category", "d_e", "alpha"),
    [("A", 0.06990, 0.553), ("B", 1.17731, -0.926), ("C", 0.08642, 0.679), ("D", 0.41445, 0.066)],
)
def test_expected_disagreement_and_alpha_of_krippendorff_1995(
    category: str, d_e: float, alpha: float
) -> None:
    stretch = 1_200_000 // 24
    coders = krippendorff_1995(stretch)[category]
    length = 24 * stretch
    assert expected(coders, length) == pytest.approx(d_e, abs=0.005)
    assert 1 - observed(coders, length) / expected(coders, length) == pytest.approx(alpha, abs=0.02)


def test_category_c_at_half_length_to_five_places() -> None:
    coders = krippendorff_1995(0.5)["C"]
    assert observed(coders, 12) == pytest.approx(0.02777, abs=1e-5)
    assert expected(coders, 12) == pytest.approx(0.05494, abs=1e-5)
    assert 1 - observed(coders, 12) / expected(coders, 12) == pytest.approx(0.494, abs=0.001)


def test_dkpro_unitizing_example() -> None:
    """r0: -11111111-   r1: --1-1-1---"""
    coders = [[(1, 9)], [(2, 3), (4, 5), (6, 7)]]
    assert observed(coders, 10) == pytest.approx(0.9100, abs=1e-4)
    assert expected(coders, 10) == pytest.approx(0.5351, abs=1e-4)
    assert 1 - observed(coders, 10) / expected(coders, 10) == pytest.approx(-0.7003, abs=1e-4)


def test_a_single_unit_among_three_coders_gives_alpha_zero() -> None:
    coders: list[list[tuple[int, int]]] = [[(0, 1)], [], []]
    assert observed(coders, 20) == pytest.approx(expected(coders, 20))
    assert expected([[], [], []], 20) == 0.0


def test_krippendorff_2011_nominal_example() -> None:
    """Krippendorff (2011), Computing Krippendorff's alpha-reliability: α nominal = 0.743."""
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    units = [list(unit) for unit in zip(*coders, strict=True)]
    assert nominal_alpha(units) == pytest.approx(0.743, abs=0.0005)


def _intervals(bits: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i, bit in enumerate(bits):
        if bit == "1":
            if out and out[-1][1] == i:
                out[-1] = (out[-1][0], i + 1)
            else:
                out.append((i, i + 1))
    return out


def _table(a: str, b: str) -> tuple[int, int, int, int]:
    pairs = list(zip(a, b, strict=True))
    return (
        pairs.count(("1", "1")),
        pairs.count(("1", "0")),
        pairs.count(("0", "1")),
        pairs.count(("0", "0")),
    )


@pytest.mark.parametrize(
    ("a", "b", "kappa", "alpha"),
    [
        # Krippendorff (1995) digitised, as in DKPro Statistics' tests
        ("001111111100001111110000", "000011110000000110000000", 0.385, 0.329),
        ("111111111111111111000000", "111111111100000000000000", 0.385, None),
        ("001111110011001111001100", "110011110011110011001100", 0.314, None),
    ],
)
def test_character_units_of_the_digitised_examples(
    a: str, b: str, kappa: float, alpha: float | None
) -> None:
    table = _table(a, b)
    assert pair_table_kappa(*table) == pytest.approx(kappa, abs=0.001)
    if alpha is not None:
        histogram = coverage_histogram([_intervals(a), _intervals(b)], len(a))
        assert binary_alpha(histogram) == pytest.approx(alpha, abs=0.001)
        assert nominal_alpha(list(zip(a, b, strict=True))) == pytest.approx(alpha, abs=0.001)


def test_no_variation_is_undefined_not_nan() -> None:
    everyone = "1" * 24
    assert pair_table_kappa(*_table(everyone, everyone)) is None
    assert pair_table_agreement(*_table(everyone, everyone)) == 1.0
    assert binary_alpha(coverage_histogram([[(0, 24)], [(0, 24)]], 24)) is None
    assert binary_alpha(coverage_histogram([[], []], 24)) is None
    assert nominal_alpha([[1, 1], [1, 1]]) is None


def _book_figure_12_11() -> list[list[tuple[int, int, str]]]:
    """Krippendorff (2019), Content Analysis, 4th ed., Figure 12.11 (p. 340): three observers
    (Alex, Paul, Suzan) on a continuum of 60, positions 1-based and inclusive in the book. The
    example illustrates the coefficients of Krippendorff, Mathet, Bouvry and Widlöcher (2016)."""

    def units(*rows: tuple[int, int, str]) -> list[tuple[int, int, str]]:
        return [(first - 1, last, value) for first, last, value in rows]

    alex = units((1, 7, "1"), (8, 13, "2"), (31, 32, "5"), (33, 37, "6"), (38, 44, "6"))
    alex.append((44, 60, "7"))
    paul = units((1, 7, "1"), (8, 13, "3"), (14, 21, "5"), (33, 44, "6"))
    suzan = units((1, 7, "1"), (8, 13, "4"), (14, 21, "5"), (33, 37, "6"), (38, 41, "6"))
    suzan.append((41, 44, "6"))
    return [alex, paul, suzan]


def test_revised_alpha_of_the_book_example() -> None:
    coders = _book_figure_12_11()
    # the book prints uα = .510 and |uα = .413 (the latter computes to 0.4136)
    assert revised_unitizing.alpha(coders, 60) == pytest.approx(0.510, abs=0.0005)
    assert revised_unitizing.alpha(revised_unitizing.binary(coders), 60) == pytest.approx(
        0.413, abs=0.001
    )


def test_revised_alpha_is_one_for_identical_coders_and_undefined_without_units() -> None:
    same = [(0, 5, "a"), (9, 12, "b")]
    assert revised_unitizing.alpha([same, same, same], 20) == pytest.approx(1.0)
    assert revised_unitizing.alpha([[], [], []], 20) is None
