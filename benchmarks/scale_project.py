"""A generated project as large as a long study's: many articles, two coders, every status.

Articles are a few paragraphs of distinct generated text (3,000 characters on average); the
annotations are spread over them evenly, half by each coder, on whole words; a third of the
first coder's articles are done and a third in progress. Rows are written in bulk, straight
into the tables, so building 10,000 articles and 200,000 annotations takes seconds.
"""

import random
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from annotator.core.coders import ensure_coder
from annotator.core.models import (
    Annotation,
    Article,
    CoderArticleStatus,
    CodingStatus,
    Tag,
    utcnow,
)
from annotator.core.project import Project, open_project
from annotator.core.text import article_uri

CODER = "Bench Coder"
OTHER_CODER = "Second Coder"

VOCABULARY = """the council pledges new buses by 2030 but critics doubt funding plan mayor said
grant national budget emissions cut forty per cent unless transport minister promised homes
report found statistics show rise fall year schools hospitals"""
WORDS = VOCABULARY.split()


def make_text(rng: random.Random, number: int, size: int) -> str:
    paragraphs, total = [f"Article {number}: {' '.join(rng.choices(WORDS, k=6))}"], 0
    while total < size:
        paragraph = " ".join(rng.choices(WORDS, k=rng.randint(30, 90))) + "."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def word_spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """``count`` spans of one to twelve whole words, anywhere in ``text``."""
    starts = [i for i in range(len(text)) if text[i].isalnum() and (i == 0 or text[i - 1] == " ")]
    spans = []
    for _ in range(count):
        first = rng.randrange(len(starts))
        last = min(first + rng.randint(1, 12), len(starts) - 1)
        end = starts[last] - 1 if last > first else len(text)
        while end > starts[first] and not text[end - 1].isalnum():
            end -= 1
        spans.append((starts[first], max(end, starts[first] + 1)))
    return spans


def build_scale_project(
    path: Path, articles: int, annotations: int, *, size: int = 3000, seed: int = 5
) -> Project:
    """A new project at ``path`` holding the generated articles, annotations and statuses."""
    rng = random.Random(seed)
    project = open_project(path)
    coders = [ensure_coder(project, CODER).id, ensure_coder(project, OTHER_CODER).id]
    now = utcnow()
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag.id).order_by(Tag.position, Tag.id)))
    texts = [make_text(rng, number, size) for number in range(articles)]
    with project.session() as session:
        session.execute(
            sa.insert(Article),
            [
                {
                    "uri": article_uri(text),
                    "title": text.split("\n", 1)[0],
                    "text": text,
                    "chars": len(text),
                    "source_kind": "txt",
                    "original_name": f"article-{number}.txt",
                    "outlet": rng.choice(["Daily", "Herald", "Gazette"]),
                    "position": number + 1,
                }
                for number, text in enumerate(texts)
            ],
        )
        ids = list(session.scalars(sa.select(Article.id).order_by(Article.position)))
    per_article = [annotations // articles] * articles
    for extra in range(annotations - sum(per_article)):
        per_article[extra] += 1
    batch: list[dict[str, Any]] = []
    for article_id, text, count in zip(ids, texts, per_article, strict=True):
        for number, (start, end) in enumerate(word_spans(text, count, rng)):
            batch.append(
                {
                    "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "article_id": article_id,
                    "tag_id": rng.choice(tags),
                    "coder_id": coders[number % 2],
                    "start": start,
                    "end": end,
                    "quote": text[start:end],
                    "note": "",
                    "created": now,
                    "modified": now,
                    "version": 1,
                }
            )
        if len(batch) > 20_000:
            _insert(project, Annotation, batch)
            batch = []
    _insert(project, Annotation, batch)
    statuses = [
        {"coder_id": coders[0], "article_id": article_id, "status": status.value, "modified": now}
        for article_id, status in zip(
            ids, [CodingStatus.DONE, CodingStatus.IN_PROGRESS, None] * articles, strict=False
        )
        if status is not None
    ]
    _insert(project, CoderArticleStatus, statuses)
    return project


def _insert(project: Project, table: type[Any], rows: list[dict[str, Any]]) -> None:
    if rows:
        with project.session() as session:
            session.execute(sa.insert(table), rows)
