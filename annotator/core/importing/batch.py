"""A batch of files to import, whatever their kind: articles, and REFI-QDA projects and
codebooks from other tools. Every file gets exactly one result and its own transaction, and
nothing one file throws ends the batch."""

import logging
from collections.abc import Callable, Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.importing.service import (
    INTERCHANGE,
    ImportOptions,
    ImportResult,
    Outcome,
    import_files,
    scan_paths,
)

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)


def import_batch(
    project: "Project",
    paths: Iterable[Path],
    options: ImportOptions | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Generator[ImportResult, None, None]:
    """Import every file and folder given; one result per file, in order, as each is done.

    A project open read-only is refused before any file is read.
    """
    from annotator.core.project import require_writable  # noqa: PLC0415

    require_writable(project)
    # Folders are searched here, so a .qdpx or .qdc inside one is imported as such.
    files, refused = scan_paths(paths)
    interchange = [p for p in files if p.suffix.lower() in INTERCHANGE]
    articles = [p for p in files if p.suffix.lower() not in INTERCHANGE]
    if on_start is not None:
        on_start(len(files) + len(refused))
    yield from refused
    for path in interchange:
        yield _interchange(project, path)
    if articles:
        yield from import_files(project, articles, options)


def _interchange(project: "Project", path: Path) -> ImportResult:
    from annotator.core.export.formats import import_interchange  # noqa: PLC0415

    try:
        lines = import_interchange(project, path)
    except AnnotatorError as exc:
        return ImportResult(path, Outcome.FAILED, str(exc))
    except Exception as exc:
        log.exception("import of %s failed", path)
        reason = str(exc).splitlines()[0][:200] if str(exc) else ""
        return ImportResult(
            path,
            Outcome.FAILED,
            f"could not be read ({type(exc).__name__}{': ' + reason if reason else ''}); "
            "its import stopped there",
        )
    # The two counts on the file's line, each further item (new tags and coders, what was
    # skipped) on a line of its own below it.
    return ImportResult(path, Outcome.IMPORTED, "; ".join(lines[:2]), more=tuple(lines[2:]))
