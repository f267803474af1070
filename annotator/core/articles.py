"""Articles: storing a canonical text once, listing and reading them."""

import hashlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, DuplicateError
from annotator.core.limits import (
    LANGUAGE_LIMIT,
    PUBLISHED_LIMIT,
    SOURCE_KIND_LIMIT,
    clean_text,
    fit,
)
from annotator.core.models import Article, ArticleFile, ArticlePage
from annotator.core.records import ArticleRecord
from annotator.core.summaries import list_articles as list_articles  # noqa: PLC0414  (re-exported)
from annotator.core.text import article_uri

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project


@dataclass(frozen=True)
class ExtractedArticle:
    """What an importer made of a file, before it is stored."""

    text: str
    title: str
    source_kind: str
    original_name: str
    original_bytes: bytes | None = None
    author: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    pages: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StoreResult:
    article_id: int
    title: str
    duplicate: bool


def store_article(project: "Project", extracted: ExtractedArticle) -> StoreResult:
    """Store an extracted article in one transaction; a text already present is a duplicate
    (also when another program stores the same text at the same moment)."""
    try:
        with project.session() as session:
            stored = store_article_in(session, extracted)
    except DuplicateError:
        # Another program stored the same text between our look and our write: it is there.
        with project.session() as session:
            stored = store_article_in(session, extracted)
    if not stored.duplicate:
        project.changes.publish(Changes(origin="import", articles=True))
    return stored


def store_article_in(session: "Session", extracted: ExtractedArticle) -> StoreResult:
    """Store an extracted article within the caller's transaction (an import that stores an
    article together with its annotations); a text already present is a duplicate."""
    extracted = storable(extracted)
    uri = article_uri(extracted.text)
    existing = session.scalar(sa.select(Article).where(Article.uri == uri))
    if existing is not None:
        return StoreResult(existing.id, existing.title, duplicate=True)
    position = session.scalar(sa.select(sa.func.coalesce(sa.func.max(Article.position), 0)))
    article = Article(
        uri=uri,
        title=extracted.title or extracted.original_name or "Untitled",
        text=extracted.text,
        chars=len(extracted.text),
        source_kind=extracted.source_kind,
        original_name=extracted.original_name,
        author=extracted.author,
        outlet=extracted.outlet,
        published=extracted.published,
        url=extracted.url,
        language=extracted.language,
        position=(position or 0) + 1,
    )
    if extracted.original_bytes is not None:
        data = extracted.original_bytes
        article.original = ArticleFile(
            name=extracted.original_name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            data=data,
        )
    session.add(article)
    session.flush()
    for number, (start, end) in enumerate(extracted.pages, start=1):
        session.add(ArticlePage(article_id=article.id, number=number, start=start, end=end))
    return StoreResult(article.id, article.title, duplicate=False)


def storable(extracted: ExtractedArticle) -> ExtractedArticle:
    """The article as both backends store it: no NUL or lone surrogate anywhere (PostgreSQL
    refuses them; each becomes U+FFFD, so no offset moves), and the short fields within their
    column's length (SQLite would not check)."""
    return replace(
        extracted,
        text=clean_text(extracted.text),
        title=clean_text(extracted.title),
        original_name=clean_text(extracted.original_name),
        author=clean_text(extracted.author),
        outlet=clean_text(extracted.outlet),
        url=clean_text(extracted.url),
        published=fit(clean_text(extracted.published), PUBLISHED_LIMIT),
        language=fit(clean_text(extracted.language), LANGUAGE_LIMIT),
        source_kind=fit(clean_text(extracted.source_kind), SOURCE_KIND_LIMIT),
    )


_RECORD_COLUMNS = (
    Article.id,
    Article.uri,
    Article.title,
    Article.text,
    Article.source_kind,
    Article.original_name,
    Article.author,
    Article.outlet,
    Article.published,
    Article.url,
    Article.language,
    Article.imported_at,
)


def get_article(project: "Project", article_id: int) -> ArticleRecord:
    """One article, its text included (read as one row, without the ORM's identity map)."""
    query = sa.select(*_RECORD_COLUMNS).where(Article.id == article_id)
    with project.reading() as connection:
        row = connection.execute(query).first()
    if row is None:
        raise AnnotatorError(f"There is no article with id {article_id} in this project.")
    return ArticleRecord(**row._mapping)
