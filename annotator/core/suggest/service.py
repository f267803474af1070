"""Suggestions for a tag: learn from the project's coded articles, then propose the uncoded
sentences most like the coded ones, best first. Nothing is written here: a suggestion only
becomes an annotation when a coder accepts it (see `decisions`).
"""

import logging
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.errors import AnnotatorError
from annotator.core.models import Article
from annotator.core.suggest.examples import (
    ArticleSentences,
    Coded,
    article_sentences,
    covers,
    examples_of,
    read_coded,
    read_texts,
)
from annotator.core.suggest.model import (
    Example,
    NotEnoughExamples,
    Quality,
    SentenceModel,
    cross_validate,
)
from annotator.core.suggest.policy import closed_articles
from annotator.core.suggest.suggestion import Suggestion

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], bool]
"""Told (done, total, what) as the work goes on; returns False to stop it (see `Cancelled`)."""

MIN_CODED = 20
"""Coded passages of a tag needed before its suggestions are offered."""
THRESHOLD = 0.5
"""The score from which a sentence is suggested when neither a number nor a score is asked."""


@dataclass(frozen=True)
class Trained:
    """A model of one tag, and what it learned from."""

    tag_id: int
    coder_ids: frozenset[int] | None  # whose codes it learned (None: everyone's)
    model: SentenceModel
    examples: int
    positives: int
    articles: int
    quality: Quality | None = None


class TooFewExamples(AnnotatorError):
    """The tag has not been coded often enough for suggestions."""


class Cancelled(AnnotatorError):
    """The researcher stopped the learning (or the scoring) before it ended."""

    def __init__(self) -> None:
        super().__init__("Stopped before the end; the suggestions are as they were.")


def _step(report: Progress | None, done: int, total: int, what: str) -> None:
    if report is not None and not report(done, total, what):
        raise Cancelled


def gather(
    project: "Project", tag_id: int, coder_ids: Collection[int] | None
) -> tuple[list[Example], Coded]:
    """The examples the project holds for the tag (see `examples`)."""
    with project.session() as session:
        coded = read_coded(session, tag_id, coder_ids)
        texts = read_texts(session, coded.articles)
    sentences = [article_sentences(a, texts[a]) for a in sorted(texts)]
    return [example for example, _span in examples_of(sentences, coded)], coded


def train(
    project: "Project",
    tag_id: int,
    coder_ids: Collection[int] | None = None,
    *,
    minimum: int = MIN_CODED,
    check: bool = False,
    report: Progress | None = None,
) -> Trained:
    """Learn the tag from the chosen coders' (None: every coder's) codes; ``check`` also
    measures the model's quality by cross-validation across articles, and softens its scores
    to fit what it predicted there (without ``check`` they are the model's own, surer ones).
    ``report`` hears of each step (reading, learning, each fold of the check) and may stop
    the work between steps: `Cancelled` is raised then."""
    steps = 2 + (5 if check else 0)
    _step(report, 0, steps, "Reading your codes")
    examples, coded = gather(project, tag_id, coder_ids)
    positives = sum(e.label for e in examples)
    if positives < minimum:
        raise TooFewExamples(
            f"Suggestions for this tag need at least {minimum} coded passages; "
            f"there are {positives} so far. Code some more, then ask again."
        )
    _step(report, 1, steps, f"Learning from {len(examples)} sentences")
    try:
        model = SentenceModel.fit([e.passage for e in examples], [e.label for e in examples])
    except NotEnoughExamples as exc:
        raise TooFewExamples(str(exc)) from None

    def before_fold(fold: int, folds: int) -> None:
        _step(report, 2 + fold, 2 + folds, f"Checking its quality ({fold + 1} of {folds})")

    quality = cross_validate(examples, before_fold=before_fold) if check else None
    if quality is not None:
        model.temperature = quality.temperature  # scores as likely as they proved
    _step(report, steps, steps, "Learned")
    log.info(
        "learned tag %d from %d sentences (%d coded) in %d articles",
        tag_id,
        len(examples),
        positives,
        len(coded.articles),
    )
    return Trained(
        tag_id,
        frozenset(coder_ids) if coder_ids is not None else None,
        model,
        len(examples),
        positives,
        len(coded.articles),
        quality,
    )


def suggest(
    project: "Project",
    trained: Trained,
    article_ids: Iterable[int] | None = None,
    *,
    top: int | None = None,
    threshold: float | None = None,
    report: Progress | None = None,
) -> list[Suggestion]:
    """The uncoded sentences of the articles (None: every article where suggestions may be
    shown) scored by the model, best first: the ``top`` best, or those scoring at least
    ``threshold`` (the default threshold when neither is given). ``report`` hears of each
    article scored and may stop the work (`Cancelled`)."""
    closed = closed_articles(project)
    with project.session() as session:
        coded = read_coded(session, trained.tag_id, trained.coder_ids)
        if article_ids is None:
            wanted = set(session.scalars(sa.select(Article.id)))
        else:
            wanted = set(article_ids)
        texts = read_texts(session, wanted - closed)
    found: list[Suggestion] = []
    for done, article_id in enumerate(sorted(texts)):
        _step(report, done, len(texts), "Finding suggestions in the articles")
        sentences = article_sentences(article_id, texts[article_id])
        found += _score(trained, sentences, coded, texts[article_id])
    found.sort(key=lambda s: (-s.score, s.article_id, s.start))
    if top is not None:
        return found[: max(top, 0)]
    floor = THRESHOLD if threshold is None else threshold
    return [s for s in found if s.score >= floor]


def _score(
    trained: Trained, sentences: ArticleSentences, coded: Coded, text: str
) -> list[Suggestion]:
    done = coded.coded.get(sentences.article_id, []) + coded.rejected.get(sentences.article_id, [])
    open_ = [
        (span, passage)
        for span, passage in zip(sentences.spans, sentences.passages, strict=True)
        if not covers(span, done)
    ]
    scores = trained.model.scores([passage for _span, passage in open_])
    return [
        Suggestion(sentences.article_id, trained.tag_id, s, e, text[s:e], score)
        for ((s, e), _passage), score in zip(open_, scores, strict=True)
    ]
