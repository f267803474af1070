"""Merging by identity and version: later edits and deletions travel, annotations that look
alike stay apart, and edits made on both sides are reported with both values, never chosen."""

import shutil
from pathlib import Path

import pytest

from annotator.core.annotation_writes import Draft, writing
from annotator.core.annotations import (
    add_annotation,
    article_annotations,
    change_annotation,
    delete_annotation,
    set_note,
)
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.merge import merge_projects
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article

TEXT = "The ministry pledges to halve emissions by 2030, if the budget allows it. Critics scoff."


@pytest.fixture
def first_merge(tmp_path: Path) -> tuple[Path, Path]:
    """A lead's project and a coder's copy of it, merged once: both hold the same four."""
    lead, copy = tmp_path / "lead.annotator", tmp_path / "ada.annotator"
    with open_project(copy) as project:
        article = add_text_article(project, TEXT).article_id
        ada = ensure_coder(project, "Ada").id
        pledge, caveat, criticism, _ = (t.id for t in list_tags(project))
        add_annotation(project, article, pledge, ada, 4, 47)
        add_annotation(project, article, caveat, ada, 49, 72, note="budget")
        add_annotation(project, article, criticism, ada, 74, 87)
        add_annotation(project, article, pledge, ada, 13, 20)
    open_project(lead).close()
    with open_project(lead) as project:
        merge_projects(project, [str(copy)])
    return lead, copy


def _by_quote(project: Project) -> dict[str, tuple[str, str, int, int]]:
    tags = {t.id: t.name for t in list_tags(project)}
    return {
        r.uuid: (tags[r.tag_id], r.note, r.start, r.end) for r in article_annotations(project, 1)
    }


def test_later_edits_and_deletions_in_the_copy_reach_the_lead(
    first_merge: tuple[Path, Path],
) -> None:
    lead, copy = first_merge
    with open_project(copy) as project:
        criticism = next(t.id for t in list_tags(project) if t.name == "criticism")
        pledge, caveat, scoff, short = article_annotations(project, 1)
        change_annotation(project, pledge.id, expected_version=1, tag_id=criticism)  # re-tag
        set_note(project, caveat.id, "only if the budget allows")  # a note edited
        change_annotation(project, short.id, expected_version=1, span=(13, 27))  # moved
        delete_annotation(project, scoff.id, expected_version=1)  # deleted
        wanted = _by_quote(project)
    with open_project(lead) as project:
        _saved, [report] = merge_projects(project, [str(copy)])
        assert _by_quote(project) == wanted
        assert (report.annotations_updated, report.annotations_deleted) == (3, 1)
        assert report.conflicts == []
        # merging the same copy again changes nothing
        _saved, [again] = merge_projects(project, [str(copy)])
        assert (again.annotations_added, again.annotations_updated) == (0, 0)
        assert again.annotations_deleted == 0
        assert _by_quote(project) == wanted


def test_a_deletion_in_the_lead_is_not_undone_by_an_older_copy(
    first_merge: tuple[Path, Path],
) -> None:
    lead, copy = first_merge
    with open_project(lead) as project:
        gone = article_annotations(project, 1)[0]
        delete_annotation(project, gone.id)
        _saved, [report] = merge_projects(project, [str(copy)])
        assert gone.uuid not in _by_quote(project)
        assert report.annotations_added == 0 and report.conflicts == []


def test_edits_on_both_sides_are_reported_with_both_values_and_ours_kept(
    first_merge: tuple[Path, Path],
) -> None:
    lead, copy = first_merge
    with open_project(copy) as project:
        caveat = article_annotations(project, 1)[1]
        set_note(project, caveat.id, "Ada's reading")
    with open_project(lead) as project:
        caveat = article_annotations(project, 1)[1]
        set_note(project, caveat.id, "the lead's reading")
        _saved, [report] = merge_projects(project, [str(copy)])
        assert article_annotations(project, 1)[1].note == "the lead's reading"
        [conflict] = report.conflicts
        assert "changed on both sides" in conflict
        assert "the lead's reading" in conflict and "Ada's reading" in conflict
        assert any(line.startswith("  conflicts (1;") for line in report.lines())


def test_annotations_that_share_coder_tag_and_span_stay_apart(tmp_path: Path) -> None:
    copy, lead = tmp_path / "ada.annotator", tmp_path / "lead.annotator"
    with open_project(copy) as project:
        article = add_text_article(project, TEXT).article_id
        ada = ensure_coder(project, "Ada").id
        pledge = list_tags(project)[0].id
        with writing(project) as writer:
            writer.add(Draft(article, pledge, ada, 4, 47, note="first reading"))
            writer.add(Draft(article, pledge, ada, 4, 47, note="second reading"))
    with open_project(lead) as project:
        _saved, [report] = merge_projects(project, [str(copy)])
        assert report.annotations_added == 2
        assert sorted(r.note for r in article_annotations(project, 1)) == [
            "first reading",
            "second reading",
        ]


def test_a_copy_of_the_file_merges_back_as_the_same_annotations(tmp_path: Path) -> None:
    original, copy = tmp_path / "o.annotator", tmp_path / "c.annotator"
    with open_project(original) as project:
        article = add_text_article(project, TEXT).article_id
        add_annotation(project, article, 1, ensure_coder(project, "Ada").id, 4, 47)
    shutil.copy(original, copy)
    with open_project(original) as project:
        _saved, [report] = merge_projects(project, [str(copy)])
        assert (report.annotations_added, report.annotations_present) == (0, 1)
