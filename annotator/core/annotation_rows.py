"""Annotation rows read as plain records, and the quote invariant every reader checks."""

from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.errors import IntegrityError
from annotator.core.models import Annotation, Article
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RECORD_COLUMNS = tuple(getattr(Annotation, name) for name in AnnotationRecord.__slots__)
"""The annotation table's columns in the order of `AnnotationRecord`'s fields."""


def record_of(row: Annotation) -> AnnotationRecord:
    return AnnotationRecord(*(getattr(row, name) for name in AnnotationRecord.__slots__))


def read_record(
    session: "Session", annotation_id: int | None = None, uuid: str | None = None
) -> AnnotationRecord | None:
    """One annotation by id or by uuid, as it is stored now; None when there is none."""
    query = sa.select(*RECORD_COLUMNS)
    if annotation_id is not None:
        query = query.where(Annotation.id == annotation_id)
    else:
        query = query.where(Annotation.uuid == uuid)
    row = session.execute(query).first()
    return AnnotationRecord(*row) if row is not None else None


def quote_of(session: "Session", article_id: int, start: int, end: int) -> str:
    """The text of [start, end) without reading the whole article (SQL counts characters)."""
    query = sa.select(sa.func.substr(Article.text, start + 1, end - start)).where(
        Article.id == article_id
    )
    return session.scalar(query) or ""


def check_quotes(text: str, records: list[AnnotationRecord]) -> None:
    """The integrity invariant: every quote equals the text its span covers."""
    broken = [r for r in records if text[r.start : r.end] != r.quote]
    if broken:
        first = broken[0]
        raise IntegrityError(
            f"{len(broken)} annotation(s) no longer match the article text "
            f"(first: {first.uuid} at {first.start}–{first.end}, quote {first.quote[:40]!r}). "
            "The project may have been edited outside Annotator; nothing was changed."
        )
