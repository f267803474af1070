"""Word documents (.docx): paragraphs and headings in order, metadata from the core properties.

The XML inside is parsed with defusedxml and the archive checked before anything is read.
"""

from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from annotator.core.articles import ExtractedArticle
from annotator.core.errors import ImportFailure
from annotator.core.importing.archive import open_zip, read_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


def _parse(data: bytes, what: str) -> Element:
    try:
        root: Element = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ImportFailure(f"damaged Word file: {what} cannot be read ({exc})") from exc
    return root


def _paragraph_text(paragraph: Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts).strip()


def _body_paragraphs(root: Element) -> list[str]:
    body = root.find(W + "body")
    if body is None:
        return []
    return [text for p in body.iter(W + "p") if (text := _paragraph_text(p))]


def _style(paragraph: Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return (style.get(W + "val") or "") if style is not None else ""


def extract_docx(path: Path, data: bytes) -> ExtractedArticle:
    archive = open_zip(data, "Word file")
    document = read_member(archive, "word/document.xml", "Word file")
    if document is None:
        raise ImportFailure("not a Word document: word/document.xml is missing")
    root = _parse(document, "the text")
    paragraphs = _body_paragraphs(root)
    text = "\n\n".join(paragraphs)
    if not text:
        raise ImportFailure("the Word document has no text")
    title = author = published = ""
    core = read_member(archive, "docProps/core.xml", "Word file")
    if core is not None:
        props = _parse(core, "the document properties")
        title = (props.findtext(DC + "title") or "").strip()
        author = (props.findtext(DC + "creator") or "").strip()
        published = (props.findtext(DCTERMS + "created") or "").strip()[:10]
    if not title:
        body = root.find(W + "body")
        styled = [
            _paragraph_text(p)
            for p in (body.iter(W + "p") if body is not None else [])
            if _style(p).lower() in ("title", "heading1")
        ]
        title = next((s for s in styled if s), paragraphs[0][:200])
    return ExtractedArticle(
        text=text,
        title=title,
        source_kind="docx",
        original_name=path.name,
        original_bytes=data,
        author=author,
        published=published,
    )
