from pathlib import Path

import pytest

from annotator.core.errors import ImportFailure
from annotator.core.importing.pdf import PasswordRequired, extract_pdf, join_lines
from annotator.core.importing.titles import is_page_furniture
from tests.core.importing.builders import pdf_page, pdf_without_text


def _pdf(corpus: Path, name: str, password: str = ""):  # type: ignore[no-untyped-def]
    path = corpus / "pdf" / name
    return extract_pdf(path, path.read_bytes(), password)


def test_two_column_paper_reads_column_by_column_with_words_mended(corpus: Path) -> None:
    article = _pdf(corpus, "naacl06-shinyama.pdf")
    text = article.text
    assert "ﬁ" not in text and "ﬂ" not in text
    # sentences that run over several lines of one column stay together, hyphens mended
    assert "Existing IE systems require a lot of time" in text
    assert "in advance without human intervention. We propose a technique" in text
    assert "Every day, a large number of news articles are created and reported" in text
    assert "filled with a name of a person or company, according to its role" in text
    assert text.index("1 Background") < text.index("Every day, a large number")
    assert article.title.startswith("Preemptive Information Extraction")
    assert len(article.pages) == 8


def test_three_column_federal_register_page(corpus: Path) -> None:
    text = _pdf(corpus, "pr-00530-ml-lines.pdf").text
    assert "On October 29, 2018, a Boeing Model 737–8 airplane operated by Lion Air" in text
    assert "For Boeing service information identified in this NPRM" in text
    order = [text.index(s) for s in ("SUMMARY:", "Comments Invited", "Background")]
    assert order == sorted(order)


def test_hyphen_joining_only_mends_broken_words() -> None:
    assert join_lines(["a large number are cre-", "ated and reported"]) == (
        "a large number are created and reported"
    )
    assert join_lines(["the 2019-", "2020 budget"]) == "the 2019- 2020 budget"
    assert join_lines(["see the Anti-", "Corruption Act"]) == "see the Anti- Corruption Act"
    assert join_lines(["the ﬁrst ﬂoor", "ofﬁce"]) == "the first floor office"


def test_page_map_covers_the_text_in_order(corpus: Path) -> None:
    article = _pdf(corpus, "dmca.pdf")
    assert len(article.pages) == 18
    assert article.pages[0][0] == 0
    assert article.pages[-1][1] == len(article.text)
    for (_s1, e1), (s2, _e2) in zip(article.pages, article.pages[1:], strict=False):
        assert s2 == e1 + 2  # a blank line between pages


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dmca.pdf", "The Digital Millennium Copyright Act"),
        ("r6-empty-password.pdf", "pdf encryption test password: asdfzxcv"),
        ("kampo.pdf", "道路交通法施行令の一部を改正する政令"),
    ],
)
def test_encrypted_with_an_empty_password_open_silently(
    corpus: Path, name: str, expected: str
) -> None:
    assert expected in _pdf(corpus, name).text


def test_a_password_protected_pdf_needs_its_password(corpus: Path) -> None:
    with pytest.raises(PasswordRequired, match="needs a password"):
        _pdf(corpus, "libreoffice-writer-password.pdf")
    with pytest.raises(PasswordRequired, match="password given is wrong"):
        _pdf(corpus, "libreoffice-writer-password.pdf", "not-it")
    article = _pdf(corpus, "libreoffice-writer-password.pdf", "openpassword")
    assert "Lorem ipsum" in article.text


def test_non_latin_scripts(corpus: Path) -> None:
    assert "مرحبا بالعالم" in _pdf(corpus, "multilang.pdf").text  # logical order
    assert "Привет, мир" in _pdf(corpus, "multilang.pdf").text
    assert "حَبيبي" in _pdf(corpus, "habibi.pdf").text
    vertical = _pdf(corpus, "jo.pdf").text
    assert "わたくしといふ現象は" in vertical  # a vertical column read top to bottom


def test_ocr_layer_of_a_scanned_book_is_imported(corpus: Path) -> None:
    article = _pdf(corpus, "Seige_of_Vicksburg_Sample_OCR.pdf")
    assert len(article.pages) == 6
    assert "Vicksburg" in article.text


def test_a_pdf_without_text_layer_says_run_ocr(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="no text layer: run OCR first"):
        extract_pdf(tmp_path / "scan.pdf", pdf_without_text())


def test_a_broken_xref_is_rebuilt(corpus: Path) -> None:
    assert "test example" in _pdf(corpus, "issue-297.pdf").text


def test_a_corrupted_stream_recovers_text_and_says_so(corpus: Path) -> None:
    article = _pdf(corpus, "zen_of_python_corrupted.pdf")
    assert "zen_of_python.txt" in article.text
    assert any("partial text recovered" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a PDF"),
        (b"GIF89a" + bytes(range(256)) * 10, "not a PDF"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 10, "damaged PDF|no text layer"),
    ],
)
def test_junk_under_a_pdf_name_fails_cleanly(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ImportFailure, match=reason):
        extract_pdf(tmp_path / "junk.pdf", data)


def test_a_truncated_pdf_fails_cleanly_or_recovers(corpus: Path, tmp_path: Path) -> None:
    data = (corpus / "pdf" / "naacl06-shinyama.pdf").read_bytes()
    for keep in (len(data) // 4, len(data) // 2, len(data) - 100):
        try:
            article = extract_pdf(tmp_path / "cut.pdf", data[:keep])
        except ImportFailure as exc:
            assert str(exc)
        else:
            assert article.text.strip()


def _pdf_with_lines(lines: list[str], page_label: str = "") -> bytes:
    """A one-page PDF whose text is ``lines``, drawn line under line in Helvetica, under a
    ``page_label`` centred at the top of the page as a page number is printed."""
    drawn = b"".join(
        b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (720 - 14 * n, line.encode("latin-1"))
        for n, line in enumerate(lines)
    )
    if page_label:
        drawn = b"BT /F1 9 Tf 300 760 Td (%s) Tj ET\n" % page_label.encode("latin-1") + drawn
    return pdf_page(drawn, {"F1": b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})


def test_a_pdf_without_a_title_is_named_by_a_short_first_line(tmp_path: Path) -> None:
    paragraph = [
        "The council of the city announced on Monday that every diesel bus in the",
        "municipal fleet will be replaced by an electric one before the end of the",
        "decade, provided that the national grant for clean transport is approved",
        "by the ministry in the spring, a spokesperson for the mayor said later.",
    ]
    article = extract_pdf(tmp_path / "untitled.pdf", _pdf_with_lines(paragraph))
    assert article.text.startswith("The council of the city announced")
    assert len(article.title) <= 120
    assert article.title.startswith("The council of the city announced on Monday")
    assert article.title.endswith("…") and not article.title[:-1].endswith(" ")
    assert article.title[:-1] in " ".join(paragraph)  # cut between words


@pytest.mark.parametrize("page_label", ["1", "- 2 -", "Page 3", "3 of 12", "Page 1/1", "iv"])
def test_a_page_number_above_the_text_is_not_the_title(tmp_path: Path, page_label: str) -> None:
    lines = ["Council replaces its diesel buses", "", "The council said so."]
    article = extract_pdf(tmp_path / "untitled.pdf", _pdf_with_lines(lines, page_label))
    assert article.text.startswith(page_label + "\n\n")  # the number is read as the first line
    assert article.title == "Council replaces its diesel buses"


def test_the_federal_register_page_number_is_not_the_title(corpus: Path) -> None:
    article = _pdf(corpus, "pr-00530-ml-lines.pdf")
    assert article.text.startswith("47698\n\nProposed Rules\n\n")  # page number, then heading
    assert article.title == "Proposed Rules"


@pytest.mark.parametrize(
    "line", ["Section 3 of the Act", "IV. Findings", "Page Six reports", "序", "Mix of 12"]
)
def test_lines_with_words_are_not_page_furniture(line: str) -> None:
    assert not is_page_furniture(line)
