"""Titles of imported articles that have none of their own, taken from their text."""

import re

from annotator.core.text import first_line_title

PDF_TITLE_LIMIT = 120

_PAGE_WORD = r"(?:page|pg\.?|p\.|seite|página|pagina)"
_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{0,3}))"
# A page's running furniture: "1", "- 2 -", "Page 3", "3 of 12", "Page 1/1", "iv", "7 | Page".
_PAGE_LABEL = re.compile(
    rf"[\W_]*(?:{_PAGE_WORD}\s*)?(?:\d+|{_ROMAN})(?:\s*(?:of|/)\s*\d+)?(?:\s*\|?\s*{_PAGE_WORD})?[\W_]*",
    re.IGNORECASE,
)


def is_page_furniture(line: str) -> bool:
    """Whether a line is a page number or the like, not words that could name the document."""
    return not any(ch.isalpha() for ch in line) or _PAGE_LABEL.fullmatch(line) is not None


def pdf_title(text: str) -> str:
    """The first line of a PDF's text that reads like words, kept short.

    Lines are joined into paragraphs, so the first "line" may be a whole paragraph; a page
    number printed above the text is passed over.
    """
    return first_line_title(text, PDF_TITLE_LIMIT, skip=is_page_furniture)
