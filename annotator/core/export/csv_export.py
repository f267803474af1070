"""CSV exports: the Annotations columns, and an articles × tags 0/1 matrix for R and Stata.

Files are UTF-8 with a byte-order mark, so Excel opens them with the right characters. Every
field, headers included, goes through the one guard (``annotator.core.cells``): text that a
spreadsheet could read as a formula gets a leading apostrophe, since CSV has no cell types.
"""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.attribute_columns import AttributeColumns
from annotator.core.cells import GuardedCsvWriter
from annotator.core.export.excel import annotation_columns
from annotator.core.files import atomic_path
from annotator.core.models import Article, Tag
from annotator.core.rows import Selection, annotation_rows, has_accepted_suggestions

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass(frozen=True)
class CsvWritten:
    """What a CSV export wrote: its rows (not counting the header), and how many text fields
    carry an added leading apostrophe (see `annotator.core.cells`)."""

    rows: int
    apostrophes: int

    def summary(self, what: str, out: Path) -> str:
        said = f"exported {what} to {out}"
        if self.apostrophes:
            said += (
                f"; {self.apostrophes} text field(s) begin with an added ' (their text began "
                "with = + - @ or ', which a spreadsheet program could run as a formula): "
                "remove the first ' of a field to have its text exactly"
            )
        return said


def export_csv(project: "Project", out: Path, selection: Selection | None = None) -> int:
    """One row per annotation with the Annotations sheet's columns (article attributes last);
    returns the row count."""
    return write_annotations_csv(project, out, selection).rows


def write_annotations_csv(
    project: "Project", out: Path, selection: Selection | None = None
) -> CsvWritten:
    """`export_csv`, telling also how many fields carry an added apostrophe."""
    rows = 0
    attributes = AttributeColumns.read(project)
    with atomic_path(out) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = GuardedCsvWriter(handle)
        suggested = has_accepted_suggestions(project)
        writer.writerow([c.title for c in annotation_columns(attributes, suggested)])
        for row in annotation_rows(project, selection):
            writer.writerow([*row.cells(suggested), *attributes.cells(row.article_id)])
            rows += 1
    return CsvWritten(rows, writer.apostrophes)


def export_matrix_csv(project: "Project", out: Path, selection: Selection | None = None) -> int:
    """One row per article (with its attributes), one 0/1 column per tag: 1 when the article
    has that tag at all."""
    return write_matrix_csv(project, out, selection).rows


def write_matrix_csv(
    project: "Project", out: Path, selection: Selection | None = None
) -> CsvWritten:
    """`export_matrix_csv`, telling also how many fields carry an added apostrophe."""
    selection = selection or Selection()
    with project.session() as session:
        tags = [
            name
            for name in session.scalars(sa.select(Tag.name).order_by(Tag.position, Tag.id))
            if selection.tags is None or name in selection.tags
        ]
        query = sa.select(Article.id, Article.uri, Article.title).order_by(
            Article.position, Article.id
        )
        if selection.articles is not None:
            query = query.where(Article.id.in_(selection.articles))
        articles = session.execute(query).all()
    present: dict[int, set[str]] = defaultdict(set)
    for row in annotation_rows(project, selection):
        present[row.article_id].add(row.tag)
    attributes = AttributeColumns.read(project)
    with atomic_path(out) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = GuardedCsvWriter(handle)
        header = ["article_id", "article_uri", "title"]
        writer.writerow([*header, *attributes.headers([*header, *tags]), *tags])
        for article_id, uri, title in articles:
            flags = [int(tag in present[article_id]) for tag in tags]
            writer.writerow([article_id, uri, title, *attributes.cells(article_id), *flags])
    return CsvWritten(len(articles), writer.apostrophes)
