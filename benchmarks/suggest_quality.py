"""How good suggestions are, measured like a coder: on real manifestos labelled by trained
coders (../shared/pledges, Fornaciari et al. 2021), never training and testing on the same
manifesto.

1. Through the project, as a researcher would: each manifesto becomes an article, the pledges
   of the manifestos of the other folds become one coder's annotations, and the suggestions
   (score >= 0.5) on the held-out manifestos are compared with the coders' labels, sentence by
   sentence (a sentence counts as suggested when a suggested span covers it).
2. The learning curve: the model trained on 50, 100, 200 and 500 coded sentences drawn at
   random from the training manifestos (the coders' own sentences), and on all of them.
3. Active learning: examples chosen by the tool (those it is least sure of, in batches) against
   examples chosen at random, from the same 20-sentence start.
4. How well the scores read as likelihoods on the held-out manifestos: the Brier score (mean
   squared distance of score and truth; lower is better) and the share of scores at 0.99 or
   above (or 0.01 or below), for the scores shown and for the model's own unscaled ones.

Run: python -m benchmarks.suggest_quality [--folds 5]
"""

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from annotator.core.annotation_writes import Draft, writing
from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.project import open_project
from annotator.core.suggest.examples import covers
from annotator.core.suggest.features import Passage, passages_of
from annotator.core.suggest.model import Example, SentenceModel, binary_scores, cross_validate
from annotator.core.suggest.service import suggest, train

PLEDGES = Path(__file__).resolve().parents[2] / "shared" / "pledges" / "pledge-sentences.csv"
CURVE = (50, 100, 200, 500)
ROW = "{:<34}{:>10}{:>10}{:>10}"

Sentence = tuple[str, bool]


def load(path: Path) -> dict[str, dict[str, list[Sentence]]]:
    """language → manifesto → its sentences in order, with the coders' label."""
    rows: dict[str, dict[str, list[tuple[int, str, bool]]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["language"]][row["manifesto"]].append(
                (int(row["sentence"]), row["text"], row["pledge"] == "1")
            )
    corpus: dict[str, dict[str, list[Sentence]]] = {}
    for lang, manifestos in rows.items():
        corpus[lang] = {}
        seen: dict[tuple[str, ...], str] = {}
        for name in sorted(manifestos):
            sentences = [(t, p) for _i, t, p in sorted(manifestos[name])]
            texts = tuple(t for t, _p in sentences)
            if texts in seen:  # the same manifesto twice: on both sides it would leak
                print(f"{name} is the same text as {seen[texts]}: left out")
                continue
            seen[texts] = name
            corpus[lang][name] = sentences
    return corpus


def folds_of(manifestos: list[str], count: int) -> list[list[str]]:
    ordered = sorted(manifestos)
    return [ordered[i::count] for i in range(min(count, len(ordered)))]


def document(sentences: list[Sentence]) -> str:
    """A manifesto rebuilt as a text: sentences run on after a full stop; a line break after
    a heading (no final mark) and before a list item (it begins in lower case), as in the
    published documents."""
    parts: list[str] = []
    for text, _pledge in sentences:
        if parts:
            ended = parts[-1][-1:] in ".!?…:;\"”'"
            parts.append(" " if ended and not text.strip()[:1].islower() else "\n")
        parts.append(text.strip())
    return "".join(parts)


def locate(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for sentence, _pledge in sentences:
        start = text.find(sentence.strip(), at)
        assert start >= 0, sentence
        at = start + len(sentence.strip())
        spans.append((start, at))
    return spans


def through_project(
    data: dict[str, list[Sentence]], folds: list[list[str]], workdir: Path
) -> tuple[dict[str, float], float]:
    """Figures of suggestions asked of a real project, and the seconds it took."""
    clock = time.perf_counter()
    truth: list[bool] = []
    predicted: list[bool] = []
    with open_project(workdir / "pledges.annotator") as project:
        tag = next(t for t in list_tags(project) if t.name == "pledge")
        ids: dict[str, int] = {}
        spans: dict[str, list[tuple[int, int]]] = {}
        for name, sentences in data.items():
            stored = store_article(
                project,
                ExtractedArticle(
                    text=document(sentences),
                    title=name,
                    source_kind="txt",
                    original_name=f"{name}.txt",
                    original_bytes=document(sentences).encode(),
                ),
            )
            ids[name] = stored.article_id
            with project.session() as session:
                from annotator.core.models import Article  # noqa: PLC0415

                text = session.get(Article, stored.article_id).text  # type: ignore[union-attr]
            spans[name] = locate(text, sentences)
        for number, held in enumerate(folds):
            coder = ensure_coder(project, f"coder {number}")
            with writing(project, "import") as writer:
                for name, sentences in data.items():
                    if name in held:
                        continue
                    for (start, end), (_t, pledge) in zip(spans[name], sentences, strict=True):
                        if pledge:
                            writer.add(Draft(ids[name], tag.id, coder.id, start, end))
            trained = train(project, tag.id, [coder.id])
            found = suggest(project, trained, [ids[n] for n in held], threshold=0.5)
            for name in held:
                chosen = [(s.start, s.end) for s in found if s.article_id == ids[name]]
                for span, (_t, pledge) in zip(spans[name], data[name], strict=True):
                    truth.append(pledge)
                    predicted.append(covers(span, chosen))
    return binary_scores(truth, predicted), time.perf_counter() - clock


def _passages(data: dict[str, list[Sentence]], names: list[str]) -> list[tuple[Passage, bool]]:
    pairs: list[tuple[Passage, bool]] = []
    for name in names:
        texts = [t for t, _p in data[name]]
        pairs += zip(passages_of(texts), [p for _t, p in data[name]], strict=True)
    return pairs


def _evaluate(model: SentenceModel, test: list[tuple[Passage, bool]]) -> tuple[list[bool], ...]:
    scores = model.scores([p for p, _l in test])
    return [label for _p, label in test], [s >= 0.5 for s in scores]


def calibration(data: dict[str, list[Sentence]], folds: list[list[str]]) -> dict[str, float]:
    """Brier score and share of near-certain scores on held-out manifestos, with the model's
    temperature (as the window shows them) and without it (the model's own scores), and the
    mean temperature."""
    shown: list[float] = []
    raw: list[float] = []
    truth: list[bool] = []
    temperatures: list[float] = []
    for held in folds:
        names = [n for n in data if n not in held]
        pool = [
            Example(passage, label, group)
            for group, name in enumerate(names)
            for passage, label in _passages(data, [name])
        ]
        test = _passages(data, held)
        # As the window learns: the model, and its temperature from the cross-validation
        # across the training manifestos.
        model = SentenceModel.fit([e.passage for e in pool], [e.label for e in pool])
        quality = cross_validate(pool)
        model.temperature = quality.temperature if quality else 1.0
        shown += model.scores([p for p, _l in test])
        temperatures.append(model.temperature)
        model.temperature = 1.0
        raw += model.scores([p for p, _l in test])
        truth += [label for _p, label in test]

    def brier(scores: list[float]) -> float:
        return sum((s - t) ** 2 for s, t in zip(scores, truth, strict=True)) / len(truth)

    def sure(scores: list[float]) -> float:
        return sum(s >= 0.99 or s <= 0.01 for s in scores) / len(scores)

    return {
        "brier": brier(shown),
        "brier_raw": brier(raw),
        "sure": sure(shown),
        "sure_raw": sure(raw),
        "temperature": sum(temperatures) / len(temperatures),
    }


def curves(
    data: dict[str, list[Sentence]], folds: list[list[str]], seeds: int = 2
) -> dict[str, dict[str, float]]:
    """Macro-F1 on held-out manifestos after N coded sentences: random, active, and all."""
    results: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for held in folds:
        pool = _passages(data, [n for n in data if n not in held])
        test = _passages(data, held)
        truth, guess = _evaluate(SentenceModel.fit(*zip(*pool, strict=True)), test)  # type: ignore[arg-type]
        results["all"]["t"] += truth
        results["all"]["p"] += guess
        for seed in range(seeds):
            for kind in ("random", "active"):
                for size, model in _grow(pool, kind, random.Random(seed)):
                    truth, guess = _evaluate(model, test)
                    results[f"{kind} {size}"]["t"] += truth
                    results[f"{kind} {size}"]["p"] += guess
    return {key: binary_scores(v["t"], v["p"]) for key, v in results.items()}


def _grow(
    pool: list[tuple[Passage, bool]],
    kind: str,
    rng: random.Random,
    start: int = 20,
    batch: int = 30,
) -> list[tuple[int, SentenceModel]]:
    """Models at each size of CURVE, the examples chosen at random or by the tool."""
    order = list(range(len(pool)))
    rng.shuffle(order)
    chosen, rest = order[:start], order[start:]
    models: list[tuple[int, SentenceModel]] = []
    while len(chosen) < CURVE[-1]:
        try:
            model = SentenceModel.fit([pool[i][0] for i in chosen], [pool[i][1] for i in chosen])
        except ValueError:
            model = None
        want = min(batch, min(c for c in (*CURVE, CURVE[-1]) if c > len(chosen)) - len(chosen))
        if kind == "active" and model is not None:
            sample = rest if len(rest) <= 3000 else rng.sample(rest, 3000)
            scores = model.scores([pool[i][0] for i in sample])
            ranked = sorted(zip(scores, sample, strict=True), key=lambda x: abs(x[0] - 0.5))
            picked = [i for _s, i in ranked[:want]]
        else:
            picked = rest[:want]
        taken = set(picked)
        chosen += picked
        rest = [i for i in rest if i not in taken]
        if len(chosen) in CURVE:
            final = SentenceModel.fit([pool[i][0] for i in chosen], [pool[i][1] for i in chosen])
            models.append((len(chosen), final))
    return models


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=2)
    args = parser.parse_args(argv)
    if not PLEDGES.exists():
        print(f"skipped: {PLEDGES} is absent (the labelled manifestos are not in the repository)")
        return 0
    corpus = load(PLEDGES)
    for lang, data in sorted(corpus.items()):
        folds = folds_of(list(data), args.folds)
        sentences = sum(len(s) for s in data.values())
        pledges = sum(p for s in data.values() for _t, p in s)
        print(
            f"\n== {lang}: {len(data)} manifestos, {sentences} sentences, {pledges} pledges; "
            f"{len(folds)} folds by manifesto"
        )
        with tempfile.TemporaryDirectory() as tmp:
            figures, seconds = through_project(data, folds, Path(tmp))
        print(ROW.format("", "accuracy", "pledge F1", "macro-F1"))
        print(
            ROW.format(
                "project, all examples",
                f"{figures['accuracy']:.3f}",
                f"{figures['f1']:.3f}",
                f"{figures['macro_f1']:.3f}",
            ),
            f" ({seconds:.0f} s)",
        )
        c = calibration(data, folds)
        print(
            f"scores on held-out manifestos: Brier {c['brier']:.3f} (unscaled "
            f"{c['brier_raw']:.3f}); at 0.99 or above, or 0.01 or below: {c['sure']:.0%} "
            f"(unscaled {c['sure_raw']:.0%}); temperature {c['temperature']:.2f}"
        )
        for key, f in curves(data, folds, args.seeds).items():
            print(
                ROW.format(
                    f"sentences, {key}",
                    f"{f['accuracy']:.3f}",
                    f"{f['f1']:.3f}",
                    f"{f['macro_f1']:.3f}",
                )
            )
        sys.stdout.flush()
    print("\ntargets: macro-F1 >= 0.80 with all examples, >= 0.70 after 200 examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
