"""The one write path: identity by UUID, versions that only grow, conflicts refused, deletions
remembered, statuses in the same transaction, and one announcement per committed write."""

import pytest
import sqlalchemy as sa

from annotator.core.annotation_writes import Draft, Outcome, writing
from annotator.core.annotations import (
    add_annotation,
    article_annotations,
    change_annotation,
    delete_annotation,
    restore_annotation,
)
from annotator.core.changes import Changes
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, status_row
from annotator.core.errors import AnnotatorError, ConflictError
from annotator.core.models import AnnotationTombstone, CodingStatus
from annotator.core.project import Project
from tests.helpers import add_text_article

TEXT = "The city will cut emissions 40% by 2030 if funds allow."


@pytest.fixture
def ids(project: Project) -> tuple[int, int, int, int]:
    """(article, coder, pledge tag, caveat tag)"""
    article = add_text_article(project, TEXT).article_id
    coder = ensure_coder(project, "Ada").id
    pledge, caveat, *_ = list_tags(project)
    return article, coder, pledge.id, caveat.id


def heard(project: Project) -> list[Changes]:
    got: list[Changes] = []
    project.changes.subscribe(got.append)
    return got


def test_a_change_states_the_version_it_expects(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, caveat = ids
    made = add_annotation(project, article, pledge, coder, 0, 8)
    assert made.version == 1
    _before, after = change_annotation(project, made.id, expected_version=1, tag_id=caveat)
    assert after.version == 2
    # a second writer who still holds version 1 is refused, and nothing changes
    with pytest.raises(ConflictError, match="Someone else changed") as refused:
        change_annotation(project, made.id, expected_version=1, note="mine")
    assert refused.value.current == after
    assert article_annotations(project, article) == [after]


def test_deleting_an_annotation_someone_changed_is_refused(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _caveat = ids
    made = add_annotation(project, article, pledge, coder, 0, 8)
    change_annotation(project, made.id, expected_version=1, note="B's note")
    with pytest.raises(ConflictError):
        delete_annotation(project, made.id, expected_version=1)
    assert article_annotations(project, article)[0].note == "B's note"


def test_a_deletion_is_remembered_and_the_uuid_never_comes_back_by_itself(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _caveat = ids
    made = add_annotation(project, article, pledge, coder, 0, 8)
    delete_annotation(project, made.id, expected_version=1)
    with project.session() as session:
        tombstone = session.get(AnnotationTombstone, made.uuid)
        assert tombstone is not None and tombstone.version == 2
    with writing(project, "import") as writer:
        outcome, record = writer.create(Draft(article, pledge, coder, 0, 8, uuid=made.uuid))
    assert (outcome, record) == (Outcome.DELETED_HERE, None)
    assert article_annotations(project, article) == []


def test_identity_is_the_uuid_not_the_content(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _caveat = ids
    first = "11111111-1111-4111-8111-111111111111"
    second = "22222222-2222-4222-8222-222222222222"
    with writing(project, "import") as writer:
        assert writer.create(Draft(article, pledge, coder, 0, 8, uuid=first))[0] is Outcome.ADDED
        # the same coder, tag and span, but another annotation (its own note): both kept
        made = writer.create(Draft(article, pledge, coder, 0, 8, note="two", uuid=second))
        assert made[0] is Outcome.ADDED
        assert writer.create(Draft(article, pledge, coder, 4, 9, uuid=first))[0] is Outcome.PRESENT
    assert [r.uuid for r in article_annotations(project, article)] == [first, second]


def test_restoring_what_someone_else_restored_is_refused(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _caveat = ids
    made = add_annotation(project, article, pledge, coder, 0, 8)
    removed = delete_annotation(project, made.id)
    restore_annotation(project, removed)
    with pytest.raises(ConflictError, match="already back"):
        restore_annotation(project, removed)
    assert len(article_annotations(project, article)) == 1


def test_one_transaction_writes_the_annotation_and_the_status(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _caveat = ids
    got = heard(project)
    made = add_annotation(project, article, pledge, coder, 0, 8)
    [changes] = got
    assert changes.added == (made,)
    [status] = changes.statuses
    assert (status.before, status.after[0] if status.after else None) == (
        None,
        CodingStatus.IN_PROGRESS.value,
    )
    assert status_row(project, coder, article) == status.after


def test_a_failed_write_leaves_nothing_and_announces_nothing(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _caveat = ids
    got = heard(project)
    with pytest.raises(AnnotatorError), writing(project) as writer:
        writer.add(Draft(article, pledge, coder, 0, 8))
        writer.add(Draft(article, pledge, coder, 50, 999))  # outside the text: all refused
    assert got == []
    assert article_annotations(project, article) == []
    assert status_row(project, coder, article) is None


def test_status_rows_are_upserted_in_one_statement(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, _pledge, _caveat = ids
    with writing(project) as writer:
        writer.set_status(coder, article, CodingStatus.DONE)
        writer.set_status(coder, article, CodingStatus.IN_PROGRESS)
    with project.session() as session:
        count = session.scalar(sa.text("SELECT count(*) FROM coder_article_status"))
    assert count == 1
    row = status_row(project, coder, article)
    assert row is not None and row[0] == CodingStatus.IN_PROGRESS.value
