"""Creating, changing and removing annotations; each call commits at once."""

import uuid
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.coders import mark_in_progress
from annotator.core.errors import AnnotatorError, IntegrityError
from annotator.core.models import Annotation, Article, utcnow
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project


def record_of(row: Annotation) -> AnnotationRecord:
    return AnnotationRecord(
        id=row.id,
        uuid=row.uuid,
        article_id=row.article_id,
        tag_id=row.tag_id,
        coder_id=row.coder_id,
        start=row.start,
        end=row.end,
        quote=row.quote,
        note=row.note,
        created=row.created,
        modified=row.modified,
        version=row.version,
    )


def quote_of(session: "Session", article_id: int, start: int, end: int) -> str:
    """The text of [start, end) without reading the whole article (SQL counts characters)."""
    query = sa.select(sa.func.substr(Article.text, start + 1, end - start)).where(
        Article.id == article_id
    )
    return session.scalar(query) or ""


def add_annotation(
    project: "Project",
    article_id: int,
    tag_id: int,
    coder_id: int,
    start: int,
    end: int,
    note: str = "",
) -> AnnotationRecord:
    """Store a new annotation over ``[start, end)`` of the article's canonical text."""
    with project.session() as session:
        chars = session.scalar(sa.select(Article.chars).where(Article.id == article_id))
        if chars is None:
            raise AnnotatorError(f"There is no article with id {article_id}.")
        if not 0 <= start < end <= chars:
            raise AnnotatorError(f"The span {start}–{end} lies outside the article (0–{chars}).")
        now = utcnow()
        row = Annotation(
            uuid=str(uuid.uuid4()),
            article_id=article_id,
            tag_id=tag_id,
            coder_id=coder_id,
            start=start,
            end=end,
            quote=quote_of(session, article_id, start, end),
            note=note,
            created=now,
            modified=now,
        )
        session.add(row)
        session.flush()
        record = record_of(row)
    mark_in_progress(project, coder_id, article_id)
    return record


def restore_annotation(project: "Project", record: AnnotationRecord) -> AnnotationRecord:
    """Put back an annotation exactly as it was when deleted (same id, uuid, times, version)."""
    values = {f: getattr(record, f) for f in record.__slots__}
    with project.session() as session:
        session.execute(sa.insert(Annotation).values(**values))
    return record


def delete_annotation(project: "Project", annotation_id: int) -> AnnotationRecord:
    """Remove an annotation and return what it was, so it can be restored."""
    with project.session() as session:
        row = session.get(Annotation, annotation_id)
        if row is None:
            raise AnnotatorError("That annotation no longer exists; it may have been deleted.")
        record = record_of(row)
        session.delete(row)
        return record


def set_note(project: "Project", annotation_id: int, note: str) -> AnnotationRecord:
    """Replace an annotation's note; returns the annotation as it was before."""
    with project.session() as session:
        row = session.get(Annotation, annotation_id)
        if row is None:
            raise AnnotatorError("That annotation no longer exists; it may have been deleted.")
        before = record_of(row)
        row.note = note
        row.modified = utcnow()
        return before


def get_annotation(project: "Project", annotation_id: int) -> AnnotationRecord:
    with project.session() as session:
        row = session.get(Annotation, annotation_id)
        if row is None:
            raise AnnotatorError("That annotation no longer exists.")
        return record_of(row)


def article_annotations(
    project: "Project", article_id: int, coder_ids: list[int] | None = None
) -> list[AnnotationRecord]:
    """The article's annotations in position order, checked against the canonical text."""
    columns = [getattr(Annotation, name) for name in AnnotationRecord.__slots__]
    query = sa.select(*columns).where(Annotation.article_id == article_id)
    if coder_ids is not None:
        query = query.where(Annotation.coder_id.in_(coder_ids))
    query = query.order_by(Annotation.start, Annotation.end, Annotation.id)
    with project.session() as session:  # plain rows: an article may hold thousands
        text = session.scalar(sa.select(Article.text).where(Article.id == article_id)) or ""
        records = [AnnotationRecord(*row) for row in session.execute(query)]
    check_quotes(text, records)
    return records


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


def change_annotation(
    project: "Project",
    annotation_id: int,
    *,
    tag_id: int | None = None,
    span: tuple[int, int] | None = None,
) -> AnnotationRecord:
    """Re-tag or move the boundaries of an annotation; returns it as it was before."""
    with project.session() as session:
        row = session.get(Annotation, annotation_id)
        if row is None:
            raise AnnotatorError("That annotation no longer exists; it may have been deleted.")
        before = record_of(row)
        if tag_id is not None:
            row.tag_id = tag_id
        if span is not None:
            start, end = span
            chars = session.scalar(sa.select(Article.chars).where(Article.id == row.article_id))
            if not 0 <= start < end <= (chars or 0):
                raise AnnotatorError("An annotation must keep at least one character.")
            row.start, row.end = start, end
            row.quote = quote_of(session, row.article_id, start, end)
        row.modified = utcnow()
        return before


def put_back(project: "Project", record: AnnotationRecord) -> None:
    """Restore an annotation that still exists to ``record`` exactly, version included."""
    with project.session() as session:
        done = session.execute(
            sa.update(Annotation)
            .where(Annotation.id == record.id)
            .values(
                tag_id=record.tag_id,
                start=record.start,
                end=record.end,
                quote=record.quote,
                note=record.note,
                modified=record.modified,
                version=record.version,
            )
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise AnnotatorError("That annotation no longer exists.")
