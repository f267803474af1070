"""Importing files into a project: one transaction per file, one result line per file."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.errors import ImportFailure
from annotator.core.importing.plaintext import extract_plain_text

if TYPE_CHECKING:
    from annotator.core.project import Project

MAX_FILE_BYTES = 50 * 1024 * 1024

Extractor = Callable[[Path, bytes], ExtractedArticle]

EXTRACTORS: dict[str, Extractor] = {
    ".txt": extract_plain_text,
    ".text": extract_plain_text,
}


class Outcome(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: Outcome
    detail: str
    article_id: int | None = None

    def line(self) -> str:
        """The one line the command line and the import report show for this file."""
        return f"{self.outcome.value}: {self.path}: {self.detail}"


def supported_suffixes() -> list[str]:
    return sorted(EXTRACTORS)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files found in any folder, searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTRACTORS)
            )
        else:
            found.append(path)
    return found


def extract_file(path: Path) -> ExtractedArticle:
    """Read and extract one file; raise :class:`ImportFailure` with the reason it cannot be."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        raise ImportFailure(
            f"unknown kind of file {path.suffix or '(no extension)'!s}: "
            f"Annotator imports {', '.join(supported_suffixes())}"
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailure(
                f"file too large ({size / 1048576:.1f} MB; the limit is "
                f"{MAX_FILE_BYTES // 1048576} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFailure("no such file") from exc
    except OSError as exc:
        raise ImportFailure(f"cannot be read: {exc.strerror or exc}") from exc
    extracted = extractor(path, data)
    if not extracted.text.strip():
        raise ImportFailure("no text found in the file")
    return extracted


def import_file(project: "Project", path: Path) -> ImportResult:
    try:
        extracted = extract_file(path)
    except ImportFailure as exc:
        return ImportResult(path, Outcome.FAILED, str(exc))
    stored = store_article(project, extracted)
    if stored.duplicate:
        return ImportResult(
            path,
            Outcome.DUPLICATE,
            f"same text as article {stored.article_id} ({stored.title})",
            stored.article_id,
        )
    return ImportResult(path, Outcome.IMPORTED, stored.title, stored.article_id)


def import_files(project: "Project", paths: Iterable[Path]) -> Iterator[ImportResult]:
    """Import each file in turn, yielding its result as soon as it is stored."""
    for path in expand_paths(paths):
        yield import_file(project, path)
