"""What a project teaches the model about one tag: the sentences of the articles its coders
have read, each with the tag (an annotation of the tag covers it) or without it (the rest of
the text, and every passage a coder rejected as a suggestion).

An article counts as read when the coder coded something in it by hand or marked it done.
In an article where the coder only decided on suggestions, only those passages count: the
rest of it may not have been read yet, and must not teach the model that it is not the tag.

A sentence carries the tag when an annotation of the tag covers at least half of it, or when
at least half of the annotation lies inside it (a clause coded inside a long sentence).
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.models import (
    Annotation,
    Article,
    CoderArticleStatus,
    CodingStatus,
    SuggestionDecision,
)
from annotator.core.suggest.features import Passage, passages_of
from annotator.core.suggest.model import Example
from annotator.core.suggest.sentences import sentence_spans
from annotator.core.suggest.suggestion import ACCEPTED, REJECTED

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ArticleSentences:
    """One article cut into sentences: their spans and their passages (in order)."""

    article_id: int
    spans: list[Span]
    passages: list[Passage]


def article_sentences(article_id: int, text: str) -> ArticleSentences:
    spans = sentence_spans(text)
    return ArticleSentences(article_id, spans, passages_of([text[s:e] for s, e in spans]))


def covers(sentence: Span, spans: Iterable[Span]) -> bool:
    """Whether any of ``spans`` covers half of ``sentence`` or lies half inside it."""
    start, end = sentence
    for a, b in spans:
        overlap = min(end, b) - max(start, a)
        if overlap > 0 and (2 * overlap >= end - start or 2 * overlap >= b - a):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Coded:
    """The tag's annotations and rejections per article, for the chosen coders."""

    coded: dict[int, list[Span]]  # article → spans coded with the tag
    rejected: dict[int, list[Span]]  # article → spans rejected as suggestions of the tag
    articles: set[int]  # every article these coders coded or decided on
    read: set[int]  # the articles read whole (coded by hand, or marked done)


def read_coded(session: "Session", tag_id: int, coder_ids: Collection[int] | None) -> Coded:
    """The chosen coders' (None: every coder's) annotations of the tag and rejections."""
    coded: dict[int, list[Span]] = defaultdict(list)
    rejected: dict[int, list[Span]] = defaultdict(list)
    who = list(coder_ids) if coder_ids is not None else None
    accepted = sa.select(SuggestionDecision.annotation_uuid).where(
        SuggestionDecision.decision == ACCEPTED
    )
    suggested = set(session.scalars(accepted))
    query = sa.select(
        Annotation.article_id, Annotation.tag_id, Annotation.start, Annotation.end, Annotation.uuid
    )
    if who is not None:
        query = query.where(Annotation.coder_id.in_(who))
    articles: set[int] = set()
    read: set[int] = set()
    for article_id, tag, start, end, uuid in session.execute(query):
        articles.add(article_id)
        if uuid not in suggested:
            read.add(article_id)
        if tag == tag_id:
            coded[article_id].append((start, end))
    done = sa.select(CoderArticleStatus.article_id).where(
        CoderArticleStatus.status == CodingStatus.DONE.value
    )
    if who is not None:
        done = done.where(CoderArticleStatus.coder_id.in_(who))
    read.update(session.scalars(done))
    articles |= read
    decisions = sa.select(
        SuggestionDecision.article_id, SuggestionDecision.start, SuggestionDecision.end
    ).where(SuggestionDecision.tag_id == tag_id, SuggestionDecision.decision == REJECTED)
    if coder_ids is not None:
        decisions = decisions.where(SuggestionDecision.coder_id.in_(list(coder_ids)))
    for article_id, start, end in session.execute(decisions):
        rejected[article_id].append((start, end))
        articles.add(article_id)
    return Coded(dict(coded), dict(rejected), articles, read)


def read_texts(session: "Session", article_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(article_ids))
    texts: dict[int, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        rows = session.execute(sa.select(Article.id, Article.text).where(Article.id.in_(part)))
        texts.update((article_id, text) for article_id, text in rows)
    return texts


def examples_of(sentences: Sequence[ArticleSentences], coded: Coded) -> list[tuple[Example, Span]]:
    """Every sentence of the coded articles as an example, with its span."""
    found: list[tuple[Example, Span]] = []
    for article in sentences:
        spans = coded.coded.get(article.article_id, [])
        rejected = coded.rejected.get(article.article_id, [])
        whole = article.article_id in coded.read
        for span, passage in zip(article.spans, article.passages, strict=True):
            label = covers(span, spans)  # a rejection never outweighs a code
            if whole or label or covers(span, rejected):
                found.append((Example(passage, label, article.article_id), span))
    return found
