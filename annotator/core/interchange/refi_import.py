"""REFI-QDA import: a .qdpx project's sources, codes, users, coded selections and notes, or a
.qdc codebook. Archives are treated as hostile: member names, sizes and ratio are checked
before anything is read, and the XML is parsed with defusedxml."""

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

import sqlalchemy as sa
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.errors import AnnotatorError, ImportFailure
from annotator.core.importing.archive import open_zip, read_member
from annotator.core.interchange.refi_common import CODEBOOK_NS, PROJECT_NS
from annotator.core.models import Annotation, Coder, Tag, parse_utc, utcnow
from annotator.core.text import first_line_title

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

P = "{" + PROJECT_NS + "}"
C = "{" + CODEBOOK_NS + "}"
MAX_XML_BYTES = 100 * 1024 * 1024


@dataclass
class RefiReport:
    articles_imported: int = 0
    articles_present: int = 0
    annotations_imported: int = 0
    annotations_present: int = 0
    new_tags: list[str] = field(default_factory=list)
    differing_tags: list[str] = field(default_factory=list)
    new_coders: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"articles: {self.articles_imported} imported, {self.articles_present} already present",
            f"annotations: {self.annotations_imported} imported, "
            f"{self.annotations_present} already present",
        ]
        if self.new_tags:
            out.append("new tags: " + ", ".join(self.new_tags))
        if self.differing_tags:
            out.append(
                "tags kept as they are here, differing in the file: "
                + ", ".join(self.differing_tags)
            )
        if self.new_coders:
            out.append("new coders: " + ", ".join(self.new_coders))
        out.extend(f"skipped: {reason}" for reason in self.skipped)
        return out


def _parse(data: bytes, what: str) -> Element:
    if len(data) > MAX_XML_BYTES:
        raise ImportFailure(f"refused: {what} is larger than {MAX_XML_BYTES // 1048576} MB")
    try:
        root: Element = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ImportFailure(f"{what} is not valid REFI-QDA XML ({exc})") from exc
    return root


def canonical_with_map(raw: str) -> tuple[str, list[int]]:
    """The canonical text of ``raw`` and, for each offset of ``raw``, the offset it became."""
    mapping: list[int] = []
    out: list[str] = []
    i = 1 if raw.startswith("\ufeff") else 0
    mapping.extend([0] * i)
    while i < len(raw):
        mapping.append(len(out))
        ch = raw[i]
        if ch == "\r":
            if i + 1 < len(raw) and raw[i + 1] == "\n":
                mapping.append(len(out))
                i += 1
            out.append("\n")
        else:
            out.append(ch)
        i += 1
    mapping.append(len(out))
    return "".join(out), mapping


class _Codebook:
    """Tags by the file's code GUIDs, created or matched by name as the codes are read."""

    def __init__(self, session: "Session", report: RefiReport) -> None:
        self.session = session
        self.report = report
        self.by_name = {t.name: t for t in session.scalars(sa.select(Tag))}
        self.by_guid: dict[str, int] = {}

    def read(self, codes: Element | None, ns: str, parent: Tag | None = None) -> None:
        if codes is None:
            return
        for code in codes.findall(ns + "Code"):
            name = (code.get("name") or "").strip()
            if not name:
                continue
            color = code.get("color") or "#DDDDDD"
            definition = (code.findtext(ns + "Description") or "").strip()
            tag = self.by_name.get(name)
            if tag is None:
                position = self.session.scalar(
                    sa.select(sa.func.coalesce(sa.func.max(Tag.position), 0))
                )
                tag = Tag(
                    name=name,
                    color=_normal_color(color),
                    definition=definition,
                    position=(position or 0) + 1,
                    parent_id=parent.id if parent is not None else None,
                )
                self.session.add(tag)
                self.session.flush()
                self.by_name[name] = tag
                self.report.new_tags.append(name)
            elif _normal_color(color).lower() != tag.color.lower() or (
                definition and definition != tag.definition
            ):
                self.report.differing_tags.append(name)
            self.by_guid[code.get("guid") or ""] = tag.id
            self.read(code, ns, tag)


def _normal_color(color: str) -> str:
    value = color.strip()
    if len(value) == 4 and value.startswith("#"):
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.upper() if len(value) == 7 and value.startswith("#") else "#DDDDDD"


def import_qdc(project: "Project", path: Path) -> RefiReport:
    root = _parse(path.read_bytes(), path.name)
    report = RefiReport()
    with project.session() as session:
        _Codebook(session, report).read(root.find(C + "Codes"), C)
    return report


def import_qdpx(project: "Project", path: Path) -> RefiReport:
    """Bring a REFI-QDA project's articles, codes, coders and annotations into ``project``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnnotatorError(f"{path} cannot be read: {exc.strerror}") from exc
    archive = open_zip(data, "REFI-QDA project")
    xml = read_member(archive, "project.qde", "REFI-QDA project")
    if xml is None:
        raise ImportFailure("not a REFI-QDA project: project.qde is missing")
    root = _parse(xml, "project.qde")
    members = {name.lower(): name for name in archive.namelist()}
    report = RefiReport()
    notes = {
        note.get("guid") or "": (note.findtext(P + "PlainTextContent") or "").strip()
        for note in root.iter(P + "Note")
    }
    with project.session() as session:
        codebook = _Codebook(session, report)
        codebook.read(root.find(f"{P}CodeBook/{P}Codes"), P)
        users = _users(session, root, report)
    sources = root.find(P + "Sources")
    for source in list(sources) if sources is not None else []:
        part = _text_part(source, report)
        if part is None:
            continue
        raw = _source_text(part, archive, members, report)
        if raw is None:
            continue
        text, mapping = canonical_with_map(raw)
        name = source.get("name") or "Untitled"
        stored = store_article(
            project,
            ExtractedArticle(
                text=text,
                title=name if name.strip() else first_line_title(text),
                source_kind="refi",
                original_name=f"{path.name}: {name}",
                original_bytes=raw.encode("utf-8"),
                url=(source.findtext(P + "Description") or "").strip()
                if (source.findtext(P + "Description") or "").startswith("http")
                else "",
            ),
        )
        if stored.duplicate:
            report.articles_present += 1
        else:
            report.articles_imported += 1
        with project.session() as session:
            for chosen in part.findall(P + "PlainTextSelection"):
                _selection(
                    session,
                    chosen,
                    stored.article_id,
                    text,
                    mapping,
                    codebook,
                    users,
                    notes,
                    report,
                )
    return report


UNKNOWN_CODER = "Unknown coder"


def _users(session: "Session", root: Element, report: RefiReport) -> dict[str, int]:
    known = {c.name: c.id for c in session.scalars(sa.select(Coder))}
    by_guid: dict[str, int] = {}
    for user in root.iter(P + "User"):
        name = (user.get("name") or user.get("id") or "").strip() or UNKNOWN_CODER
        if name not in known:
            known[name] = _new_coder(session, name, report)
        by_guid[user.get("guid") or ""] = known[name]
    return by_guid


def _coder_of(session: "Session", guid: str, users: dict[str, int], report: RefiReport) -> int:
    """The coder a selection names; one "Unknown coder" for those that name none we know,
    made only when a selection needs it."""
    if guid in users:
        return users[guid]
    if "" not in users:
        existing = session.scalar(sa.select(Coder.id).where(Coder.name == UNKNOWN_CODER))
        users[""] = existing or _new_coder(session, UNKNOWN_CODER, report)
    return users[""]


def _new_coder(session: "Session", name: str, report: RefiReport) -> int:
    coder = Coder(name=name)
    session.add(coder)
    session.flush()
    report.new_coders.append(name)
    return coder.id


def _text_part(source: Element, report: RefiReport) -> Element | None:
    """What holds a source's text and its text selections: a text source itself, or the text
    representation another tool stored with a PDF."""
    kind = source.tag.removeprefix(P)
    name = source.get("name") or ""
    if kind == "TextSource":
        return source
    representation = source.find(P + "Representation")
    if kind == "PDFSource" and representation is not None:
        areas = len(source.findall(P + "PDFSelection"))
        if areas:
            report.skipped.append(
                f"PDFSource {name}: {areas} area selection(s) on the page image "
                "(its text selections are imported)"
            )
        return representation
    report.skipped.append(f"{kind} {name}: only text sources and PDFs with their text import")
    return None


def _source_text(
    source: Element, archive: zipfile.ZipFile, members: dict[str, str], report: RefiReport
) -> str | None:
    inline = source.find(P + "PlainTextContent")
    if inline is not None and inline.text:
        return inline.text
    where = source.get("plainTextPath") or ""
    name = source.get("name") or where
    if not where.startswith("internal://"):
        report.skipped.append(f"source {name}: its text is outside the archive ({where})")
        return None
    relative = PurePosixPath("sources") / where.removeprefix("internal://")
    member = members.get(str(relative).lower())
    if member is None:
        report.skipped.append(f"source {name}: {relative} is missing from the archive")
        return None
    data = read_member(archive, member, "REFI-QDA project")
    try:
        return (data or b"").decode("utf-8-sig")
    except UnicodeDecodeError:
        report.skipped.append(f"source {name}: its text is not UTF-8")
        return None


def _selection(
    session: "Session",
    chosen: Element,
    article_id: int,
    text: str,
    mapping: list[int],
    codebook: _Codebook,
    users: dict[str, int],
    notes: dict[str, str],
    report: RefiReport,
) -> None:
    try:
        raw_start = int(chosen.get("startPosition") or "")
        raw_end = int(chosen.get("endPosition") or "")
    except ValueError:
        report.skipped.append(f"selection {chosen.get('guid')}: no valid positions")
        return
    if not 0 <= raw_start < raw_end < len(mapping):
        report.skipped.append(f"selection {chosen.get('guid')}: positions outside the source")
        return
    start, end = mapping[raw_start], mapping[raw_end]
    note = (
        "\n\n".join(
            notes[ref.get("targetGUID") or ""]
            for ref in chosen.findall(P + "NoteRef")
            if notes.get(ref.get("targetGUID") or "")
        )
        or (chosen.findtext(P + "Description") or "").strip()
    )
    codings = chosen.findall(P + "Coding")
    selection_guid = chosen.get("guid") or ""
    for coding in codings:
        ref = coding.find(P + "CodeRef")
        tag_id = codebook.by_guid.get(ref.get("targetGUID") or "") if ref is not None else None
        if tag_id is None:
            report.skipped.append(f"coding {coding.get('guid')}: its code is not in the codebook")
            continue
        user = coding.get("creatingUser") or chosen.get("creatingUser") or ""
        coder_id = _coder_of(session, user, users, report)
        ident = _annotation_uuid(selection_guid, ref, len(codings))
        exists = session.scalar(
            sa.select(Annotation.id).where(
                (Annotation.uuid == ident)
                | (
                    (Annotation.article_id == article_id)
                    & (Annotation.tag_id == tag_id)
                    & (Annotation.coder_id == coder_id)
                    & (Annotation.start == start)
                    & (Annotation.end == end)
                )
            )
        )
        if exists is not None:
            report.annotations_present += 1
            continue
        created = (
            parse_utc(coding.get("creationDateTime") or chosen.get("creationDateTime")) or utcnow()
        )
        modified = parse_utc(chosen.get("modifiedDateTime")) or created
        session.add(
            Annotation(
                uuid=ident,
                article_id=article_id,
                tag_id=tag_id,
                coder_id=coder_id,
                start=start,
                end=end,
                quote=text[start:end],
                note=note,
                created=created,
                modified=modified,
            )
        )
        session.flush()
        report.annotations_imported += 1


def _annotation_uuid(selection_guid: str, ref: Element | None, codings: int) -> str:
    try:
        base = uuid.UUID(selection_guid.strip("{}"))
    except ValueError:
        base = uuid.uuid4()
    if codings == 1:
        return str(base)
    target = ref.get("targetGUID") if ref is not None else ""
    return str(uuid.uuid5(base, target or ""))
