"""Assignments and the reliability sample: dealt evenly, stratified shares right, the draw
reproducible from its stored seed."""

from collections import Counter

import pytest
import sqlalchemy as sa

from annotator.core.coders import ensure_coder, set_status
from annotator.core.errors import AnnotatorError
from annotator.core.models import ArticleAttribute, Attribute, CodingStatus
from annotator.core.project import Project
from annotator.core.team.assignments import assign, assign_evenly, assignments, coder_progress
from annotator.core.team.reliability import current_draw, current_sample, draw_sample
from tests.helpers import add_text_article

# 20 articles: 10 from the Times, 6 from the Post, 4 with no outlet value
OUTLETS = ["Times"] * 10 + ["Post"] * 6 + [""] * 4


@pytest.fixture
def corpus(project: Project) -> tuple[list[int], int, list[int]]:
    ids = [add_text_article(project, f"Article number {i}: words.").article_id for i in range(20)]
    with project.session() as session:
        outlet = Attribute(name="outlet", kind="text", choices="", position=0)
        session.add(outlet)
        session.flush()
        for article_id, value in zip(ids, OUTLETS, strict=True):
            if value:
                session.add(
                    ArticleAttribute(article_id=article_id, attribute_id=outlet.id, value=value)
                )
        outlet_id = outlet.id
    coders = [ensure_coder(project, name).id for name in ("Ada", "Bo", "Cy")]
    return ids, outlet_id, coders


def test_even_assignment_stratified_gives_each_coder_a_fair_share_of_each_outlet(
    project: Project, corpus: tuple[list[int], int, list[int]]
) -> None:
    ids, outlet, (ada, bo, _cy) = corpus
    dealt = assign_evenly(project, [ada, bo], attribute_id=outlet, seed=7)
    assert sorted(dealt) == sorted(ids)
    assert Counter(dealt.values()) == {ada: 10, bo: 10}
    outlet_of = dict(zip(ids, OUTLETS, strict=True))
    for value, size in (("Times", 10), ("Post", 6), ("", 4)):
        share = Counter(c for a, c in dealt.items() if outlet_of[a] == value)
        assert sorted(share.values()) == [size // 2, size // 2]
    assert assign_evenly(project, [ada, bo], attribute_id=outlet, seed=7) == {}  # all taken
    assert {a for a, who in assignments(project, ada).items() if ada in who} == {
        a for a, c in dealt.items() if c == ada
    }


def test_the_sample_draw_is_reproducible_from_its_seed_and_stratified(
    project: Project, corpus: tuple[list[int], int, list[int]]
) -> None:
    ids, outlet, coders = corpus
    draw = draw_sample(project, "50%", coders, attribute_id=outlet, seed=1234)
    outlet_of = dict(zip(ids, OUTLETS, strict=True))
    # 10 of 20, in proportion: 5 of the 10 Times, 3 of the 6 Post, 2 of the 4 others
    assert Counter(outlet_of[a] for a in draw.articles) == {"Times": 5, "Post": 3, "": 2}
    assert all(draw.articles[a] == outlet_of[a] for a in draw.articles)
    assert current_sample(project) == set(draw.articles)
    stored = current_draw(project)
    assert stored is not None and (stored.seed, stored.requested) == (1234, "50%")
    again = draw_sample(project, "50%", coders, attribute_id=outlet, seed=stored.seed)
    assert again.articles == draw.articles and again.coders == draw.coders
    # two different coders per article, the load spread: 20 codings over 3 coders
    assert all(len(set(team)) == 2 for team in draw.coders.values())
    load = Counter(c for team in draw.coders.values() for c in team)
    assert sorted(load.values()) in ([6, 7, 7], [7, 7, 6])
    assert sum(load.values()) == 20
    for article_id, team in draw.coders.items():
        assert assignments(project)[article_id] >= set(team)
    other = draw_sample(project, "50%", coders, attribute_id=outlet, seed=99)
    assert other.articles != draw.articles


def test_a_sample_of_a_number_and_refusals(
    project: Project, corpus: tuple[list[int], int, list[int]]
) -> None:
    _ids, _outlet, coders = corpus
    assert len(draw_sample(project, "3", coders, seed=5).articles) == 3
    with pytest.raises(AnnotatorError, match="neither a share"):
        draw_sample(project, "half", coders)
    with pytest.raises(AnnotatorError, match="between 1 and 20"):
        draw_sample(project, "21", coders)
    with pytest.raises(AnnotatorError, match="at least 3 coders"):
        draw_sample(project, "3", coders[:2], coders_per_article=3)


def test_progress_per_coder_counts_their_assignments_by_status(
    project: Project, corpus: tuple[list[int], int, list[int]]
) -> None:
    ids, _outlet, (ada, bo, _cy) = corpus
    assign(project, ids[:4], ada)
    assign(project, ids[4:6], bo)
    set_status(project, ada, ids[0], CodingStatus.DONE)
    set_status(project, ada, ids[1], CodingStatus.IN_PROGRESS)
    set_status(project, ada, ids[10], CodingStatus.DONE)  # not assigned: not counted
    progress = {p.name: p for p in coder_progress(project)}
    assert (progress["Ada"].assigned, progress["Ada"].done, progress["Ada"].in_progress) == (
        4,
        1,
        1,
    )
    assert progress["Ada"].not_started == 2
    assert (progress["Bo"].assigned, progress["Bo"].not_started) == (2, 2)
    with project.session() as session:
        assert session.scalar(sa.text("SELECT count(*) FROM assignment")) == 6


def test_each_articles_state_for_the_lead(
    project: Project, corpus: tuple[list[int], int, list[int]]
) -> None:
    from annotator.core.coders import consensus_coder  # noqa: PLC0415
    from annotator.core.team.progress import ArticleState, article_progress  # noqa: PLC0415

    ids, _outlet, (ada, bo, _cy) = corpus
    assign(project, ids[:3], ada)
    assign(project, ids[:3], bo)
    for article in ids[1:3]:
        set_status(project, ada, article, CodingStatus.DONE)
    set_status(project, bo, ids[1], CodingStatus.IN_PROGRESS)
    set_status(project, bo, ids[2], CodingStatus.DONE)
    # the lead settled the third: the consensus coder marked it done
    set_status(project, consensus_coder(project).id, ids[2], CodingStatus.DONE)
    states = {p.article_id: p.state for p in article_progress(project)}
    assert states == {
        ids[0]: ArticleState.NOT_STARTED,
        ids[1]: ArticleState.IN_PROGRESS,
        ids[2]: ArticleState.REVIEWED,
    }
    set_status(project, bo, ids[1], CodingStatus.DONE)
    assert {p.article_id: p.state for p in article_progress(project)}[ids[1]] == (ArticleState.DONE)
