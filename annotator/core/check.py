"""Checking a project's data against its own rules: the file's structure (SQLite), links
between rows, spans inside their articles, quotes equal to the text at their offsets, and a
schema revision this version knows.

The quick form is SQLite's quick check and the checks SQL answers at once; the full form adds
SQLite's integrity check and compares every quote with its article's text.
"""

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from annotator.core.db_errors import is_damage
from annotator.core.models import Annotation, Article
from annotator.core.project import Project
from annotator.core.schema import current_revision, head_revisions
from annotator.core.sqlite_files import foreign_key_problems, quick_check

log = logging.getLogger(__name__)

# Rows that point to a parent that is not there, for databases that do not check it.
LINKS = (
    ("annotation", "article_id", "article"),
    ("annotation", "tag_id", "tag"),
    ("annotation", "coder_id", "coder"),
    ("article_file", "article_id", "article"),
    ("article_page", "article_id", "article"),
    ("coder_article_status", "coder_id", "coder"),
    ("coder_article_status", "article_id", "article"),
)
SHOWN_PER_KIND = 20


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)


def check_project(
    project: Project, *, quick: bool = False, structure: bool = True
) -> list[Problem]:
    """Every problem found; an empty list when the project holds together. ``structure``
    False leaves out SQLite's own check of the file (opening a project has just run it).

    A part of a damaged file that cannot be read is itself a problem found: each check goes
    on after it, so the list says as much as can be known."""
    problems: list[Problem] = []
    with project.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        steps: list[tuple[str, Callable[[], list[Problem]]]] = []
        if sqlite and structure:
            steps.append(
                ("file", lambda: [Problem("file", f) for f in quick_check(conn, full=not quick)])
            )
        if sqlite:
            steps.append(
                ("link", lambda: _capped([Problem("link", f) for f in foreign_key_problems(conn)]))
            )
        else:
            steps.append(("link", lambda: _links(conn)))
        steps += [("schema", lambda: _schema(conn)), ("span", lambda: _spans(conn))]
        if not quick:
            steps += [("length", lambda: _lengths(conn)), ("quote", lambda: _quotes(conn))]
        for kind, step in steps:
            try:
                problems += step()
            except sa.exc.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                conn.rollback()
                unread = f"the {kind} check could not read the file: {exc.orig}"
                problems.append(Problem("file", unread))
    for problem in problems:
        log.warning("check of %s: %s", project.location, problem.message)
    return problems


def _schema(conn: sa.Connection) -> list[Problem]:
    known, head = head_revisions()
    revision = current_revision(conn)
    if revision is None or revision not in known:
        return [Problem("schema", f"schema revision {revision!r} is not one this version knows")]
    if revision != head:
        return [Problem("schema", f"the schema is at {revision}, not at {head}")]
    return []


def _links(conn: sa.Connection) -> list[Problem]:
    found = []
    for table, column, parent in LINKS:
        child = sa.table(table, sa.column(column))
        target = sa.table(parent, sa.column("id"))
        query = (
            sa.select(sa.func.count())
            .select_from(child.outerjoin(target, child.c[column] == target.c.id))
            .where(target.c.id.is_(None))
        )
        missing = conn.execute(query).scalar() or 0
        if missing:
            found.append(
                Problem("link", f"{missing} row(s) of {table} point to a {parent} that is missing")
            )
    return found


def _spans(conn: sa.Connection) -> list[Problem]:
    query = (
        sa.select(Annotation.id, Annotation.start, Annotation.end, Article.chars)
        .join(Article, Article.id == Annotation.article_id)
        .where(
            sa.or_(
                Annotation.start < 0,
                Annotation.end <= Annotation.start,
                Annotation.end > Article.chars,
            )
        )
        .order_by(Annotation.id)
    )
    found = []
    for annotation_id, start, end, chars in conn.execute(query):
        what = "empty" if end <= start else f"outside its article of {chars} characters"
        found.append(Problem("span", f"annotation {annotation_id} spans {start}–{end}: {what}"))
    return _capped(found)


def _lengths(conn: sa.Connection) -> list[Problem]:
    found = []
    lengths = (
        sa.select(Article.id, Article.chars, sa.func.length(Article.text))
        .where(Article.chars != sa.func.length(Article.text))
        .order_by(Article.id)
    )
    for article_id, chars, length in conn.execute(lengths):
        found.append(
            Problem("text", f"article {article_id} should have {chars} characters but has {length}")
        )
    return _capped(found)


def _quotes(conn: sa.Connection) -> list[Problem]:
    found = []
    articles = conn.execute(sa.select(Article.id).order_by(Article.id)).scalars().all()
    for article_id in articles:
        text = conn.execute(sa.select(Article.text).where(Article.id == article_id)).scalar()
        rows = conn.execute(
            sa.select(Annotation.id, Annotation.start, Annotation.end, Annotation.quote)
            .where(Annotation.article_id == article_id, Annotation.end > Annotation.start)
            .order_by(Annotation.id)
        )
        for annotation_id, start, end, quote in rows:
            if (text or "")[start:end] != quote:
                found.append(
                    Problem(
                        "quote",
                        f"annotation {annotation_id} quotes {_short(quote)} but article "
                        f"{article_id} has {_short((text or '')[start:end])} at {start}–{end}",
                    )
                )
    return _capped(found)


def _capped(found: list[Problem]) -> list[Problem]:
    if len(found) <= SHOWN_PER_KIND:
        return found
    rest = len(found) - SHOWN_PER_KIND
    return [*found[:SHOWN_PER_KIND], Problem(found[0].kind, f"… and {rest} more of this kind")]


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")
