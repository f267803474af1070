"""REFI-QDA files in other programs' shapes (tests/data/refi, made by make_samples.py):
NVivo's UTF-16 positions, ATLAS.ti's draft codebook namespace, a selection over the CR of a
CR LF, and everything a file holds that text annotations cannot, reported."""

import shutil
from pathlib import Path

import pytest

from annotator.core.annotations import article_annotations
from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import list_coders
from annotator.core.errors import ImportFailure
from annotator.core.interchange.refi_import import import_qdc, import_qdpx
from annotator.core.project import Project
from tests.data.refi.make_samples import CRLF_TEXT, EMOJI_TEXT, SELECTIONS

DATA = Path(__file__).resolve().parents[2] / "data" / "refi"
CANONICAL = EMOJI_TEXT.replace("\r\n", "\n")


def _quotes(project: Project) -> dict[str, tuple[str, str, str]]:
    [article] = list_articles(project)
    coders = {c.id: c.name for c in list_coders(project)}
    tags = {t.id: t.name for t in list_tags(project)}
    return {
        r.quote: (tags[r.tag_id], coders[r.coder_id], r.note)
        for r in article_annotations(project, article.id)
    }


@pytest.mark.parametrize("name", ["nvivo-emoji.qdpx", "nvivo-emoji-unnamed.qdpx"])
def test_nvivo_positions_in_utf16_land_on_the_coded_words(project: Project, name: str) -> None:
    report = import_qdpx(project, DATA / name)
    quotes = _quotes(project)
    assert set(quotes) == {quote for _g, quote, *_rest in SELECTIONS}
    for quote in quotes:
        assert quote in CANONICAL  # the stored quote is the text at its offsets
    assert quotes["Critics 🙄 doubt the budget"] == ("criticism", "Omar", "Strong words.")
    assert report.annotations_imported == 4
    assert any("counted in UTF-16 code units" in note for note in report.notes)
    assert any("Pia (never coded)" in note for note in report.notes)
    assert "Pia (never coded)" not in {c.name for c in list_coders(project)}
    assert any("a memo on a span without a code" in line for line in report.skipped)
    assert any(
        "1 note(s) not on a coded span" in line and "Project journal" in line
        for line in report.skipped
    )


def test_a_selection_that_fits_no_counting_is_reported_not_shifted(project: Project) -> None:
    report = import_qdpx(project, DATA / "nvivo-emoji.qdpx")
    [wrong] = [line for line in report.skipped if "5E1E0000-0000-4000-8000-000000000005" in line]
    assert "in no way of counting" in wrong
    assert "the mayor said" not in _quotes(project)


def test_without_an_origin_hint_the_quotes_still_decide(project: Project, tmp_path: Path) -> None:
    """The same NVivo file with its origin removed: the names (quotes) choose UTF-16."""
    import zipfile  # noqa: PLC0415

    source = zipfile.ZipFile(DATA / "nvivo-emoji.qdpx")
    anonymous = tmp_path / "anonymous.qdpx"
    with zipfile.ZipFile(anonymous, "w") as out:
        for member in source.namelist():
            data = source.read(member)
            if member == "project.qde":
                data = data.replace(b'origin="NVivo 12 (12.6.1.970)" ', b"")
            out.writestr(member, data)
    import_qdpx(project, anonymous)
    assert set(_quotes(project)) == {quote for _g, quote, *_rest in SELECTIONS}


def test_a_selection_over_a_lone_cr_is_reported_and_the_rest_imported(project: Project) -> None:
    report = import_qdpx(project, DATA / "crlf-cr-only.qdpx")
    assert report.articles_imported == 2
    assert report.annotations_imported == 2
    [bad] = [line for line in report.skipped if "000000000101" in line]
    assert "only the CR of a Windows line end" in bad
    texts = {a.title: a.id for a in list_articles(project)}
    [forty] = article_annotations(project, texts["Lines"])
    assert forty.quote == "40 per cent" == CRLF_TEXT[CRLF_TEXT.index("40") :][:11]


def test_an_atlas_codebook_in_the_draft_namespace_is_read(project: Project, tmp_path: Path) -> None:
    renamed = tmp_path / "atlas.qdc"
    shutil.copy(DATA / "atlas-codebook-0-4.qdc", renamed)
    text = renamed.read_text("utf-8")
    for old, new in (("pledge", "promise"), ("criticism", "doubt"), ("statistic", "figure")):
        text = text.replace(f'"{old}"', f'"{new}"')
    renamed.write_text(text, "utf-8")
    assert 'xmlns="urn:QDA-XML:codebook:0:4"' in text
    assert import_qdc(project, renamed).new_tags == ["promise", "doubt", "figure"]


def test_a_codebook_in_an_unknown_namespace_is_refused(project: Project) -> None:
    before = list_tags(project)
    with pytest.raises(ImportFailure, match=r"urn:example:codebook:9.*not REFI-QDA's"):
        import_qdc(project, DATA / "unknown-namespace.qdc")
    assert list_tags(project) == before


@pytest.mark.postgres
def test_the_same_files_import_the_same_way_on_postgresql(pg_url: str) -> None:
    from annotator.core.project import open_project  # noqa: PLC0415

    with open_project(pg_url) as project:
        report = import_qdpx(project, DATA / "crlf-cr-only.qdpx")
        assert (report.articles_imported, report.annotations_imported) == (2, 2)
        nvivo = import_qdpx(project, DATA / "nvivo-emoji.qdpx")
        assert nvivo.annotations_imported == 4


def test_nul_in_a_source_becomes_the_replacement_character(
    project: Project, tmp_path: Path
) -> None:
    import zipfile  # noqa: PLC0415

    source = zipfile.ZipFile(DATA / "crlf-cr-only.qdpx")
    changed = tmp_path / "nul.qdpx"
    with zipfile.ZipFile(changed, "w") as out:
        for member in source.namelist():
            data = source.read(member)
            out.writestr(member, data.replace(b"Plain words", b"Pl\0in words"))
    import_qdpx(project, changed)
    texts = {a.title: a.id for a in list_articles(project)}
    [record] = article_annotations(project, texts["Plain"])
    assert record.quote == "Pl\ufffdin"
