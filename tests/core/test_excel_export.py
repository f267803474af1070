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
    assert book.sheetnames == [
        "Annotations",
        "pledge",
        "caveat",
        "criticism",
        "statistic",
        "Articles",
        "Codebook",
        "Summary",
    ]
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


def test_tag_articles_codebook_and_summary_sheets(project: Project, tmp_path: Path) -> None:
    _project_with_tricky_cells(project)
    out = tmp_path / "out.xlsx"
    export_workbook(project, out)
    book = openpyxl.load_workbook(out)
    assert [c.value for c in book["statistic"]["I"]][1:] == ["+44", "-5%"]
    assert book["caveat"].max_row == 1  # header only: nobody used it
    assert book["pledge"].freeze_panes == "A2"
    articles = [[c.value for c in row] for row in book["Articles"].iter_rows()]
    header = articles[0]
    assert header[:3] == ["id", "title", "URI"]
    assert header[11:] == [
        "annotations",
        "status: Ada Lovelace",
        "n pledge",
        "n caveat",
        "n criticism",
        "n statistic",
    ]
    assert articles[1][11:] == [5, "in progress", 1, 0, 2, 2]
    codebook = book["Codebook"]
    rows = [[c.value for c in row] for row in codebook.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["pledge", "caveat", "criticism", "statistic"]
    assert [r[5] for r in rows] == [1, 0, 2, 2]
    assert [r[6] for r in rows] == [1, 0, 1, 1]
    assert codebook.cell(row=2, column=4).fill.fgColor.rgb.endswith("77AADD")
    summary = book["Summary"]
    table = [[c.value for c in row] for row in summary.iter_rows(max_row=3)]
    assert table[0] == ["article", "pledge", "caveat", "criticism", "statistic", "total"]
    assert table[1][1:] == [1, 0, 2, 2, 5]
    assert table[2] == ["All articles", 1, 0, 2, 2, 5]
    assert len(summary._charts) == 1
    notes = [row[0].value for row in summary.iter_rows(min_row=4)]
    assert "0 cell(s) were cut at Excel's limit of 32,767 characters (marked “[…cut”)." in notes


def test_excel_limits_are_handled(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.core.export.sheets import SheetWriter  # noqa: PLC0415
    from annotator.core.models import Tag  # noqa: PLC0415

    text = "x" * 40000 + " tail words here."
    stored = add_text_article(project, text)
    coder = ensure_coder(project, "Ada")
    with project.session() as session:
        for name in ("Costs: [EU]/national?", "a" * 40 + "1", "a" * 40 + "2"):
            session.add(Tag(name=name, color="#DDDDDD", position=10))
    tags = {t.name: t.id for t in list_tags(project)}
    add_annotation(project, stored.article_id, tags["pledge"], coder.id, 0, 40000)
    for start in range(0, 12, 2):
        add_annotation(project, stored.article_id, tags["a" * 40 + "1"], coder.id, start, start + 1)
    add_annotation(project, stored.article_id, tags["Costs: [EU]/national?"], coder.id, 0, 3)
    monkeypatch.setattr(SheetWriter, "max_rows", 4)
    out = tmp_path / "limits.xlsx"
    assert export_workbook(project, out) == 8
    book = openpyxl.load_workbook(out)
    names = book.sheetnames
    assert "Costs_ _EU__national_" in names
    long_names = [n for n in names if n.startswith("aaaa")]
    assert all(len(n) <= 31 for n in names)
    assert len(set(long_names)) == len(long_names) >= 3  # unique after shortening
    continued = [n for n in names if n.startswith("Annotations")]
    assert continued == ["Annotations", "Annotations (2)", "Annotations (3)"]
    rows = sum(book[n].max_row - 1 for n in continued)
    assert rows == 8
    [quote] = [
        row[8].value
        for n in continued
        for row in book[n].iter_rows(min_row=2)
        if len(row[8].value) > 100
    ]
    assert len(quote) == 32767 and quote.endswith("[…cut: Excel holds 32,767 characters in a cell]")
    notes = [row[0].value for n in names if n.startswith("Summary") for row in book[n].iter_rows()]
    assert any(str(n).startswith("2 cell(s) were cut") for n in notes), notes  # both sheets
    assert any(
        str(n).startswith("Rows beyond one sheet continue on: Annotations (2)") for n in notes
    )


def test_a_selection_exports_only_what_was_chosen(project: Project, tmp_path: Path) -> None:
    from annotator.core.rows import Selection  # noqa: PLC0415

    _project_with_tricky_cells(project)
    other = ensure_coder(project, "Grace")
    second = add_text_article(project, "A second article with a pledge in it.")
    add_annotation(project, second.article_id, list_tags(project)[0].id, other.id, 0, 9)
    out = tmp_path / "chosen.xlsx"
    chosen = Selection(tags=frozenset({"statistic", "pledge"}), coders=frozenset({"Ada Lovelace"}))
    assert export_workbook(project, out, selection=chosen) == 3
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Annotations",
        "pledge",
        "statistic",
        "Articles",
        "Codebook",
        "Summary",
    ]
    coders = {row[13].value for row in book["Annotations"].iter_rows(min_row=2)}
    assert coders == {"Ada Lovelace"}
    only_second = Selection(articles=frozenset({second.article_id}))
    assert export_workbook(project, out, selection=only_second) == 1
    assert openpyxl.load_workbook(out)["Articles"].max_row == 2


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
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_the_sheets_per_tag_can_be_left_out(project: Project, tmp_path: Path) -> None:
    _project_with_tricky_cells(project)
    out = tmp_path / "lean.xlsx"
    assert export_workbook(project, out, tag_sheets=False) == 5
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Annotations", "Articles", "Codebook", "Summary"]
    assert book["Annotations"].max_row == 6
    assert [c.value for c in book["Summary"][3]] == ["All articles", 1, 0, 2, 2, 5]
