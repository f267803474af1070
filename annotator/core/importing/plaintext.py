"""Plain-text import: decode, normalise line endings, take the title from the first line."""

from pathlib import Path

from annotator.core.articles import ExtractedArticle
from annotator.core.importing.decoding import decode_text
from annotator.core.text import first_line_title, normalise_newlines


def extract_plain_text(path: Path, data: bytes) -> ExtractedArticle:
    text, _encoding = decode_text(data)
    canonical = normalise_newlines(text)
    return ExtractedArticle(
        text=canonical,
        title=first_line_title(canonical) or path.stem,
        source_kind="txt",
        original_name=path.name,
        original_bytes=data,
    )
