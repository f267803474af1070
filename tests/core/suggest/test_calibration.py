"""The scores read as likelihoods: on sentences whose labels are noisy, as real coders' are, a
model that learned every sentence it saw is too sure of itself; the cross-validation that
measures its quality also learns how much to soften its scores, so that they predict the
truth of sentences it never saw better (Brier score, computed here), while
the sentences suggested at the default threshold stay exactly the same."""

import random

from annotator.core.suggest.features import Passage, passages_of
from annotator.core.suggest.model import Example, SentenceModel, cross_validate

PLEDGE_WORDS = ["will", "build", "promise", "ensure", "increase", "create", "guarantee"]
OTHER_WORDS = ["the", "region", "council", "year", "number", "people", "policy", "state", "fell"]


def _articles(rng: random.Random, count: int) -> list[tuple[Passage, bool, int]]:
    """Articles of 30 sentences; a sentence with pledge words is labelled a pledge four times
    in five, one without them once in seven (coders disagree, and miss some). Each sentence
    with its label and its article's number."""
    pairs: list[tuple[Passage, bool, int]] = []
    for article in range(count):
        texts, labels = [], []
        for _ in range(30):
            pledgy = rng.random() < 0.35
            words = rng.sample(OTHER_WORDS, 6) + (rng.sample(PLEDGE_WORDS, 2) if pledgy else [])
            rng.shuffle(words)
            texts.append(" ".join(words).capitalize() + ".")
            labels.append(rng.random() < (0.8 if pledgy else 0.15))
        pairs += [(p, label, article) for p, label in zip(passages_of(texts), labels, strict=True)]
    return pairs


def _brier(scores: list[float], truth: list[bool]) -> float:
    return sum((s - t) ** 2 for s, t in zip(scores, truth, strict=True)) / len(truth)


def test_scores_are_softened_to_fit_the_held_out_truth_without_changing_what_is_suggested() -> None:
    rng = random.Random(7)
    train, test = _articles(rng, 20), _articles(rng, 10)
    model = SentenceModel.fit([p for p, _l, _a in train], [label for _p, label, _a in train])
    raw = model.scores([p for p, _l, _a in test])  # the model's own scores
    quality = cross_validate([Example(p, label, a) for p, label, a in train])
    assert quality is not None
    softened_by = model.temperature = quality.temperature  # as the service sets it
    passages, truth = [p for p, _l, _a in test], [label for _p, label, _a in test]
    calibrated = model.scores(passages)
    assert 0 < softened_by < 1
    assert [s >= 0.5 for s in calibrated] == [s >= 0.5 for s in raw]
    assert _brier(calibrated, truth) < _brier(raw, truth)
    sure = sum(s >= 0.99 or s <= 0.01 for s in calibrated)
    assert sure < sum(s >= 0.99 or s <= 0.01 for s in raw)
