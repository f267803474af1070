"""Reading annotations, and the single-call writes of one user action.

Every write goes through `annotation_writes` (the one write path); the names here are kept
for callers that do one thing at a time.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

import sqlalchemy as sa

from annotator.core.annotation_rows import (
    RECORD_COLUMNS,
    check_quotes,
    quote_of,
    read_record,
    record_of,
)
from annotator.core.annotation_writes import (
    add_annotation,
    add_annotations,
    change_annotation,
    delete_annotation,
    restore_annotation,
    set_note,
)
from annotator.core.driver_rows import driver_rows
from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Article
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from annotator.core.project import Project

__all__ = [
    "add_annotation",
    "add_annotations",
    "article_annotations",
    "article_spans",
    "change_annotation",
    "check_quotes",
    "delete_annotation",
    "get_annotation",
    "quote_of",
    "record_of",
    "restore_annotation",
    "set_note",
]


def get_annotation(project: "Project", annotation_id: int) -> AnnotationRecord:
    with project.session() as session:
        record = read_record(session, annotation_id)
    if record is None:
        raise AnnotatorError("That annotation no longer exists.")
    return record


def _of_coders(coder_ids: list[int]) -> sa.ColumnElement[bool]:
    """The annotations of these coders, as a filter that leaves the choice of index to the
    article: SQLite without statistics would read them through the coder's index, which in a
    project of one main coder is every annotation of the project (``coder_id + 0`` is not a
    column an index can serve)."""
    return (Annotation.coder_id + 0).in_(coder_ids)


def article_spans(
    project: "Project", article_id: int, coder_ids: list[int] | None = None
) -> Sequence[tuple[int, int, int, int]]:
    """The article's annotations as (id, start, end, tag id) only: what painting them needs,
    read without their quotes, notes and times (an article may hold thousands)."""
    query = sa.select(Annotation.id, Annotation.start, Annotation.end, Annotation.tag_id).where(
        Annotation.article_id == article_id
    )
    if coder_ids is not None:
        query = query.where(_of_coders(coder_ids))
    with project.reading() as connection:
        rows = driver_rows(connection, query)
    return cast("Sequence[tuple[int, int, int, int]]", rows)  # rows unpack as tuples do


def article_annotations(
    project: "Project",
    article_id: int,
    coder_ids: list[int] | None = None,
    *,
    text: str | None = None,
) -> list[AnnotationRecord]:
    """The article's annotations in position order, checked against the canonical text
    (``text`` when the caller has just read it, else read here)."""
    query = sa.select(*RECORD_COLUMNS).where(Annotation.article_id == article_id)
    if coder_ids is not None:
        query = query.where(_of_coders(coder_ids))
    query = query.order_by(Annotation.start, Annotation.end, Annotation.id)
    with project.session() as session:
        if text is None:
            text = session.scalar(sa.select(Article.text).where(Article.id == article_id)) or ""
        # plain rows straight from the connection: an article may hold thousands
        records = [AnnotationRecord(*row) for row in session.connection().execute(query).all()]
    check_quotes(text, records)
    return records
