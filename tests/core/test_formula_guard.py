"""No exported cell or CSV field is a formula, headers included.

Tag names, coder names, titles, outlets and notes that look like formulas go into every
spreadsheet and CSV the application writes; the files are then read as a spreadsheet program
reads them: the workbook XML for <f> elements, every CSV field for a leading trigger, and
(when LibreOffice is installed) the CSVs opened in LibreOffice and saved as workbooks.
"""

import csv
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from annotator.core.agreement.report import compute_agreement
from annotator.core.annotations import add_annotation, set_note
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.export.agreement_sheet import export_agreement
from annotator.core.export.codebook_sheet import export_codebook_sheet
from annotator.core.export.csv_export import export_csv, export_matrix_csv
from annotator.core.export.excel import export_workbook
from annotator.core.models import Tag
from annotator.core.project import Project

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    '=HYPERLINK("http://evil.example","x")',
    "\t=1+1",
    "\r=1+1",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _hostile_project(project: Project) -> None:
    with project.session() as session:
        for position, name in enumerate(HOSTILE, start=10):
            session.add(Tag(name=name, color="#DDDDDD", position=position))
    tags = [t for t in list_tags(project) if t.name in HOSTILE]
    text = "Numbers: -5% and +44 and =1+1 said @someone. " * 4
    stored = store_article(
        project,
        ExtractedArticle(
            text=text,
            title='=HYPERLINK("http://evil.example","title")',
            source_kind="txt",
            original_name="-evil.txt",
            author="+author",
            outlet="@outlet",
            published="2024-01-02",
            url="=url",
        ),
    )
    for coder_name in ("=1+1", "-Bo"):
        coder = ensure_coder(project, coder_name).id
        for tag in tags:
            made = add_annotation(project, stored.article_id, tag.id, coder, 9, 12)
            set_note(project, made.id, "=note()")
        add_annotation(project, stored.article_id, tags[0].id, coder, 17, 20)


def _formulas_in(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            and re.search(rb"<(\w+:)?f[ >]", archive.read(name)) is not None
        ]


def _check_workbook(path: Path) -> int:
    assert _formulas_in(path) == []
    checked = 0
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
                    assert cell.data_type == "s", f"{sheet.title}!{cell.coordinate}"
                    assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} {cell.value!r}"
                    checked += 1
    return checked


def _check_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    checked = 0
    for number, row in enumerate(rows):
        for field in row:
            assert not field.startswith(TRIGGERS), f"{path.name} row {number}: {field!r}"
            checked += field.startswith("'")
    return checked


@pytest.fixture
def exports(project: Project, tmp_path: Path) -> dict[str, Path]:
    _hostile_project(project)
    files = {
        "workbook": tmp_path / "all.xlsx",
        "agreement": tmp_path / "agreement.xlsx",
        "codebook": tmp_path / "codebook.xlsx",
        "annotations": tmp_path / "annotations.csv",
        "matrix": tmp_path / "matrix.csv",
        "codebook_csv": tmp_path / "codebook.csv",
    }
    export_workbook(project, files["workbook"])
    export_agreement(compute_agreement(project), files["agreement"])
    export_codebook_sheet(list_tags(project), files["codebook"])
    export_codebook_sheet(list_tags(project), files["codebook_csv"])
    export_csv(project, files["annotations"])
    export_matrix_csv(project, files["matrix"])
    return files


def test_no_exported_cell_is_a_formula(exports: dict[str, Path]) -> None:
    guarded = {
        name: _check_workbook(path) for name, path in exports.items() if path.suffix == ".xlsx"
    }
    # every hostile tag name is a Summary header and an Articles "n …" header (not risky),
    # a Codebook row and an Agreement row; the coder names head status columns and rows
    assert guarded["workbook"] >= 3 * len(HOSTILE)
    assert guarded["agreement"] >= len(HOSTILE)
    assert guarded["codebook"] >= len(HOSTILE)
    fields = {name: _check_csv(path) for name, path in exports.items() if path.suffix == ".csv"}
    assert fields["matrix"] >= len(HOSTILE) + 1  # the tag headers and the title
    assert fields["annotations"] >= 2 * len(HOSTILE)
    assert fields["codebook_csv"] >= len(HOSTILE)


def test_summary_headers_are_text_with_the_quote_prefix(exports: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(exports["workbook"])
    header = [c for c in book["Summary"][1]]
    risky = [c for c in header if c.value in HOSTILE]
    assert len(risky) == len(HOSTILE)
    assert all(c.data_type == "s" and c.quotePrefix and c.font.b for c in risky)


def test_libreoffice_opens_the_csv_files_without_formulas(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check the exports in LibreOffice: soffice is not installed")
        pytest.skip("LibreOffice is not installed (scripts/test.sh installs it when run as root)")
    out = tmp_path / "lo"
    csvs = [p for p in exports.values() if p.suffix == ".csv"]
    # CSV import: comma, double quote, UTF-8, from row 1, formulas evaluated (token 13).
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--infilter=CSV:44,34,76,1,,0,false,false,false,false,false,false,true",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, csvs),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    converted = sorted(out.glob("*.xlsx"))
    assert len(converted) == len(csvs)
    for path in converted:
        assert _formulas_in(path) == [], path.name
