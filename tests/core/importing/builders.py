"""Files the tests build themselves: Word documents, single-file pages, a PDF without text."""

import io
import quopri
import zipfile
from xml.sax.saxutils import escape

DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>{body}</w:body></w:document>"""
PARAGRAPH = (
    '<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
)
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2021-03-04T10:00:00Z</dcterms:created>
</cp:coreProperties>"""


def docx(paragraphs: list[tuple[str, str]], title: str = "", author: str = "") -> bytes:
    """A minimal Word document: (style, text) paragraphs and core properties."""
    body = "".join(PARAGRAPH.format(style=style, text=escape(text)) for style, text in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", DOCUMENT.format(body=body))
        archive.writestr("docProps/core.xml", CORE.format(title=title, author=author))
    return buffer.getvalue()


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def mhtml(
    html: bytes, url: str, encoding: str = "quoted-printable", charset: str = "utf-8"
) -> bytes:
    """A single-file page as Chrome saves it, with the HTML part encoded as asked."""
    if encoding == "quoted-printable":
        body = quopri.encodestring(html)
    else:
        import base64  # noqa: PLC0415

        body = base64.encodebytes(html)
    head = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        "Subject: saved page\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----BOUNDARY"\r\n\r\n'
        "------BOUNDARY\r\n"
        f"Content-Type: text/html; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        f"Content-Location: {url}\r\n\r\n"
    ).encode()
    tail = (
        b"\r\n------BOUNDARY\r\nContent-Type: image/png\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------BOUNDARY--\r\n"
    )
    return head + body + tail


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalog), with its
    cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_without_text() -> bytes:
    """One page that draws a line and holds no text, like a scan without OCR."""
    content = b"0 0 m 200 200 l S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return pdf_file(objects)


def pdf_page(content: bytes, fonts: dict[str, bytes]) -> bytes:
    """One page drawn by the content stream ``content``, with ``fonts`` (resource name: font
    dictionary) as its font resources."""
    resources = b"".join(b"/%s %d 0 R " % (name.encode(), 5 + n) for n, name in enumerate(fonts))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << " + resources + b">> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *fonts.values(),
    ]
    return pdf_file(objects)
