"""`annotator attributes`, `annotator search` and the attributes in `info --json` and in
every export that lists articles."""

import csv
import json
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree

from annotator.cli.main import main
from annotator.core.annotations import add_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from tests.helpers import add_text_article

SHELL = "Shell pledges net zero by 2050.\n"
BP = "BP pledged less, said a critic.\n"


@pytest.fixture
def project(tmp_path: Path) -> str:
    location = str(tmp_path / "study.annotator")
    with open_project(location) as opened:
        shell = add_text_article(opened, SHELL, "shell.txt").article_id
        add_text_article(opened, BP, "bp.txt")
        coder = ensure_coder(opened, "Ada")
        start = SHELL.index("pledges")
        add_annotation(opened, shell, list_tags(opened)[0].id, coder.id, start, start + 7)
    sheet = tmp_path / "attributes.csv"
    sheet.write_text(
        "file,company,employees,reported\nshell.txt,Shell,82000,2024-03-01\n"
        "bp.txt,BP,-5,2024-03-02\nnone.txt,Nobody,1,2024-01-01\n",
        encoding="utf-8",
    )
    return location


def test_attributes_command_reports_and_info_shows_them(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["attributes", project, str(tmp_path / "attributes.csv")]) == 1
    out = capsys.readouterr().out
    assert "3 row(s), 2 matched an article by file name" in out
    assert "row 4: no article has the file name “none.txt”" in out
    assert "new attribute: employees (number)" in out
    assert main(["info", project, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    # numbers as JSON numbers, dates as ISO 8601 text, text as text
    assert [a["attributes"] for a in info["articles"]] == [
        {"company": "Shell", "employees": 82000, "reported": "2024-03-01"},
        {"company": "BP", "employees": -5, "reported": "2024-03-02"},
    ]
    assert [d["kind"] for d in info["attribute_definitions"]] == ["text", "number", "date"]
    # in the order of the sheet's columns, which is the attributes' order
    assert [list(a["attributes"]) for a in info["articles"]] == 2 * [
        ["company", "employees", "reported"]
    ]


def test_search_command(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", project, "pledg*", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 2
    offsets = {r["title"]: [h["offset"] for h in r["hits"]] for r in found["results"]}
    assert offsets == {SHELL.strip(): [SHELL.index("pledges")], BP.strip(): [BP.index("pledged")]}
    assert main(["search", project, '"net zero"']) == 0
    out = capsys.readouterr().out
    assert f"{SHELL.index('net zero'):>8}  Shell pledges [net zero] by 2050." in out
    assert main(["search", project, "hydrogen"]) == 1


def test_exports_carry_the_attributes(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["attributes", project, str(tmp_path / "attributes.csv")]) == 1
    workbook = tmp_path / "out.xlsx"
    assert main(["export", project, str(workbook)]) == 0
    book = openpyxl.load_workbook(workbook)
    articles = list(book["Articles"].iter_rows(values_only=True))
    header = list(articles[0])
    assert header[-3:] == ["company", "employees", "reported"]
    assert articles[1][-3:] == ("Shell", 82000, datetime(2024, 3, 1))  # a date cell
    annotations = list(book["Annotations"].iter_rows(values_only=True))
    assert list(annotations[0][-3:]) == ["company", "employees", "reported"]
    assert annotations[1][-3:-1] == ("Shell", 82000)

    table = tmp_path / "out.csv"
    assert main(["export", project, str(table)]) == 0
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-3:] == ["company", "employees", "reported"]
    assert rows[1][-3:] == ["Shell", "82000", "2024-03-01"]
    matrix = tmp_path / "matrix.csv"
    assert main(["export", project, str(matrix), "--matrix"]) == 0
    with matrix.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][3:6] == ["company", "employees", "reported"]
    assert rows[2][3:6] == ["BP", "-5", "2024-03-02"]  # a number, not a guarded formula

    qdpx = tmp_path / "out.qdpx"
    assert main(["export", project, str(qdpx)]) == 0
    with zipfile.ZipFile(qdpx) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    ns = "{urn:QDA-XML:project:1.0}"
    variables = {v.get("name"): v for v in root.iter(ns + "Variable")}
    assert variables["employees"].get("typeOfVariable") == "Float"
    assert variables["reported"].get("typeOfVariable") == "Date"
    guid = variables["employees"].get("guid")
    values = [
        holder.findtext(ns + "FloatValue")
        for holder in root.iter(ns + "VariableValue")
        if holder.find(ns + "VariableRef").get("targetGUID") == guid
    ]
    assert values == ["82000", "-5"]

    w3c = tmp_path / "out.json"
    assert main(["export", project, str(w3c)]) == 0
    collection = json.loads(w3c.read_text("utf-8"))
    [item] = collection["first"]["items"]
    assert item["target"]["annotator:attributes"] == {
        "company": "Shell",
        "employees": "82000",
        "reported": "2024-03-01",
    }
    capsys.readouterr()


def test_info_gives_a_decimal_number_as_a_number(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.core.attributes import define_attribute, set_values  # noqa: PLC0415

    with open_project(project) as opened:
        share = define_attribute(opened, "share", "number")
        year = define_attribute(opened, "year", "number")
        set_values(opened, share.id, {1: "12.5"})
        set_values(opened, year.id, {1: "2019"})
    assert main(["info", project, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["articles"][0]["attributes"] == {"share": 12.5, "year": 2019}
