"""A generated corpus for the scale benchmarks and the screenshots: articles of about 5,000
characters from a dozen outlets over six years, two coders' annotations, statuses and four
attributes (company, country, employees, article type), written in bulk through SQLAlchemy
Core into a real project (the search index's triggers fill the index as they would)."""

import random
import uuid
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from annotator.core.attributes import define_attribute
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import (
    Annotation,
    Article,
    ArticleAttribute,
    AttributeKind,
    CoderArticleStatus,
    utcnow,
)
from annotator.core.project import Project, open_project
from annotator.core.text import article_uri

OUTLETS = (
    "The Guardian", "Financial Times", "Reuters", "Bloomberg", "Le Monde", "Die Zeit",
    "El País", "The Times", "Politico", "Euractiv", "The Economist", "Handelsblatt",
)  # fmt: skip
COMPANIES = (
    "Shell", "BP", "TotalEnergies", "Eni", "Equinor", "Repsol", "OMV", "RWE", "Enel", "Iberdrola",
    "Ørsted", "Vattenfall", "Uniper", "Engie", "EDF", "Siemens Energy", "Heidelberg Materials",
    "ArcelorMittal", "Thyssenkrupp", "Volkswagen",
)  # fmt: skip
COUNTRIES = ("UK", "Netherlands", "France", "Italy", "Norway", "Spain", "Austria", "Germany",
             "Denmark", "Sweden")  # fmt: skip
TYPES = ("News", "Analysis", "Opinion", "Interview")
SENTENCES = (
    "{c} pledged to reach net zero emissions by 2050 across its operations.",
    "The company said it would cut methane leaks by half before the end of the decade.",
    "Critics called the plan vague and said it relied on offsets rather than real cuts.",
    "Analysts noted that the target excludes emissions from the products it sells.",
    "The pledge depends on government subsidies that have not yet been approved.",
    "Investors welcomed the announcement, and the shares rose 2.4 per cent on Tuesday.",
    "Campaigners said {c} had made similar promises in 2019 and missed them.",
    "The chief executive told reporters that the transition would take time.",
    "According to the annual report, capital spending on renewables will double.",
    "A spokesperson declined to say how much the programme would cost.",
    "Regulators are expected to publish new disclosure rules later this year.",
    "The commitment covers scope 1 and 2 emissions but not scope 3.",
    "Environmental groups described the targets as greenwashing.",
    "The firm plans to invest 5 billion euros in hydrogen and carbon capture.",
)


def _text(rng: random.Random, company: str, length: int) -> str:
    parts: list[str] = [f"{company} and the climate: what the new pledge means\n\n"]
    size = len(parts[0])
    while size < length:
        paragraph = " ".join(
            rng.choice(SENTENCES).format(c=company) for _ in range(rng.randint(3, 6))
        )
        parts.append(paragraph + "\n\n")
        size += len(paragraph) + 2
    return "".join(parts)


def generate(
    path: Path, articles: int, annotations: int, *, chars: int = 5000, seed: int = 15
) -> Project:
    """A project at ``path`` with this many articles and annotations; returned open."""
    rng = random.Random(seed)
    project = open_project(path)
    tags = [t.id for t in list_tags(project)]
    coders = [ensure_coder(project, "Ada").id, ensure_coder(project, "Ben").id]
    kinds = (
        ("company", AttributeKind.CHOICE, COMPANIES),
        ("country", AttributeKind.TEXT, ()),
        ("employees", AttributeKind.NUMBER, ()),
        ("article type", AttributeKind.CHOICE, TYPES),
    )
    attributes = [define_attribute(project, n, k, c).id for n, k, c in kinds]
    now = utcnow()
    per_article = max(annotations // max(articles, 1), 0)
    extra = annotations - per_article * articles
    start_day = date(2019, 1, 1)
    with project.session() as session:
        connection = session.connection()
        for first in range(0, articles, 500):
            rows, notes, values, statuses = [], [], [], []
            for number in range(first, min(first + 500, articles)):
                article_id = number + 1
                company = COMPANIES[number % len(COMPANIES)]
                text = _text(rng, company, chars)
                day = start_day + timedelta(days=rng.randrange(6 * 365))
                rows.append(
                    {
                        "id": article_id,
                        "uri": article_uri(text + str(number)),
                        "title": f"{company}: climate pledge {number + 1}",
                        "text": text,
                        "chars": len(text),
                        "source_kind": "html",
                        "original_name": f"article-{number + 1:05d}.html",
                        "imported_at": now,
                        "author": "",
                        "outlet": OUTLETS[rng.randrange(len(OUTLETS))],
                        "published": day.isoformat(),
                        "url": f"https://news.example/{number + 1}",
                        "language": "en",
                        "position": number + 1,
                    }
                )
                count = per_article + (1 if number < extra else 0)
                for _ in range(count):
                    # Whole words, as a researcher selects them.
                    start = text.rfind(" ", 0, rng.randrange(60, len(text) - 160)) + 1
                    end = text.find(" ", start + rng.randint(20, 110))
                    notes.append(
                        {
                            "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                            "article_id": article_id,
                            "tag_id": rng.choice(tags),
                            "coder_id": rng.choice(coders),
                            "start": start,
                            "end": end,
                            "quote": text[start:end],
                            "note": "check the figure" if rng.random() < 0.05 else "",
                            "created": now,
                            "modified": now,
                            "version": 1,
                        }
                    )
                values += [
                    {"article_id": article_id, "attribute_id": attributes[0], "value": company},
                    {
                        "article_id": article_id,
                        "attribute_id": attributes[1],
                        "value": COUNTRIES[number % len(COUNTRIES)],
                    },
                    {
                        "article_id": article_id,
                        "attribute_id": attributes[2],
                        "value": str(1000 * (1 + number % 90)),
                    },
                    {
                        "article_id": article_id,
                        "attribute_id": attributes[3],
                        "value": TYPES[number % len(TYPES)],
                    },
                ]
                for coder in coders:
                    roll = rng.random()
                    if roll < 0.7:
                        statuses.append(
                            {
                                "coder_id": coder,
                                "article_id": article_id,
                                "status": "done" if roll < 0.5 else "in progress",
                                "modified": now,
                            }
                        )
            connection.execute(sa.insert(Article), rows)
            if notes:
                connection.execute(sa.insert(Annotation), notes)
            connection.execute(sa.insert(ArticleAttribute), values)
            connection.execute(sa.insert(CoderArticleStatus), statuses)
    return project
