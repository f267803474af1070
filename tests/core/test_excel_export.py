from pathlib import Path

import openpyxl
import pytest

from annotator.core.annotations import add_annotation, set_note
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.export.excel import ANNOTATION_COLUMNS, ExportCancelled, export_workbook
from annotator.core.project import Project
from tests.helpers import add_text_article

INJECTED = '=HYPERLINK("http://evil.example","click")'


def _project_with_tricky_cells(project: Project) -> None:
    text = (
        "Intro sentence that sets the scene for the reader today. "
        f"{INJECTED} is what the site said. "
        "+44 is a phone prefix. -5% was the drop. @handle replied.\n"
        "The city pledges 100 new buses by 2030. Critics say it is not enough."
    )
    stored = add_text_article(project, text)
    coder = ensure_coder(project, "Ada Lovelace")
    tags = {t.name: t for t in list_tags(project)}

    def code(tag: str, quote: str) -> int:
        start = text.index(quote)
        record = add_annotation(
            project, stored.article_id, tags[tag].id, coder.id, start, start + len(quote)
        )
        return record.id

    code("criticism", INJECTED)
    code("statistic", "+44")
    code("statistic", "-5%")
    code("criticism", "@handle replied.")
    pledge = code("pledge", "The city pledges 100 new buses by 2030.")
    set_note(project, pledge, "control\x01char\x0bremoved")


def test_workbook_reads_back_with_values_columns_and_safe_text(
    project: Project, tmp_path: Path
) -> None:
    _project_with_tricky_cells(project)
    out = tmp_path / "out.xlsx"
    assert export_workbook(project, out) == 5
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Annotations", "Articles", "Codebook"]
    sheet = book["Annotations"]
    header = [c.value for c in sheet[1]]
    assert header == [c.title for c in ANNOTATION_COLUMNS]
    assert header[4:9] == ["article URI", "page", "tag", "tag path", "quoted text"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:R6"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    quotes = [row[8] for row in rows]
    assert quotes == [INJECTED, "+44", "-5%", "@handle replied.", rows[4][8]]
    for row in sheet.iter_rows(min_row=2):
        quote_cell = row[8]
        assert quote_cell.data_type == "s"  # text, never a formula
    risky = [row[8] for row in sheet.iter_rows(min_row=2, max_row=5)]
    assert all(cell.quotePrefix for cell in risky)
    pledge = rows[4]
    assert pledge[6] == "pledge"
    assert pledge[7] == "pledge"  # tag path of a top-level tag
    assert pledge[13] == "Ada Lovelace"
    assert pledge[14] == "control\ufffdchar\ufffdremoved"
    assert pledge[9].endswith("@handle replied.")
    assert pledge[10] == "Critics say it is not enough."
    assert isinstance(pledge[11], int) and isinstance(pledge[12], int)
    assert pledge[15] is not None and pledge[15].year >= 2024
    assert pledge[16] >= pledge[15]
    assert len(pledge[17]) == 36
    assert sheet.cell(row=6, column=7).fill.fgColor.rgb.endswith("77AADD")


def test_articles_and_codebook_sheets(project: Project, tmp_path: Path) -> None:
    _project_with_tricky_cells(project)
    out = tmp_path / "out.xlsx"
    export_workbook(project, out)
    book = openpyxl.load_workbook(out)
    articles = [[c.value for c in row] for row in book["Articles"].iter_rows()]
    assert articles[0][:3] == ["id", "title", "URI"]
    assert len(articles) == 2
    assert articles[1][10] == 5
    codebook = book["Codebook"]
    rows = [[c.value for c in row] for row in codebook.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["pledge", "caveat", "criticism", "statistic"]
    assert [r[5] for r in rows] == [1, 0, 2, 2]
    assert codebook.cell(row=2, column=4).fill.fgColor.rgb.endswith("77AADD")


def test_cancelling_writes_no_file(project: Project, tmp_path: Path) -> None:
    stored = add_text_article(project, "word " * 2000)
    coder = ensure_coder(project, "Ada")
    tag = list_tags(project)[0]
    for i in range(600):
        add_annotation(project, stored.article_id, tag.id, coder.id, i * 5, i * 5 + 4)
    out = tmp_path / "out.xlsx"
    with pytest.raises(ExportCancelled):
        export_workbook(project, out, progress=lambda done, total: False)
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))
