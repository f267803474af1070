"""Agreement for chosen coders and tags: every coefficient per tag, overall αU, and the
articles ranked by how much the coders disagree on them.

A coefficient that cannot be computed (fewer than two coders, no article, a tag nobody used,
no variation at all) is None, shown as "–" and written as null in JSON, never NaN.
"""

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.agreement import revised_unitizing, unitizing
from annotator.core.agreement.data import AgreementData, gather
from annotator.core.agreement.nominal import (
    binary_alpha,
    coder_pairs,
    mean,
    pair_table_agreement,
    pair_table_kappa,
)
from annotator.core.agreement.spans import (
    coverage_histogram,
    covered,
    f1_exact,
    f1_overlap,
    intersection_length,
    union,
)

if TYPE_CHECKING:
    from annotator.core.project import Project

COEFFICIENTS = (
    "alpha_u",
    "alpha_binary",
    "cohen_kappa",
    "percent_agreement",
    "f1_exact",
    "f1_overlap",
)
RELIABLE = 0.800
TENTATIVE = 0.667
FORM_2004 = "Krippendorff's alpha_u (2004), for two coders"
FORM_2016 = (
    "the revised alpha_u of Krippendorff, Mathet, Bouvry and Widlöcher (2016), "
    "for three or more coders"
)


def reading(alpha: float | None) -> str:
    """Krippendorff's usual reading of an alpha."""
    if alpha is None:
        return "undefined"
    if alpha >= RELIABLE:
        return "reliable"
    if alpha >= TENTATIVE:
        return "tentative"
    return "unreliable"


@dataclass
class ArticleDisagreement:
    id: int
    title: str
    disagreement: float  # share of the article's characters the coders code differently
    differing_characters: int


@dataclass
class AgreementReport:
    coders: list[str]
    articles: int
    tags: dict[str, dict[str, float | None]]
    overall_alpha_u: float | None
    ranked_articles: list[ArticleDisagreement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    observed: dict[str, float] = field(default_factory=dict)
    expected: dict[str, float] = field(default_factory=dict)
    alpha_u_form: str = ""  # which definition of alpha_u the figures use

    def as_json(self) -> dict[str, Any]:
        return {
            "coders": self.coders,
            "articles": self.articles,
            "alpha_u_form": self.alpha_u_form,
            "tags": self.tags,
            "overall": {"alpha_u": self.overall_alpha_u},
            "articles_by_disagreement": [
                {
                    "id": a.id,
                    "title": a.title,
                    "disagreement": a.disagreement,
                    "differing_characters": a.differing_characters,
                }
                for a in self.ranked_articles
            ],
            "notes": self.notes,
        }


def _tag_coefficients(
    data: AgreementData, spans: list[list[tuple[int, int]]]
) -> tuple[dict[str, float | None], float, float]:
    length = data.length
    merged = [union(s) for s in spans]
    if len(spans) == 2:
        d_o = unitizing.observed(merged, length, data.cuts)
        d_e = unitizing.expected(merged, length, data.cuts)
    else:
        units = [[(start, end, True) for start, end in coder] for coder in merged]
        d_o, d_e = revised_unitizing.coincidences(units, length).disagreements()
    alpha_u = 1 - d_o / d_e if d_e > 0 else None
    kappas: list[float | None] = []
    agreements: list[float | None] = []
    exact: list[float | None] = []
    overlap: list[float | None] = []
    for a, b in coder_pairs(len(spans)):
        both = intersection_length(merged[a], merged[b])
        only_a = covered(merged[a]) - both
        only_b = covered(merged[b]) - both
        neither = length - both - only_a - only_b
        kappas.append(pair_table_kappa(both, only_a, only_b, neither))
        agreements.append(pair_table_agreement(both, only_a, only_b, neither))
        exact.append(f1_exact(spans[a], spans[b]))
        overlap.append(f1_overlap(spans[a], spans[b]))
    values: dict[str, float | None] = {
        "alpha_u": alpha_u,
        "alpha_binary": binary_alpha(coverage_histogram(merged, length)),
        "cohen_kappa": mean(kappas),
        "percent_agreement": mean(agreements),
        "f1_exact": mean(exact),
        "f1_overlap": mean(overlap),
    }
    return values, d_o, d_e


def _within(spans: list[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    """The spans (sorted by start) that start inside [low, high)."""
    return spans[bisect_left(spans, (low, -1)) : bisect_left(spans, (high, -1))]


def _ranked(data: AgreementData) -> list[ArticleDisagreement]:
    ranked = []
    pairs = coder_pairs(len(data.coders))
    for article in data.articles:
        low, high = article.offset, article.offset + article.length
        differing = 0
        for spans in data.spans.values():
            clipped = [union(_within(coder, low, high)) for coder in spans]
            for a, b in pairs:
                both = intersection_length(clipped[a], clipped[b])
                differing += covered(clipped[a]) + covered(clipped[b]) - 2 * both
        scale = max(article.length * max(len(pairs), 1) * max(len(data.spans), 1), 1)
        ranked.append(ArticleDisagreement(article.id, article.title, differing / scale, differing))
    ranked.sort(key=lambda a: (-a.disagreement, a.id))
    return ranked


def compute_agreement(
    project: "Project",
    coders: list[str] | None = None,
    tags: list[str] | None = None,
    articles: set[int] | None = None,
) -> AgreementReport:
    """Agreement of the coders on the tags, over ``articles`` when given (the sample)."""
    data = gather(project, coders, tags, articles)
    return agreement_of(data)


def agreement_of(data: AgreementData) -> AgreementReport:
    notes: list[str] = []
    empty: dict[str, float | None] = dict.fromkeys(COEFFICIENTS)
    report = AgreementReport(
        coders=data.coders,
        articles=len(data.articles),
        tags={tag: dict(empty) for tag in data.tags},
        overall_alpha_u=None,
        notes=notes,
    )
    if len(data.coders) < 2:
        notes.append("Agreement needs two coders or more; every coefficient is null.")
        return report
    report.alpha_u_form = FORM_2004 if len(data.coders) == 2 else FORM_2016
    if not data.articles or data.length == 0:
        notes.append(
            "No article has been marked done or annotated by every chosen coder; "
            "every coefficient is null."
        )
        return report
    observed_sum = expected_sum = 0.0
    for tag in data.tags:
        values, d_o, d_e = _tag_coefficients(data, data.spans[tag])
        report.tags[tag] = values
        report.observed[tag], report.expected[tag] = d_o, d_e
        if d_e > 0:
            observed_sum += d_o
            expected_sum += d_e
        else:
            notes.append(f"Nobody used the tag {tag!r} on these articles; its alphas are null.")
    report.overall_alpha_u = 1 - observed_sum / expected_sum if expected_sum > 0 else None
    notes.append(f"alpha_u is {report.alpha_u_form}; each article is a continuum of its own.")
    report.ranked_articles = _ranked(data)
    return report
