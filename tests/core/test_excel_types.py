"""Every cell of the analysis workbook reads back with the type it was written with.

Read by openpyxl and, when it is installed, by LibreOffice (headless conversion to CSV): a
number stays a number in every row, even after a date or a time in the same row.
"""

import csv
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles.numbers import is_date_format

from annotator.core.annotations import add_annotation, set_note
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.export.excel import export_workbook
from annotator.core.models import CodingStatus
from annotator.core.project import Project

DATE_COLUMNS = {"published", "created", "modified"}
TEXT = "The city pledges 100 new buses by 2030, but only with a grant. Critics doubt it. " * 70


def _dated_project(project: Project) -> None:
    tags = {t.name: t.id for t in list_tags(project)}
    ada = ensure_coder(project, "Ada").id
    bo = ensure_coder(project, "Bo").id
    for number, published in enumerate(("2016-02-20", "2023-11-05T08:30:00", ""), start=1):
        text = f"Article {number}. " + TEXT[: 1000 * number]
        stored = store_article(
            project,
            ExtractedArticle(
                text=text,
                title=f"Article {number}",
                source_kind="txt",
                original_name=f"a{number}.txt",
                original_bytes=text.encode(),
                author="R. Writer",
                outlet="Daily",
                published=published,
                url=f"https://news.example/{number}",
                language="en",
            ),
        )
        for coder in (ada, bo):
            first = add_annotation(project, stored.article_id, tags["pledge"], coder, 12, 52)
            set_note(project, first.id, "a note, dated 2016-02-20")
            add_annotation(project, stored.article_id, tags["caveat"], coder, 25, 63)
        set_status(project, ada, stored.article_id, CodingStatus.DONE)


@pytest.fixture
def workbook_path(project: Project, tmp_path: Path) -> Path:
    _dated_project(project)
    out = tmp_path / "dated.xlsx"
    export_workbook(project, out)
    return out


def test_every_number_reads_back_as_a_number_in_openpyxl(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    numbers = 0
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                title = header[cell.column - 1] if cell.column <= len(header) else None
                if title in DATE_COLUMNS and cell.value not in (None, ""):
                    continue
                if cell.value is None or isinstance(cell.value, str):
                    continue
                where = f"{sheet.title}!{cell.coordinate} ({title})"
                assert not isinstance(cell.value, datetime | date), where
                assert not is_date_format(cell.number_format), f"{where}: {cell.number_format}"
                assert isinstance(cell.value, int | float), where
                numbers += 1
    assert numbers > 50
    annotations = book["Annotations"]
    header = [c.value for c in annotations[1]]
    for row in annotations.iter_rows(min_row=2, values_only=True):
        assert isinstance(row[header.index("start")], int)
        assert isinstance(row[header.index("end")], int)
        assert isinstance(row[header.index("created")], datetime)
    articles = book["Articles"]
    header = [c.value for c in articles[1]]
    rows = list(articles.iter_rows(min_row=2, values_only=True))
    assert [r[header.index("published")] for r in rows][:2] == [
        datetime(2016, 2, 20),
        datetime(2023, 11, 5),
    ]
    lengths = [len("Article 1. ") + 1000 * n for n in (1, 2, 3)]
    assert [r[header.index("characters")] for r in rows] == lengths


def _libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check the workbook in LibreOffice: soffice is not installed")
        pytest.skip("LibreOffice is not installed (scripts/test.sh installs it when run as root)")
    return found


def test_libreoffice_reads_numbers_as_numbers(workbook_path: Path, tmp_path: Path) -> None:
    soffice = _libreoffice()
    out = tmp_path / "csv"
    # Filter options: comma, double quote, UTF-8, from row 1, formatted "as shown", every sheet
    # to its own file (the last token, -1; LibreOffice 7.2 and later).
    options = "44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out),
            str(workbook_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    sheets = {p.stem.removeprefix("dated-"): p for p in out.glob("*.csv")}
    assert {"Annotations", "Articles", "Codebook", "Summary", "pledge"} <= set(sheets)
    checked = 0
    for name, path in sheets.items():
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        numeric = [
            i
            for i, title in enumerate(header)
            if title in {"start", "end", "characters", "annotations", "articles", "total", "id"}
            or title.startswith("n ")
            or (name == "Summary" and i > 0)
        ]
        for row in rows[1:]:
            if name == "Summary" and row[1:2] in ([], [""]):
                continue  # the notes under the table
            for i in numeric:
                if i < len(row) and row[i] != "":
                    assert row[i].lstrip("-").isdigit(), f"{name} {header[i]}: {row[i]!r}"
                    checked += 1
    assert checked > 50
    with sheets["Annotations"].open(encoding="utf-8", newline="") as handle:
        annotations = list(csv.DictReader(handle))
    assert {row["start"] for row in annotations} == {"12", "25"}
