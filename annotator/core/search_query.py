"""What a researcher types into the search box, read once and written for each database.

Words are all required; ``"a phrase"`` in double quotes keeps its words together and in
order; ``word*`` finds every word starting so; ``OR`` between two items accepts either;
``-word`` (or ``-"a phrase"``) leaves out the articles that have it. Nothing typed is ever
passed to the database as syntax: each word goes in as a quoted string or a bound parameter.
"""

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from annotator.core.errors import AnnotatorError

_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Item:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False  # the last word is a prefix (word*)
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """Groups that must all match; the items of a group are alternatives (OR)."""

    groups: tuple[tuple[Item, ...], ...]
    excluded: tuple[Item, ...]

    @property
    def phrases(self) -> list[tuple[str, ...]]:
        return [i.words for g in self.groups for i in g if len(i.words) > 1]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^\w]+", text) if w)


def parse_query(text: str) -> Query:
    groups: list[list[Item]] = []
    excluded: list[Item] = []
    pending_or = False
    for match in _ITEM.finditer(text):
        minus, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        negated = bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        raw = phrase if phrase is not None else bare.lstrip("-") if negated else bare
        prefix = phrase is None and raw.endswith("*")
        words = _words(raw)
        if not words:
            pending_or = False
            continue
        item = Item(words, prefix, negated)
        if negated:
            excluded.append(item)
        elif pending_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    if not groups:
        raise AnnotatorError(
            "Type a word to find (words to leave out, with a minus, need one to find too)."
        )
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


# ----- SQLite FTS5 ----------------------------------------------------------------------
def _fts_item(item: Item) -> str:
    quoted = '"' + " ".join(item.words).replace('"', '""') + '"'
    return quoted + ("*" if item.prefix else "")


def fts5_expression(query: Query) -> str:
    """The query in FTS5's syntax, every word inside a quoted string."""
    wanted = " AND ".join(
        "(" + " OR ".join(_fts_item(i) for i in group) + ")" for group in query.groups
    )
    if query.excluded:
        wanted += " NOT (" + " OR ".join(_fts_item(i) for i in query.excluded) + ")"
    return wanted


# ----- PostgreSQL -----------------------------------------------------------------------
def _ts_item(item: Item) -> Any:
    if item.prefix:
        words = [f"'{w.replace(chr(39), chr(39) * 2)}'" for w in item.words]
        words[-1] += ":*"
        return sa.func.to_tsquery("simple", sa.literal(" <-> ".join(words)))
    return sa.func.phraseto_tsquery("simple", sa.literal(" ".join(item.words)))


def _either(items: tuple[Item, ...]) -> Any:
    expression = _ts_item(items[0])
    for item in items[1:]:
        expression = sa.func.tsquery_or(expression, _ts_item(item))
    return expression


def tsquery(query: Query) -> Any:
    """The query as a PostgreSQL ``tsquery`` expression, words as bound parameters."""
    expression = _either(query.groups[0])
    for group in query.groups[1:]:
        expression = sa.func.tsquery_and(expression, _either(group))
    if query.excluded:
        expression = sa.func.tsquery_and(expression, sa.func.tsquery_not(_either(query.excluded)))
    return expression
