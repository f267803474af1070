"""Agreement over 1,000 articles of 5,000 characters, two coders, four tags, 20 spans per
coder and article; all coefficients, from the stored project.

    python -m benchmarks.agreement_bench [--articles 1000]

Prints the time to gather the spans and compute everything (every coefficient for every tag),
beside the krippendorff package computing one coefficient (the binary alpha) for one tag on the
same characters, timed from the same gathered spans including the building of the dense coders
× characters matrix it needs; the ratio therefore sets all our work against a small part of
it, and says so. Medians of three rounds in alternating order; the machine's load before and
after.
"""

import argparse
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import sqlalchemy as sa

from annotator.core.agreement.data import gather
from annotator.core.agreement.report import agreement_of
from annotator.core.coders import ensure_coder
from annotator.core.models import Annotation, Article, Tag, utcnow
from annotator.core.project import Project, open_project
from annotator.core.text import article_uri
from benchmarks.window_steps import machine_load


def build(path: Path, articles: int, seed: int = 3) -> Project:
    rng = random.Random(seed)
    project = open_project(path)
    coders = [ensure_coder(project, name).id for name in ("Ada", "Bo")]
    now = utcnow()
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag.id)))
        for a in range(articles):
            text = "".join(rng.choice("abcdefgh ") for _ in range(4990)) + f"{a:>10}"
            session.add(
                Article(
                    uri=article_uri(text),
                    title=f"A{a}",
                    text=text,
                    chars=5000,
                    source_kind="txt",
                    position=a,
                )
            )
        session.flush()
        rows: list[dict[str, Any]] = []
        for article_id in session.scalars(sa.select(Article.id)):
            anchors = [rng.randrange(0, 4800) for _ in range(20)]
            for coder in coders:
                for anchor in anchors:
                    start = max(0, anchor + rng.randint(-20, 20))
                    end = start + rng.randint(10, 180)
                    rows.append(
                        {
                            "uuid": str(uuid.uuid4()),
                            "article_id": article_id,
                            "tag_id": rng.choice(tags),
                            "coder_id": coder,
                            "start": start,
                            "end": end,
                            "quote": "",
                            "note": "",
                            "created": now,
                            "modified": now,
                            "version": 1,
                        }
                    )
        session.execute(sa.insert(Annotation), rows)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    print("before:", machine_load())
    with tempfile.TemporaryDirectory() as folder:
        project = build(Path(folder) / "bench.annotator", args.articles)
        data = gather(project)
        tag = data.tags[0]

        def ours() -> float:
            value = agreement_of(gather(project)).tags[tag]["alpha_binary"]
            assert value is not None
            return value

        def package() -> float:
            matrix = np.zeros((2, data.length), dtype=np.int8)
            for row, spans in enumerate(data.spans[tag]):
                for start, end in spans:
                    matrix[row, start:end] = 1
            return float(
                krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
            )

        times: dict[str, list[float]] = {"ours": [], "package": []}
        results: dict[str, float] = {}
        sides = {"ours": ours, "package": package}
        for number in range(3):
            for name in ("ours", "package") if number % 2 == 0 else ("package", "ours"):
                began = time.perf_counter()
                results[name] = sides[name]()
                times[name].append(time.perf_counter() - began)
        began = time.perf_counter()
        gather(project)
        gathered = time.perf_counter() - began
        project.close()
    total, theirs = (statistics.median(times[name]) for name in ("ours", "package"))
    print(
        f"{args.articles:,} articles, {data.length:,} characters, 2 coders, 4 tags, "
        f"{args.articles * 40:,} spans"
    )
    print(
        f"Annotator, every coefficient for every tag:   {total:6.2f} s "
        f"(reading the spans {gathered:.2f} s; target under 2 s)"
    )
    print(
        f"krippendorff package, ONE coefficient (binary alpha) for ONE tag, its matrix "
        f"built from the same spans included: {theirs:6.2f} s"
    )
    print(
        f"ratio: {total / theirs:.2f}x (all our coefficients for all tags against the "
        "package's one coefficient for one tag)"
    )
    print(
        f"check: binary alpha of {tag}: ours {results['ours']:.6f}, "
        f"package {results['package']:.6f}"
    )
    print("medians of 3 rounds in alternating order")
    print("after: ", machine_load())


if __name__ == "__main__":
    main()
