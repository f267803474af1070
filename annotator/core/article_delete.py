"""Deleting articles with everything attached to them, and bringing them back (an undo).

Every row that belongs to a deleted article (its original file, pages, annotations and their
tombstones, coding statuses, review decisions, attribute values, and any table added later
that refers to the article) is kept in the returned snapshot, found from the schema's foreign
keys rather than from a list here, so an undo restores exactly what was there. The search
index follows through the database's own triggers.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.changes import Changes
from annotator.core.errors import ConflictError
from annotator.core.models import Annotation, Article, Base
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

log = logging.getLogger(__name__)

Rows = tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


@dataclass(frozen=True)
class DeletedArticles:
    """What a deletion removed, table by table (articles first), to be put back as it was."""

    article_ids: tuple[int, ...]
    rows: Rows
    annotations: int


def _article_table() -> sa.Table:
    table = Article.__table__
    assert isinstance(table, sa.Table)
    return table


def _dependents() -> list[sa.Table]:
    """Tables whose rows refer to an article, in an order that inserts parents first."""
    article = _article_table()
    return [
        table
        for table in Base.metadata.sorted_tables
        if any(fk.column.table is article for fk in table.foreign_keys)
    ]


def _article_column(table: sa.Table) -> sa.Column[Any]:
    article = _article_table()
    return next(fk.parent for fk in table.foreign_keys if fk.column.table is article)


def annotation_count(project: "Project", article_ids: Iterable[int]) -> int:
    """How many annotations these articles hold (to say before deleting them)."""
    ids = list(article_ids)
    with project.session() as session:
        return int(
            session.scalar(sa.select(sa.func.count()).where(Annotation.article_id.in_(ids))) or 0
        )


def _records(rows: tuple[dict[str, Any], ...]) -> tuple[AnnotationRecord, ...]:
    names = AnnotationRecord.__slots__
    return tuple(AnnotationRecord(**{n: row[n] for n in names}) for row in rows)


def delete_articles(
    project: "Project", article_ids: Iterable[int], origin: str = "edit"
) -> DeletedArticles:
    """Delete the articles and all that is attached to them, in one transaction."""
    ids = tuple(sorted(set(article_ids)))
    with project.session() as session:
        snapshot = _snapshot(session, ids)
        if len(snapshot.rows[0][1]) != len(ids):
            raise ConflictError("Some of these articles no longer exist; nothing was deleted.")
        for table in reversed(_dependents()):
            session.execute(sa.delete(table).where(_article_column(table).in_(ids)))
        session.execute(sa.delete(Article).where(Article.id.in_(ids)))
    removed = _records(dict(snapshot.rows).get(Annotation.__tablename__, ()))
    log.info("deleted %d article(s) with %d annotation(s)", len(ids), len(removed))
    project.changes.publish(Changes(origin=origin, articles=True, removed=removed))
    return snapshot


def _snapshot(session: "Session", ids: tuple[int, ...]) -> DeletedArticles:
    article = _article_table()
    found: list[tuple[str, tuple[dict[str, Any], ...]]] = [
        (
            article.name,
            tuple(
                dict(r._mapping)
                for r in session.execute(sa.select(article).where(article.c.id.in_(ids)))
            ),
        )
    ]
    for table in _dependents():
        rows = session.execute(sa.select(table).where(_article_column(table).in_(ids)))
        found.append((table.name, tuple(dict(r._mapping) for r in rows)))
    annotations = len(dict(found).get(Annotation.__tablename__, ()))
    return DeletedArticles(ids, tuple(found), annotations)


def restore_articles(project: "Project", deleted: DeletedArticles, origin: str = "undo") -> None:
    """Put deleted articles back exactly as they were; refused when one of them (or the same
    text) is in the project again meanwhile."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    articles = dict(deleted.rows)[Article.__tablename__]
    with project.session() as session:
        uris = [row["uri"] for row in articles]
        clash = session.scalar(
            sa.select(sa.func.count()).where(
                sa.or_(Article.id.in_(deleted.article_ids), Article.uri.in_(uris))
            )
        )
        if clash:
            raise ConflictError(
                "An article with the same text was imported again meanwhile; the deleted "
                "articles were not brought back."
            )
        for name, rows in deleted.rows:
            if rows:
                session.execute(sa.insert(tables[name]), list(rows))
    added = _records(dict(deleted.rows).get(Annotation.__tablename__, ()))
    log.info("brought back %d article(s)", len(deleted.article_ids))
    project.changes.publish(Changes(origin=origin, articles=True, added=added))
