"""PDF reports: text in reading order, paragraphs rejoined, and where each page lies.

pdfminer.six's layout analysis groups characters into text boxes and orders the boxes so that
multi-column pages read column by column. Each box becomes a paragraph: its lines are joined
with spaces, a word broken by a hyphen at a line end is joined again, ligature characters are
written out (ﬁ → fi), and bullets drawn with a symbol font are read as "•". Pages are separated
by a blank line and their spans kept as the page map, so every annotation knows its page.
"""

import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path

from pdfminer.layout import LAParams, LTChar, LTPage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSLiteral

from annotator.core.articles import ExtractedArticle
from annotator.core.errors import ImportFailure
from annotator.core.importing.pdf_bullets import BulletReadingAggregator
from annotator.core.importing.titles import pdf_title

LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_CID = re.compile(r"\(cid:\d+\)")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_STOP = re.compile(r"[.:;!?\"”’)\]]\s*$")


def needs_password(data: bytes) -> bool:
    """Whether the PDF opens only with a password (asked before importing it)."""
    try:
        PDFDocument(PDFParser(BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        return True
    except Exception:  # a damaged file is reported by the import itself
        return False
    return False


class PasswordRequired(ImportFailure):
    """The PDF is protected by a password that was not given, or not the right one."""


@dataclass
class PdfText:
    pages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)


def join_lines(lines: list[str]) -> str:
    """Join a text box's lines into one paragraph, mending hyphenated line breaks."""
    out = ""
    for raw in lines:
        line = _SPACES.sub(" ", raw.translate(LIGATURES)).strip()
        if not line:
            continue
        if not out:
            out = line
        elif out[-1] in "-\u00ad" and len(out) > 1 and out[-2].isalpha() and line[0].islower():
            out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def _line_text(line: LTTextLine) -> str:
    """A line's text in logical order.

    pdfminer orders a horizontal line's characters left to right, which is visual order; a
    right-to-left run (Arabic, Hebrew) drawn that way comes out reversed. Such a run is found
    by its characters' positions growing left to right, and turned back.
    """
    items: list[tuple[str, float | None]] = []
    for item in line:
        text = item.get_text()
        items.append((text, item.x0 if isinstance(item, LTChar) else None))
    if not any(_is_rtl(ch) for text, _x in items for ch in text):
        return "".join(text for text, _x in items)
    out: list[str] = []
    run: list[tuple[str, float | None]] = []

    def flush() -> None:
        xs = [x for _t, x in run if x is not None]
        if len(xs) > 1 and xs[0] < xs[-1]:
            trailing = []
            while run and not run[-1][0].strip():
                trailing.append(run.pop())
            out.extend(text for text, _x in reversed(run))
            out.extend(text for text, _x in trailing)
        else:
            out.extend(text for text, _x in run)
        run.clear()

    for text, x in items:
        neutral = not text.strip() or unicodedata.category(text[0]).startswith("M")
        if (text and _is_rtl(text[0])) or (run and neutral):
            run.append((text, x))
        else:
            flush()
            out.append(text)
    flush()
    return "".join(out)


def _page_paragraphs(layout: LTPage) -> list[str]:
    paragraphs: list[str] = []
    for element in layout:
        if isinstance(element, LTTextBox):
            lines = [_line_text(line) for line in element if isinstance(line, LTTextLine)]
            paragraph = join_lines(lines)
            if not paragraph:
                continue
            if paragraphs and _continues(paragraphs[-1], paragraph):
                paragraphs[-1] = join_lines([paragraphs[-1], paragraph])
            else:
                paragraphs.append(paragraph)
    return paragraphs


def _continues(previous: str, paragraph: str) -> bool:
    """An indented first line makes a box of its own: the sentence goes on in the next box."""
    return not _SENTENCE_STOP.search(previous) and (
        paragraph[0].islower() or paragraph[0].isdigit()
    )


def _decode_info(value: object) -> str:
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            return value[2:].decode("utf-16-be", "replace")
        return value.decode("latin-1")
    return str(value) if value is not None else ""


def _pdf_date(value: str) -> str:
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return ""
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _pdfminer_warnings() -> Iterator[list[str]]:
    """Collect what pdfminer says about damage it worked around, instead of printing it."""
    logger = logging.getLogger("pdfminer")
    handler = _Collect()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_pdf(data: bytes, password: str = "") -> PdfText:
    """Every page's paragraphs; damage after the first page is reported, not fatal."""
    with _pdfminer_warnings() as messages:
        result = _read_pdf(data, password)
    damage = [m for m in messages if "corrupt" in m.lower() or "data-loss" in m.lower()]
    if damage:
        result.warnings.append(f"damaged PDF, partial text recovered ({damage[0][:80]})")
    return result


def _read_pdf(data: bytes, password: str) -> PdfText:
    if b"%PDF-" not in data[:1024]:
        raise ImportFailure("not a PDF: the file does not start like one (renamed or damaged?)")
    result = PdfText()
    try:
        document = PDFDocument(PDFParser(BytesIO(data)), password=password)
    except PDFPasswordIncorrect as exc:
        what = "the password given is wrong" if password else "it needs a password"
        raise PasswordRequired(f"the PDF is protected: {what}") from exc
    except PDFEncryptionError as exc:
        raise ImportFailure(f"the PDF's encryption is not supported: {exc}") from exc
    except MemoryError:
        raise  # over the file's memory budget: said so by the caller, not called damage
    except Exception as exc:
        raise ImportFailure(f"damaged PDF that cannot be read: {_reason(exc)}") from exc
    for info in document.info:
        for key in ("Title", "Author", "CreationDate", "Subject"):
            if key in info and key not in result.info:
                result.info[key] = _decode_info(info[key]).strip()
    manager = PDFResourceManager()
    device = BulletReadingAggregator(manager, laparams=LAParams(detect_vertical=True))
    interpreter = PDFPageInterpreter(manager, device)
    try:
        for page in PDFPage.create_pages(document):
            try:
                interpreter.process_page(page)
                layout = device.get_result()
            except MemoryError:
                raise
            except Exception as exc:
                result.warnings.append(f"page {len(result.pages) + 1} is damaged ({_reason(exc)})")
                result.pages.append("")
                continue
            result.pages.append("\n\n".join(_page_paragraphs(layout)))
    except MemoryError:
        raise
    except Exception as exc:
        if not result.pages:
            raise ImportFailure(f"damaged PDF that cannot be read: {_reason(exc)}") from exc
        result.warnings.append(f"the file is damaged after page {len(result.pages)}")
    return result


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]


def extract_pdf(path: Path, data: bytes, password: str = "") -> ExtractedArticle:
    pdf = read_pdf(data, password)
    text_parts: list[str] = []
    pages: list[tuple[int, int]] = []
    position = unknown_total = 0
    for page in pdf.pages:
        if text_parts:
            text_parts.append("\n\n")
            position += 2
        cleaned, unknown = _CID.subn("\ufffd", page)
        unknown_total += unknown
        pages.append((position, position + len(cleaned)))
        text_parts.append(cleaned)
        position += len(cleaned)
    text = "".join(text_parts)
    if unknown_total:
        pdf.warnings.append(f"{unknown_total} character(s) could not be decoded (shown as �)")
    if not text.strip():
        if pdf.warnings:
            raise ImportFailure("damaged PDF: no text could be recovered")
        raise ImportFailure("no text layer: run OCR first (the pages are images)")
    title = " ".join(pdf.info.get("Title", "").split()) or pdf_title(text)
    return ExtractedArticle(
        text=text,
        title=title or path.stem,
        source_kind="pdf",
        original_name=path.name,
        original_bytes=data,
        author=pdf.info.get("Author", ""),
        published=_pdf_date(pdf.info.get("CreationDate", "")),
        pages=pages,
        warnings=_dedupe(pdf.warnings),
    )


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
