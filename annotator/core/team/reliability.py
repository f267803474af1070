"""The reliability sample: a share or a number of articles, drawn at random (stratified by an
article attribute when asked), each assigned to two or more coders who code it blind.

The draw is reproducible: the seed is stored with it, and the same seed over the same
articles draws the same sample. The newest draw is the project's reliability sample, which
the agreement report and the review use by default.
"""

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.models import Article, ReliabilityArticle, ReliabilityDraw
from annotator.core.team.assignments import _store, strata

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class Draw:
    id: int
    seed: int
    requested: str
    coders_per_article: int
    attribute_id: int | None
    articles: dict[int, str]  # article → stratum
    coders: dict[int, tuple[int, ...]]  # article → its coders


def allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """``total`` shared among the strata in proportion to their sizes (largest remainders;
    ties to the larger stratum, then the earlier name)."""
    population = sum(sizes.values())
    if population == 0:
        return dict.fromkeys(sizes, 0)
    exact = {name: total * size / population for name, size in sizes.items()}
    shares = {name: int(value) for name, value in exact.items()}
    left = total - sum(shares.values())
    order = sorted(sizes, key=lambda n: (-(exact[n] - shares[n]), -sizes[n], n))
    for name in order[:left]:
        shares[name] += 1
    return shares


def _size(requested: str, population: int) -> int:
    text = requested.strip()
    try:
        if text.endswith("%"):
            share = float(text[:-1]) / 100
            if not 0 < share <= 1:
                raise ValueError
            return max(1, round(share * population))
        count = int(text)
    except ValueError:
        raise AnnotatorError(
            f"{requested!r} is neither a share (such as 20%) nor a number of articles."
        ) from None
    if not 0 < count <= population:
        raise AnnotatorError(f"The sample must hold between 1 and {population} articles.")
    return count


def pick(groups: dict[str, list[int]], requested: str, seed: int) -> dict[int, str]:
    """The sampled articles and their strata: the same groups and seed give the same."""
    population = sum(len(g) for g in groups.values())
    if population == 0:
        raise AnnotatorError("There are no articles to draw a sample from.")
    wanted = allocate({name: len(g) for name, g in groups.items()}, _size(requested, population))
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    chosen: dict[int, str] = {}
    for name, members in groups.items():
        for article_id in rng.sample(members, wanted[name]):
            chosen[article_id] = name
    return chosen


def pair_up(
    article_ids: Sequence[int], coder_ids: Sequence[int], per_article: int, seed: int
) -> dict[int, tuple[int, ...]]:
    """``per_article`` different coders for each article, the load spread evenly."""
    if per_article < 2:
        raise AnnotatorError("Reliability needs at least two coders per article.")
    if len(coder_ids) < per_article:
        raise AnnotatorError(
            f"Choose at least {per_article} coders: each sampled article is coded by {per_article}."
        )
    rng = random.Random(seed + 1)  # noqa: S311 - reproducible
    load = dict.fromkeys(coder_ids, 0)
    tiebreak = {c: rng.random() for c in coder_ids}
    out: dict[int, tuple[int, ...]] = {}
    for article_id in sorted(article_ids):
        team = sorted(coder_ids, key=lambda c: (load[c], tiebreak[c]))[:per_article]
        for coder in team:
            load[coder] += 1
        out[article_id] = tuple(sorted(team))
    return out


def draw_sample(
    project: "Project",
    requested: str,
    coder_ids: Sequence[int],
    *,
    coders_per_article: int = 2,
    attribute_id: int | None = None,
    seed: int | None = None,
) -> Draw:
    """Draw the reliability sample, store it with its seed and assign its articles."""
    if seed is None:
        seed = secrets.randbelow(2**31)
    with project.session() as session:
        article_ids = list(session.scalars(sa.select(Article.id)))
        chosen = pick(strata(session, article_ids, attribute_id), requested, seed)
        teams = pair_up(list(chosen), coder_ids, coders_per_article, seed)
        draw = ReliabilityDraw(
            seed=seed,
            requested=requested.strip(),
            coders_per_article=coders_per_article,
            attribute_id=attribute_id,
        )
        session.add(draw)
        session.flush()
        for article_id, stratum in chosen.items():
            session.add(ReliabilityArticle(draw_id=draw.id, article_id=article_id, stratum=stratum))
        _store(session, ((a, c) for a, team in teams.items() for c in team), draw.id)
        result = Draw(
            draw.id, seed, draw.requested, coders_per_article, attribute_id, chosen, teams
        )
    project.changes.publish(Changes(team=True))
    return result


def current_sample(project: "Project") -> set[int] | None:
    """The articles of the newest draw; None when no sample was drawn."""
    with project.session() as session:
        newest = session.scalar(sa.select(sa.func.max(ReliabilityDraw.id)))
        if newest is None:
            return None
        return set(
            session.scalars(
                sa.select(ReliabilityArticle.article_id).where(ReliabilityArticle.draw_id == newest)
            )
        )


def current_draw(project: "Project") -> ReliabilityDraw | None:
    with project.session() as session:
        return session.scalar(sa.select(ReliabilityDraw).order_by(ReliabilityDraw.id.desc()))
