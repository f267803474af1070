"""What the model sees of a sentence: its words and word pairs, how it begins and ends, and
the letter sequences inside its words, each weighted by how rare it is among the sentences
learned from (TF-IDF), so that a tag's telling words outweigh the words every sentence has.

Letter sequences let a model learn from word parts: Swedish compounds (``skattesänkning``)
and inflections (``sänka``, ``sänker``, ``sänkt``) share them where whole words differ.
"""

import re
from collections.abc import Sequence
from typing import Any

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

_TOKEN = re.compile(r"\w+|[^\w\s]")
_NUMBER = re.compile(r"\d")


def words(sentence: str) -> list[str]:
    """The sentence's features from whole words: every word (numbers as one word), every
    pair of neighbouring words, its first word and first two words, and its last token."""
    tokens = [
        "0" if _NUMBER.match(token) else token for token in _TOKEN.findall(sentence.lower())
    ]
    features = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    if tokens:
        features += [f"^{tokens[0]}", f"^{' '.join(tokens[:2])}", f"${tokens[-1]}"]
    return features


class SentenceFeatures:
    """Learns the vocabulary and the rarity of features from the training sentences, then
    turns any sentences into rows of a sparse matrix (one row per sentence)."""

    def __init__(self, letters: tuple[int, int] = (2, 5), letter_weight: float = 1.0) -> None:
        self._words = TfidfVectorizer(analyzer=words, sublinear_tf=True, dtype=_FLOAT)
        self._letters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=letters, sublinear_tf=True, min_df=2, dtype=_FLOAT
        )
        self._letter_weight = letter_weight

    def fit_transform(self, sentences: Sequence[str]) -> csr_matrix:
        by_words = self._words.fit_transform(sentences)
        by_letters = self._letters.fit_transform(sentences)
        return self._join(by_words, by_letters)

    def transform(self, sentences: Sequence[str]) -> csr_matrix:
        return self._join(self._words.transform(sentences), self._letters.transform(sentences))

    def _join(self, by_words: Any, by_letters: Any) -> csr_matrix:
        joined: csr_matrix = hstack([by_words, by_letters * self._letter_weight], format="csr")
        return joined

    @property
    def size(self) -> int:
        """How many features the model weighs (its vocabulary)."""
        return len(self._words.vocabulary_) + len(self._letters.vocabulary_)


try:  # the smaller float halves the matrices' memory; scikit-learn takes either
    import numpy

    _FLOAT: Any = numpy.float32
except ImportError:  # pragma: no cover - numpy comes with scikit-learn
    _FLOAT = float
