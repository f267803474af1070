"""The model behind suggestions: logistic regression over sentence features, its scores, and
its quality measured the way a second coder's would be, on articles it did not learn from.

Logistic regression is the classical choice here: it learns from a few dozen examples, gives a
score between 0 and 1 that reads as a likelihood, and its weights can be inspected. It is
fitted by stochastic gradient descent (a fixed number of passes, seeded, so the same examples
give the same model), which trains on ten thousand sentences in a fraction of a second where
the exact solvers take several. Classes are weighted by their size, so a tag that covers one
sentence in five is not drowned by the other four. Fitted so closely, its own scores crowd at
0 and 1; the cross-validation that measures its quality also learns how much to soften them
(`temperature_of`), which keeps every decision at 0.5 and the order of suggestions as they were.
"""

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from sklearn.linear_model import LogisticRegression, SGDClassifier

from annotator.core.suggest.features import Passage, SentenceFeatures

log = logging.getLogger(__name__)

STRENGTH = 1e-5
"""The regularisation (SGD's alpha; chosen on held-out manifestos, see the benchmark)."""
PASSES = 20


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence the researcher has decided on: coded with the tag (True) or not."""

    passage: Passage
    label: bool
    group: int = 0  # the article it comes from: quality is measured across articles


class NotEnoughExamples(ValueError):
    """Both kinds of example are needed before a model can be learned."""


class SentenceModel:
    """A trained model: scores sentences between 0 (unlike the tag's) and 1 (like them)."""

    def __init__(
        self, features: SentenceFeatures, classifier: SGDClassifier, temperature: float = 1.0
    ) -> None:
        self._features = features
        self._classifier = classifier
        self.temperature = temperature

    @classmethod
    def fit(
        cls, passages: Sequence[Passage], labels: Sequence[bool], strength: float = STRENGTH
    ) -> "SentenceModel":
        wanted = sum(bool(label) for label in labels)
        if wanted == 0 or wanted == len(labels):
            raise NotEnoughExamples("The model needs sentences with the tag and without it.")
        features = SentenceFeatures()
        matrix = features.fit_transform(passages)
        truth = numpy.asarray(labels, dtype=bool)
        return cls(features, _classifier(strength).fit(matrix, truth))

    def margins(self, passages: Sequence[Passage]) -> Any:
        """The model's own margins (0 on the boundary), before its temperature."""
        classifier = self._classifier
        return self._features.margins(
            passages, classifier.coef_[0], float(classifier.intercept_[0])
        )

    def scores(self, passages: Sequence[Passage]) -> list[float]:
        """How likely each sentence is to carry the tag, between 0 and 1."""
        if not passages:
            return []
        margins = self.margins(passages) * self.temperature
        return [float(p) for p in 1 / (1 + numpy.exp(-margins))]

    @property
    def features(self) -> int:
        return self._features.size


def _classifier(strength: float) -> SGDClassifier:
    return SGDClassifier(
        loss="log_loss",
        alpha=strength,
        class_weight="balanced",
        max_iter=PASSES,
        tol=None,
        random_state=0,
    )


def temperature_of(margins: Any, truth: Any) -> float:
    """How much to soften a model's margins so that its scores read as likelihoods, from the
    margins models gave examples they did not learn from (temperature scaling: Platt's
    method with the midpoint kept where it is). A logistic regression without intercept fits
    the held-out margins to the truth; its one weight then scales every margin. A margin of 0
    stays a score of 0.5, so which sentences are suggested at the default threshold, and
    their order, do not change: only the scores say more plainly how sure the model is."""
    labels = numpy.asarray(truth, dtype=bool)
    if labels.all() or not labels.any():
        return 1.0
    fitted = LogisticRegression(fit_intercept=False, C=1e4)
    fitted.fit(numpy.asarray(margins, dtype=numpy.float64).reshape(-1, 1), labels)
    weight = float(fitted.coef_[0][0])
    return weight if weight > 0 else 1.0


@dataclass(frozen=True, slots=True)
class Quality:
    """How well the model predicted examples it had not learned from (cross-validation)."""

    examples: int
    positives: int
    folds: int
    across_articles: bool  # folds held out whole articles (else single sentences)
    accuracy: float
    precision: float
    recall: float
    f1: float
    macro_f1: float
    temperature: float = 1.0  # fitted on the held-out margins (see `temperature_of`)

    def plain(self, tag: str) -> str:
        """The quality in the words a researcher uses, without the measures' names (for the
        window's panel and the command line; `figures` names them)."""
        where = "articles" if self.across_articles else "sentences"
        found = _in_ten(self.recall)
        right = _in_ten(self.precision)
        return (
            f"Checked on {where} it did not learn from: it found {found} in 10 of the "
            f"{tag} sentences, and {right} in 10 of its suggestions were {tag}."
        )

    def figures(self, tag: str) -> str:
        """The same check in the usual measures, each said in words, for those who compare
        it with other tools (the panel's tooltip, the command line)."""
        return (
            f"In the usual measures: F1 for {tag} {self.f1:.2f} (finding them and being right, "
            f"in one figure from 0 to 1); macro-F1 {self.macro_f1:.2f} (agreement with the "
            f"codes on every sentence, {tag} or not)."
        )


def _in_ten(share: float) -> int:
    return math.floor(share * 10 + 0.5)


def binary_scores(truth: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """Accuracy, precision, recall, F1 of the tag, and macro-F1 over tag and not-tag."""
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(truth, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(truth, predicted, strict=True))
    tn = len(truth) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    f1_other = 2 * tn / (2 * tn + fp + fn) if tn else 0.0
    return {
        "accuracy": (tp + tn) / len(truth) if truth else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "macro_f1": (f1 + f1_other) / 2,
    }


def cross_validate(
    examples: Sequence[Example],
    folds: int = 5,
    before_fold: Callable[[int, int], None] | None = None,
) -> Quality | None:
    """Quality on held-out examples: whole articles held out when the tag is found in at
    least two of them, else single sentences. None when there are too few examples.
    ``before_fold(fold, folds)`` is called before each fold (to report progress, or to stop
    the work by raising)."""
    positives = sum(e.label for e in examples)
    if positives < 2 or positives == len(examples):
        return None
    groups = {e.group for e in examples if e.label}
    across = len(groups) >= 2
    assign = _fold_of_groups(examples, folds) if across else _fold_of_sentences(examples, folds)
    count = max(assign) + 1
    truth: list[bool] = []
    predicted: list[bool] = []
    margins: list[float] = []
    for fold in range(count):
        if before_fold is not None:
            before_fold(fold, count)
        train = [e for e, f in zip(examples, assign, strict=True) if f != fold]
        test = [e for e, f in zip(examples, assign, strict=True) if f == fold]
        if not test:
            continue
        try:
            model = SentenceModel.fit([e.passage for e in train], [e.label for e in train])
        except NotEnoughExamples:
            continue
        truth += [e.label for e in test]
        held = model.margins([e.passage for e in test])
        predicted += [bool(m >= 0) for m in held]  # a score of 0.5 or more
        margins += [float(m) for m in held]
    if not truth:
        return None
    figures = binary_scores(truth, predicted)
    softer = temperature_of(margins, truth)
    return Quality(len(examples), positives, count, across, **figures, temperature=softer)


def _fold_of_groups(examples: Sequence[Example], folds: int) -> list[int]:
    """Whole articles to folds, the largest first into the emptiest fold, so folds are even."""
    sizes: dict[int, int] = {}
    for example in examples:
        sizes[example.group] = sizes.get(example.group, 0) + 1
    count = min(folds, len(sizes))
    load = [0] * count
    fold_of: dict[int, int] = {}
    for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
        fold = load.index(min(load))
        fold_of[group] = fold
        load[fold] += sizes[group]
    return [fold_of[e.group] for e in examples]


def _fold_of_sentences(examples: Sequence[Example], folds: int) -> list[int]:
    """Sentences to folds in turn within each class, so every fold has some of the tag."""
    count = min(folds, sum(e.label for e in examples))
    seen = {True: 0, False: 0}
    assign = []
    for example in examples:
        assign.append(seen[example.label] % count)
        seen[example.label] += 1
    return assign
