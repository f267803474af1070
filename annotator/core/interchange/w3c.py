"""W3C Web Annotation Data Model JSON: export, and import with re-anchoring.

Each annotation: a TextualBody with purpose "tagging" (the tag) and one with purpose
"commenting" (the note, when there is one); ``creator.name`` the coder; ``target.source`` the
article's URI; a TextPositionSelector and a TextQuoteSelector (exact, 32-character prefix and
suffix) as target selectors.
"""

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.errors import AnnotatorError
from annotator.core.files import write_text_atomic
from annotator.core.interchange.anchoring import anchor
from annotator.core.models import Annotation, Article, Coder, CoderKind, Tag, parse_utc, utcnow
from annotator.core.rows import Selection

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
QUOTE_CONTEXT = 32
KIND_KEY = "annotator:coderKind"
NEW_TAG_COLOR = "#DDDDDD"


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def _annotations(project: "Project", selection: Selection) -> Iterator[dict[str, Any]]:
    query = (
        sa.select(Annotation, Article.uri, Tag.name, Coder.name, Coder.kind)
        .join(Article, Annotation.article_id == Article.id)
        .join(Tag, Annotation.tag_id == Tag.id)
        .join(Coder, Annotation.coder_id == Coder.id)
        .order_by(Article.position, Article.id, Annotation.start, Annotation.end, Annotation.id)
    )
    query = selection.apply(query)
    texts: dict[int, str] = {}
    with project.session() as session:
        for note, uri, tag, coder, kind in session.execute(query):
            if note.article_id not in texts:
                texts.clear()
                texts[note.article_id] = (
                    session.scalar(sa.select(Article.text).where(Article.id == note.article_id))
                    or ""
                )
            text = texts[note.article_id]
            yield to_w3c(note, uri, tag, coder, kind, text)


def to_w3c(
    note: Annotation, uri: str, tag: str, coder: str, kind: str, text: str
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
            "source": uri,
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
    items = list(_annotations(project, selection or Selection()))
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": f"Annotations from {Path(project.location).stem}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    write_text_atomic(out, json.dumps(collection, ensure_ascii=False, indent=1))
    return len(items)


class ArticleTexts:
    """Articles by URI, each text read from the database once, when first needed."""

    def __init__(self, session: "Session") -> None:
        self.session = session
        self.ids: dict[str, int] = {
            uri: article_id
            for uri, article_id in session.execute(sa.select(Article.uri, Article.id))
        }
        self.texts: dict[int, str] = {}

    def find(self, uri: str) -> tuple[int, str] | None:
        article_id = self.ids.get(uri)
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
    orphans: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)
    new_coders: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"imported: {self.imported} annotation(s)",
            f"already present: {self.already_present}",
        ]
        if self.new_tags:
            out.append("new tags added to the codebook: " + ", ".join(self.new_tags))
        if self.new_coders:
            out.append("new coders: " + ", ".join(self.new_coders))
        out.extend(f"orphan: {reason}" for reason in self.orphans)
        return out


def read_annotations(path: Path) -> list[dict[str, Any]]:
    """The annotations of an AnnotationCollection, a JSON list, or JSON Lines."""
    try:
        raw = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotatorError(f"{path} cannot be read: {exc}") from exc
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise AnnotatorError(
                f"{path} is neither JSON nor JSON Lines (line {exc.lineno}: {exc.msg})"
            ) from exc
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        items: list[Any] = []
        page = data.get("first")
        while isinstance(page, dict):
            items.extend(page.get("items") or [])
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        items.extend(data.get("items") or [])
        data = items
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise AnnotatorError(f"{path} holds no Web Annotations")
    return data


@dataclass(frozen=True)
class _Parsed:
    uuid: str
    source: str
    tag: str
    note: str
    coder: str
    coder_kind: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    created: datetime | None
    modified: datetime | None


def _parse(item: dict[str, Any], number: int) -> _Parsed | str:
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if not isinstance(target, dict) or not isinstance(target.get("source"), str):
        return f"#{number}: no target source"
    selectors = target.get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    position: dict[str, Any] = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"),
        {},
    )
    quote: dict[str, Any] = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {}
    )
    bodies = item.get("body") or []
    if isinstance(bodies, dict):
        bodies = [bodies]
    tags = [b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
    notes = [
        b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"
    ]
    if not tags or not isinstance(tags[0], str) or not tags[0].strip():
        return f"#{number}: no tagging body"
    if not isinstance(quote.get("exact"), str):
        return f"#{number}: no TextQuoteSelector"
    creator = item.get("creator") or {}
    if isinstance(creator, str):
        creator = {"name": creator}
    ident = str(item.get("id") or "")
    ident = ident.removeprefix("urn:uuid:")
    try:
        ident = str(uuid.UUID(ident))
    except ValueError:
        ident = ""
    start, end = position.get("start"), position.get("end")
    return _Parsed(
        uuid=ident,
        source=target["source"],
        tag=tags[0].strip(),
        note="\n\n".join(n for n in notes if isinstance(n, str)),
        coder=str(creator.get("name") or "Unknown coder").strip(),
        coder_kind=str(creator.get(KIND_KEY) or CoderKind.PERSON.value),
        exact=quote["exact"],
        prefix=str(quote.get("prefix") or ""),
        suffix=str(quote.get("suffix") or ""),
        start=start if isinstance(start, int) else None,
        end=end if isinstance(end, int) else None,
        created=parse_utc(item.get("created")),
        modified=parse_utc(item.get("modified")),
    )


def import_w3c(project: "Project", path: Path) -> ImportReport:
    """Add the file's annotations to the project in one transaction, re-anchoring each."""
    items = read_annotations(path)
    report = ImportReport()
    with project.session() as session:
        articles = ArticleTexts(session)
        tags = {name: i for i, name in session.execute(sa.select(Tag.id, Tag.name))}
        coders = {name: i for i, name in session.execute(sa.select(Coder.id, Coder.name))}
        for number, item in enumerate(items, start=1):
            parsed = _parse(item, number)
            if isinstance(parsed, str):
                report.orphans.append(parsed)
                continue
            _import_one(session, parsed, number, articles, tags, coders, report)
    return report


def _import_one(
    session: "Session",
    parsed: _Parsed,
    number: int,
    articles: "ArticleTexts",
    tags: dict[str, int],
    coders: dict[str, int],
    report: ImportReport,
) -> None:
    where = f"#{number} ({parsed.tag}: “{parsed.exact[:40]}”)"
    if parsed.uuid and session.scalar(
        sa.select(Annotation.id).where(Annotation.uuid == parsed.uuid)
    ):
        report.already_present += 1
        return
    article = articles.find(parsed.source)
    if article is None:
        report.orphans.append(f"{where}: its article {parsed.source} is not in this project")
        return
    article_id, text = article
    span = anchor(text, parsed.exact, parsed.start, parsed.end, parsed.prefix, parsed.suffix)
    if span is None:
        report.orphans.append(f"{where}: the quoted text is not in the article")
        return
    if parsed.tag not in tags:
        position = session.scalar(sa.select(sa.func.coalesce(sa.func.max(Tag.position), 0)))
        tag = Tag(name=parsed.tag, color=NEW_TAG_COLOR, position=(position or 0) + 1)
        session.add(tag)
        session.flush()
        tags[parsed.tag] = tag.id
        report.new_tags.append(parsed.tag)
    if parsed.coder not in coders:
        coder = Coder(name=parsed.coder, kind=parsed.coder_kind)
        session.add(coder)
        session.flush()
        coders[parsed.coder] = coder.id
        report.new_coders.append(parsed.coder)
    same = session.scalar(
        sa.select(Annotation.id).where(
            Annotation.article_id == article_id,
            Annotation.tag_id == tags[parsed.tag],
            Annotation.coder_id == coders[parsed.coder],
            Annotation.start == span[0],
            Annotation.end == span[1],
        )
    )
    if same is not None:
        report.already_present += 1
        return
    now = utcnow()
    session.add(
        Annotation(
            uuid=parsed.uuid or str(uuid.uuid4()),
            article_id=article_id,
            tag_id=tags[parsed.tag],
            coder_id=coders[parsed.coder],
            start=span[0],
            end=span[1],
            quote=text[span[0] : span[1]],
            note=parsed.note,
            created=parsed.created or now,
            modified=parsed.modified or parsed.created or now,
        )
    )
    session.flush()
    report.imported += 1
