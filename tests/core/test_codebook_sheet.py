"""Reading a codebook sheet: every row checked before anything is applied, formulas read as
their text, a leading ' kept, every row left out reported."""

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from annotator.core.export.codebook_sheet import HEADER, read_codebook_sheet


def _xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Codebook"
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_formula_cells_are_read_as_their_text(tmp_path: Path) -> None:
    rows = [[f'=CONCAT("tag", {n})', "", "", "#77AADD", ""] for n in range(3)]
    rows.append(["plain", "", "", "#77AADD", ""])
    sheet = read_codebook_sheet(_xlsx(tmp_path / "f.xlsx", rows))
    assert [r.name for r in sheet.rows] == [
        '=CONCAT("tag", 0)',
        '=CONCAT("tag", 1)',
        '=CONCAT("tag", 2)',
        "plain",
    ]
    assert sheet.problems == [] and sheet.skipped == []


def test_a_leading_quote_is_kept(tmp_path: Path) -> None:
    rows = [["'s-Hertogenbosch", "", "'quoted' words", "#77AADD", ""]]
    [row] = read_codebook_sheet(_xlsx(tmp_path / "q.xlsx", rows)).rows
    assert row.name == "'s-Hertogenbosch"
    assert row.definition == "'quoted' words"
    path = tmp_path / "q.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [HEADER, ["'s-Hertogenbosch", "", "", "", ""], ["'=x", "", "", "", ""]]
        )
    assert [r.name for r in read_codebook_sheet(path).rows] == ["'s-Hertogenbosch", "=x"]


def test_one_bad_row_among_thousands_is_found_before_anything_is_applied(tmp_path: Path) -> None:
    rows: list[list[object]] = [[f"tag {n}", "", "", "#77AADD", ""] for n in range(5000)]
    rows.append(["tag 5000", "", "", "blue", ""])
    rows += [[f"tag {n}", "", "", "#77AADD", ""] for n in range(5001, 5100)]
    sheet = read_codebook_sheet(_xlsx(tmp_path / "big.xlsx", rows))
    assert sheet.problems == ["row 5002: colour 'blue' is not a colour like #77AADD"]


def test_every_problem_and_every_left_out_row_is_reported(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["pledge", "", "", "#77aadd", 1],
        [None, None, None, None, None],
        ["", "pledge", "a definition without a name", "", ""],
        ["pledge", "", "", "", ""],
        ["caveat", "", "", "#ABC", 1],
        ["hedge", "", "", "", 12],
        ["loop", "loop", "", "", ""],
        ["x" * 201, "", "", "", ""],
        ["fine", "pledge", "", "", 2.0],
    ]
    sheet = read_codebook_sheet(_xlsx(tmp_path / "mixed.xlsx", rows))
    assert [(r.name, r.color, r.key) for r in sheet.rows] == [
        ("pledge", "#77AADD", 1),
        ("fine", "#DDDDDD", 2),
    ]
    assert sheet.skipped == ["row 3 is empty"]
    assert sheet.problems == [
        "row 4: it has no tag name",
        "row 5: tag 'pledge' is on row 2 already",
        "row 6: key 1 is given on row 2 already",
        "row 7: key '12' is not a number from 1 to 9",
        "row 8: the tag is its own parent",
        "row 9: the tag name has 201 characters (at most 200)",
    ]
    assert sheet.lines()[0] == "2 tag(s) in the sheet"
