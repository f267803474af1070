import csv
from pathlib import Path

import pytest

from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.codebook import list_tags
from annotator.core.coders import consensus_coder, ensure_coder
from annotator.core.consensus import take_agreed
from annotator.core.export.csv_export import export_csv
from annotator.core.models import CoderKind
from annotator.core.project import Project, open_project
from annotator.core.review import (
    Decision,
    Kind,
    disagreements,
    settle,
    unsettle,
)
from annotator.core.review_progress import consensus_overview, consensus_state
from annotator.core.rows import Selection
from tests.helpers import add_text_article

TEXT = "The council pledges new buses by 2030. Critics call it vague. Costs rise 12%."


@pytest.fixture
def coded(tmp_path: Path) -> tuple[Project, int, int, int]:
    project = open_project(tmp_path / "r.annotator")
    article = add_text_article(project, TEXT).article_id
    ada, bo = ensure_coder(project, "Ada").id, ensure_coder(project, "Bo").id
    tags = {t.name: t.id for t in list_tags(project)}

    def code(coder: int, tag: str, quote: str, cut: int = 0) -> None:
        start = TEXT.index(quote)
        add_annotation(project, article, tags[tag], coder, start, start + len(quote) - cut)

    code(ada, "pledge", "The council pledges new buses by 2030.")
    code(bo, "pledge", "The council pledges new buses by 2030.")  # agreed
    code(ada, "criticism", "Critics call it vague.")
    code(bo, "criticism", "Critics call it vague.", cut=7)  # boundaries
    code(ada, "statistic", "12%")  # only Ada
    code(bo, "caveat", "Costs rise 12%.")  # overlaps Ada's statistic: different tags
    return project, article, ada, bo


def test_differences_are_found_and_classified(coded: tuple[Project, int, int, int]) -> None:
    project, article, ada, bo = coded
    found = disagreements(project, article, ada, bo)
    assert [d.kind for d in found] == [Kind.BOUNDARIES, Kind.DIFFERENT_TAGS]
    assert (found[0].start, found[0].end) == (TEXT.index("Critics"), TEXT.index(" Costs"))
    assert all(d.decision is None for d in found)
    only = disagreements(project, article, ada, ensure_coder(project, "Cy").id)
    assert {d.kind for d in only} == {Kind.ONLY_A}


def test_settling_writes_the_consensus_and_undo_takes_it_back(
    coded: tuple[Project, int, int, int],
) -> None:
    project, article, ada, bo = coded
    boundaries, tags = disagreements(project, article, ada, bo)
    first = settle(project, article, ada, bo, boundaries, Decision.TAKE_B)
    second = settle(project, article, ada, bo, tags, Decision.BOTH)
    consensus = consensus_coder(project)
    assert consensus.kind == CoderKind.CONSENSUS.value
    written = article_annotations(project, article, [consensus.id])
    # the agreed pledge came with the first settlement, once
    assert [r.quote for r in written] == [
        "The council pledges new buses by 2030.",
        "Critics call it",
        "Costs rise 12%.",
        "12%",
    ]
    assert [d.decision for d in disagreements(project, article, ada, bo)] == [
        Decision.TAKE_B,
        Decision.BOTH,
    ]
    unsettle(project, second)
    unsettle(project, first)
    assert article_annotations(project, article, [consensus.id]) == []
    assert all(d.decision is None for d in disagreements(project, article, ada, bo))
    neither = settle(project, article, ada, bo, tags, Decision.NEITHER)
    assert [r.quote for r in neither.created] == ["The council pledges new buses by 2030."]
    edited = settle(
        project,
        article,
        ada,
        bo,
        boundaries,
        Decision.EDIT,
        [(list_tags(project)[2].id, boundaries.start, boundaries.start + 7)],
    )
    assert [r.quote for r in edited.created] == ["Critics"]


def test_agreed_annotations_go_to_the_consensus_once(coded: tuple[Project, int, int, int]) -> None:
    project, article, ada, bo = coded
    assert take_agreed(project, article, ada, bo) == 1
    assert take_agreed(project, article, ada, bo) == 0


def test_a_finished_review_gives_the_consensus_a_researcher_would_write(
    coded: tuple[Project, int, int, int], tmp_path: Path
) -> None:
    project, article, ada, bo = coded
    assert not consensus_state(project, article, ada, bo).complete
    boundaries, tags = disagreements(project, article, ada, bo)
    settle(project, article, ada, bo, boundaries, Decision.TAKE_A)
    assert not consensus_state(project, article, ada, bo).complete  # one left to settle
    settle(project, article, ada, bo, tags, Decision.TAKE_B)
    state = consensus_state(project, article, ada, bo)
    assert state.complete and (state.agreed, state.agreed_missing, state.undecided) == (1, 0, 0)
    assert consensus_overview(project, ada, bo) == {article: state}
    # By hand: the pledge both coded, Ada's criticism (A), Bo's caveat (B); nothing else.
    by_hand = [
        ("pledge", "The council pledges new buses by 2030."),
        ("criticism", "Critics call it vague."),
        ("caveat", "Costs rise 12%."),
    ]
    out = tmp_path / "consensus.csv"
    consensus = consensus_coder(project).name
    export_csv(project, out, Selection(coders=frozenset([consensus])))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((row["tag"], row["quoted text"]) for row in rows) == sorted(by_hand)
    assert {row["coder"] for row in rows} == {consensus}
