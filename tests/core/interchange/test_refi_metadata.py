""".qdpx export as other programs read it, and a round trip that keeps every article field.

QualCoder's REFI-QDA import (src/qualcoder/refi.py, ``load_codings_for_text``) takes a coded
selection's memo from a ``Description`` element directly inside the ``PlainTextSelection``,
and copies each source to ``documents/<source name>.txt``; the checks below read the export
the same way.
"""

import zipfile
from datetime import datetime
from pathlib import Path

from lxml import etree

from annotator.core.annotations import add_annotation, article_annotations, set_note
from annotator.core.articles import ExtractedArticle, get_article, list_articles, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.interchange.refi_export import export_qdpx
from annotator.core.interchange.refi_import import import_qdpx
from annotator.core.models import Annotation
from annotator.core.project import Project, open_project

NS = "{urn:QDA-XML:project:1.0}"
LONG_TITLE = "Ölpreis und Busse 🚌: " + " ".join(["Die Stadt verspricht neue Busse bis 2030."] * 6)


def _document(project: Project, out: Path) -> etree._Element:
    export_qdpx(project, out)
    with zipfile.ZipFile(out) as archive:
        return etree.fromstring(archive.read("project.qde"))


def test_qualcoder_finds_every_note_inside_its_selection(coded: Project, tmp_path: Path) -> None:
    root = _document(coded, tmp_path / "p.qdpx")
    memos = {}
    for selection in root.iter(f"{NS}PlainTextSelection"):
        for element in selection:  # as QualCoder does: a direct child Description
            if element.tag == f"{NS}Description" and element.text is not None:
                memos[selection.get("guid")] = element.text
    with coded.session() as session:
        notes = {a.uuid: a.note for a in session.query(Annotation) if a.note}
    assert memos == notes
    assert len(list(root.iter(f"{NS}Note"))) == len(notes)  # NVivo and MAXQDA read these


def test_source_names_are_short_unique_file_names(project: Project, tmp_path: Path) -> None:
    for number, title in enumerate(
        (LONG_TITLE, LONG_TITLE, 'Budget 2024/25: what? <draft> \\ "final"', "budget 2024_25")
    ):
        store_article(
            project,
            ExtractedArticle(
                text=f"Article {number}: the text.",
                title=title,
                source_kind="txt",
                original_name=f"{number}.txt",
            ),
        )
    root = _document(project, tmp_path / "p.qdpx")
    sources = list(root.iter(f"{NS}TextSource"))
    names = [s.get("name") or "" for s in sources]
    assert len({n.casefold() for n in names}) == len(names) == 4
    for name in names:
        assert 0 < len(name.encode("utf-8")) <= 100
        assert not set(name) & set('/\\:*?"<>|')
        assert len(f"{name}.txt".encode()) <= 255  # QualCoder's documents/<name>.txt
    assert names[0].startswith("Ölpreis und Busse 🚌_ Die Stadt")
    descriptions = [s.findtext(f"{NS}Description") for s in sources]
    assert descriptions[0] == LONG_TITLE  # the full title, where QualCoder shows a memo
    with open_project(tmp_path / "back.annotator") as back:
        import_qdpx(back, tmp_path / "p.qdpx")
        assert sorted(a.title for a in list_articles(back)) == sorted(
            [LONG_TITLE, LONG_TITLE, 'Budget 2024/25: what? <draft> \\ "final"', "budget 2024_25"]
        )


def test_round_trip_keeps_article_metadata_and_exact_times(
    project: Project, tmp_path: Path
) -> None:
    text = "Der Rat verspricht 200 neue Busse bis 2030.\nKritiker zweifeln."
    stored = store_article(
        project,
        ExtractedArticle(
            text=text,
            title="Rat verspricht Busse",
            source_kind="pdf",
            original_name="rat-busse.pdf",
            author="Jana Beispiel",
            outlet="Stadtanzeiger",
            published="2023-11-05",
            url="https://stadtanzeiger.example/busse",
            language="de",
        ),
    )
    tag = list_tags(project)[0].id
    coder = ensure_coder(project, "Ada").id
    made = add_annotation(project, stored.article_id, tag, coder, 4, 18)
    set_note(project, made.id, "Datiert.")
    created = datetime(2024, 3, 1, 9, 30, 15, 123456)
    modified = datetime(2024, 3, 2, 10, 0, 0, 654321)
    with project.session() as session:
        row = session.get(Annotation, made.id)
        assert row is not None
        row.created, row.modified = created, modified
    before = get_article(project, stored.article_id)
    export_qdpx(project, tmp_path / "p.qdpx")
    with open_project(tmp_path / "back.annotator") as back:
        report = import_qdpx(back, tmp_path / "p.qdpx")
        assert not report.skipped, report.skipped
        [article] = list_articles(back)
        after = get_article(back, article.id)
        for field in (
            "title",
            "author",
            "outlet",
            "published",
            "url",
            "language",
            "source_kind",
            "original_name",
            "text",
            "uri",
        ):
            assert getattr(after, field) == getattr(before, field), field
        [annotation] = article_annotations(back, article.id)
        assert (annotation.created, annotation.modified) == (created, modified)
        assert annotation.note == "Datiert."
