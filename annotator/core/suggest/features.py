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
from functools import lru_cache
from typing import Any

import numpy
from scipy.sparse import csr_matrix, hstack
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32

from annotator.core.collector import collector_paused

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
_PAIR = 1_000_003  # mixes two words' hashes into the hash of the pair
_SALT_PAIR, _SALT_FIRST, _SALT_OPENING, _SALT_LAST = 0x5A5A5A, 0x1F1F1F, 0x2E2E2E, 0x3D3D3D


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
    """The sentence's words and marks, lower case (numbers are made one word later, once
    per distinct word: see `_plain`)."""
    return _TOKEN.findall(sentence.lower())


def _plain(word: str) -> str:
    """A word as the model sees it: every number (a word that begins with a digit) as 0."""
    return "0" if word[0].isdigit() else word


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
        self._idf_words = Rarity()
        self._idf_letters = Rarity()
        self._idf_around = Rarity()

    def fit_transform(self, passages: Sequence[Passage]) -> csr_matrix:
        with collector_paused():
            return self._blocks(passages, fit=True).joined(self._neighbour_weight)

    def transform(self, passages: Sequence[Passage]) -> csr_matrix:
        with collector_paused():  # many small lists and strings, none of them in a cycle
            return self._blocks(passages, fit=False).joined(self._neighbour_weight)

    def margins(self, passages: Sequence[Passage], weights: Any, intercept: float) -> Any:
        """A linear model's margins for ``passages``: what ``transform(passages) @ weights
        + intercept`` gives, computed block by block, so the passages' matrix is never built
        (each distinct text's words weighed once, then picked for the passages it is in)."""
        with collector_paused():
            blocks = self._blocks(passages, fit=False)
        return blocks.margins(
            numpy.asarray(weights, dtype=numpy.float64), intercept, self._neighbour_weight
        )

    def _blocks(self, passages: Sequence[Passage], *, fit: bool) -> "Blocks":
        row_of: dict[str, int] = {}
        for passage in passages:
            for text in (passage.text, passage.before, passage.after):
                row_of.setdefault(text, len(row_of))
        cut = [tokens(text) for text in row_of]
        # Every token as the number of its distinct word, and every distinct word's hash:
        # all features are then computed from these arrays at once, in compiled code.
        word_of = {w: i for i, w in enumerate(dict.fromkeys(itertools.chain.from_iterable(cut)))}
        ids = numpy.fromiter(
            map(word_of.__getitem__, itertools.chain.from_iterable(cut)), dtype=numpy.int64
        )
        lengths = numpy.fromiter((len(c) for c in cut), dtype=numpy.int64, count=len(cut))
        hashes = numpy.fromiter((_hash(w) for w in word_of), dtype=numpy.int64)[ids]
        text_of = numpy.repeat(numpy.arange(len(cut)), lengths)
        shape = len(cut)
        by_words = _count(shape, _WORD_COLUMNS, *_word_features(hashes, text_of, lengths))
        by_letters = _letter_counts(shape, list(word_of), ids, text_of)
        around = _count(shape, _NEIGHBOUR_COLUMNS, text_of, hashes)
        by_words = self._idf_words.weigh(by_words, fit)
        by_letters = self._idf_letters.weigh(by_letters, fit)
        around = self._idf_around.weigh(around, fit)
        return Blocks(
            by_words,
            by_letters,
            around,
            numpy.fromiter((row_of[p.text] for p in passages), dtype=numpy.int64),
            numpy.fromiter((row_of[p.before] for p in passages), dtype=numpy.int64),
            numpy.fromiter((row_of[p.after] for p in passages), dtype=numpy.int64),
            _positions(passages),
        )

    @property
    def size(self) -> int:
        """How many distinct features the model learned weights for."""
        seen = 0
        for rarity in (self._idf_words, self._idf_letters, self._idf_around):
            seen += rarity.seen
        return seen + POSITION_BINS


@dataclass(frozen=True, slots=True)
class Blocks:
    """The features of some passages, by kind: words, letters and the words around a text
    are rows per distinct text; ``own``, ``before`` and ``after`` give each passage's rows."""

    words: csr_matrix
    letters: csr_matrix
    around: csr_matrix
    own: Any
    before: Any
    after: Any
    positions: csr_matrix

    def joined(self, neighbour_weight: float) -> csr_matrix:
        """One row per passage: words, letters, the words before and after, its place."""
        matrix: csr_matrix = hstack(
            [
                self.words[self.own],
                self.letters[self.own],
                self.around[self.before] * neighbour_weight,
                self.around[self.after] * neighbour_weight,
                self.positions,
            ],
            format="csr",
        )
        return matrix

    def margins(self, weights: Any, intercept: float, neighbour_weight: float) -> Any:
        """``joined(neighbour_weight) @ weights + intercept``, block by block."""
        edges = numpy.cumsum(
            [0, _WORD_COLUMNS, _LETTER_COLUMNS, _NEIGHBOUR_COLUMNS, _NEIGHBOUR_COLUMNS]
        )
        part = [weights[a:b] for a, b in itertools.pairwise([*edges, len(weights)])]
        per_text = self.words @ part[0] + self.letters @ part[1]
        around_before = self.around @ part[2]
        around_after = self.around @ part[3]
        return (
            per_text[self.own]
            + neighbour_weight * (around_before[self.before] + around_after[self.after])
            + self.positions @ part[4]
            + intercept
        )


@lru_cache(maxsize=200_000)
def _hash(word: str) -> int:
    return int(murmurhash3_32(_plain(word), seed=0, positive=True))


@lru_cache(maxsize=100_000)
def _letter_columns(word: str) -> numpy.ndarray:
    """The columns of a word's letter sequences (each word's cut and hashed once)."""
    grams = letters(_plain(word))
    return numpy.fromiter(
        (murmurhash3_32(g, seed=1, positive=True) % _LETTER_COLUMNS for g in grams),
        dtype=numpy.int64,
        count=len(grams),
    )


def _word_features(hashes: Any, text_of: Any, lengths: Any) -> tuple[Any, Any]:
    """(row, column) of every word, every pair of neighbouring words, each text's first
    word, first two words and last token (pairs and marks hashed from their words' hashes)."""
    same = text_of[:-1] == text_of[1:]
    pair = (hashes[:-1][same] * _PAIR + hashes[1:][same]) ^ _SALT_PAIR
    starts = numpy.cumsum(lengths) - lengths
    filled = lengths > 0
    first = starts[filled]
    rows = numpy.flatnonzero(filled)
    two = lengths[filled] > 1
    second = numpy.where(two, hashes[numpy.minimum(first + 1, len(hashes) - 1)], 0)
    last = (starts + lengths - 1)[filled]
    return (
        numpy.concatenate([text_of, text_of[:-1][same], rows, rows, rows]),
        numpy.concatenate(
            [
                hashes,
                pair,
                hashes[first] ^ _SALT_FIRST,
                (hashes[first] * _PAIR + second) ^ _SALT_OPENING,
                hashes[last] ^ _SALT_LAST,
            ]
        ),
    )


def _letter_counts(shape: int, distinct: list[str], ids: Any, text_of: Any) -> csr_matrix:
    """Each text's letter sequences: its words' counts times each word's sequences."""
    columns = [_letter_columns(w) for w in distinct]
    sizes = numpy.fromiter((len(c) for c in columns), dtype=numpy.int64, count=len(columns))
    indptr = numpy.concatenate([[0], numpy.cumsum(sizes)])
    flat = numpy.concatenate(columns) if columns else numpy.zeros(0, dtype=numpy.int64)
    per_word = csr_matrix(
        (numpy.ones(len(flat), dtype=_FLOAT), flat, indptr),
        shape=(len(distinct), _LETTER_COLUMNS),
    )
    words = _count(shape, len(distinct), text_of, ids, modulo=False)
    counted: csr_matrix = words @ per_word
    return counted


def _count(rows: int, columns: int, row: Any, column: Any, modulo: bool = True) -> csr_matrix:
    """A count matrix from (row, column) pairs, a column hashed into ``columns``."""
    where = column % columns if modulo else column
    data = numpy.ones(len(row), dtype=_FLOAT)
    counted = csr_matrix((data, (row, where)), shape=(rows, columns))
    counted.sum_duplicates()
    return counted


class Rarity:
    """TF-IDF as scikit-learn's `TfidfTransformer(sublinear_tf=True)` computes it (smoothed
    inverse document frequency, 1 + log of each count, rows of unit length), done in place
    on the hashed counts: the same figures in half the time."""

    def __init__(self) -> None:
        self.idf: Any = None
        self.seen = 0

    def weigh(self, counts: csr_matrix, fit: bool) -> csr_matrix:
        if fit:
            rows, columns = counts.shape
            found = numpy.bincount(counts.indices, minlength=columns)
            self.idf = (numpy.log((1 + rows) / (1 + found)) + 1).astype(_FLOAT)
            self.seen = int(numpy.count_nonzero(found))
        weighted = counts.astype(_FLOAT, copy=False)
        weighted.data = (numpy.log(weighted.data) + 1) * self.idf[weighted.indices]
        normalized: csr_matrix = normalize(weighted, copy=False)
        return normalized


def _positions(passages: Sequence[Passage]) -> csr_matrix:
    """One column per fifth of the article: a one in the fifth the passage stands in."""
    rows = numpy.arange(len(passages))
    bins = numpy.minimum(
        (numpy.asarray([p.position for p in passages]) * POSITION_BINS).astype(int),
        POSITION_BINS - 1,
    )
    data = numpy.full(len(passages), 0.5, dtype=_FLOAT)
    return csr_matrix((data, (rows, bins)), shape=(len(passages), POSITION_BINS))
