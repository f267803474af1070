"""Importing article attributes from a CSV file or an Excel sheet.

The first row names the columns. One column says which article a row is about: its file name,
web address (URL), URI or title (or its id); it is found by its header ("file", "url", "uri",
"title", "id" and their usual spellings) or else by which column matches the most articles.
Every other named column is an attribute: an existing one (by name, ignoring case) or a new
one, whose kind is a number or a date when every value reads as one and text otherwise.

Nothing half-done: values are checked first; rows that match no article, that match several,
and values that do not fit their attribute are reported and left out, and the rest is written
in one transaction. An empty cell leaves the article's value as it is.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.attribute_values import BadValue, guess_kind, normalise
from annotator.core.attributes import AttributeState, AttributeWriter, ValueMap
from annotator.core.errors import AnnotatorError
from annotator.core.importing.decoding import decode_text
from annotator.core.models import Article, Attribute

if TYPE_CHECKING:
    from annotator.core.project import Project

KEY_HEADERS: dict[str, tuple[str, ...]] = {
    "uri": ("uri", "article uri", "urn"),
    "url": ("url", "link", "web address", "address", "article url"),
    "file": (
        "file",
        "file name",
        "filename",
        "original file",
        "original name",
        "original_name",
        "source file",
        "path",
    ),
    "id": ("id", "article id", "article_id"),
    "title": ("title", "article title", "headline"),
}
KEY_NAMES = {
    "uri": "URI",
    "url": "URL",
    "file": "file name",
    "id": "article id",
    "title": "title",
}
MAX_LISTED = 20


@dataclass
class Table:
    """A sheet's cells: the header and the rows below it, each with its row number."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[object]]]


@dataclass
class AttributeImportReport:
    source: str
    key_column: str = ""
    key_kind: str = ""
    rows: int = 0
    matched: int = 0
    values_set: int = 0
    new_attributes: list[tuple[str, str]] = field(default_factory=list)
    unmatched: list[tuple[int, str]] = field(default_factory=list)
    ambiguous: list[tuple[int, str, int]] = field(default_factory=list)
    bad_values: list[tuple[int, str, str, str]] = field(default_factory=list)
    skipped_columns: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        key = KEY_NAMES.get(self.key_kind, self.key_kind)
        out = [
            f"{self.source}: {self.rows} row(s), {self.matched} matched an article by "
            f"{key} (column “{self.key_column}”); {self.values_set} value(s) set",
        ]
        out += [f"new attribute: {name} ({kind})" for name, kind in self.new_attributes]
        out += [f"column skipped: {what}" for what in self.skipped_columns]
        for number, value in self.unmatched[:MAX_LISTED]:
            out.append(f"row {number}: no article has the {key} “{value}”")
        for number, value, count in self.ambiguous[:MAX_LISTED]:
            out.append(f"row {number}: {count} articles have the {key} “{value}”; row left out")
        for number, column, value, reason in self.bad_values[:MAX_LISTED]:
            out.append(f"row {number}, column “{column}”: {reason}; “{value}” left out")
        for what, items in (
            ("unmatched row(s)", self.unmatched),
            ("ambiguous row(s)", self.ambiguous),
            ("bad value(s)", self.bad_values),
        ):
            if len(items) > MAX_LISTED:
                out.append(f"… and {len(items) - MAX_LISTED} more {what}")
        return out

    @property
    def problems(self) -> int:
        return len(self.unmatched) + len(self.ambiguous) + len(self.bad_values)


@dataclass
class AttributeImport:
    """What an import wrote, so that an undo can take it back exactly."""

    report: AttributeImportReport
    created: list[AttributeState]
    before: ValueMap
    after: ValueMap


def read_table(path: Path) -> Table:
    """The first sheet of an .xlsx workbook, or a CSV file (comma, semicolon or tab)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            raw = _read_workbook(path)
        elif suffix in (".csv", ".tsv", ".txt"):
            raw = _read_csv(path)
        else:
            raise AnnotatorError(
                f"{path.name}: attributes come from a .csv file or an .xlsx workbook."
            )
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise AnnotatorError(f"{path.name} cannot be read: {exc}") from exc
    numbered = [(n, row) for n, row in enumerate(raw, start=1) if any(_filled(v) for v in row)]
    if not numbered:
        raise AnnotatorError(f"{path.name} is empty: its first row should name the columns.")
    headers = [_text(v) for v in numbered[0][1]]
    width = len(headers)
    rows = [(n, [*row, *([None] * (width - len(row)))][:width]) for n, row in numbered[1:]]
    return Table(path.name, headers, rows)


def _read_workbook(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook  # noqa: PLC0415

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _read_csv(path: Path) -> list[list[object]]:
    text, _encoding = decode_text(path.read_bytes())
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[_unguard(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _unguard(cell: str) -> str:
    """A field our own CSV export guarded against formulas (a leading ') as it was."""
    return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


class ArticleKeys:
    """Which articles each key value names, for every kind of key."""

    def __init__(self, project: "Project") -> None:
        self.index: dict[str, dict[str, list[int]]] = {kind: {} for kind in KEY_HEADERS}
        query = sa.select(
            Article.id, Article.uri, Article.url, Article.original_name, Article.title
        )
        with project.session() as session:
            for article_id, uri, url, name, title in session.execute(query):
                self._add("id", str(article_id), article_id)
                self._add("uri", uri, article_id)
                self._add("url", url, article_id)
                self._add("title", title, article_id)
                self._add("file", name, article_id)
                stem = Path(name.replace("\\", "/")).name
                if stem != name:
                    self._add("file", stem, article_id)
                if "." in stem:
                    self._add("file", stem.rsplit(".", 1)[0], article_id)

    def _add(self, kind: str, value: str, article_id: int) -> None:
        key = normal_key(kind, value)
        if key:
            ids = self.index[kind].setdefault(key, [])
            if article_id not in ids:
                ids.append(article_id)

    def find(self, kind: str, value: object) -> list[int]:
        return self.index[kind].get(normal_key(kind, _text(value)), [])


def normal_key(kind: str, value: str) -> str:
    value = " ".join(value.split())
    if kind == "url":
        value = value.rstrip("/")
        for scheme in ("https://", "http://"):
            if value.lower().startswith(scheme):
                value = value[len(scheme) :]
        value = value.removeprefix("www.")
    if kind == "file":
        value = value.replace("\\", "/")
    return value.casefold()


def choose_key(table: Table, keys: ArticleKeys, wanted: str | None = None) -> tuple[int, str]:
    """The key column's index and kind: the one named ``wanted``, a column whose header says
    what it is, or else the column that matches the most articles."""
    folded = [h.casefold() for h in table.headers]
    if wanted:
        if wanted.casefold() not in folded:
            raise AnnotatorError(
                f"{table.name} has no column “{wanted}”; its columns are "
                + ", ".join(h for h in table.headers if h)
            )
        column = folded.index(wanted.casefold())
        kind = next((k for k, names in KEY_HEADERS.items() if folded[column] in names), "")
        return column, kind or _best_kind(table, keys, column)[0]
    for kind, names in KEY_HEADERS.items():
        for column, header in enumerate(folded):
            if header in names:
                return column, kind
    best = (0, -1, "")
    for column in range(len(table.headers)):
        kind, hits = _best_kind(table, keys, column)
        best = max(best, (hits, column, kind), key=lambda b: b[0])
    if best[0] == 0:
        raise AnnotatorError(
            f"{table.name}: no column names the articles. Give one column the header "
            "“file”, “url”, “uri” or “title”, with each article's file name, web address, "
            "URI or title."
        )
    return best[1], best[2]


def _best_kind(table: Table, keys: ArticleKeys, column: int) -> tuple[str, int]:
    # Ids are only taken from a column that says so: any column of numbers would match.
    scores = {
        kind: sum(1 for _n, row in table.rows if len(keys.find(kind, row[column])) == 1)
        for kind in KEY_HEADERS
        if kind != "id"
    }
    kind = max(scores, key=lambda k: scores[k])
    return kind, scores[kind]


def apply_table(
    writer: AttributeWriter, project: "Project", table: Table, key: str | None = None
) -> AttributeImport:
    """Write the table's attribute values in the writer's transaction; the report says what
    was matched, created, set and left out."""
    report = AttributeImportReport(table.name)
    keys = ArticleKeys(project)
    key_column, report.key_kind = choose_key(table, keys, key)
    report.key_column = table.headers[key_column]
    targets = _match_rows(table, keys, key_column, report)
    existing = {
        name.casefold(): attribute_id
        for attribute_id, name in writer.session.execute(sa.select(Attribute.id, Attribute.name))
    }
    pending: dict[tuple[int, int], str | None] = {}
    seen: set[str] = set()
    for column, header in enumerate(table.headers):
        if column == key_column:
            continue
        if not header:
            if any(_filled(row[column]) for _n, row in table.rows):
                report.skipped_columns.append(f"column {column + 1} has no name")
            continue
        if header.casefold() in seen:
            report.skipped_columns.append(f"“{header}” appears twice; the first one was used")
            continue
        seen.add(header.casefold())
        cells = [(n, row[column]) for n, row in table.rows if n in targets]
        if header.casefold() in existing:
            record = writer.get(existing[header.casefold()])
        else:
            record = writer.define(header, guess_kind([v for _n, v in cells]))
            report.new_attributes.append((record.name, record.kind_name))
        for number, raw in cells:
            try:
                stored = normalise(record.kind, raw, record.choices)
            except BadValue as exc:
                report.bad_values.append((number, header, _text(raw), str(exc)))
                continue
            if stored is not None:
                pending[(targets[number], record.id)] = stored
    before = writer.values(pending)
    for (article_id, attribute_id), value in pending.items():
        writer.write_value(article_id, attribute_id, value)
    writer.session.flush()
    report.values_set = sum(1 for pair, value in pending.items() if before[pair] != value)
    created = [
        state
        for name, _kind in report.new_attributes
        if (state := writer.state(existing_id(writer, name))) is not None
    ]
    new_ids = {s.record.id for s in created}
    return AttributeImport(
        report,
        created,
        {pair: value for pair, value in before.items() if pair[1] not in new_ids},
        {pair: value for pair, value in pending.items() if pair[1] not in new_ids},
    )


def existing_id(writer: AttributeWriter, name: str) -> int:
    found = writer.session.scalar(sa.select(Attribute.id).where(Attribute.name == name))
    return int(found or 0)


def _match_rows(
    table: Table, keys: ArticleKeys, key_column: int, report: AttributeImportReport
) -> dict[int, int]:
    """Each row's article (by row number); unmatched and ambiguous rows are reported."""
    targets: dict[int, int] = {}
    for number, row in table.rows:
        report.rows += 1
        value = _text(row[key_column])
        found = keys.find(report.key_kind, value) if value else []
        if len(found) == 1:
            targets[number] = found[0]
        elif not found:
            report.unmatched.append((number, value or "(empty)"))
        else:
            report.ambiguous.append((number, value, len(found)))
    report.matched = len(targets)
    return targets


def import_attributes(project: "Project", path: Path, key: str | None = None) -> AttributeImport:
    """Import attribute values from ``path`` (.csv or .xlsx) in one transaction."""
    from annotator.core.attributes import attribute_writing  # noqa: PLC0415

    table = read_table(path)
    with attribute_writing(project, "import") as writer:
        return apply_table(writer, project, table, key)
