"""A CSV field's text can be had back exactly: fields that a spreadsheet could run as a
formula carry one added apostrophe, and so does every field that began with an apostrophe
itself, so that removing the first ' of any field that begins with one (the rule the guide
gives for R and Stata) gives the article's own words. The export's summary says how many
fields carry it."""

import csv
from pathlib import Path

from annotator.core.annotations import add_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.export.formats import export_project
from annotator.core.project import Project
from tests.helpers import add_text_article

PASSAGES = ["=SUM(A1:A3) was typed", "-40 degrees", "'Tis the season", "+44 20 7946", "plain"]
TEXT = "Budget note\n\n" + " | ".join(PASSAGES)


def _text_back(field: str) -> str:
    """The guide's rule, written here from the guide, not from the code."""
    return field[1:] if field.startswith("'") else field


def test_every_quote_is_had_back_exactly(project: Project, tmp_path: Path) -> None:
    article = add_text_article(project, TEXT).article_id
    coder = ensure_coder(project, "Ada")
    tag = list_tags(project)[0].id
    for passage in PASSAGES:
        start = TEXT.index(passage)
        add_annotation(project, article, tag, coder.id, start, start + len(passage))
    out = tmp_path / "codes.csv"
    summary = export_project(project, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(_text_back(r["quoted text"]) for r in rows) == sorted(PASSAGES)
    # the summary counts the fields that begin with ' in the file (four quotes at least)
    marked = sum(field.startswith("'") for row in rows for field in row.values())
    assert marked >= 4
    assert f"; {marked} text field(s) begin with an added '" in summary
