"""REFI-QDA export: a .qdpx project (sources as plain text, codes, users, coded selections,
notes, article metadata and attributes as variables) and a .qdc codebook, for NVivo,
ATLAS.ti, MAXQDA and QualCoder.

Source names become file names in other programs (QualCoder copies each source to
``documents/<name>.txt``), so a name is the title cut to 100 bytes of UTF-8 at a character
boundary, without the characters file systems refuse, and unique within the project; the
full title travels in the source's description and in the ``title`` variable. A note is
written both inside its selection (``<Description>``, where QualCoder reads it) and as a
linked ``<Note>`` (where NVivo and MAXQDA read it).

An annotation made by accepting a suggestion is marked by a ``<Note>`` named
`SUGGESTION_NOTE` on its coding (the standard's ``Coding`` holds ``NoteRef``s: a note on the
act of coding, not on the passage), saying so and giving the model's score; the selection's
own description and note stay the researcher's words alone.
"""

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, tostring

import sqlalchemy as sa

from annotator import __version__
from annotator.core.attribute_columns import AttributeColumns
from annotator.core.cells import clean_xml_text
from annotator.core.errors import AnnotatorError
from annotator.core.files import atomic_path, write_bytes_atomic
from annotator.core.interchange.refi_common import (
    ARTICLE_VARIABLES,
    CODEBOOK_NS,
    PROJECT_NS,
    stable_guid,
    xml_time,
)
from annotator.core.models import Annotation, Article, AttributeKind, Coder, Tag, utcnow
from annotator.core.rows import Selection
from annotator.core.suggest.decisions import accepted_scores_in

if TYPE_CHECKING:
    from annotator.core.project import Project

ORIGIN = f"Annotator {__version__}"
SUGGESTION_NOTE = "Accepted suggestion"
"""The name of the note that marks a coding made by accepting a suggestion."""
NAME_BYTES = 100
_UNSAFE_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


def source_name(title: str, used: set[str]) -> str:
    """A source name from ``title`` that every program can use as a file name: at most 100
    bytes of UTF-8, cut at a character boundary, unique (ignoring case) among ``used``."""
    base = " ".join(_UNSAFE_IN_FILE_NAMES.sub("_", clean_xml_text(title)).split()) or "Untitled"
    name = _cut(base, NAME_BYTES)
    number = 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name = _cut(base, NAME_BYTES - len(suffix.encode())) + suffix
        number += 1
    used.add(name.casefold())
    return name


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore").rstrip()


def _codes(parent: Element, tags: list[Tag]) -> None:
    """Codes nested as the codebook nests its tags."""
    children: dict[int | None, list[Tag]] = {}
    for tag in tags:
        children.setdefault(tag.parent_id, []).append(tag)
    known = {t.id for t in tags}

    def add(under: Element, tag: Tag) -> None:
        code = SubElement(
            under,
            "Code",
            guid=stable_guid("tag", tag.name),
            name=clean_xml_text(tag.name),
            isCodable="true",
            color=tag.color.upper(),
        )
        if tag.definition:
            SubElement(code, "Description").text = clean_xml_text(tag.definition)
        for child in children.get(tag.id, []):
            add(code, child)

    codes = SubElement(parent, "Codes")
    for tag in tags:
        if tag.parent_id is None or tag.parent_id not in known:
            add(codes, tag)


def _tags(project: "Project", selection: Selection) -> list[Tag]:
    with project.session() as session:
        tags = list(session.scalars(sa.select(Tag).order_by(Tag.position, Tag.id)))
    if selection.tags is None:
        return tags
    return [t for t in tags if t.name in selection.tags]


def codebook_xml(project: "Project", selection: Selection | None = None) -> bytes:
    return _codebook(_tags(project, selection or Selection()))


def _codebook(tags: list[Tag]) -> bytes:
    if not tags:
        # The standard's codebook holds one code or more: an empty one is no valid file.
        raise AnnotatorError(
            "there is no tag to export: a REFI-QDA codebook needs at least one; "
            "add a tag or choose tags that exist"
        )
    root = Element("CodeBook", xmlns=CODEBOOK_NS, origin=ORIGIN)
    _codes(root, tags)
    return _document(root)


def _document(root: Element) -> bytes:
    body: bytes = tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def export_qdc(project: "Project", out: Path, selection: Selection | None = None) -> int:
    tags = _tags(project, selection or Selection())
    data = _codebook(tags)
    write_bytes_atomic(out, data)
    return len(tags)


def project_xml(
    project: "Project", selection: Selection | None = None
) -> tuple[bytes, dict[str, str]]:
    """The project.qde document and the source texts by their file name in the archive."""
    selection = selection or Selection()
    now = xml_time(utcnow())
    root = Element(
        "Project",
        xmlns=PROJECT_NS,
        name=Path(project.location).stem if "://" not in project.location else "Annotator",
        origin=ORIGIN,
        creationDateTime=now,
    )
    tags = _tags(project, selection)
    attributes = AttributeColumns.read(project)
    with project.session() as session:
        coders = list(session.scalars(sa.select(Coder).order_by(Coder.name)))
        if selection.coders is not None:
            coders = [c for c in coders if c.name in selection.coders]
        users = SubElement(root, "Users")
        for coder in coders:
            SubElement(users, "User", guid=stable_guid("coder", coder.name), name=coder.name)
        if not coders:
            root.remove(users)
        codebook = SubElement(root, "CodeBook")
        _codes(codebook, tags)
        if not tags:
            root.remove(codebook)
        variables = SubElement(root, "Variables")
        for name in ARTICLE_VARIABLES:
            SubElement(
                variables,
                "Variable",
                guid=stable_guid("variable", name),
                name=name,
                typeOfVariable="Text",
            )
        attribute_variables = _attribute_variables(variables, attributes)
        articles_query = sa.select(Article).order_by(Article.position, Article.id)
        if selection.articles is not None:
            articles_query = articles_query.where(Article.id.in_(selection.articles))
        tag_names = {t.id: t.name for t in tags}
        coder_names = {c.id: c.name for c in coders}
        sources = SubElement(root, "Sources")
        notes = Element("Notes")
        texts: dict[str, str] = {}
        names: set[str] = set()
        for article in session.scalars(articles_query):
            guid = stable_guid("article", article.uri)
            texts[f"{guid}.txt"] = article.text
            source = SubElement(
                sources,
                "TextSource",
                guid=guid,
                name=source_name(article.title, names),
                plainTextPath=f"internal://{guid}.txt",
                creationDateTime=xml_time(article.imported_at),
            )
            about = "\n".join(line for line in (article.title, article.url) if line)
            SubElement(source, "Description").text = clean_xml_text(about)
            annotations = list(
                session.scalars(
                    sa.select(Annotation)
                    .where(Annotation.article_id == article.id)
                    .order_by(Annotation.start, Annotation.end, Annotation.id)
                )
            )
            scores = accepted_scores_in(session, article.id)
            for note in annotations:
                if note.tag_id in tag_names and note.coder_id in coder_names:
                    _selection(
                        source,
                        notes,
                        note,
                        tag_names[note.tag_id],
                        coder_names[note.coder_id],
                        scores.get(note.uuid),
                    )
            _variable_values(source, article)
            _attribute_values(source, attributes.values.get(article.id, {}), attribute_variables)
        if not len(sources):
            root.remove(sources)
            root.remove(variables)
        if len(notes):
            root.append(notes)
    return _document(root), texts


def _selection(
    source: Element,
    notes: Element,
    note: Annotation,
    tag: str,
    coder: str,
    suggested: float | None = None,
) -> None:
    """One annotation as a coded selection, its note inside it and as a linked Note; an
    accepted suggestion's score (``suggested``) as a Note on its coding."""
    user = stable_guid("coder", coder)
    chosen = SubElement(
        source,
        "PlainTextSelection",
        guid=note.uuid,
        name=clean_xml_text(note.quote[:60]),
        startPosition=str(note.start),
        endPosition=str(note.end),
        creatingUser=user,
        creationDateTime=xml_time(note.created),
        modifyingUser=user,
        modifiedDateTime=xml_time(note.modified),
    )
    if note.note:
        SubElement(chosen, "Description").text = clean_xml_text(note.note)
    coding = SubElement(
        chosen,
        "Coding",
        guid=stable_guid("coding", note.uuid),
        creatingUser=user,
        creationDateTime=xml_time(note.created),
    )
    SubElement(coding, "CodeRef", targetGUID=stable_guid("tag", tag))
    if suggested is not None:
        mark_guid = stable_guid("suggestion", note.uuid)
        SubElement(coding, "NoteRef", targetGUID=mark_guid)
        mark = SubElement(
            notes,
            "Note",
            guid=mark_guid,
            name=SUGGESTION_NOTE,
            creatingUser=user,
            creationDateTime=xml_time(note.created),
        )
        SubElement(mark, "PlainTextContent").text = (
            f"Coded by accepting a suggestion of Annotator (the model's score "
            f"{suggested:.4f}), not found by hand."
        )
    if note.note:
        note_guid = stable_guid("note", note.uuid)
        SubElement(chosen, "NoteRef", targetGUID=note_guid)
        memo = SubElement(
            notes,
            "Note",
            guid=note_guid,
            name=f"Note on {tag}",
            creatingUser=user,
            creationDateTime=xml_time(note.modified),
        )
        SubElement(memo, "PlainTextContent").text = clean_xml_text(note.note)


def _variable_values(source: Element, article: Article) -> None:
    for name, attribute in ARTICLE_VARIABLES.items():
        value = getattr(article, attribute)
        if value:
            holder = SubElement(source, "VariableValue")
            SubElement(holder, "VariableRef", targetGUID=stable_guid("variable", name))
            SubElement(holder, "TextValue").text = clean_xml_text(value)


_VARIABLE_TYPES = {
    AttributeKind.NUMBER: ("Float", "FloatValue"),
    AttributeKind.DATE: ("Date", "DateValue"),
}


def _attribute_variables(
    variables: Element, attributes: AttributeColumns
) -> dict[int, tuple[str, str]]:
    """One variable per article attribute, typed (Float, Date or Text); by attribute id, the
    variable's GUID and the element its values take."""
    found: dict[int, tuple[str, str]] = {}
    for attribute, name in zip(
        attributes.attributes, attributes.headers(list(ARTICLE_VARIABLES)), strict=True
    ):
        kind, element = _VARIABLE_TYPES.get(AttributeKind(attribute.kind), ("Text", "TextValue"))
        guid = stable_guid("attribute", attribute.name)
        SubElement(variables, "Variable", guid=guid, name=name, typeOfVariable=kind)
        found[attribute.id] = (guid, element)
    return found


def _attribute_values(
    source: Element, values: dict[int, str], variables: dict[int, tuple[str, str]]
) -> None:
    for attribute_id, (guid, element) in variables.items():
        if attribute_id in values:
            holder = SubElement(source, "VariableValue")
            SubElement(holder, "VariableRef", targetGUID=guid)
            SubElement(holder, element).text = clean_xml_text(values[attribute_id])


def export_qdpx(project: "Project", out: Path, selection: Selection | None = None) -> int:
    """Write the .qdpx archive; returns the number of sources."""
    xml, texts = project_xml(project, selection)
    with (
        atomic_path(out) as partial,
        zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("project.qde", xml)
        for name, text in texts.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))
    return len(texts)
