"""Importing attributes from CSV and Excel: rows matched by file name, URL, URI or title;
unmatched and ambiguous rows and bad values reported; nothing else changed."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.attribute_import import import_attributes
from annotator.core.attributes import define_attribute, list_attributes, values_by_article
from annotator.core.errors import AnnotatorError
from annotator.core.models import AttributeKind
from annotator.core.project import Project
from annotator.core.text import article_uri

TEXTS = ("Shell pledges net zero.\n", "BP pledges less.\n", "A second BP story.\n")


def _articles(project: Project) -> list[int]:
    ids = []
    for number, (text, title, url) in enumerate(
        zip(
            TEXTS,
            ("Shell pledge", "BP pledge", "BP pledge"),
            ("https://news.example/shell", "https://www.news.example/bp/", ""),
            strict=True,
        )
    ):
        stored = store_article(
            project,
            ExtractedArticle(
                text=text,
                title=title,
                source_kind="txt",
                original_name=f"story{number}.txt",
                url=url,
            ),
        )
        ids.append(stored.article_id)
    return ids


def _names(project: Project) -> dict[int, str]:
    return {a.id: a.name for a in list_attributes(project)}


def _by_name(project: Project) -> dict[int, dict[str, str]]:
    names = _names(project)
    return {
        article: {names[k]: v for k, v in values.items()}
        for article, values in values_by_article(project).items()
    }


def test_csv_keyed_by_file_name(project: Project, tmp_path: Path) -> None:
    shell, bp, bp2 = _articles(project)
    sheet = tmp_path / "companies.csv"
    sheet.write_text(
        "File name;Company;Staff;Founded\n"
        "story0.txt;Shell;1 200;1907-04-01\n"
        "STORY1;BP;30;1909-04-14\n"
        "missing.txt;Nobody;1;2000-01-01\n"
        "story2.txt;BP;lots;1909-04-14\n",
        encoding="utf-8",
    )
    result = import_attributes(project, sheet)
    report = result.report
    assert (report.key_kind, report.key_column) == ("file", "File name")
    assert (report.rows, report.matched) == (4, 3)
    assert report.unmatched == [(4, "missing.txt")]
    assert report.new_attributes == [
        ("Company", "text"),
        ("Staff", "text"),  # "lots" is not a number, so the column is text
        ("Founded", "date"),
    ]
    assert _by_name(project) == {
        shell: {"Company": "Shell", "Staff": "1 200", "Founded": "1907-04-01"},
        bp: {"Company": "BP", "Staff": "30", "Founded": "1909-04-14"},
        bp2: {"Company": "BP", "Staff": "lots", "Founded": "1909-04-14"},
    }
    assert any("missing.txt" in line for line in report.lines())


def test_bad_values_of_existing_attributes_are_reported(project: Project, tmp_path: Path) -> None:
    shell, bp, _bp2 = _articles(project)
    define_attribute(project, "Staff", AttributeKind.NUMBER)
    define_attribute(project, "Type", AttributeKind.CHOICE, ["News", "Opinion"])
    sheet = tmp_path / "more.csv"
    sheet.write_text(
        "url,staff,type\n"
        'http://news.example/shell/,"1,200",news\n'
        "https://www.news.example/bp,many,Blog\n",
        encoding="utf-8",
    )
    report = import_attributes(project, sheet).report
    assert report.key_kind == "url"
    assert report.matched == 2
    assert [(row, column, value) for row, column, value, _why in report.bad_values] == [
        (3, "staff", "many"),
        (3, "type", "Blog"),
    ]
    assert _by_name(project) == {shell: {"Staff": "1200", "Type": "News"}}
    assert bp not in values_by_article(project)


def test_excel_keyed_by_title_with_ambiguous_rows(project: Project, tmp_path: Path) -> None:
    shell, _bp, _bp2 = _articles(project)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Title", "Employees", "Reported", "Empty"])
    sheet.append(["Shell pledge", 82000, date(2024, 3, 1), None])
    sheet.append(["BP pledge", 67000, date(2024, 3, 2), None])
    path = tmp_path / "titles.xlsx"
    book.save(path)
    report = import_attributes(project, path).report
    assert report.key_kind == "title"
    assert report.ambiguous == [(3, "BP pledge", 2)]
    assert report.new_attributes == [
        ("Employees", "number"),
        ("Reported", "date"),
        ("Empty", "text"),
    ]
    assert _by_name(project) == {shell: {"Employees": "82000", "Reported": "2024-03-01"}}


def test_uri_column_found_without_a_header_it_knows(project: Project, tmp_path: Path) -> None:
    shell, bp, _bp2 = _articles(project)
    sheet = tmp_path / "uris.csv"
    sheet.write_text(
        f"which,country\n{article_uri(TEXTS[0])},NL\n{article_uri(TEXTS[1])},UK\n",
        encoding="utf-8",
    )
    report = import_attributes(project, sheet).report
    assert (report.key_kind, report.key_column, report.matched) == ("uri", "which", 2)
    assert _by_name(project) == {shell: {"country": "NL"}, bp: {"country": "UK"}}


def test_a_sheet_that_names_no_article_is_refused(project: Project, tmp_path: Path) -> None:
    _articles(project)
    sheet = tmp_path / "other.csv"
    sheet.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(AnnotatorError, match="no column names the articles"):
        import_attributes(project, sheet)
    assert list_attributes(project) == []
