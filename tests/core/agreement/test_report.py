import json
import math
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core.agreement.report import compute_agreement, reading
from annotator.core.annotations import add_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.models import CodingStatus
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article

TEXT = "The city pledges 100 buses by 2030, but only with a grant. Critics doubt it. " * 3


def _code(project: Project, article: int, coder: str, tag: str, start: int, end: int) -> None:
    tags = {t.name: t.id for t in list_tags(project)}
    add_annotation(project, article, tags[tag], ensure_coder(project, coder).id, start, end)


@pytest.fixture
def two_coders(tmp_path: Path) -> Project:
    project = open_project(tmp_path / "two.annotator")
    first = add_text_article(project, TEXT).article_id
    second = add_text_article(project, TEXT + " Second.").article_id
    add_text_article(project, "Nobody coded this one.")
    for coder in ("Ada", "Bo"):
        _code(project, first, coder, "pledge", 0, 34)
        _code(project, second, coder, "statistic", 17, 20)
    _code(project, first, "Ada", "caveat", 36, 57)
    _code(project, first, "Bo", "caveat", 40, 57)
    _code(project, first, "Ada", "criticism", 59, 75)
    return project


def test_every_coefficient_per_tag_and_overall(two_coders: Project) -> None:
    report = compute_agreement(two_coders)
    assert report.coders == ["Ada", "Bo"]
    assert report.articles == 2  # the third article nobody touched is left out
    pledge = report.tags["pledge"]
    assert pledge["alpha_u"] == pytest.approx(1.0)
    assert pledge["alpha_binary"] == pytest.approx(1.0)
    assert pledge["cohen_kappa"] == pytest.approx(1.0)
    assert pledge["percent_agreement"] == 1.0
    assert pledge["f1_exact"] == pledge["f1_overlap"] == 1.0
    caveat = report.tags["caveat"]
    assert caveat["f1_exact"] == 0.0 and caveat["f1_overlap"] == 1.0
    assert 0 < caveat["alpha_u"] < 1  # type: ignore[operator]
    total = len(TEXT) * 2 + len(" Second.")
    assert caveat["percent_agreement"] == pytest.approx(1 - 4 / total)
    criticism = report.tags["criticism"]
    assert criticism["f1_overlap"] == 0.0
    assert criticism["alpha_u"] is not None and criticism["alpha_u"] < 0.1
    assert criticism["percent_agreement"] > 0.95  # type: ignore[operator]  # inflated
    assert report.overall_alpha_u is not None
    assert report.ranked_articles[0].id == 1
    data = report.as_json()
    assert set(data) >= {"coders", "articles", "tags", "overall"}
    assert set(data["tags"]["pledge"]) == {
        "alpha_u",
        "alpha_binary",
        "cohen_kappa",
        "percent_agreement",
        "f1_exact",
        "f1_overlap",
    }
    assert json.loads(json.dumps(data)) == data


def test_done_articles_count_even_without_annotations(two_coders: Project) -> None:
    empty = 3
    for coder in ("Ada", "Bo"):
        set_status(two_coders, ensure_coder(two_coders, coder).id, empty, CodingStatus.DONE)
    assert compute_agreement(two_coders).articles == 3


def test_edge_cases_are_null_with_a_note(tmp_path: Path, two_coders: Project) -> None:
    with open_project(tmp_path / "empty.annotator") as empty:
        add_text_article(empty, "Text.")
        ensure_coder(empty, "Ada")
        ensure_coder(empty, "Bo")
        assert "two coders or more" in compute_agreement(empty).notes[0]  # nobody coded yet
        report = compute_agreement(empty, coders=["Ada", "Bo"])
        assert report.articles == 0
        assert all(v is None for t in report.tags.values() for v in t.values())
        assert report.overall_alpha_u is None
        assert "No article" in report.notes[0]
    alone = compute_agreement(two_coders, coders=["Ada"])
    assert alone.overall_alpha_u is None and "two coders or more" in alone.notes[0]
    statistic_only = compute_agreement(two_coders, tags=["statistic", "caveat"])
    assert list(statistic_only.tags) == ["statistic", "caveat"]
    report = compute_agreement(two_coders)
    for values in report.tags.values():
        assert all(v is None or math.isfinite(v) for v in values.values())


def test_readings() -> None:
    assert reading(0.85) == "reliable"
    assert reading(0.7) == "tentative"
    assert reading(0.2) == "unreliable"
    assert reading(None) == "undefined"


def test_agreement_command(two_coders: Project, capsys: pytest.CaptureFixture[str]) -> None:
    location = two_coders.location
    two_coders.close()
    assert main(["agreement", location, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coders"] == ["Ada", "Bo"] and data["articles"] == 2
    assert data["tags"]["pledge"]["alpha_u"] == pytest.approx(1.0)
    assert data["tags"]["statistic"]["f1_exact"] == 1.0
    assert isinstance(data["overall"]["alpha_u"], float)
    assert main(["agreement", location, "--coders", "Ada", "Bo", "--tag", "caveat"]) == 0
    table = capsys.readouterr().out
    assert "caveat" in table and "pledge" not in table and "overall alpha_u" in table
    assert main(["agreement", location, "--coders", "Ada", "Zed"]) == 2
    assert "no coder named 'Zed'" in capsys.readouterr().err


def test_the_agreement_command_reports_on_the_reliability_sample(
    two_coders: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.core.team.reliability import draw_sample  # noqa: PLC0415

    coders = [ensure_coder(two_coders, name).id for name in ("Ada", "Bo")]
    draw = draw_sample(two_coders, "1", coders, seed=1)
    location = two_coders.location
    two_coders.close()
    assert main(["agreement", location, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["articles"], data["reliability_sample"]) == (1, True)
    assert main(["agreement", location]) == 0
    assert "articles: 1 (the reliability sample of 1;" in capsys.readouterr().out
    assert main(["agreement", location, "--all-articles", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["articles"], data["reliability_sample"]) == (2, False)
    assert list(draw.articles) == [1]  # the first article, coded by both
