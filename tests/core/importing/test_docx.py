from pathlib import Path

import pytest

from annotator.core.errors import ImportFailure
from annotator.core.importing.docx import extract_docx
from tests.core.importing.builders import docx, zip_with


def test_paragraphs_headings_and_core_properties(tmp_path: Path) -> None:
    data = docx(
        [
            ("Title", "Clean Air Pledge"),
            ("Heading1", "Summary"),
            ("Normal", "The ministry will cut emissions by 40% by 2030."),
            ("Normal", "Critics say the plan lacks funding & detail."),
        ],
        title="Clean Air Pledge 2021",
        author="Ministry of Environment",
    )
    article = extract_docx(tmp_path / "pledge.docx", data)
    assert article.text == (
        "Clean Air Pledge\n\nSummary\n\nThe ministry will cut emissions by 40% by 2030.\n\n"
        "Critics say the plan lacks funding & detail."
    )
    assert article.title == "Clean Air Pledge 2021"
    assert article.author == "Ministry of Environment"
    assert article.published == "2021-03-04"
    assert article.source_kind == "docx"


def test_title_falls_back_to_the_title_paragraph(tmp_path: Path) -> None:
    data = docx([("Normal", "Draft"), ("Title", "The real title"), ("Normal", "Body.")])
    assert extract_docx(tmp_path / "a.docx", data).title == "The real title"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "not a valid Word file"),
        (zip_with({"other.xml": b"<x/>"}), "word/document.xml is missing"),
        (zip_with({"word/document.xml": b"<w:document"}), "damaged Word file"),
        (
            zip_with(
                {
                    "word/document.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
                }
            ),
            "damaged Word file",
        ),
        (zip_with({"../../evil.xml": b"<x/>", "word/document.xml": b"<x/>"}), "outside"),
        (zip_with({"word/document.xml": b" " * (50 * 1024 * 1024)}), "zip bomb"),
    ],
)
def test_damaged_and_hostile_word_files_are_refused(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    with pytest.raises(ImportFailure, match=reason):
        extract_docx(tmp_path / "bad.docx", data)
