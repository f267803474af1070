"""Hostile and special files, written here, each with the reason its import must give."""

import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path


def pdf_with_stream(chunks: list[bytes] | None = None, *, zeros_mb: int = 0) -> bytes:
    """A one-page PDF whose content stream is ``chunks`` (or ``zeros_mb`` MiB of zeros),
    Flate-compressed: a few kilobytes on disk for any size unpacked."""
    packer = zlib.compressobj(1)
    parts = [packer.compress(c) for c in (chunks or [])]
    block = b"\0" * (1 << 20)
    parts += [packer.compress(block) for _ in range(zeros_mb)]
    data = b"".join(parts) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
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


def docx(document_xml: bytes, *, compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def bad_crc_qdpx() -> bytes:
    """A REFI-QDA project whose one member fails its CRC check when read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", b'<?xml version="1.0"?><Project name="x"/>' + b" " * 64)
    data = bytearray(buffer.getvalue())
    where = data.index(b"<Project")
    data[where + 2] ^= 0x20  # flip a letter's case inside the stored member
    return bytes(data)


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@dataclass(frozen=True)
class Hostile:
    name: str
    reason: str  # a regular expression the file's line must match


def write_hostile_folder(folder: Path, outside: Path) -> tuple[list[Hostile], list[str]]:
    """Fill ``folder`` with hostile and special files (and ``outside`` with what links lead
    to); the hostile files with their reasons, and the names of the good files."""
    folder.mkdir(parents=True)
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text("A private file outside the imported folder.\n")
    (outside / "inner").mkdir()
    (outside / "inner" / "more.txt").write_text("More private text.\n")
    hostile = [
        Hostile("pipe.txt", r"a named pipe, not a regular file"),
        Hostile("zero.txt", r"outside the imported folder"),
        Hostile("outside.txt", r"outside the imported folder"),
        Hostile("outside-folder", r"outside the imported folder"),
        Hostile("bomb.pdf", r"more than \d+ MB of memory, the limit per file"),
        Hostile("slow.pdf", r"longer than [\d.]+ seconds, the limit per file"),
        Hostile("empty.txt", r"empty file"),
        Hostile("binary.txt", r"binary file"),
        Hostile("huge.txt", r"file too large \(51\.0 MB; the limit is 50 MB\)"),
        Hostile("truncated.pdf", r"damaged PDF|not a PDF"),
        Hostile("zipbomb.docx", r"zip bomb|unpacks to"),
        Hostile("entities.docx", r"damaged Word file"),
        Hostile("notazip.docx", r"zip container is damaged"),
    ]
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "outside.txt").symlink_to(outside / "secret.txt")
    (folder / "outside-folder").symlink_to(outside / "inner", target_is_directory=True)
    (folder / "bomb.pdf").write_bytes(pdf_with_stream(zeros_mb=1024))
    (folder / "slow.pdf").write_bytes(pdf_with_stream(zeros_mb=48))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    (folder / "truncated.pdf").write_bytes(pdf_with_stream([b"BT (Hello) Tj ET"])[:300])
    (folder / "zipbomb.docx").write_bytes(docx(b"<w:document " + W + b">" + b" " * (20 << 20)))
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body>"
        b"</w:document>"
    )
    (folder / "entities.docx").write_bytes(docx(laughs))
    (folder / "notazip.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    good = ["good.txt", "good.html", "evil\x1b[31m\nname.txt", "escape-title.txt", "script.html"]
    (folder / "good.txt").write_text("A good plain text about a pledge to plant trees.\n")
    (folder / "good.html").write_text(
        "<html><head><title>A good page</title></head><body><article><h1>A good page</h1>"
        + "<p>The council pledged to plant ten thousand trees by next spring. </p>" * 5
        + "</article></body></html>"
    )
    (folder / "evil\x1b[31m\nname.txt").write_text("A good text in a file with an evil name.\n")
    (folder / "escape-title.txt").write_text(
        "Title \x1b]0;pwned\x07 with escapes\n\nAnd a body that says nothing harmful.\n"
    )
    (folder / "script.html").write_text(
        "<html><head><title>Scripted</title><script>alert('owned')</script></head><body>"
        "<article><h1>Scripted page</h1>"
        + "<p>Plain words of an article that carried a script with it. </p>" * 5
        + "<script>document.write('injected words')</script></article></body></html>"
    )
    return hostile, good
