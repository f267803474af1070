"""Importing files into a project: extraction (in worker processes for a batch), then one
transaction per file, and one result line per file."""

import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.errors import ImportFailure
from annotator.core.importing.docx import extract_docx
from annotator.core.importing.html import extract_html
from annotator.core.importing.mhtml import extract_mhtml
from annotator.core.importing.pdf import PasswordRequired, extract_pdf
from annotator.core.importing.plaintext import extract_plain_text
from annotator.core.importing.trim import apply_trim, propose_trim

if TYPE_CHECKING:
    from annotator.core.project import Project

MAX_FILE_BYTES = 50 * 1024 * 1024
POOL_THRESHOLD = 3  # smaller batches are extracted in this process: starting workers costs more

PLAIN_TEXT = (".txt", ".text")
SUFFIXES = (*PLAIN_TEXT, ".html", ".htm", ".xhtml", ".mhtml", ".mht", ".pdf", ".docx")
INTERCHANGE = (".qdpx", ".qdc")  # REFI-QDA projects and codebooks, imported by interchange
IMPORTABLE = (
    f"{', '.join(SUFFIXES)}, and REFI-QDA projects and codebooks ({', '.join(INTERCHANGE)})"
)


class Outcome(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportOptions:
    """How files are turned into articles.

    ``trim``: "auto" cuts browser chrome around a plain-text article as proposed, "none" keeps
    the whole text. ``cuts`` holds cuts a researcher chose in the preview, by file path.
    ``password`` opens protected PDFs; ``passwords`` gives one per file path.
    ``workers``: extraction processes for a batch (0: one per core, 1: none).
    """

    trim: str = "auto"
    cuts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    password: str = ""
    passwords: Mapping[str, str] = field(default_factory=dict)
    workers: int = 0

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: Outcome
    detail: str
    article_id: int | None = None
    needs_password: bool = False

    def line(self) -> str:
        """The one line the command line and the import report show for this file."""
        return f"{self.outcome.value}: {self.path}: {self.detail}"


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files found in any folder, searched recursively:
    articles, and REFI-QDA projects and codebooks (which the caller imports as such)."""
    wanted = (*SUFFIXES, *INTERCHANGE)
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
            )
        else:
            found.append(path)
    return found


def read_text_file(path: Path) -> tuple[bytes, ExtractedArticle]:
    """A plain-text file's bytes and its whole text, before any trim (for the preview)."""
    data = _read(path)
    return data, extract_plain_text(path, data)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailure(
                f"file too large ({size / 1048576:.1f} MB; the limit is "
                f"{MAX_FILE_BYTES // 1048576} MB)"
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFailure("no such file") from exc
    except IsADirectoryError as exc:
        raise ImportFailure("a folder, not a file") from exc
    except OSError as exc:
        raise ImportFailure(f"cannot be read: {exc.strerror or exc}") from exc


def _extract(path: Path, data: bytes, options: ImportOptions) -> ExtractedArticle:
    suffix = path.suffix.lower()
    if suffix in PLAIN_TEXT:
        article = extract_plain_text(path, data)
        cut = options.cuts.get(str(path))
        if cut is None and options.trim == "auto":
            cut = propose_trim(article.text)
        if cut is not None:
            kept = apply_trim(article.text, cut)
            if kept != article.text:
                note = f"trimmed to characters {cut[0]}–{cut[1]} of {len(article.text)}"
                article = replace(
                    article,
                    text=kept,
                    title=kept.split("\n", 1)[0].strip()[:200] or article.title,
                    warnings=[*article.warnings, note],
                )
        return article
    if suffix in (".html", ".htm", ".xhtml"):
        return extract_html(path, data)
    if suffix in (".mhtml", ".mht"):
        return extract_mhtml(path, data)
    if suffix == ".pdf":
        return extract_pdf(path, data, options.passwords.get(str(path), options.password))
    if suffix == ".docx":
        return extract_docx(path, data)
    raise unknown_kind(path)


def unknown_kind(path: Path) -> ImportFailure:
    """Why a file of this kind cannot be imported, naming every kind that can."""
    suffix = path.suffix.lower()
    if suffix == ".qde":
        return ImportFailure(
            "a .qde file is the inside of a REFI-QDA project: import the .qdpx archive that "
            f"holds it (Annotator imports {IMPORTABLE})"
        )
    return ImportFailure(
        f"unknown kind of file {suffix or '(no extension)'}: Annotator imports {IMPORTABLE}"
    )


def extract_file(path: Path, options: ImportOptions | None = None) -> ExtractedArticle:
    """Read and extract one file; raise :class:`ImportFailure` with the reason it cannot be."""
    options = options or ImportOptions()
    if path.suffix.lower() not in SUFFIXES:
        raise unknown_kind(path)
    data = _read(path)
    try:
        extracted = _extract(path, data, options)
    except ImportFailure:
        raise
    except RecursionError as exc:
        raise ImportFailure("the file is nested too deeply to be read") from exc
    except Exception as exc:
        raise ImportFailure(f"could not be read ({type(exc).__name__}: {exc})"[:300]) from exc
    if not extracted.text.strip():
        raise ImportFailure("no text found in the file")
    return extracted


Extracted = ExtractedArticle | ImportFailure


def _extract_or_failure(path: Path, options: ImportOptions) -> Extracted:
    try:
        return extract_file(path, options)
    except ImportFailure as exc:
        return exc


def extract_many(paths: list[Path], options: ImportOptions) -> Iterator[tuple[Path, Extracted]]:
    """Extract every file, in worker processes for a batch; results come in the files' order."""
    workers = min(options.worker_count(), len(paths))
    if workers <= 1 or len(paths) < POOL_THRESHOLD:
        for path in paths:
            yield path, _extract_or_failure(path, options)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # The largest files start first, so that one long PDF does not finish the batch alone.
        futures: dict[Path, Future[Extracted]] = {
            path: pool.submit(_extract_or_failure, path, options)
            for path in sorted(paths, key=_size, reverse=True)
        }
        try:
            for path in paths:
                try:
                    yield path, futures[path].result()
                except Exception as exc:  # a worker died (out of memory, a crash in a library)
                    yield path, ImportFailure(f"extraction crashed ({type(exc).__name__})")
        finally:
            for future in futures.values():
                future.cancel()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def store_extracted(project: "Project", path: Path, extracted: Extracted) -> ImportResult:
    if isinstance(extracted, ImportFailure):
        detail = str(extracted)
        needs_password = isinstance(extracted, PasswordRequired)
        if needs_password:
            detail += " (give it with --password, or import in the window)"
        return ImportResult(path, Outcome.FAILED, detail, needs_password=needs_password)
    stored = store_article(project, extracted)
    notes = "".join(f" ({note})" for note in extracted.warnings)
    if stored.duplicate:
        return ImportResult(
            path,
            Outcome.DUPLICATE,
            f"same text as article {stored.article_id} ({stored.title})",
            stored.article_id,
        )
    return ImportResult(path, Outcome.IMPORTED, stored.title + notes, stored.article_id)


def import_files(
    project: "Project",
    paths: Iterable[Path],
    options: ImportOptions | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Generator[ImportResult, None, None]:
    """Import each file, yielding its result as soon as it is stored.

    Each file is stored in its own transaction, so stopping the iteration (cancel) keeps what
    finished and leaves nothing half-written. ``on_start`` is told how many files there are.
    """
    files = expand_paths(paths)
    if on_start is not None:
        on_start(len(files))
    for path, extracted in extract_many(files, options or ImportOptions()):
        yield store_extracted(project, path, extracted)
