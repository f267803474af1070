"""Importing files into a project: extraction (in worker processes for a batch), then one
transaction per file, and one result line per file."""

import logging
import os
import stat
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.articles import ExtractedArticle, store_article
from annotator.core.display import printable
from annotator.core.errors import AnnotatorError, ImportFailure
from annotator.core.importing.docx import extract_docx
from annotator.core.importing.html import extract_html
from annotator.core.importing.mhtml import extract_mhtml
from annotator.core.importing.pdf import PasswordRequired, extract_pdf
from annotator.core.importing.plaintext import extract_plain_text
from annotator.core.importing.titles import plain_text_title
from annotator.core.importing.trim import apply_trim, propose_trim
from annotator.core.importing.workers import Budget, file_size, run_budgeted

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
# Two plain-text files or fewer are read in this process (starting a worker costs more than
# reading them, and plain text cannot explode); everything else is read in workers, within
# the budget of time and memory each file has.
POOL_THRESHOLD = 3

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
    ``workers``: extraction processes for a batch (0: one per core).
    ``time_limit`` (seconds) and ``memory_limit`` (MB): what reading one file may take.
    """

    trim: str = "auto"
    cuts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    password: str = ""
    passwords: Mapping[str, str] = field(default_factory=dict)
    workers: int = 0
    time_limit: float = Budget.seconds
    memory_limit: int = Budget.megabytes

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    def budget(self) -> Budget:
        return Budget(seconds=self.time_limit, megabytes=self.memory_limit)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: Outcome
    detail: str
    article_id: int | None = None
    needs_password: bool = False
    more: tuple[str, ...] = ()

    def line(self) -> str:
        """The line the command line and the import report show for this file (with
        ``more`` on indented lines below it); names and titles from outside are escaped, so
        none can break the line or reach the terminal as a control sequence."""
        first = f"{self.outcome.value}: {printable(self.path)}: {printable(self.detail)}"
        return first + "".join(f"\n  {printable(item)}" for item in self.more)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files found in any folder, searched recursively:
    articles, and REFI-QDA projects and codebooks (which the caller imports as such)."""
    return scan_paths(paths)[0]


def scan_paths(paths: Iterable[Path]) -> tuple[list[Path], list[ImportResult]]:
    """Files as given, the supported files in any folder (articles, and REFI-QDA projects and
    codebooks; searched recursively, without following links out of it), and a failed
    result for each link that leads out."""
    wanted = (*SUFFIXES, *INTERCHANGE)
    found: list[Path] = []
    refused: list[ImportResult] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        root = path.resolve()
        for folder, subfolders, names in os.walk(path):
            here = Path(folder)
            for name in sorted(subfolders):
                if (here / name).is_symlink() and not _inside(here / name, root):
                    refused.append(_outside(here / name))
            subfolders.sort()
            for name in sorted(names):
                candidate = here / name
                if candidate.suffix.lower() not in wanted:
                    continue
                if candidate.is_symlink() and not _inside(candidate, root):
                    refused.append(_outside(candidate))
                else:
                    found.append(candidate)
    return found, refused


def _inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return False


def _outside(link: Path) -> ImportResult:
    return ImportResult(
        link,
        Outcome.FAILED,
        "a link to something outside the imported folder; such links are not followed",
    )


def read_file(path: Path) -> bytes:
    """The bytes of a file to import: a regular file no larger than the limit, or
    :class:`ImportFailure` with the reason (never waiting on a pipe or reading a device)."""
    return _read(path)


def read_text_file(path: Path) -> tuple[bytes, ExtractedArticle]:
    """A plain-text file's bytes and its whole text, before any trim (for the preview)."""
    data = _read(path)
    return data, extract_plain_text(path, data)


FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


# Opening a named pipe without O_NONBLOCK waits for a writer that may never come.
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read(path: Path) -> bytes:
    """The bytes of a regular file; pipes, devices and sockets are refused without waiting on
    them, and no more than the size limit is ever read."""
    limit = MAX_FILE_BYTES
    try:
        handle = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except FileNotFoundError as exc:
        raise ImportFailure("no such file") from exc
    except IsADirectoryError as exc:
        raise ImportFailure("a folder, not a file") from exc
    except OSError as exc:
        raise ImportFailure(f"cannot be read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise ImportFailure("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in FILE_KINDS if test(info.st_mode)), "not a file")
            raise ImportFailure(f"{kind}, not a regular file: only files are imported")
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        # One read of the size the file has (no second copy of it), then as many more as
        # it takes when it is still growing, up to the limit.
        chunks = [os.read(handle, info.st_size + 1)]
        size = len(chunks[0])
        while size <= limit and (chunk := os.read(handle, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise ImportFailure(f"cannot be read: {exc.strerror or exc}") from exc
    finally:
        os.close(handle)


def _too_large(size: int, limit: int) -> ImportFailure:
    return ImportFailure(
        f"file too large ({size / 1048576:.1f} MB; the limit is {limit // 1048576} MB)"
    )


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
                    title=plain_text_title(kept) or article.title,
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
    except (ImportFailure, MemoryError):
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
    """Extract every file, in worker processes within each file's budget (a small batch of
    plain text in this process); results come in the files' order."""
    if len(paths) < POOL_THRESHOLD and all(p.suffix.lower() in PLAIN_TEXT for p in paths):
        for path in paths:
            yield path, _extract_or_failure(path, options)
        return
    tasks = [(path, options) for path in paths]
    # The largest files start first, so that one long PDF does not finish the batch alone.
    order = sorted(range(len(paths)), key=lambda i: file_size(paths[i]), reverse=True)
    for index, result in run_budgeted(
        _extract_or_failure, tasks, options.worker_count(), options.budget(), order
    ):
        yield paths[index], result


def store_extracted(project: "Project", path: Path, extracted: Extracted) -> ImportResult:
    if isinstance(extracted, ImportFailure):
        # How to give a password is for the caller to say: the command line and the window
        # differ.
        needs_password = isinstance(extracted, PasswordRequired)
        return ImportResult(path, Outcome.FAILED, str(extracted), needs_password=needs_password)
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
    finished and leaves nothing half-written; whatever one file throws, it gets its result
    line and the batch goes on. ``on_start`` is told how many files there are.
    """
    files, refused = scan_paths(paths)
    if on_start is not None:
        on_start(len(files) + len(refused))
    yield from refused
    for path, extracted in extract_many(files, options or ImportOptions()):
        yield store_safely(project, path, extracted)


def store_safely(project: "Project", path: Path, extracted: Extracted) -> ImportResult:
    """Store one extracted file; any failure is this file's result, not the batch's end."""
    try:
        return store_extracted(project, path, extracted)
    except AnnotatorError as exc:
        return ImportResult(path, Outcome.FAILED, str(exc))
    except Exception as exc:
        log.exception("storing %s failed", path)
        return ImportResult(
            path, Outcome.FAILED, f"could not be stored ({type(exc).__name__}); see the log"
        )
