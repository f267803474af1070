"""Plain-text import: decode, normalise line endings, take the title from the first line."""

from pathlib import Path

from annotator.core.articles import ExtractedArticle
from annotator.core.importing.decoding import decode_text
from annotator.core.importing.titles import plain_text_title
from annotator.core.text import normalise_newlines


def extract_plain_text(path: Path, data: bytes) -> ExtractedArticle:
    text, _encoding = decode_text(data)
    canonical = normalise_newlines(text)
    return ExtractedArticle(
        text=canonical,
        title=plain_text_title(canonical) or path.stem,
        source_kind="txt",
        original_name=path.name,
        original_bytes=data,
    )
