"""Merging other projects into this one: articles by URI, tags by name, coders by name,
annotations by their id. Merging the same project twice adds nothing.

A differing definition or colour of a tag both projects have is reported and this project's
kept. A project file is backed up before anything is merged into it.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.backup import backup_project
from annotator.core.errors import AnnotatorError
from annotator.core.models import (
    Annotation,
    Article,
    ArticleFile,
    ArticlePage,
    Coder,
    CoderArticleStatus,
    CodingStatus,
    Tag,
)
from annotator.core.project import Project, is_url, open_project, require_writable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_STATUS_ORDER = [
    s.value for s in (CodingStatus.NOT_STARTED, CodingStatus.IN_PROGRESS, CodingStatus.DONE)
]


@dataclass
class MergeReport:
    source: str
    articles_added: int = 0
    articles_present: int = 0
    tags_added: list[str] = field(default_factory=list)
    tags_differing: list[str] = field(default_factory=list)
    coders_added: list[str] = field(default_factory=list)
    annotations_added: int = 0
    annotations_present: int = 0
    statuses_updated: int = 0

    def lines(self) -> list[str]:
        out = [
            f"merged {self.source}",
            f"  articles: {self.articles_added} added, {self.articles_present} already here",
            f"  annotations: {self.annotations_added} added, "
            f"{self.annotations_present} already here",
        ]
        if self.tags_added:
            out.append("  new tags: " + ", ".join(self.tags_added))
        if self.tags_differing:
            out.append(
                "  tags whose definition or colour differ there (kept as here): "
                + ", ".join(self.tags_differing)
            )
        if self.coders_added:
            out.append("  new coders: " + ", ".join(self.coders_added))
        if self.statuses_updated:
            out.append(f"  coding statuses advanced: {self.statuses_updated}")
        return out


def backup(project: Project) -> Path | None:
    """Copy the project file aside with SQLite's online backup, checked, under a name no other
    backup has; None for a project on a database server."""
    if is_url(project.location):
        return None
    return backup_project(project, "before-merge")


def merge_projects(project: Project, others: list[str]) -> tuple[Path | None, list[MergeReport]]:
    """Merge each of ``others`` into ``project`` (after one backup); a report for each.

    The others are opened read-only (one with an older schema is upgraded in a temporary
    copy, never in place), all of them before the backup, so a refused merge leaves none.
    """
    for other in others:
        if not is_url(other) and _same_file(Path(other), Path(project.location)):
            raise AnnotatorError("a project cannot be merged into itself")
    require_writable(project)
    sources: list[Project] = []
    saved: Path | None = None
    reports: list[MergeReport] = []
    try:
        for other in others:
            sources.append(open_project(other, create=False, untouched=True))
        saved = backup(project)
        for other, source in zip(others, sources, strict=True):
            reports.append(merge_one(project, source, other))
    except BaseException:
        if saved is not None and not reports:
            saved.unlink(missing_ok=True)  # nothing was merged: the backup would only confuse
        raise
    finally:
        for source in sources:
            source.close()
    return saved, reports


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or one.samefile(other)
    except OSError:
        return False


def merge_one(project: Project, source: Project, label: str) -> MergeReport:
    report = MergeReport(label)
    with source.session() as theirs, project.session() as ours:
        article_ids = _articles(theirs, ours, report)
        tag_ids = _tags(theirs, ours, report)
        coder_ids = _coders(theirs, ours, report)
        _annotations(theirs, ours, article_ids, tag_ids, coder_ids, report)
        _statuses(theirs, ours, article_ids, coder_ids, report)
    return report


def _articles(theirs: "Session", ours: "Session", report: MergeReport) -> dict[int, int]:
    mapping: dict[int, int] = {}
    known = dict(ours.execute(sa.select(Article.uri, Article.id)).all())
    position = ours.scalar(sa.select(sa.func.coalesce(sa.func.max(Article.position), 0))) or 0
    for article in theirs.scalars(sa.select(Article).order_by(Article.position, Article.id)):
        if article.uri in known:
            mapping[article.id] = known[article.uri]
            report.articles_present += 1
            continue
        position += 1
        copy = Article(
            uri=article.uri,
            title=article.title,
            text=article.text,
            chars=article.chars,
            source_kind=article.source_kind,
            original_name=article.original_name,
            imported_at=article.imported_at,
            author=article.author,
            outlet=article.outlet,
            published=article.published,
            url=article.url,
            language=article.language,
            position=position,
        )
        original = theirs.get(ArticleFile, article.id)
        if original is not None:
            copy.original = ArticleFile(
                name=original.name,
                sha256=original.sha256,
                size=original.size,
                data=original.data,
                path=original.path,
            )
        ours.add(copy)
        ours.flush()
        for page in theirs.scalars(
            sa.select(ArticlePage).where(ArticlePage.article_id == article.id)
        ):
            ours.add(
                ArticlePage(article_id=copy.id, number=page.number, start=page.start, end=page.end)
            )
        mapping[article.id] = copy.id
        report.articles_added += 1
    return mapping


def _tags(theirs: "Session", ours: "Session", report: MergeReport) -> dict[int, int]:
    mine = {t.name: t for t in ours.scalars(sa.select(Tag))}
    their_tags = list(theirs.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
    names = {t.id: t.name for t in their_tags}
    position = max((t.position for t in mine.values()), default=0)
    mapping: dict[int, int] = {}
    for tag in their_tags:
        here = mine.get(tag.name)
        if here is None:
            position += 1
            used_keys = {t.shortcut for t in mine.values()}
            here = Tag(
                name=tag.name,
                color=tag.color,
                definition=tag.definition,
                shortcut=tag.shortcut if tag.shortcut not in used_keys else None,
                position=position,
            )
            ours.add(here)
            ours.flush()
            mine[tag.name] = here
            report.tags_added.append(tag.name)
        elif here.color.lower() != tag.color.lower() or here.definition != tag.definition:
            report.tags_differing.append(tag.name)
        mapping[tag.id] = here.id
    for tag in their_tags:
        here = mine[tag.name]
        parent = names.get(tag.parent_id or -1)
        if tag.name in report.tags_added and parent and parent in mine:
            here.parent_id = mine[parent].id
    return mapping


def _coders(theirs: "Session", ours: "Session", report: MergeReport) -> dict[int, int]:
    mine = dict(ours.execute(sa.select(Coder.name, Coder.id)).all())
    mapping: dict[int, int] = {}
    for coder in theirs.scalars(sa.select(Coder)):
        if coder.name not in mine:
            copy = Coder(name=coder.name, kind=coder.kind, created=coder.created)
            ours.add(copy)
            ours.flush()
            mine[coder.name] = copy.id
            report.coders_added.append(coder.name)
        mapping[coder.id] = mine[coder.name]
    return mapping


def _annotations(
    theirs: "Session",
    ours: "Session",
    articles: dict[int, int],
    tags: dict[int, int],
    coders: dict[int, int],
    report: MergeReport,
) -> None:
    present = set(ours.scalars(sa.select(Annotation.uuid)))
    query = sa.select(
        Annotation.article_id,
        Annotation.tag_id,
        Annotation.coder_id,
        Annotation.start,
        Annotation.end,
    )
    spans: set[tuple[int, int, int, int, int]] = {
        (a, t, c, s, e) for a, t, c, s, e in ours.execute(query)
    }
    for note in theirs.scalars(sa.select(Annotation).order_by(Annotation.id)):
        key = (
            articles[note.article_id],
            tags[note.tag_id],
            coders[note.coder_id],
            note.start,
            note.end,
        )
        if note.uuid in present or key in spans:
            report.annotations_present += 1
            continue
        ours.add(
            Annotation(
                uuid=note.uuid,
                article_id=key[0],
                tag_id=key[1],
                coder_id=key[2],
                start=note.start,
                end=note.end,
                quote=note.quote,
                note=note.note,
                created=note.created,
                modified=note.modified,
            )
        )
        present.add(note.uuid)
        spans.add(key)
        report.annotations_added += 1
    ours.flush()


def _statuses(
    theirs: "Session",
    ours: "Session",
    articles: dict[int, int],
    coders: dict[int, int],
    report: MergeReport,
) -> None:
    for row in theirs.scalars(sa.select(CoderArticleStatus)):
        key = (coders[row.coder_id], articles[row.article_id])
        here = ours.get(CoderArticleStatus, key)
        if here is None:
            ours.add(
                CoderArticleStatus(
                    coder_id=key[0], article_id=key[1], status=row.status, modified=row.modified
                )
            )
            report.statuses_updated += 1
        elif _STATUS_ORDER.index(row.status) > _STATUS_ORDER.index(here.status):
            here.status = row.status
            here.modified = row.modified
            report.statuses_updated += 1
