"""Proposing where an article saved from a browser as plain text begins and ends.

Text copied or saved from a browser carries the page around the article: menus and a search
box before it; "Written By", teasers of other articles, newsletter forms and a copyright
footer after it. The proposal keeps from the headline to the last paragraph of the body; the
researcher sees it in a preview and can move either cut.
"""

import re
from dataclasses import dataclass, field

# Paragraphs that end an article body and start the page around it.
_END_MARKERS = re.compile(
    r"^(written by|about the author|you may also like|related( articles| posts| stories)?|"
    r"more from|read (more|next|also)|recommended|most (read|popular)|share this|"
    r"subscribe|sign up|newsletter|comments?\b|leave a (comment|reply)|tags?:|"
    r"©|\(c\)|copyright|all rights reserved|advertisement)",
    re.IGNORECASE,
)
# Chrome that often stands before an article, never a headline.
_CHROME = re.compile(
    r"^(skip to|menu|search|connect with us|hi, what are you looking for|log ?in|sign in|"
    r"home\b|share\b|advertisement|wordpress)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
_SENTENCE_MARK = re.compile(r"[.!?]")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")


@dataclass(frozen=True)
class Paragraph:
    """``source[start:end]``, read in place: one paragraph may be a whole 50 MB file, and
    counting its words or looking for a sentence in it makes no copy of it."""

    start: int
    end: int
    source: str = field(repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.source[self.start : self.end].strip()

    @property
    def words(self) -> int:
        return sum(1 for _ in _WORD.finditer(self.source, self.start, self.end))

    @property
    def is_body(self) -> bool:
        """Running prose: long, with at least one full sentence."""
        return (
            self.words >= 25
            and _SENTENCE_MARK.search(self.source, self.start, self.end) is not None
        )


def paragraphs(text: str) -> list[Paragraph]:
    found = []
    for match in _PARAGRAPH.finditer(text):
        if _WORD.search(text, match.start(), match.end()):
            found.append(Paragraph(match.start(), match.end(), text))
    return found


def _is_chrome(paragraph: Paragraph) -> bool:
    return any(_CHROME.match(line.strip()) for line in paragraph.text.split("\n"))


def _is_end_marker(paragraph: Paragraph) -> bool:
    return paragraph.words <= 8 and bool(_END_MARKERS.match(paragraph.text))


def propose_trim(text: str) -> tuple[int, int]:
    """``(start, end)`` of the article body in ``text``; the whole text when unsure.

    The start moves only past page chrome (menus, search prompts) found before the first
    paragraph of prose, to the headline that stands closest before it; the end moves only to
    a short marker paragraph such as "Written By" or "You May Also Like" after the body.
    """
    paras = paragraphs(text)
    body = [i for i, p in enumerate(paras) if p.is_body]
    if not body:
        return 0, len(text)
    first = body[0]
    start = 0
    if any(_is_chrome(p) for p in paras[:first]):
        chrome_last = max(i for i in range(first) if _is_chrome(paras[i]))
        start_index = first
        for i in range(first - 1, chrome_last, -1):
            candidate = paras[i]
            if 4 <= candidate.words <= 30 and not candidate.text.endswith("?"):
                start_index = i
                break
        start = paras[start_index].start
    end = len(text)
    markers = [i for i in range(first + 1, len(paras)) if _is_end_marker(paras[i])]
    if markers:
        end_index = markers[0] - 1
        while end_index > first and _is_end_marker(paras[end_index]):
            end_index -= 1
        end = paras[end_index].end
    return start, end


def apply_trim(text: str, cut: tuple[int, int]) -> str:
    """The kept part of ``text``; the whole text when the cut keeps all of it."""
    start, end = cut
    if not 0 <= start < end <= len(text) or (start, end) == (0, len(text)):
        return text
    return text[start:end].strip("\n") + "\n"
