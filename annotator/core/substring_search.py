"""Search for words of scripts written without spaces between words (Chinese, Japanese,
Korean, Thai and their neighbours), found anywhere in the text.

The full-text indexes cut text into words at spaces and punctuation: a run of Japanese is one
"word" to them, so a word inside it is never found (FTS5's unicode61 tokenizer and
PostgreSQL's ``simple`` parser alike). A query that holds such a word is answered here
instead, by the database reading the texts themselves: every item of the query is found as a
string anywhere in the text (letters of any case), the articles ranked by how often the
query's items occur in them. It reads every text, so it is slower than the index (a few
tenths of a second at 10,000 articles), and it is only used when the index cannot answer.
"""

import re
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from annotator.core.models import Article
from annotator.core.search_query import Item, Query
from annotator.core.text import UNSPACED_SCRIPT


def needs_substrings(query: Query) -> bool:
    """Whether some item of the query is in a script the word index cannot search inside."""
    items = [i for g in query.groups for i in g] + list(query.excluded)
    return any(UNSPACED_SCRIPT.search(w) for i in items for w in i.words)


def needle(item: Item) -> str:
    """What is looked for: the item's words as typed, a phrase's words one space apart."""
    return " ".join(item.words)


def _contains(item: Item) -> Any:
    return Article.text.icontains(needle(item), autoescape=True)


def _occurrences(items: Iterable[Item]) -> Any:
    """How often the items occur in the text, counted by the database."""
    total: Any = sa.literal(0)
    lowered = sa.func.lower(Article.text)
    for item in items:
        found = needle(item).lower()
        shorter = sa.func.length(lowered) - sa.func.length(sa.func.replace(lowered, found, ""))
        total = total + shorter / max(len(found), 1)
    return total


def condition(query: Query) -> Any:
    wanted = sa.and_(*(sa.or_(*(_contains(i) for i in group)) for group in query.groups))
    if query.excluded:
        wanted = sa.and_(wanted, sa.not_(sa.or_(*(_contains(i) for i in query.excluded))))
    return wanted


def substring_search(
    session: sa.Connection, query: Query, limit: int, offset: int
) -> tuple[int, list[tuple[int, str, float]], dict[int, list[tuple[int, int]]], dict[int, str]]:
    """The number of articles that match, the page of them (id, title, score), each one's
    hits as offsets and its text."""
    wanted = condition(query)
    total = session.scalar(sa.select(sa.func.count()).select_from(Article).where(wanted))
    score = _occurrences(i for g in query.groups for i in g)
    ranked = session.execute(
        sa.select(Article.id, Article.title, score, Article.text)
        .where(wanted)
        .order_by(score.desc(), Article.id)
        .limit(limit)
        .offset(offset)
    ).all()
    pattern = hits_pattern(query)
    spans = {
        int(article_id): [m.span() for m in pattern.finditer(text)]
        for article_id, _title, _score, text in ranked
    }
    texts = {int(article_id): str(text) for article_id, _title, _score, text in ranked}
    page = [(int(a), str(t), float(s or 0)) for a, t, s, _text in ranked]
    return int(total or 0), page, spans, texts


def hits_pattern(query: Query) -> re.Pattern[str]:
    """Every item looked for, longest first (so a phrase is one hit, not its first word)."""
    needles = sorted({needle(i) for g in query.groups for i in g}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
