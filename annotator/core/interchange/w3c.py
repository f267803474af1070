"""W3C Web Annotation Data Model JSON: export, and import with re-anchoring.

Each annotation: a TextualBody with purpose "tagging" (the tag) and one with purpose
"commenting" (the note, when there is one); ``creator.name`` the coder; a TextPositionSelector
and a TextQuoteSelector (exact, 32-character prefix and suffix) as target selectors. The
target's ``source`` is the article's web address where one is known, with the URN of the
exact text it was coded on kept as the ``cached`` copy of a TimeState (the time the text was
imported); otherwise the source is that URN. The collection and its page carry ids, and the
collection carries the codebook of the tags it uses (``annotator:codebook``), so tags come
back with their colour, definition and parent. A target whose article has attributes carries
them as ``annotator:attributes`` (name: value). An annotation made by accepting a suggestion
carries ``annotator:suggestion`` with the model's score (an extension property, as the data
model allows; readers that do not know it ignore it), so an analysis can set those apart.
"""

import json
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.annotation_writes import AnnotationWriter, Draft, Outcome, writing
from annotator.core.attribute_columns import AttributeColumns
from annotator.core.files import write_text_atomic
from annotator.core.interchange.anchoring import anchor
from annotator.core.interchange.w3c_reading import (
    CODEBOOK_KEY,
    KIND_KEY,
    CodebookEntry,
    Parsed,
    parse_item,
    read_annotations,
)
from annotator.core.models import Annotation, Article, Coder, CoderKind, Tag
from annotator.core.rows import Selection
from annotator.core.suggest.decisions import accepted_scores_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

log = logging.getLogger(__name__)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QUOTE_CONTEXT = 32
ATTRIBUTES_KEY = "annotator:attributes"
"""The target article's attributes (name: stored value), where it has any."""
SUGGESTION_KEY = "annotator:suggestion"
"""On an annotation made by accepting a suggestion: ``{"score": the model's score}``."""
NEW_TAG_COLOR = "#DDDDDD"


def _iso(moment: datetime) -> str:
    """A stored (naive UTC) time in full, as the model's xsd:dateTime with a Z."""
    return moment.isoformat() + "Z"


def _annotations(project: "Project", selection: Selection) -> Iterator[dict[str, Any]]:
    query = (
        sa.select(
            Annotation,
            Article.uri,
            Article.url,
            Article.imported_at,
            Tag.name,
            Coder.name,
            Coder.kind,
        )
        .join(Article, Annotation.article_id == Article.id)
        .join(Tag, Annotation.tag_id == Tag.id)
        .join(Coder, Annotation.coder_id == Coder.id)
        .order_by(Article.position, Article.id, Annotation.start, Annotation.end, Annotation.id)
    )
    query = selection.apply(query)
    texts: dict[int, str] = {}
    scores: dict[str, float] = {}  # the article's accepted suggestions
    attributes = AttributeColumns.read(project)
    with project.session() as session:
        for note, uri, url, imported, tag, coder, kind in session.execute(query):
            if note.article_id not in texts:
                texts.clear()
                texts[note.article_id] = (
                    session.scalar(sa.select(Article.text).where(Article.id == note.article_id))
                    or ""
                )
                scores = accepted_scores_in(session, note.article_id)
            text = texts[note.article_id]
            target = _target(uri, url, imported)
            values = attributes.named(note.article_id)
            if values:
                target[ATTRIBUTES_KEY] = values
            item = to_w3c(note, target, tag, coder, kind, text)
            score = scores.get(note.uuid)
            if score is not None:
                item[SUGGESTION_KEY] = {"score": round(score, 4)}
            yield item


def _target(uri: str, url: str, imported: datetime) -> dict[str, Any]:
    """The target without selectors: the web address where known, the text's URN kept."""
    if not url.startswith(("http://", "https://")):
        return {"source": uri}
    return {
        "source": url,
        "state": {"type": "TimeState", "sourceDate": _iso(imported), "cached": uri},
    }


def to_w3c(
    note: Annotation, target: dict[str, Any], tag: str, coder: str, kind: str, text: str
) -> dict[str, Any]:
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": tag}]
    if note.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": note.note})
    creator: dict[str, Any] = {"type": "Person", "name": coder}
    if kind != CoderKind.PERSON.value:
        creator[KIND_KEY] = kind
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{note.uuid}",
        "type": "Annotation",
        "created": _iso(note.created),
        "modified": _iso(note.modified),
        "creator": creator,
        "body": body,
        "target": {
            **target,
            "selector": [
                {"type": "TextPositionSelector", "start": note.start, "end": note.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": note.quote,
                    "prefix": text[max(0, note.start - QUOTE_CONTEXT) : note.start],
                    "suffix": text[note.end : note.end + QUOTE_CONTEXT],
                },
            ],
        },
    }


def export_w3c(project: "Project", out: Path, selection: Selection | None = None) -> int:
    selection = selection or Selection()
    items = list(_annotations(project, selection))
    collection_id = f"urn:uuid:{uuid.uuid4()}"
    collection = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Annotations from {Path(project.location).stem}",
        "total": len(items),
        CODEBOOK_KEY: _codebook(project, {b["value"] for i in items for b in i["body"][:1]}),
        "first": {
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
    }
    write_text_atomic(out, json.dumps(collection, ensure_ascii=False, indent=1))
    return len(items)


def _codebook(project: "Project", used: set[str]) -> list[dict[str, Any]]:
    """The tags the annotations use and their ancestors, parents first."""
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
    by_id = {t.id: t for t in tags}
    wanted: set[int] = set()
    for tag in tags:
        current: Tag | None = tag if tag.name in used else None
        while current is not None and current.id not in wanted:
            wanted.add(current.id)
            current = by_id.get(current.parent_id) if current.parent_id else None

    def depth(tag: Tag) -> int:
        seen, current = 0, tag
        while current.parent_id in by_id and seen < len(by_id):
            current, seen = by_id[current.parent_id], seen + 1
        return seen

    chosen = sorted((t for t in tags if t.id in wanted), key=depth)
    return [
        {
            "name": t.name,
            "color": t.color,
            "definition": t.definition,
            "parent": by_id[t.parent_id].name if t.parent_id in by_id else "",
        }
        for t in chosen
    ]


class ArticleTexts:
    """Articles by URI, each text read from the database once, when first needed."""

    def __init__(self, session: "Session") -> None:
        self.session = session
        self.ids: dict[str, int] = {}
        self.by_url: dict[str, list[int]] = {}
        for uri, url, article_id in session.execute(
            sa.select(Article.uri, Article.url, Article.id)
        ):
            self.ids[uri] = article_id
            if url:
                self.by_url.setdefault(url, []).append(article_id)
        self.texts: dict[int, str] = {}

    def find(self, sources: tuple[str, ...]) -> tuple[int, str] | None:
        """The article an annotation's target names: by the text's URN, else by a web
        address that exactly one article has (its quote then re-anchors it, should that
        article's text differ from the one coded)."""
        article_id = next((self.ids[s] for s in sources if s in self.ids), None)
        if article_id is None:
            found = {a for s in sources for a in self.by_url.get(s, [])}
            article_id = found.pop() if len(found) == 1 else None
        if article_id is None:
            return None
        if article_id not in self.texts:
            query = sa.select(Article.text).where(Article.id == article_id)
            self.texts[article_id] = self.session.scalar(query) or ""
        return article_id, self.texts[article_id]


@dataclass
class ImportReport:
    imported: int = 0
    already_present: int = 0
    deleted_here: int = 0
    orphans: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)
    differing_tags: list[str] = field(default_factory=list)
    new_coders: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"imported: {self.imported} annotation(s)",
            f"already present: {self.already_present}",
        ]
        if self.deleted_here:
            out.append(f"deleted in this project, not brought back: {self.deleted_here}")
        if self.new_tags:
            out.append("new tags added to the codebook: " + ", ".join(self.new_tags))
        if self.differing_tags:
            out.append(
                "tags kept as they are here, differing in the file: "
                + ", ".join(self.differing_tags)
            )
        if self.new_coders:
            out.append("new coders: " + ", ".join(self.new_coders))
        out.extend(f"orphan: {reason}" for reason in self.orphans)
        return out


def import_w3c(project: "Project", path: Path) -> ImportReport:
    """Add the file's annotations to the project in one transaction, re-anchoring each."""
    found = read_annotations(path)
    report = ImportReport()
    with writing(project, "import") as writer:
        session = writer.session
        articles = ArticleTexts(session)
        tags = _Tags(session, found.codebook, report)
        coders = {name: i for i, name in session.execute(sa.select(Coder.id, Coder.name))}
        for number, item in enumerate(found.items, start=1):
            parsed = parse_item(item, number)
            if isinstance(parsed, str):
                report.orphans.append(parsed)
                continue
            _import_one(writer, parsed, number, articles, tags, coders, report)
        writer.tags_changed = bool(report.new_tags)
        writer.coders_changed = bool(report.new_coders)
    log.info("imported %s: %d annotation(s)", path, report.imported)
    return report


class _Tags:
    """Tags by name; a missing one is made from the file's codebook (colour, definition,
    parent), or grey when the file has none for it."""

    def __init__(
        self, session: "Session", codebook: dict[str, CodebookEntry], report: ImportReport
    ) -> None:
        self.session = session
        self.codebook = codebook
        self.report = report
        self.ids = {name: i for i, name in session.execute(sa.select(Tag.id, Tag.name))}
        self.checked: set[str] = set()

    def id_of(self, name: str, depth: int = 0) -> int:
        entry = self.codebook.get(name)
        if name in self.ids:
            if entry is not None and name not in self.checked:
                self.checked.add(name)
                tag = self.session.get(Tag, self.ids[name])
                if tag is not None and (
                    (entry.color and entry.color.upper() != tag.color.upper())
                    or (entry.definition and entry.definition != tag.definition)
                ):
                    self.report.differing_tags.append(name)
            return self.ids[name]
        parent_id = None
        if entry is not None and entry.parent and entry.parent != name and depth < 50:
            parent_id = self.id_of(entry.parent, depth + 1)
        position = self.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Tag.position), 0)))
        color = entry.color.upper() if entry is not None else ""
        tag = Tag(
            name=name,
            color=color if _is_color(color) else NEW_TAG_COLOR,
            definition=entry.definition if entry is not None else "",
            parent_id=parent_id,
            position=(position or 0) + 1,
        )
        self.session.add(tag)
        self.session.flush()
        self.ids[name] = tag.id
        self.report.new_tags.append(name)
        return tag.id


def _is_color(value: str) -> bool:
    return (
        len(value) == 7
        and value.startswith("#")
        and all(ch in "0123456789ABCDEF" for ch in value[1:])
    )


def _import_one(
    writer: AnnotationWriter,
    parsed: Parsed,
    number: int,
    articles: ArticleTexts,
    tags: _Tags,
    coders: dict[str, int],
    report: ImportReport,
) -> None:
    where = f"#{number} ({parsed.tag}: “{parsed.exact[:40]}”)"
    ident = parsed.uuid or _derived_uuid(parsed, number)
    known = writer.identity(ident)
    if known is Outcome.PRESENT:
        report.already_present += 1
        return
    if known is Outcome.DELETED_HERE:
        report.deleted_here += 1
        return
    article = articles.find(parsed.sources)
    if article is None:
        report.orphans.append(f"{where}: its article {parsed.sources[0]} is not in this project")
        return
    article_id, text = article
    span = anchor(text, parsed.exact, parsed.start, parsed.end, parsed.prefix, parsed.suffix)
    if span is None:
        report.orphans.append(f"{where}: the quoted text is not in the article")
        return
    tag_id = tags.id_of(parsed.tag)
    if parsed.coder not in coders:
        coder = Coder(name=parsed.coder, kind=parsed.coder_kind)
        writer.session.add(coder)
        writer.session.flush()
        coders[parsed.coder] = coder.id
        report.new_coders.append(parsed.coder)
    writer.create(
        Draft(
            article_id=article_id,
            tag_id=tag_id,
            coder_id=coders[parsed.coder],
            start=span[0],
            end=span[1],
            note=parsed.note,
            uuid=ident,
            created=parsed.created,
            modified=parsed.modified or parsed.created,
        )
    )
    report.imported += 1


def _derived_uuid(parsed: Parsed, number: int) -> str:
    """An identity for an annotation the file gives none: the same file imported again gives
    the same identities, so nothing is added twice."""
    key = "|".join(
        [parsed.sources[0], parsed.tag, parsed.coder, parsed.exact, str(parsed.start), str(number)]
    )
    return str(uuid.uuid5(uuid.NAMESPACE_URL, key))
