"""Small helpers shared by tests."""

import sqlite3
from pathlib import Path

import pytest

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


def damage_the_search_index(path: Path) -> None:
    """Break one page of the full-text index's table: SQLite's quick check finds it, while the
    window, which never reads that table to open, opens the project all the same."""
    conn = sqlite3.connect(path)
    try:
        pages = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'article_fts_data' AND pagetype = 'leaf'"
        ).fetchall()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a page of the index by")
    finally:
        conn.close()
    assert pages, "the index has leaf pages to break"
    data = bytearray(path.read_bytes())
    start = (pages[len(pages) // 2][0] - 1) * size
    data[start : start + 12] = b"\xff" * 12  # no such page type; nonsense cell counts
    path.write_bytes(bytes(data))
