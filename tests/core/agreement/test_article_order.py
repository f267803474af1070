"""Each article is a continuum of its own: the figures do not depend on the articles' order,
and the report says which form of alpha_u it used."""

import itertools
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.agreement.report import FORM_2004, FORM_2016, AgreementReport, compute_agreement
from annotator.core.agreement.revised_unitizing import alpha as revised_alpha
from annotator.core.annotations import add_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.models import Article
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article

TEXTS = [
    "Opening words, then a pledge to build homes by 2030 and nothing after it at all.",
    "A caveat first: only with funding. Then quiet text for a long while, to the end here.",
    "Critics doubt the plan. Statistics: 40 per cent. Then a long tail of uncoded words here.",
]
# (article, coder, tag, start, end): gaps at the ends of articles differ between coders
CODINGS = [
    (0, "Ada", "pledge", 16, 44),
    (0, "Bo", "pledge", 16, 50),
    (0, "Cy", "pledge", 20, 44),
    (1, "Ada", "caveat", 0, 33),
    (1, "Bo", "caveat", 2, 33),
    (1, "Cy", "caveat", 0, 20),
    (2, "Ada", "criticism", 0, 23),
    (2, "Bo", "criticism", 0, 23),
    (2, "Ada", "statistic", 37, 50),
    (2, "Cy", "statistic", 37, 49),
    (0, "Bo", "statistic", 70, 79),
]


@pytest.fixture
def coded(tmp_path: Path) -> Project:
    project = open_project(tmp_path / "order.annotator")
    ids = [add_text_article(project, text).article_id for text in TEXTS]
    tags = {t.name: t.id for t in list_tags(project)}
    for article, coder, tag, start, end in CODINGS:
        add_annotation(
            project, ids[article], tags[tag], ensure_coder(project, coder).id, start, end
        )
    return project


def _figures(report: AgreementReport) -> list[float | None]:
    values: list[float | None] = [report.overall_alpha_u]
    for tag in sorted(report.tags):
        values.extend(report.tags[tag][name] for name in sorted(report.tags[tag]))
    return values


def _reorder(project: Project, order: tuple[int, ...]) -> None:
    with project.session() as session:
        articles = list(session.scalars(sa.select(Article).order_by(Article.id)))
        for position, index in enumerate(order):
            articles[index].position = position + 1


@pytest.mark.parametrize("coders", [["Ada", "Bo"], ["Ada", "Bo", "Cy"]])
def test_every_order_of_the_articles_gives_the_same_figures(
    coded: Project, coders: list[str]
) -> None:
    first = _figures(compute_agreement(coded, coders))
    assert first[0] is not None
    for order in itertools.permutations(range(len(TEXTS))):
        _reorder(coded, order)
        again = _figures(compute_agreement(coded, coders))
        for expected, found in zip(first, again, strict=True):
            if expected is None:
                assert found is None
            else:
                assert found == pytest.approx(expected, abs=1e-12, rel=0)


def test_three_coders_use_the_revised_form_per_tag(coded: Project) -> None:
    """The pledge figure equals the revised |uα computed by hand on that article alone: the
    other articles only add uncoded characters to every coder's continuum."""
    report = compute_agreement(coded, ["Ada", "Bo", "Cy"])
    assert report.alpha_u_form == FORM_2016
    assert any("Krippendorff, Mathet, Bouvry and Widlöcher (2016)" in n for n in report.notes)
    assert report.as_json()["alpha_u_form"] == FORM_2016
    total = sum(len(t) for t in TEXTS)
    units = [[(16, 44, True)], [(16, 50, True)], [(20, 44, True)]]
    assert report.tags["pledge"]["alpha_u"] == pytest.approx(revised_alpha(units, total))
    two = compute_agreement(coded, ["Ada", "Bo"])
    assert two.alpha_u_form == FORM_2004
