"""Titles of imported articles that have none of their own, taken from their text."""

import re

from annotator.core.text import cut_at_word, first_line, first_line_title

PDF_TITLE_LIMIT = 120
PLAIN_TEXT_TITLE_LIMIT = 120
# A sentence shorter than this ("Dr. Smith", "Washington.") is too little to name an article.
_SHORTEST_SENTENCE = 20
# A sentence ends at a stop (and its closing quote or bracket) before a space and a word that
# does not start in lower case ("U.S. officials" goes on), or at an ideographic stop.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[^\sa-z])|[。！？]")
# Words whose stop does not end a sentence: "Rep. Omar", "Nov. 18", "J. Smith".
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|Rev|Hon|No|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)

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


def plain_text_title(text: str) -> str:
    """The first line of a text file; a long one (a paragraph, not a heading) gives its first
    sentence, or its start cut between words, within ``PLAIN_TEXT_TITLE_LIMIT`` characters."""
    line = first_line(text, PLAIN_TEXT_TITLE_LIMIT)
    if len(line) <= PLAIN_TEXT_TITLE_LIMIT:
        return line
    return _first_sentence(line) or cut_at_word(line, PLAIN_TEXT_TITLE_LIMIT)


def _first_sentence(line: str) -> str:
    for end in _SENTENCE_END.finditer(line):
        if end.end() > PLAIN_TEXT_TITLE_LIMIT:
            break
        sentence = line[: end.end()]
        if len(sentence) >= _SHORTEST_SENTENCE and not _ABBREVIATION.search(sentence):
            return sentence
    return ""
