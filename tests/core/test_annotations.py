import sqlite3
from pathlib import Path

import pytest

from annotator.core.annotations import (
    add_annotation,
    article_annotations,
    delete_annotation,
    restore_annotation,
    set_note,
)
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, get_status
from annotator.core.errors import AnnotatorError, IntegrityError
from annotator.core.models import CodingStatus
from annotator.core.project import Project, open_project
from tests.helpers import add_text_article


def test_a_span_after_an_emoji_is_stored_in_code_points(project: Project) -> None:
    text = "Mayor 🚌 pledges electric buses by 2030 🌍 and more."
    stored = add_text_article(project, text)
    coder = ensure_coder(project, "Ada")
    pledge = list_tags(project)[0]
    start = text.index("pledges")
    end = text.index(" 🌍")
    record = add_annotation(project, stored.article_id, pledge.id, coder.id, start, end)
    assert (record.start, record.end) == (8, 38)
    assert record.quote == "pledges electric buses by 2030"
    assert record.coder_id == coder.id


def test_overlapping_spans_and_two_tags_on_the_same_words(project: Project) -> None:
    stored = add_text_article(project, "The state will cut emissions 40% by 2030.")
    coder = ensure_coder(project, "Ada")
    pledge, _caveat, _criticism, statistic = list_tags(project)
    add_annotation(project, stored.article_id, pledge.id, coder.id, 0, 41)
    add_annotation(project, stored.article_id, statistic.id, coder.id, 29, 32)
    add_annotation(project, stored.article_id, pledge.id, coder.id, 29, 32)
    records = article_annotations(project, stored.article_id)
    assert [(r.start, r.end) for r in records] == [(0, 41), (29, 32), (29, 32)]
    assert records[1].quote == "40%"


def test_coding_marks_the_article_in_progress(project: Project) -> None:
    stored = add_text_article(project, "Text.")
    coder = ensure_coder(project, "Ada")
    assert get_status(project, coder.id, stored.article_id) is CodingStatus.NOT_STARTED
    add_annotation(project, stored.article_id, list_tags(project)[0].id, coder.id, 0, 4)
    assert get_status(project, coder.id, stored.article_id) is CodingStatus.IN_PROGRESS


def test_delete_then_restore_gives_back_the_same_annotation(project: Project) -> None:
    stored = add_text_article(project, "Numbers matter: 12 per cent.")
    coder = ensure_coder(project, "Ada")
    made = add_annotation(project, stored.article_id, list_tags(project)[3].id, coder.id, 16, 27)
    removed = delete_annotation(project, made.id)
    assert article_annotations(project, stored.article_id) == []
    restore_annotation(project, removed)
    [back] = article_annotations(project, stored.article_id)
    same = ("id", "uuid", "article_id", "tag_id", "coder_id", "start", "end", "quote", "note")
    assert [getattr(back, f) for f in same] == [getattr(made, f) for f in same]
    assert back.created == made.created
    # the deletion and the restore are writes too: the version only grows (1, 2, 3)
    assert back.version == 3


def test_note_is_stored_and_the_old_one_returned(project: Project) -> None:
    stored = add_text_article(project, "Text to note.")
    coder = ensure_coder(project, "Ada")
    made = add_annotation(project, stored.article_id, list_tags(project)[0].id, coder.id, 0, 4)
    before = set_note(project, made.id, "why this matters")
    assert before.note == ""
    [now] = article_annotations(project, stored.article_id)
    assert now.note == "why this matters"
    assert now.modified >= made.modified


@pytest.mark.parametrize("span", [(-1, 3), (3, 3), (5, 2), (0, 999)])
def test_spans_outside_the_text_are_refused(project: Project, span: tuple[int, int]) -> None:
    stored = add_text_article(project, "Short text.")
    coder = ensure_coder(project, "Ada")
    with pytest.raises(AnnotatorError):
        add_annotation(project, stored.article_id, list_tags(project)[0].id, coder.id, *span)


def test_a_quote_that_no_longer_matches_is_reported(project_path: Path) -> None:
    with open_project(project_path) as project:
        stored = add_text_article(project, "Original words here.")
        coder = ensure_coder(project, "Ada")
        add_annotation(project, stored.article_id, list_tags(project)[0].id, coder.id, 0, 8)
    with sqlite3.connect(project_path) as conn:
        conn.execute("UPDATE annotation SET quote = 'Tampered'")
    conn.close()
    with (
        open_project(project_path) as project,
        pytest.raises(IntegrityError, match="no longer match"),
    ):
        article_annotations(project, stored.article_id)
