import csv
from pathlib import Path

from annotator.core.export.csv_export import export_csv, export_matrix_csv
from annotator.core.export.excel import ANNOTATION_COLUMNS
from annotator.core.project import Project
from annotator.core.rows import Selection


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_annotations_csv_has_the_sheet_columns_and_safe_fields(
    coded: Project, tmp_path: Path
) -> None:
    out = tmp_path / "a.csv"
    assert export_csv(coded, out) == 7
    rows = _read(out)
    assert rows[0] == [c.title for c in ANNOTATION_COLUMNS]
    assert len(rows) == 8
    quotes = [r[8] for r in rows[1:]]
    assert "pledged 😀 to cut emissions by 40% by 2030" in quotes
    notes = [r[14] for r in rows[1:]]
    assert "'=SUM(A1)" in notes  # a formula-looking note is neutralised
    assert rows[1][15][:4].isdigit() and "T" not in rows[1][15]


def test_matrix_csv_is_articles_by_tags_zero_one(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    assert export_matrix_csv(coded, out) == 2
    rows = _read(out)
    assert rows[0] == [
        "article_id",
        "article_uri",
        "title",
        "pledge",
        "caveat",
        "criticism",
        "statistic",
        "conditional pledge",
    ]
    assert rows[1][3:] == ["1", "1", "1", "1", "1"]
    assert rows[2][3:] == ["0", "0", "0", "1", "0"]
    export_matrix_csv(coded, out, Selection(coders=frozenset({"Grace"})))
    assert _read(out)[1][3:] == ["0", "1", "1", "1", "0"]
