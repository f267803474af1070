"""One user action, one short transaction: an add, a re-tag and a status change each commit
once, and nothing reads back the annotation it has just written."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from annotator.core.annotations import add_annotation, change_annotation
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder, set_status
from annotator.core.models import CodingStatus
from annotator.core.project import Project
from tests.helpers import add_text_article

TEXT = "The city will cut emissions 40% by 2030 if funds allow."


@contextmanager
def statements(project: Project) -> Iterator[list[str]]:
    """Every statement the project's engine sends, and "COMMIT" for each commit."""
    sent: list[str] = []

    def executed(*args: object) -> None:
        sent.append(" ".join(str(args[2]).split()))

    def committed(_connection: object) -> None:
        sent.append("COMMIT")

    sa.event.listen(project.engine, "before_cursor_execute", executed)
    sa.event.listen(project.engine, "commit", committed)
    try:
        yield sent
    finally:
        sa.event.remove(project.engine, "before_cursor_execute", executed)
        sa.event.remove(project.engine, "commit", committed)


def _after_write(sent: list[str]) -> list[str]:
    """What came after the first statement that wrote the annotation table."""
    first = next(
        i
        for i, s in enumerate(sent)
        if s.startswith(("INSERT INTO annotation", "UPDATE annotation"))
    )
    return sent[first + 1 :]


@pytest.fixture
def ids(project: Project) -> tuple[int, int, int, int]:
    article = add_text_article(project, TEXT).article_id
    coder = ensure_coder(project, "Ada").id
    pledge, caveat, *_ = list_tags(project)
    return article, coder, pledge.id, caveat.id


def test_an_add_is_one_transaction_that_reads_back_nothing(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, _ = ids
    start = TEXT.index("cut")
    with statements(project) as sent:
        add_annotation(project, article, pledge, coder, start, start + 3)
    assert sent.count("COMMIT") == 1
    assert sent[-1] == "COMMIT"
    assert not [s for s in _after_write(sent) if "FROM annotation" in s]


def test_a_re_tag_is_one_transaction_that_reads_back_nothing(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, pledge, caveat = ids
    start = TEXT.index("cut")
    record = add_annotation(project, article, pledge, coder, start, start + 3)
    with statements(project) as sent:
        _, after = change_annotation(project, record.id, expected_version=1, tag_id=caveat)
    assert (after.tag_id, after.version) == (caveat, 2)
    assert sent.count("COMMIT") == 1
    assert not [s for s in _after_write(sent) if "FROM annotation" in s]


def test_a_status_change_is_one_transaction(
    project: Project, ids: tuple[int, int, int, int]
) -> None:
    article, coder, *_ = ids
    with statements(project) as sent:
        set_status(project, coder, article, CodingStatus.DONE)
    assert sent.count("COMMIT") == 1
