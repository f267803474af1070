"""Reading a REFI-QDA project's sources: users, links, notes, the text of each source (inline
or in the archive), whether selection names are quotes, and the article a source becomes."""

from pathlib import PurePosixPath
from xml.etree.ElementTree import Element

from annotator.core.articles import ExtractedArticle
from annotator.core.importing.archive import read_member
from annotator.core.interchange.refi_common import ARTICLE_VARIABLES
from annotator.core.interchange.refi_context import UNKNOWN_CODER, ImportContext
from annotator.core.interchange.refi_positions import SourcePositions, quote_matches
from annotator.core.limits import name_problem, no_nul
from annotator.core.text import first_line_title


def user_names(root: Element, ns: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for user in root.iter(ns + "User"):
        name = " ".join(no_nul(user.get("name") or user.get("id") or "").split())
        names[user.get("guid") or ""] = name if name_problem(name, "user") is None else ""
    return {guid: name or UNKNOWN_CODER for guid, name in names.items()}


def links(root: Element, ns: str) -> dict[str, list[str]]:
    """Notes linked to selections (NVivo links a selection's annotation this way)."""
    linked: dict[str, list[str]] = {}
    for link in root.iter(ns + "Link"):
        origin, target = link.get("originGUID") or "", link.get("targetGUID") or ""
        linked.setdefault(target, []).append(origin)
    return linked


def note_text(context: ImportContext, note: Element) -> str:
    inline = note.findtext(context.ns + "PlainTextContent")
    if inline:
        return no_nul(inline.strip())
    where = note.get("plainTextPath") or ""
    if where.startswith("internal://"):
        member = context.members.get(f"sources/{where.removeprefix('internal://')}".lower())
        if member is not None:
            data = read_member(context.archive, member, "REFI-QDA project") or b""
            return no_nul(data.decode("utf-8-sig", errors="replace").strip())
    return ""


def text_part(context: ImportContext, source: Element) -> Element | None:
    """What holds a source's text and its text selections: a text source itself, or the text
    representation another tool stored with a PDF."""
    ns, report = context.ns, context.report
    kind = source.tag.removeprefix(ns)
    name = source.get("name") or ""
    if kind == "TextSource":
        return source
    representation = source.find(ns + "Representation")
    if kind == "PDFSource" and representation is not None:
        areas = len(source.findall(ns + "PDFSelection"))
        if areas:
            report.skipped.append(
                f"PDFSource {name}: {areas} area selection(s) on the page image "
                "(its text selections are imported)"
            )
        return representation
    report.skipped.append(f"{kind} {name}: only text sources and PDFs with their text import")
    return None


def source_text(
    context: ImportContext, part: Element, name: str, report: bool = True
) -> str | None:
    inline = part.find(context.ns + "PlainTextContent")
    if inline is not None and inline.text:
        return inline.text
    where = part.get("plainTextPath") or ""
    problem = None
    text = None
    if not where.startswith("internal://"):
        problem = f"its text is outside the archive ({where})"
    else:
        relative = PurePosixPath("sources") / where.removeprefix("internal://")
        member = context.members.get(str(relative).lower())
        if member is None:
            problem = f"{relative} is missing from the archive"
        else:
            data = read_member(context.archive, member, "REFI-QDA project") or b""
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                problem = "its text is not UTF-8"
    if problem is not None and report:
        context.report.skipped.append(f"source {name}: {problem}")
    return text


def names_are_quotes(context: ImportContext, sources: list[Element]) -> bool:
    """Whether this file's selection names are the selected text (whole or cut short): true
    when most non-empty names fit the text under some counting."""
    named = fitting = 0
    for source in sources:
        part = source if source.tag == context.ns + "TextSource" else None
        part = part if part is not None else source.find(context.ns + "Representation")
        if part is None:
            continue
        chosen = [s for s in part.findall(context.ns + "PlainTextSelection") if s.get("name")]
        raw = source_text(context, part, "", report=False) if chosen else None
        if raw is None:
            continue
        positions = SourcePositions(raw)
        for selection in chosen:
            named += 1
            span = raw_span(selection)
            if span is not None and any(
                (at := positions.span(c, *span)) is not None
                and quote_matches(positions.text[at[0] : at[1]], selection.get("name") or "")
                for c in positions.distinct(context.countings)
            ):
                fitting += 1
    return named > 0 and 2 * fitting >= named


def raw_span(selection: Element) -> tuple[int, int] | None:
    try:
        return int(selection.get("startPosition") or ""), int(selection.get("endPosition") or "")
    except ValueError:
        return None


def variable_values(context: ImportContext, source: Element) -> dict[str, str]:
    """The article fields the source's variables give, by field name."""
    fields = {name.lower(): attribute for name, attribute in ARTICLE_VARIABLES.items()}
    values: dict[str, str] = {}
    for holder in source.findall(context.ns + "VariableValue"):
        ref = holder.find(context.ns + "VariableRef")
        name = context.variables.get(ref.get("targetGUID") or "", "") if ref is not None else ""
        value = next((no_nul(v.text or "").strip() for v in holder if v is not ref), "")
        attribute = fields.get(name.lower())
        if attribute is None:
            context.other_variables.add(name or "(unnamed)")
        elif value:
            values[attribute] = value
    return values


def article(context: ImportContext, source: Element, raw: str, text: str) -> ExtractedArticle:
    name = no_nul(source.get("name") or "")
    values = variable_values(context, source)
    description = no_nul(source.findtext(context.ns + "Description") or "").strip()
    url = next((line.strip() for line in description.splitlines() if line.startswith("http")), "")
    title = values.get("title") or name.strip() or first_line_title(text)
    rest = [
        line
        for line in description.splitlines()
        if line.strip() and line.strip() not in (url, title, name.strip())
    ]
    context.memos_on_sources += bool(rest)
    return ExtractedArticle(
        text=text,
        title=title,
        source_kind=values.get("source_kind", "refi"),
        original_name=values.get("original_name", f"{context.path.name}: {name}"),
        original_bytes=raw.encode("utf-8", errors="replace"),
        url=values.get("url", url),
        author=values.get("author", ""),
        outlet=values.get("outlet", ""),
        published=values.get("published", ""),
        language=values.get("language", ""),
    )
