"""Bullets drawn with a symbol font come out of a PDF as "•", not as the letter at their code."""

from pathlib import Path

import pytest

from annotator.core.importing.pdf import extract_pdf
from tests.core.importing.builders import pdf_page

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _symbol_font(base_font: bytes, subtype: bytes = b"TrueType") -> bytes:
    """A symbol font as a word processor writes it: no Encoding and no ToUnicode map, so its
    codes can only be read through a text encoding (WinAnsi for TrueType)."""
    return (
        b"<< /Type /Font /Subtype /" + subtype + b" /BaseFont /" + base_font + b" "
        b"/FirstChar 32 /LastChar 255 /Widths [" + b"600 " * 224 + b"] "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /" + base_font + b" /Flags 4 "
        b"/FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >> >>"
    )


def _list(symbol_font: bytes, code: bytes, items: list[str]) -> bytes:
    """A page with a list: each item's mark is ``code`` of ``symbol_font``, then its words."""
    drawn = b"".join(
        b"BT /S 11 Tf 72 %d Td <%s> Tj /F1 11 Tf 12 0 Td (%s) Tj ET\n"
        % (700 - 20 * n, code, item.encode("latin-1"))
        for n, item in enumerate(items)
    )
    return pdf_page(drawn, {"F1": HELVETICA, "S": symbol_font})


ITEMS = ["Cut bus fares", "Build cycle lanes", "Plant street trees"]


@pytest.mark.parametrize(
    ("font", "code"),
    [
        (_symbol_font(b"ELCKGH+WPTypographicSymbols"), b"21"),  # as dmca.pdf draws them
        (_symbol_font(b"Wingdings-Regular"), b"A7"),  # Word's square bullet
        (_symbol_font(b"Wingdings-Regular"), b"6C"),  # Word's round bullet
        (_symbol_font(b"Symbol"), b"B7"),  # Word's default bullet
    ],
)
def test_a_symbol_font_bullet_is_read_as_a_bullet(tmp_path: Path, font: bytes, code: bytes) -> None:
    article = extract_pdf(tmp_path / "list.pdf", _list(font, code, ITEMS))
    assert article.text.split("\n\n") == [f"• {item}" for item in ITEMS]


def test_a_symbol_font_sign_that_is_not_a_bullet_is_left_as_read(tmp_path: Path) -> None:
    # code 0x21 of TeX's math symbols (CMSY) is an arrow; it is not taken for a bullet
    article = extract_pdf(tmp_path / "math.pdf", _list(_symbol_font(b"CMSY10"), b"21", ITEMS))
    assert article.text.split("\n\n") == [f"! {item}" for item in ITEMS]


def test_an_exclamation_mark_in_a_text_font_stays(tmp_path: Path) -> None:
    article = extract_pdf(tmp_path / "list.pdf", _list(HELVETICA, b"21", ITEMS))
    assert article.text.split("\n\n") == [f"! {item}" for item in ITEMS]


def test_the_dmca_summary_lists_its_five_titles_with_bullets(corpus: Path) -> None:
    path = corpus / "pdf" / "dmca.pdf"
    text = extract_pdf(path, path.read_bytes()).text
    # the summary says the act is divided into five titles, and marks each with a bullet
    assert "The DMCA is divided into five titles:\n\n" + "•\n\n" * 5 + "Title I" in text
    assert "!" not in text  # every "!" it gave before was a bullet of WPTypographicSymbols
