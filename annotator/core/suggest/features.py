"""What the model sees of a sentence: its words and word pairs, how it begins and ends, the
letter sequences inside its words, the words of the sentences before and after it, and where
in its article it stands. Each kind is weighted by how rare it is among the sentences learned
from (TF-IDF), so that a tag's telling words outweigh the words every sentence has.

Letter sequences let a model learn from word parts: Swedish compounds (``skattesänkning``)
and inflections (``sänka``, ``sänker``, ``sänkt``) share them where whole words differ.
Neighbours matter because a pledge often follows an announcement ("We will:") and a list of
pledges runs on; position because introductions rarely pledge.

Speed: features are hashed into fixed columns (scikit-learn's `FeatureHasher`, in compiled
code) rather than looked up in a vocabulary one by one in Python, each distinct text is cut
into words once (a sentence is also its neighbours' neighbour), and each distinct word into
letter sequences once. This is what keeps training on 10,000 sentences within a second or so.
"""

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import TfidfTransformer

_TOKEN = re.compile(r"\w+|[^\w\s]")
_FLOAT: Any = numpy.float32  # half the memory of float64; scikit-learn takes either
POSITION_BINS = 5
LETTER_SIZES = (2, 5)
NEIGHBOUR_WEIGHT = 0.35
"""How much the sentences around one count beside the sentence itself (chosen on held-out
manifestos; see benchmarks/suggest_quality.py)."""
_WORD_COLUMNS = 2**19
_LETTER_COLUMNS = 2**19
_NEIGHBOUR_COLUMNS = 2**17


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence with what surrounds it: the sentences before and after it in its article
    (empty at either end) and its place in the article, from 0 (first) to 1 (last)."""

    text: str
    before: str = ""
    after: str = ""
    position: float = 0.0


def passages_of(texts: Sequence[str]) -> list[Passage]:
    """The sentences of one article, in order, each with its neighbours and place."""
    last = max(len(texts) - 1, 1)
    return [
        Passage(
            text,
            texts[i - 1] if i > 0 else "",
            texts[i + 1] if i + 1 < len(texts) else "",
            i / last,
        )
        for i, text in enumerate(texts)
    ]


def tokens(sentence: str) -> list[str]:
    """The sentence's words and marks, lower case, every number as ``0``."""
    return [t if not t[0].isdigit() else "0" for t in _TOKEN.findall(sentence.lower())]


def pairs(cut: Sequence[str]) -> list[str]:
    """Features from more than one word: every pair of neighbouring words, the first word
    and the first two words, and the last token (the words alone are counted apart)."""
    features = [f"{a} {b}" for a, b in itertools.pairwise(cut)]
    if cut:
        features += [f"^{cut[0]}", f"^{cut[0]} {cut[1] if len(cut) > 1 else ''}", f"${cut[-1]}"]
    return features


def letters(word: str) -> list[str]:
    """The letter sequences of a word, padded with a space at either end (as scikit-learn's
    ``char_wb``); none for a mark."""
    if not (word[0].isalnum() or word[0] == "_"):
        return []
    padded = f" {word} "
    low, high = LETTER_SIZES
    return [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


class SentenceFeatures:
    """Learns the rarity of features from the training passages, then turns any passages
    into rows of a sparse matrix (one row per passage)."""

    def __init__(self, neighbour_weight: float = NEIGHBOUR_WEIGHT) -> None:
        self._neighbour_weight = neighbour_weight
        self._hash_words = _hasher(_WORD_COLUMNS)
        self._hash_letters = _hasher(_LETTER_COLUMNS)
        self._hash_around = _hasher(_NEIGHBOUR_COLUMNS)
        self._idf_words = _idf()
        self._idf_letters = _idf()
        self._idf_around = _idf()

    def fit_transform(self, passages: Sequence[Passage]) -> csr_matrix:
        return self._matrix(passages, fit=True)

    def transform(self, passages: Sequence[Passage]) -> csr_matrix:
        return self._matrix(passages, fit=False)

    def _matrix(self, passages: Sequence[Passage], *, fit: bool) -> csr_matrix:
        row_of: dict[str, int] = {}
        for passage in passages:
            for text in (passage.text, passage.before, passage.after):
                row_of.setdefault(text, len(row_of))
        cut = [tokens(text) for text in row_of]
        # Each text as counts of its distinct words; every feature made of single words
        # (the words themselves, their letters, a neighbour's words) is then a product of
        # this with a matrix over the distinct words, computed once per word.
        word_of: dict[str, int] = {}
        indices = [word_of.setdefault(token, len(word_of)) for c in cut for token in c]
        indptr = numpy.cumsum([0] + [len(c) for c in cut])
        ones = numpy.ones(len(indices), dtype=_FLOAT)
        counts = csr_matrix((ones, indices, indptr), shape=(len(cut), len(word_of)))
        distinct = list(word_of)
        alone = [[w] for w in distinct]
        by_words = counts @ self._hash_words.transform(alone)
        by_words = by_words + self._hash_words.transform([pairs(c) for c in cut])
        by_letters = counts @ self._hash_letters.transform([letters(w) for w in distinct])
        around = counts @ self._hash_around.transform(alone)
        by_words = _weigh(self._idf_words, by_words, fit)
        by_letters = _weigh(self._idf_letters, by_letters, fit)
        around = _weigh(self._idf_around, around, fit)
        own = [row_of[p.text] for p in passages]
        before = around[[row_of[p.before] for p in passages]]
        after = around[[row_of[p.after] for p in passages]]
        joined: csr_matrix = hstack(
            [
                by_words[own],
                by_letters[own],
                before * self._neighbour_weight,
                after * self._neighbour_weight,
                _positions(passages),
            ],
            format="csr",
        )
        return joined

    @property
    def size(self) -> int:
        """How many distinct features the model learned weights for."""
        seen = 0
        for idf in (self._idf_words, self._idf_letters, self._idf_around):
            seen += int(numpy.count_nonzero(idf.idf_ < idf.idf_.max()))
        return seen + POSITION_BINS


def _hasher(columns: int) -> FeatureHasher:
    return FeatureHasher(
        n_features=columns, input_type="string", alternate_sign=False, dtype=_FLOAT
    )


def _weigh(idf: TfidfTransformer, counts: Any, fit: bool) -> csr_matrix:
    weighted: csr_matrix = idf.fit_transform(counts) if fit else idf.transform(counts)
    return weighted


def _idf() -> TfidfTransformer:
    return TfidfTransformer(sublinear_tf=True)


def _positions(passages: Sequence[Passage]) -> csr_matrix:
    """One column per fifth of the article: a one in the fifth the passage stands in."""
    rows = numpy.arange(len(passages))
    bins = numpy.minimum(
        (numpy.asarray([p.position for p in passages]) * POSITION_BINS).astype(int),
        POSITION_BINS - 1,
    )
    data = numpy.full(len(passages), 0.5, dtype=_FLOAT)
    return csr_matrix((data, (rows, bins)), shape=(len(passages), POSITION_BINS))
