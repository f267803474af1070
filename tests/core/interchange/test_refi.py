import zipfile
from pathlib import Path

import pytest
from lxml import etree

from annotator.core.annotations import article_annotations
from annotator.core.articles import get_article, list_articles
from annotator.core.codebook import list_tags
from annotator.core.errors import ImportFailure
from annotator.core.interchange.refi_export import codebook_xml, export_qdc, export_qdpx
from annotator.core.interchange.refi_import import import_qdc, import_qdpx
from annotator.core.interchange.refi_positions import canonical_with_map
from annotator.core.interchange.w3c import export_w3c
from annotator.core.project import Project, open_project
from tests.conftest import REPO
from tests.core.importing.builders import zip_with
from tests.core.interchange.foreign import (
    CRLF_TEXT,
    INLINE_TEXT,
    MEMO_SOURCE,
    crlf_document,
    write_rich,
)
from tests.core.interchange.test_w3c import _comparable

SCHEMAS = REPO / "tests" / "data" / "refi"


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def test_qdpx_is_valid_against_the_refi_schema(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "p.qdpx"
    assert export_qdpx(coded, out) == 2
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        xml = archive.read("project.qde")
        sources = [n for n in names if n.startswith("sources/")]
        assert len(sources) == 2
        texts = {archive.read(n).decode("utf-8") for n in sources}
    assert names[0] == "project.qde"
    schema = _schema("project.xsd")
    document = etree.fromstring(xml)
    assert schema.validate(document), schema.error_log
    ns = {"q": "urn:QDA-XML:project:1.0"}
    assert len(document.findall(".//q:PlainTextSelection", ns)) == 7
    nested = document.findall(".//q:Code[@name='pledge']/q:Code", ns)
    assert [c.get("name") for c in nested] == ["conditional pledge"]
    assert len(document.findall(".//q:Notes/q:Note", ns)) == 2
    assert {u.get("name") for u in document.findall(".//q:User", ns)} == {"Ada", "Grace"}
    assert any("😀" in t for t in texts)


def test_qdc_is_valid_and_imports(coded: Project, tmp_path: Path) -> None:
    out = tmp_path / "c.qdc"
    assert export_qdc(coded, out) == 5
    schema = _schema("codebook.xsd")
    assert schema.validate(etree.parse(str(out))), schema.error_log
    with open_project(tmp_path / "fresh.annotator") as fresh:
        report = import_qdc(fresh, out)
        assert report.new_tags == ["conditional pledge"]
        tags = {t.name: t for t in list_tags(fresh)}
        assert tags["conditional pledge"].parent_id == tags["pledge"].id
        assert tags["conditional pledge"].color == "#BBCC33"
        again = import_qdc(fresh, out)
        assert again.new_tags == [] and again.differing_tags == []
    assert b"isCodable" in codebook_xml(coded)


def test_qdpx_round_trip_gives_the_same_annotations(coded: Project, tmp_path: Path) -> None:
    qdpx = tmp_path / "p.qdpx"
    export_qdpx(coded, qdpx)
    before = tmp_path / "before.json"
    export_w3c(coded, before)
    with open_project(tmp_path / "fresh.annotator") as fresh:
        report = import_qdpx(fresh, qdpx)
        assert (report.articles_imported, report.annotations_imported) == (2, 7)
        assert not report.skipped
        after = tmp_path / "after.json"
        export_w3c(fresh, after)
        again = import_qdpx(fresh, qdpx)
        assert (again.articles_present, again.annotations_present) == (2, 7)
        assert (again.articles_imported, again.annotations_imported) == (0, 0)
        assert [a.uri for a in list_articles(fresh)] == [a.uri for a in list_articles(coded)]
    assert _comparable(before) == _comparable(after)


def test_crlf_sources_from_other_tools_are_reanchored(tmp_path: Path) -> None:
    start = CRLF_TEXT.index("40%")
    archive = tmp_path / "other.qdpx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("project.qde", crlf_document(start))
        z.writestr(f"Sources/{MEMO_SOURCE}.txt", CRLF_TEXT.encode())
    with open_project(tmp_path / "p.annotator") as project:
        report = import_qdpx(project, archive)
        assert report.annotations_imported == 1
        [article] = list_articles(project)
        assert get_article(project, article.id).text == "Line one.\nThe pledge: 40%.\n"
        [record] = article_annotations(project, article.id)
        assert record.quote == "40%"


def test_a_project_from_another_tool_imports_what_text_can_hold(tmp_path: Path) -> None:
    archive = write_rich(tmp_path / "rich.qdpx")
    with open_project(tmp_path / "p.annotator") as project:
        report = import_qdpx(project, archive)
        assert (report.articles_imported, report.annotations_imported) == (2, 3)
        assert report.new_tags == ["conditional pledge"]
        assert report.new_coders == ["Ada", "Ben"]
        assert len(report.skipped) == 6
        assert any("its code is not in the codebook" in line for line in report.skipped)
        assert any("1 area selection(s)" in line for line in report.skipped)
        assert any(line.startswith("PictureSource Chart") for line in report.skipped)
        assert "1 set(s) or code group(s): Claims" in report.skipped
        assert "1 case(s): Council" in report.skipped
        assert any(line.endswith("the project): About pledges") for line in report.skipped)
        articles = {a.title: a for a in list_articles(project)}
        assert set(articles) == {"Council bus plan", "Annual report"}
        council = get_article(project, articles["Council bus plan"].id)
        assert council.text == INLINE_TEXT and council.url == "https://example.org/buses"
        assert council.outlet == "Gazette"  # the variable "outlet"
        records = article_annotations(project, articles["Council bus plan"].id)
        assert {(r.quote, r.note) for r in records} == {
            ("pledged 200 new buses", "Conditional on the grant.")
        }
        assert len(records) == 2
        [twelve] = article_annotations(project, articles["Annual report"].id)
        assert twelve.quote == "12 per cent"
        again = import_qdpx(project, archive)
        assert (again.articles_imported, again.annotations_imported) == (0, 0)
        assert (again.articles_present, again.annotations_present) == (2, 3)


def test_newline_map() -> None:
    text, mapping = canonical_with_map("\ufeffa\r\nb\rc")
    assert text == "a\nb\nc"
    assert [mapping[i] for i in (1, 2, 4, 5, 6)] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"../evil.txt": b"x", "project.qde": b"<Project/>"}, "outside its folder"),
        ({"/etc/passwd": b"x", "project.qde": b"<Project/>"}, "outside its folder"),
        ({"project.qde": b"\0" * (60 * 1024 * 1024)}, "zip bomb"),
        ({"other.xml": b"<x/>"}, "project.qde is missing"),
        (
            {"project.qde": b'<!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]><p>&e;</p>'},
            "not valid REFI-QDA XML",
        ),
    ],
)
def test_hostile_archives_are_refused(
    tmp_path: Path, members: dict[str, bytes], reason: str
) -> None:
    archive = tmp_path / "hostile.qdpx"
    archive.write_bytes(zip_with(members))
    with open_project(tmp_path / "p.annotator") as project:
        with pytest.raises(ImportFailure, match=reason):
            import_qdpx(project, archive)
        assert list_articles(project) == []
