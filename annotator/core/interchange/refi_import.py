"""REFI-QDA import: a .qdpx project's sources, codes, coded selections, notes and article
metadata, or a .qdc codebook.

Archives are treated as hostile: member names, sizes and ratio are checked before anything is
read, and the XML is parsed with defusedxml. Each source is stored with its annotations in one
transaction, so a source the database refuses leaves nothing half-imported and the others
still come in. Whatever the file holds that a text annotation cannot (area selections, sets,
cases, journals, memos without a code, users who coded nothing) is named in the report.
"""

import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

import sqlalchemy as sa
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from annotator.core.annotation_writes import AnnotationWriter, Draft, Outcome, writing
from annotator.core.articles import store_article_in
from annotator.core.errors import AnnotatorError, ImportFailure
from annotator.core.importing.archive import open_zip, read_member
from annotator.core.interchange.refi_codebook import Codebook, namespace_of
from annotator.core.interchange.refi_common import KNOWN_CODEBOOK_NS, KNOWN_PROJECT_NS
from annotator.core.interchange.refi_context import Coders, ImportContext
from annotator.core.interchange.refi_positions import (
    Counting,
    SourcePositions,
    countings_for,
    place,
    producer,
)
from annotator.core.interchange.refi_report import RefiReport, listing
from annotator.core.interchange.refi_sources import (
    article,
    links,
    names_are_quotes,
    note_text,
    raw_span,
    source_text,
    text_part,
    user_names,
)
from annotator.core.limits import no_nul
from annotator.core.models import Coder, parse_utc, utcnow

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)
MAX_XML_BYTES = 100 * 1024 * 1024
__all__ = ["RefiReport", "import_qdc", "import_qdpx"]


def _parse(data: bytes, what: str) -> Element:
    if len(data) > MAX_XML_BYTES:
        raise ImportFailure(f"refused: {what} is larger than {MAX_XML_BYTES // 1048576} MB")
    try:
        root: Element = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ImportFailure(f"{what} is not valid REFI-QDA XML ({exc})") from exc
    return root


def import_qdc(project: "Project", path: Path) -> RefiReport:
    """Add a codebook's codes to the project's tags (matched by name, nested as in the file)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnnotatorError(f"{path} cannot be read: {exc.strerror}") from exc
    root = _parse(data, path.name)
    ns = namespace_of(root, "CodeBook", KNOWN_CODEBOOK_NS, path.name)
    codes = root.find(ns + "Codes")
    if codes is None or codes.find(ns + "Code") is None:
        raise ImportFailure(f"{path.name} holds no codes")
    report = RefiReport()
    with writing(project, "import") as writer:
        codebook = Codebook(writer.session, report)
        codebook.read(codes, ns)
        writer.tags_changed = bool(report.new_tags)
    if codebook.memos:
        report.skipped.append(f"{codebook.memos} note(s) on codes (only codes are imported)")
    log.info("imported codebook %s: %d new tag(s)", path, len(report.new_tags))
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
    ns = namespace_of(root, "Project", KNOWN_PROJECT_NS, "project.qde")
    report = RefiReport()
    with writing(project, "import") as writer:
        codebook = Codebook(writer.session, report)
        codebook.read(root.find(f"{ns}CodeBook/{ns}Codes"), ns)
        known = {c.name: c.id for c in writer.session.scalars(sa.select(Coder))}
        writer.tags_changed = bool(report.new_tags)
    origin = root.get("origin") or ""
    context = ImportContext(
        ns=ns,
        archive=archive,
        members={name.lower(): name for name in archive.namelist()},
        path=path,
        report=report,
        codebook_ids=codebook.by_guid,
        coders=Coders(user_names(root, ns), known, report),
        notes={},
        linked=links(root, ns),
        variables={v.get("guid") or "": v.get("name") or "" for v in root.iter(ns + "Variable")},
        countings=countings_for(origin),
    )
    context.notes = {
        note.get("guid") or "": note_text(context, note) for note in root.iter(ns + "Note")
    }
    sources = list(root.find(ns + "Sources") or [])
    context.quotes = names_are_quotes(context, sources)
    if not context.quotes:
        report.notes.append(
            f"the selections' names are not the selected text, so their positions are taken "
            f"as {producer(origin)} counts them ({context.countings[0].label}), unchecked"
        )
    for source in sources:
        _import_source(project, context, source)
    _report_the_rest(context, root, codebook.memos, origin)
    log.info(
        "imported %s: %d article(s), %d annotation(s)",
        path,
        report.articles_imported,
        report.annotations_imported,
    )
    return report


@dataclass
class _Tally:
    imported: int = 0
    present: int = 0


def _import_source(project: "Project", context: ImportContext, source: Element) -> None:
    part = text_part(context, source)
    if part is None:
        return
    name = source.get("name") or source.get("guid") or "(unnamed)"
    raw = source_text(context, part, name)
    if raw is None:
        return
    positions = SourcePositions(no_nul(raw))  # one for one: positions keep their meaning
    extracted = article(context, source, raw, positions.text)
    tally = _Tally()
    skipped: list[str] = []
    counted: Counter[Counting] = Counter()
    try:
        with writing(project, "import") as writer:
            coders_before = len(context.report.new_coders)
            stored = store_article_in(writer.session, extracted)
            writer.article_text(stored.article_id)  # read once for every selection's quote
            for chosen in part.findall(context.ns + "PlainTextSelection"):
                _selection(
                    writer,
                    context,
                    chosen,
                    stored.article_id,
                    positions,
                    name,
                    tally,
                    skipped,
                    counted,
                )
            writer.articles_changed = not stored.duplicate
            writer.coders_changed = len(context.report.new_coders) > coders_before
    except sa.exc.SQLAlchemyError as exc:
        context.coders.rolled_back()
        log.warning("REFI-QDA source %s refused by the database", name, exc_info=True)
        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        context.report.skipped.append(
            f"source {name}: not imported, the database refused it ({reason}); "
            "the other sources were imported"
        )
        return
    context.coders.committed()
    context.counted.update(counted)
    context.report.skipped.extend(skipped)
    if stored.duplicate:
        context.report.articles_present += 1
    else:
        context.report.articles_imported += 1
    context.report.annotations_imported += tally.imported
    context.report.annotations_present += tally.present


def _selection(
    writer: AnnotationWriter,
    context: ImportContext,
    chosen: Element,
    article_id: int,
    positions: SourcePositions,
    source_name: str,
    tally: _Tally,
    skipped: list[str],
    counted: Counter[Counting],
) -> None:
    ns = context.ns
    guid = chosen.get("guid") or ""
    where = f"selection {guid} in {source_name}"
    codings = chosen.findall(ns + "Coding")
    note = _note(context, chosen)
    if not codings:
        what = "a memo" if note else "nothing"
        skipped.append(f"{where}: {what} on a span without a code (an annotation needs a tag)")
        return
    raw = raw_span(chosen)
    if raw is None:
        skipped.append(f"{where}: no valid positions")
        return
    quote = chosen.get("name") if context.quotes and chosen.get("name") else None
    placed = place(positions, context.countings, *raw, quote)
    if placed is None:
        skipped.append(
            f"{where}: positions {raw[0]}–{raw[1]} "
            + (
                "fit the selected text in no way of counting (code points, UTF-16 code "
                "units, line ends); not stored on the wrong words"
                if quote is not None
                else "lie outside the source"
            )
        )
        return
    if placed.start >= placed.end:
        skipped.append(
            f"{where}: positions {raw[0]}–{raw[1]} cover no character of the text "
            "(only the CR of a Windows line end, or nothing)"
        )
        return
    counted[placed.counting] += 1
    for coding in codings:
        for on_coding in coding.findall(ns + "NoteRef"):  # not the passage's note
            context.used_notes.add(on_coding.get("targetGUID") or "")
            context.notes_on_codings += 1
        ref = coding.find(ns + "CodeRef")
        tag_id = context.codebook_ids.get(ref.get("targetGUID") or "") if ref is not None else None
        if tag_id is None:
            skipped.append(f"coding {coding.get('guid')}: its code is not in the codebook")
            continue
        user = coding.get("creatingUser") or chosen.get("creatingUser") or ""
        coder_id = context.coders.coder_id(writer.session, user)
        ident = _annotation_uuid(guid, ref, len(codings), f"{source_name}|{raw[0]}|{raw[1]}")
        created = (
            parse_utc(coding.get("creationDateTime") or chosen.get("creationDateTime")) or utcnow()
        )
        outcome, _record = writer.create(
            Draft(
                article_id=article_id,
                tag_id=tag_id,
                coder_id=coder_id,
                start=placed.start,
                end=placed.end,
                note=note,
                uuid=ident,
                created=created,
                modified=parse_utc(chosen.get("modifiedDateTime")) or created,
            )
        )
        if outcome is Outcome.ADDED:
            tally.imported += 1
        elif outcome is Outcome.PRESENT:
            tally.present += 1
        else:
            skipped.append(f"{where}: deleted in this project, not brought back")


def _note(context: ImportContext, chosen: Element) -> str:
    """A selection's note: its description, then any linked notes that say something else."""
    ns = context.ns
    parts = [no_nul((chosen.findtext(ns + "Description") or "").strip())]
    refs = [ref.get("targetGUID") or "" for ref in chosen.findall(ns + "NoteRef")]
    refs += context.linked.get(chosen.get("guid") or "", [])
    for ref in refs:
        if ref in context.notes:
            context.used_notes.add(ref)
            if context.notes[ref] not in parts:
                parts.append(context.notes[ref])
    return "\n\n".join(part for part in parts if part)


def _annotation_uuid(selection_guid: str, ref: Element | None, codings: int, fallback: str) -> str:
    """The annotation's identity from the selection's GUID (and the code's, when a selection
    has several codings); a selection without a usable GUID gets one derived from where it
    lies, so that importing the same file again adds nothing."""
    try:
        base = uuid.UUID(selection_guid.strip("{}"))
    except ValueError:
        base = uuid.uuid5(uuid.NAMESPACE_URL, fallback)
    if codings == 1:
        return str(base)
    target = ref.get("targetGUID") if ref is not None else ""
    return str(uuid.uuid5(base, target or ""))


def _report_the_rest(context: ImportContext, root: Element, code_memos: int, origin: str) -> None:
    """Name what the file holds beyond text annotations, so nothing is dropped unsaid."""
    ns, report = context.ns, context.report
    for counting, count in context.counted.items():
        if counting is not Counting.CODE_POINTS:
            report.notes.append(
                f"{count} selection(s) counted in {counting.label} "
                f"(as {producer(origin)} writes them) were converted to the text's characters"
            )
    idle = sorted(
        {name for guid, name in context.coders.names.items() if guid not in context.coders.used}
        - {name for guid, name in context.coders.names.items() if guid in context.coders.used}
    )
    if idle:
        report.notes.append(f"users with no codings (no coder made for them): {listing(idle)}")
    sets = [s.get("name") or "(unnamed)" for s in root.iter(ns + "Set")]
    if sets:
        report.skipped.append(f"{len(sets)} set(s) or code group(s): {listing(sets)}")
    cases = [c.get("name") or "(unnamed)" for c in root.iter(ns + "Case")]
    if cases:
        report.skipped.append(f"{len(cases)} case(s): {listing(cases)}")
    graphs = len(list(root.iter(ns + "Graph")))
    if graphs:
        report.skipped.append(f"{graphs} graph(s)")
    unused = [
        (n.get("name") or "(unnamed)")
        for n in root.iter(ns + "Note")
        if (n.get("guid") or "") not in context.used_notes
    ]
    if unused:
        report.skipped.append(
            f"{len(unused)} note(s) not on a coded span (journals, memos on codes, sources "
            f"or the project): {listing(unused)}"
        )
    elif code_memos:
        report.skipped.append(f"{code_memos} note(s) on codes")
    if context.notes_on_codings:
        report.skipped.append(
            f"{context.notes_on_codings} note(s) on codings (such as the marks of accepted "
            "suggestions): the annotations are imported without them"
        )
    if context.memos_on_sources:
        report.skipped.append(
            f"the descriptions (memos) of {context.memos_on_sources} source(s), beyond a title "
            "and a web address"
        )
    if context.other_variables:
        report.skipped.append(
            "variables with no article field to hold them: "
            + listing(sorted(context.other_variables))
        )
