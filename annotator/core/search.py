"""Finding a phrase or a regular expression in an article or across the project."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.errors import AnnotatorError
from annotator.core.models import Article

if TYPE_CHECKING:
    from annotator.core.project import Project

MAX_MATCHES = 10_000


@dataclass(frozen=True)
class Match:
    article_id: int
    article_title: str
    start: int
    end: int
    text: str
    context: str


def compile_pattern(pattern: str, *, regex: bool, case: bool = False) -> re.Pattern[str]:
    if not pattern:
        raise AnnotatorError("Type something to find.")
    flags = 0 if case else re.IGNORECASE
    try:
        return re.compile(pattern if regex else re.escape(pattern), flags)
    except re.error as exc:
        raise AnnotatorError(f"That regular expression is not valid: {exc}") from exc


def find_in_text(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    for match in pattern.finditer(text):
        if match.end() > match.start():
            spans.append((match.start(), match.end()))
            if len(spans) >= MAX_MATCHES:
                break
    return spans


def find_matches(
    project: "Project", pattern: re.Pattern[str], article_id: int | None = None
) -> list[Match]:
    """Every match in one article, or in every article of the project."""
    query = sa.select(Article.id, Article.title, Article.text).order_by(
        Article.position, Article.id
    )
    if article_id is not None:
        query = query.where(Article.id == article_id)
    found: list[Match] = []
    with project.session() as session:
        for identifier, title, text in session.execute(query):
            for start, end in find_in_text(pattern, text):
                before = " ".join(text[max(0, start - 40) : start].split())
                after = " ".join(text[end : end + 40].split())
                found.append(
                    Match(
                        identifier,
                        title,
                        start,
                        end,
                        text[start:end],
                        f"…{before} [{text[start:end]}] {after}…",
                    )
                )
                if len(found) >= MAX_MATCHES:
                    return found
    return found
