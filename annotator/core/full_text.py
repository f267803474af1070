"""Full-text search across the project's articles: ranked, with each hit's offsets and a
snippet around it.

The database's own index finds and ranks the articles (SQLite FTS5, PostgreSQL text search;
see migration 0005). The hits of the best articles are then marked by the database itself in
the stored text (FTS5 ``highlight``, PostgreSQL ``ts_headline`` over the whole text) with two
private-use characters, and their positions counted in Python on that marked copy: so a hit's
offsets are code points of the stored text, exactly, whatever spaces or line separators it
holds, and agree with what the index matched.
"""

import itertools
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.db_errors import is_damage
from annotator.core.errors import AnnotatorError, DamagedProjectError
from annotator.core.models import Article
from annotator.core.search_query import Query, fts5_expression, parse_query, tsquery
from annotator.core.substring_search import needs_substrings, substring_search

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)

START, STOP = "\ue000", "\ue001"  # marks put around each hit; never kept
SNIPPET_CONTEXT = 60
MAX_HITS = 200  # per article; the count says when there were more
SEARCH_TABLES = ("article_fts", "article_search")
"""Tables the search index migration makes, which no model declares (FTS5 adds more that
start with ``article_fts_``)."""


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    before: str
    text: str
    after: str

    @property
    def snippet(self) -> str:
        return f"{self.before}[{self.text}]{self.after}"


@dataclass(frozen=True)
class SearchResult:
    article_id: int
    title: str
    score: float
    hits: tuple[Hit, ...]
    hit_count: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # articles that match
    results: list[SearchResult]

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "results": [
                {
                    "article_id": r.article_id,
                    "title": r.title,
                    "score": round(r.score, 6),
                    "hit_count": r.hit_count,
                    "hits": [
                        {"offset": h.start, "end": h.end, "text": h.text, "snippet": h.snippet}
                        for h in r.hits
                    ],
                }
                for r in self.results
            ],
        }


def search(project: "Project", words: str, *, limit: int = 50, offset: int = 0) -> SearchResults:
    """The articles that match ``words``, best first: ``limit`` of them from ``offset``."""
    query = parse_query(words)
    if project.dialect not in ("postgresql", "sqlite"):
        raise AnnotatorError(f"Full-text search is not available on {project.dialect}.")
    # A plain connection: reading needs no ORM session and its bookkeeping.
    with project.engine.connect() as session:
        if needs_substrings(query):  # Chinese, Japanese, Thai...: words inside longer runs
            total, ranked, found, texts = substring_search(session, query, limit, offset)
            results = [
                SearchResult(a, title, score, _hits(texts[a], found[a]), len(found[a]))
                for a, title, score in ranked
            ]
            return SearchResults(words, total, results)
        if project.dialect == "postgresql":
            total, ranked, marked = _postgres(session, query, limit, offset)
        else:
            total, ranked, marked = _sqlite(session, query, limit, offset)
    results = []
    for article_id, title, score in ranked:
        text, spans = unmark(marked.get(article_id, ""))
        if project.dialect == "postgresql":
            spans = join_phrases(text, spans, query)
        results.append(SearchResult(article_id, title, score, _hits(text, spans), len(spans)))
    return SearchResults(words, total, results)


def _hits(text: str, spans: list[tuple[int, int]]) -> tuple[Hit, ...]:
    return tuple(hit(text, start, end) for start, end in spans[:MAX_HITS])


def _sqlite(
    session: sa.Connection, query: Query, limit: int, offset: int
) -> tuple[int, list[tuple[int, str, float]], dict[int, str]]:
    if not session.scalar(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_fts'")
    ):
        raise AnnotatorError(
            "This project has no full-text index: the SQLite of this installation lacks FTS5."
        )
    expression = fts5_expression(query)
    try:
        total = session.scalar(
            sa.text("SELECT count(*) FROM article_fts WHERE article_fts MATCH :q"),
            {"q": expression},
        )
        ranked = session.execute(
            sa.text(
                "SELECT f.rowid, a.title, -bm25(article_fts) FROM article_fts AS f "
                "JOIN article AS a ON a.id = f.rowid WHERE article_fts MATCH :q "
                "ORDER BY bm25(article_fts), f.rowid LIMIT :limit OFFSET :offset"
            ),
            {"q": expression, "limit": limit, "offset": offset},
        ).all()
        ids = [row[0] for row in ranked]
        # Marked only for the page shown: highlight() re-reads each text it marks.
        marking = sa.text(
            "SELECT rowid, highlight(article_fts, 0, :start, :stop) FROM article_fts "
            "WHERE article_fts MATCH :q AND rowid IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True))
        marked: dict[int, str] = dict(
            session.execute(
                marking, {"q": expression, "start": START, "stop": STOP, "ids": ids}
            ).all()
        )
    except sa.exc.DatabaseError as exc:
        if is_damage(exc):
            raise DamagedProjectError(
                "The search index of this project is damaged, so words cannot be looked up "
                "in it. Words in Chinese, Japanese or Thai are still found (they are read from "
                "the texts); `annotator check` lists what is damaged."
            ) from exc
        if isinstance(exc, sa.exc.OperationalError):
            raise AnnotatorError(f"That search could not be run: {exc.orig}") from exc
        raise
    return int(total or 0), [(int(a), str(t), float(s)) for a, t, s in ranked], marked


def _postgres(
    session: sa.Connection, query: Query, limit: int, offset: int
) -> tuple[int, list[tuple[int, str, float]], dict[int, str]]:
    q = sa.select(tsquery(query).label("q")).subquery("q")
    document = sa.table("article_search", sa.column("article_id"), sa.column("document"))
    condition = document.c.document.op("@@")(q.c.q)
    total = session.scalar(sa.select(sa.func.count()).select_from(document).join(q, condition))
    score = sa.func.ts_rank(document.c.document, q.c.q)
    ranked = session.execute(
        sa.select(Article.id, Article.title, score)
        .select_from(document)
        .join(q, condition)
        .join(Article, Article.id == document.c.article_id)
        .order_by(score.desc(), Article.id)
        .limit(limit)
        .offset(offset)
    ).all()
    ids = [row[0] for row in ranked]
    options = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
    marked: dict[int, str] = dict(
        session.execute(
            sa.select(
                Article.id,
                sa.func.ts_headline(
                    "simple", sa.func.annotator_search_text(Article.text), q.c.q, options
                ),
            )
            .select_from(Article)
            .join(q, sa.true())
            .where(Article.id.in_(ids))
        ).all()
    )
    return int(total or 0), [(int(a), str(t), float(s)) for a, t, s in ranked], marked


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without the marks, and each marked span's offsets in it."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    length = 0
    start = -1
    for piece in re.split(f"([{START}{STOP}])", marked):
        if piece == START:
            start = length
        elif piece == STOP:
            if start >= 0 and length > start:
                spans.append((start, length))
            start = -1
        else:
            pieces.append(piece)
            length += len(piece)
    return "".join(pieces), spans


def join_phrases(text: str, spans: list[tuple[int, int]], query: Query) -> list[tuple[int, int]]:
    """Marked words that together make a phrase of the query, one hit (PostgreSQL marks
    each word of a phrase on its own)."""
    phrases = [tuple(w.casefold() for w in p) for p in query.phrases]
    if not phrases:
        return spans
    joined: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        taken = 1
        for phrase in phrases:
            run = spans[index : index + len(phrase)]
            if _is_phrase(text, run, phrase):
                taken = len(phrase)
                break
        joined.append((spans[index][0], spans[index + taken - 1][1]))
        index += taken
    return joined


def _is_phrase(text: str, run: list[tuple[int, int]], phrase: tuple[str, ...]) -> bool:
    """The marked words of ``run`` are the phrase's words, with nothing but spaces and
    punctuation between them."""
    if len(run) != len(phrase):
        return False
    if any(text[s:e].casefold() != w for (s, e), w in zip(run, phrase, strict=True)):
        return False
    return all(not re.search(r"\w", text[a[1] : b[0]]) for a, b in itertools.pairwise(run))


def hit(text: str, start: int, end: int) -> Hit:
    """A hit with a line of context on either side, cut at word boundaries, spaces flattened."""
    before = text[max(0, start - SNIPPET_CONTEXT) : start]
    after = text[end : end + SNIPPET_CONTEXT]
    if start > SNIPPET_CONTEXT and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + SNIPPET_CONTEXT < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return Hit(start, end, _flat(before).lstrip(), _flat(text[start:end]), _flat(after).rstrip())


SPACES = re.compile(r"\s+")


def _flat(text: str) -> str:
    # Most snippets have single plain spaces only: they are kept as they are, without a
    # regular expression (a search's page of hits makes thousands of snippets).
    if text.isprintable() and "  " not in text:
        return text
    return SPACES.sub(" ", text)
