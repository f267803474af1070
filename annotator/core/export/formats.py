"""Choosing the export by the file's extension, and interchange files on import."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.export.csv_export import write_annotations_csv, write_matrix_csv
from annotator.core.export.excel import Progress, export_workbook
from annotator.core.importing.service import INTERCHANGE
from annotator.core.interchange.refi_export import export_qdc, export_qdpx
from annotator.core.interchange.refi_import import import_qdc, import_qdpx
from annotator.core.interchange.w3c import export_w3c
from annotator.core.rows import Selection

if TYPE_CHECKING:
    from annotator.core.project import Project

EXPORT_FORMATS = {
    ".xlsx": "Excel workbook",
    ".csv": "CSV (annotations, or the articles × tags matrix)",
    ".json": "W3C Web Annotation JSON",
    ".qdpx": "REFI-QDA project",
    ".qdc": "REFI-QDA codebook",
}
INTERCHANGE_IMPORTS = INTERCHANGE


def export_project(
    project: "Project",
    out: Path,
    selection: Selection | None = None,
    *,
    matrix: bool = False,
    progress: Progress | None = None,
    tag_sheets: bool = True,
) -> str:
    """Export in the format the extension names; returns a one-line summary.

    ``tag_sheets`` (Excel only) adds one sheet per tag; ``matrix`` (CSV only) writes the
    articles × tags matrix instead of one row per annotation.
    """
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        count = export_workbook(project, out, progress, selection, tag_sheets=tag_sheets)
        return f"exported {count} annotation(s) to {out}"
    if suffix == ".csv" and matrix:
        written = write_matrix_csv(project, out, selection)
        return written.summary(f"the articles × tags matrix of {written.rows} article(s)", out)
    if suffix == ".csv":
        written = write_annotations_csv(project, out, selection)
        return written.summary(f"{written.rows} annotation(s)", out)
    writers: dict[str, tuple[Callable[..., int], str]] = {
        ".json": (export_w3c, "annotation(s)"),
        ".qdpx": (export_qdpx, "article(s) with their annotations"),
        ".qdc": (export_qdc, "tag(s)"),
    }
    if suffix not in writers:
        raise AnnotatorError(
            f"cannot export to {suffix or 'a file without extension'}: "
            f"give a file ending in {', '.join(EXPORT_FORMATS)}"
        )
    write, what = writers[suffix]
    count = write(project, out, selection)
    return f"exported {count} {what} to {out}"


def import_interchange(project: "Project", path: Path) -> list[str]:
    """Import a REFI-QDA project or codebook; the report's lines."""
    if path.suffix.lower() == ".qdpx":
        return import_qdpx(project, path).lines()
    return import_qdc(project, path).lines()


def interchange_detail(lines: list[str]) -> str:
    """An interchange import's report for the file's line: the two counts on it, then each
    further item (new tags and coders, what was skipped) on a line of its own, indented."""
    return "; ".join(lines[:2]) + "".join(f"\n  {line}" for line in lines[2:])
