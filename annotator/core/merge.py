"""Merging other projects into this one: articles by URI, tags by name, coders by name,
annotations by their UUID and version. Merging the same project twice changes nothing.

An annotation both projects have is taken from the one with the higher version (every write
raises it); deletions travel as tombstones. An annotation changed on both sides from the same
version, or changed on one side and deleted on the other, is a conflict: it is reported with
both values and this project's kept, never chosen silently. A differing definition or colour
of a tag both projects have is reported and this project's kept. A project file is copied
aside (a checked backup) before anything is merged into it.
"""

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.annotation_rows import RECORD_COLUMNS
from annotator.core.annotation_writes import AnnotationWriter, Draft, writing
from annotator.core.backup import backup_project
from annotator.core.errors import AnnotatorError
from annotator.core.models import (
    Annotation,
    AnnotationTombstone,
    Article,
    ArticleFile,
    ArticlePage,
    Coder,
    CoderArticleStatus,
    CodingStatus,
    Tag,
)
from annotator.core.project import Project, is_url, open_project, require_writable
from annotator.core.records import AnnotationRecord

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
    annotations_updated: int = 0
    annotations_deleted: int = 0
    deletions_kept: int = 0
    conflicts: list[str] = field(default_factory=list)
    statuses_updated: int = 0

    def lines(self) -> list[str]:
        out = [
            f"merged {self.source}",
            f"  articles: {self.articles_added} added, {self.articles_present} already here",
            f"  annotations: {self.annotations_added} added, "
            f"{self.annotations_updated} updated to a newer version, "
            f"{self.annotations_deleted} deleted as there, "
            f"{self.annotations_present} already here",
        ]
        if self.deletions_kept:
            out.append(f"  deletions remembered for later merges: {self.deletions_kept}")
        if self.conflicts:
            out.append(
                f"  conflicts ({len(self.conflicts)}; this project's version kept, "
                "settle them by hand):"
            )
            out.extend(f"    {line}" for line in self.conflicts)
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
    with source.session() as theirs, writing(project, "merge") as writer:
        ours = writer.session
        article_ids = _articles(theirs, ours, report)
        tag_ids = _tags(theirs, ours, report)
        coder_ids = _coders(theirs, ours, report)
        names = _Names(theirs, ours)
        _annotations(theirs, writer, article_ids, tag_ids, coder_ids, names, report)
        _tombstones(theirs, writer, article_ids, coder_ids, names, report)
        _statuses(theirs, ours, article_ids, coder_ids, report)
        writer.articles_changed = report.articles_added > 0 or report.statuses_updated > 0
        writer.tags_changed = bool(report.tags_added)
        writer.coders_changed = bool(report.coders_added)
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


class _Names:
    """Tag and coder names of both projects, for conflict lines a researcher can read."""

    def __init__(self, theirs: "Session", ours: "Session") -> None:
        self.their_tags = dict(theirs.execute(sa.select(Tag.id, Tag.name)).all())
        self.our_tags = dict(ours.execute(sa.select(Tag.id, Tag.name)).all())
        self.titles = dict(ours.execute(sa.select(Article.id, Article.title)).all())

    def describe(self, record: AnnotationRecord, ours: bool) -> str:
        tags = self.our_tags if ours else self.their_tags
        note = f", note “{_short(record.note)}”" if record.note else ""
        return (
            f"{tags.get(record.tag_id, '?')} {record.start}–{record.end} "
            f"“{_short(record.quote)}”{note} (version {record.version})"
        )

    def title(self, article_id: int) -> str:
        return _short(self.titles.get(article_id, "?"), 50)


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _same(ours: AnnotationRecord, theirs: AnnotationRecord, tags: dict[int, int]) -> bool:
    return (ours.tag_id, ours.start, ours.end, ours.note) == (
        tags[theirs.tag_id],
        theirs.start,
        theirs.end,
        theirs.note,
    )


def _annotations(
    theirs: "Session",
    writer: AnnotationWriter,
    articles: dict[int, int],
    tags: dict[int, int],
    coders: dict[int, int],
    names: _Names,
    report: MergeReport,
) -> None:
    ours = writer.session
    mine = {
        r.uuid: r
        for r in (AnnotationRecord(*row) for row in ours.execute(sa.select(*RECORD_COLUMNS)))
    }
    tombstones = sa.select(AnnotationTombstone.uuid, AnnotationTombstone.version)
    buried: dict[str, int] = {ident: version for ident, version in ours.execute(tombstones)}
    query = sa.select(*RECORD_COLUMNS).order_by(Annotation.id)
    for incoming in (AnnotationRecord(*row) for row in theirs.execute(query)):
        here = mine.get(incoming.uuid)
        where = f"{names.title(articles[incoming.article_id])}: "
        if here is None and incoming.uuid in buried:
            if incoming.version >= buried[incoming.uuid]:
                report.conflicts.append(
                    where + f"deleted here, changed there ({names.describe(incoming, False)}); "
                    "kept deleted"
                )
            else:
                report.annotations_present += 1
            continue
        if here is None:
            writer.create(
                Draft(
                    article_id=articles[incoming.article_id],
                    tag_id=tags[incoming.tag_id],
                    coder_id=coders[incoming.coder_id],
                    start=incoming.start,
                    end=incoming.end,
                    note=incoming.note,
                    uuid=incoming.uuid,
                    created=incoming.created,
                    modified=incoming.modified,
                    version=incoming.version,
                )
            )
            report.annotations_added += 1
        elif _same(here, incoming, tags):
            report.annotations_present += 1
        elif incoming.version > here.version:
            mapped = replace(incoming, tag_id=tags[incoming.tag_id])
            writer.put(here, mapped)
            report.annotations_updated += 1
        elif incoming.version == here.version:
            report.conflicts.append(
                where + f"changed on both sides: here {names.describe(here, True)}, "
                f"there {names.describe(incoming, False)}"
            )
        else:
            report.annotations_present += 1  # ours is the newer copy


def _tombstones(
    theirs: "Session",
    writer: AnnotationWriter,
    articles: dict[int, int],
    coders: dict[int, int],
    names: _Names,
    report: MergeReport,
) -> None:
    """Deletions made there: applied here when they are newer than our copy."""
    if "annotation_tombstone" not in sa.inspect(theirs.connection()).get_table_names():
        return  # a project from before deletions were remembered
    ours = writer.session
    for tombstone in theirs.scalars(sa.select(AnnotationTombstone)):
        here = ours.execute(
            sa.select(*RECORD_COLUMNS).where(Annotation.uuid == tombstone.uuid)
        ).first()
        if here is None:
            if tombstone.article_id in articles and tombstone.coder_id in coders:
                if ours.get(AnnotationTombstone, tombstone.uuid) is None:
                    report.deletions_kept += 1
                writer.remember_deletion(
                    tombstone.uuid,
                    articles[tombstone.article_id],
                    coders[tombstone.coder_id],
                    tombstone.version,
                )
            continue
        record = AnnotationRecord(*here)
        if tombstone.version > record.version:
            writer.delete(record.id, record.version, version=tombstone.version)
            report.annotations_deleted += 1
        else:
            report.conflicts.append(
                f"{names.title(record.article_id)}: changed here, deleted there "
                f"({names.describe(record, True)}); kept"
            )


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
