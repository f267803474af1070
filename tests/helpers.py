"""Small helpers shared by tests."""

from pathlib import Path

from annotator.core.articles import ExtractedArticle, StoreResult, store_article
from annotator.core.project import Project
from annotator.core.records import AnnotationRecord
from annotator.core.text import first_line_title


def add_text_article(project: Project, text: str, name: str = "article.txt") -> StoreResult:
    return store_article(
        project,
        ExtractedArticle(
            text=text,
            title=first_line_title(text),
            source_kind="txt",
            original_name=name,
            original_bytes=text.encode("utf-8"),
        ),
    )


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def content(record: AnnotationRecord) -> tuple[object, ...]:
    """What an annotation says (its identity, span, tag, coder and note), without the traces
    writes leave on it (version, modified time): an undo gives back exactly this."""
    return (
        record.uuid,
        record.article_id,
        record.tag_id,
        record.coder_id,
        record.start,
        record.end,
        record.quote,
        record.note,
        record.created,
    )
