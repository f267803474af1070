"""Article attributes (company, country, article type...): the one write path for defining
them and for each article's values, and reading them back for lists and exports.

Every write happens inside `attribute_writing(project, origin)`: one transaction, committed at
the end of the block and then announced on the project's change feed (``attributes`` when a
definition changed, ``attribute_values`` with the articles whose values changed). Undo steps
state what they expect to find (`put_values`, `put_state`): when someone else changed the same
values meanwhile, the step is refused with `ConflictError` and nothing is overwritten.
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.attribute_values import (
    KIND_NAMES,
    BadValue,
    clean_choices,
    dump_choices,
    normalise,
    parse_choices,
)
from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError, ConflictError
from annotator.core.limits import name_problem, no_nul
from annotator.core.models import Article, ArticleAttribute, Attribute, AttributeKind
from annotator.core.records import AttributeRecord as AttributeRecord  # noqa: PLC0414  (re-exported)
from annotator.core.summaries import list_attributes as list_attributes  # noqa: PLC0414  (re-exported)
from annotator.core.summaries import named_values as named_values  # noqa: PLC0414  (re-exported)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

log = logging.getLogger(__name__)

ValueMap = dict[tuple[int, int], str | None]
"""(article id, attribute id) -> stored value, None where the article has no value."""


@dataclass(frozen=True)
class AttributeState:
    """An attribute's definition with every value it has, as an undo puts it back."""

    record: AttributeRecord
    values: tuple[tuple[int, str], ...]  # (article id, value), by article id


def _record(row: Attribute) -> AttributeRecord:
    return AttributeRecord(row.id, row.name, row.kind, parse_choices(row.choices), row.position)


@dataclass
class AttributeWriter:
    """Every attribute write of one transaction, and what it changed."""

    session: "Session"
    origin: str
    definitions_changed: bool = False
    touched: set[int] = field(default_factory=set)

    def changes(self) -> Changes:
        return Changes(
            origin=self.origin,
            attributes=self.definitions_changed,
            attribute_values=tuple(sorted(self.touched)),
        )

    # ----- definitions ------------------------------------------------------------------
    def get(self, attribute_id: int) -> AttributeRecord:
        row = self.session.get(Attribute, attribute_id)
        if row is None:
            raise ConflictError("That attribute no longer exists; it may have been deleted.")
        return _record(row)

    def _check_name(self, name: str, attribute_id: int | None = None) -> str:
        clean = " ".join(no_nul(name).split())
        problem = name_problem(clean, "attribute")
        if problem:
            raise AnnotatorError(problem[0].upper() + problem[1:] + ".")
        for other_id, other in self.session.execute(sa.select(Attribute.id, Attribute.name)):
            if other_id != attribute_id and other.casefold() == clean.casefold():
                raise AnnotatorError(f"There is an attribute called “{other}” already.")
        return clean

    def define(
        self, name: str, kind: str = AttributeKind.TEXT, choices: Iterable[str] = ()
    ) -> AttributeRecord:
        clean = self._check_name(name)
        kind = AttributeKind(kind)
        listed = clean_choices(list(choices)) if kind == AttributeKind.CHOICE else ()
        last = sa.select(sa.func.coalesce(sa.func.max(Attribute.position), 0))
        position = self.session.scalar(last)
        row = Attribute(name=clean, kind=kind.value, choices=dump_choices(listed))
        row.position = (position or 0) + 1
        self.session.add(row)
        self.session.flush()
        self.definitions_changed = True
        log.info("attribute %r defined (%s)", clean, kind.value)
        return _record(row)

    def update(
        self,
        attribute_id: int,
        *,
        name: str | None = None,
        kind: str | None = None,
        choices: Iterable[str] | None = None,
    ) -> AttributeRecord:
        """Rename an attribute, change its kind or its list of values. Existing values are
        converted to the new kind; when one does not fit, nothing changes and the message
        names the articles' values that would not."""
        row = self.session.get(Attribute, attribute_id)
        if row is None:
            raise ConflictError("That attribute no longer exists; it may have been deleted.")
        new_name = row.name if name is None else self._check_name(name, attribute_id)
        new_kind = AttributeKind(kind if kind is not None else row.kind)
        listed = clean_choices(list(choices)) if choices is not None else parse_choices(row.choices)
        if new_kind != AttributeKind.CHOICE:
            listed = ()
        converted: dict[int, str | None] = {}
        problems: list[str] = []
        for article_id, value in self._values_of_attribute(attribute_id):
            try:
                converted[article_id] = normalise(new_kind, value, listed)
            except BadValue as exc:
                problems.append(str(exc))
        if problems:
            examples = "; ".join(dict.fromkeys(problems[:3]))
            raise BadValue(
                f"{len(problems)} article(s) have values that do not fit a "
                f"{KIND_NAMES[new_kind]} ({examples}). Change or clear those values first."
            )
        row.name, row.kind, row.choices = new_name, new_kind.value, dump_choices(listed)
        self.definitions_changed = True
        for article_id, stored in converted.items():
            self.write_value(article_id, attribute_id, stored)
        self.session.flush()
        return _record(row)

    def _values_of_attribute(self, attribute_id: int) -> list[tuple[int, str]]:
        return [
            (a, v)
            for a, v in self.session.execute(
                sa.select(ArticleAttribute.article_id, ArticleAttribute.value)
                .where(ArticleAttribute.attribute_id == attribute_id)
                .order_by(ArticleAttribute.article_id)
            )
        ]

    def state(self, attribute_id: int) -> AttributeState | None:
        row = self.session.get(Attribute, attribute_id)
        if row is None:
            return None
        return AttributeState(_record(row), tuple(self._values_of_attribute(attribute_id)))

    def put_state(
        self, attribute_id: int, state: AttributeState | None, *, expected: AttributeState | None
    ) -> None:
        """Make the attribute exactly ``state`` (None: gone), only where it is ``expected``
        now; otherwise raise `ConflictError` (an undo or redo over someone else's edit)."""
        if self.state(attribute_id) != expected:
            raise ConflictError(
                "That attribute or its values were changed elsewhere since; it was left as it is."
            )
        row = self.session.get(Attribute, attribute_id)
        if state is None:
            if row is not None:
                self.touched.update(a for a, _v in self._values_of_attribute(attribute_id))
                self.session.delete(row)
        else:
            record = state.record
            if row is None:
                row = Attribute(id=record.id)
                self.session.add(row)
            row.name, row.kind = record.name, record.kind
            row.choices, row.position = dump_choices(record.choices), record.position
            self.session.flush()
            wanted = dict(state.values)
            for article_id, _value in self._values_of_attribute(attribute_id):
                if article_id not in wanted:
                    self.write_value(article_id, attribute_id, None)
            for article_id, value in wanted.items():
                self.write_value(article_id, attribute_id, value)
        self.definitions_changed = True
        self.session.flush()

    # ----- values -----------------------------------------------------------------------
    def values(self, pairs: Iterable[tuple[int, int]]) -> ValueMap:
        """The stored values of these (article, attribute) pairs, None where there is none."""
        wanted = list(dict.fromkeys(pairs))
        found: ValueMap = dict.fromkeys(wanted)
        articles = {a for a, _ in wanted}
        for chunk in _chunks(sorted(articles)):
            query = sa.select(
                ArticleAttribute.article_id, ArticleAttribute.attribute_id, ArticleAttribute.value
            ).where(ArticleAttribute.article_id.in_(chunk))
            for article_id, attribute_id, value in self.session.execute(query):
                if (article_id, attribute_id) in found:
                    found[(article_id, attribute_id)] = value
        return found

    def set_values(self, attribute_id: int, raw: dict[int, object]) -> ValueMap:
        """Set (or clear, with None or "") one attribute's value for many articles; values are
        checked against the attribute's kind first, so a bad one changes nothing. Returns the
        values as they were."""
        record = self.get(attribute_id)
        stored: dict[int, str | None] = {}
        for article_id, value in raw.items():
            stored[article_id] = normalise(record.kind, value, record.choices)
        before = self.values((a, attribute_id) for a in stored)
        self._check_articles(stored)
        for article_id, value in stored.items():
            self.write_value(article_id, attribute_id, value)
        self.session.flush()
        return before

    def put_values(self, values: ValueMap, *, expected: ValueMap) -> None:
        """Put stored values back (an undo or redo), only where they are still ``expected``."""
        if self.values(expected) != expected:
            raise ConflictError(
                "Some of these values were changed elsewhere since; they were left as they are."
            )
        self._check_articles(a for a, _b in values)
        for (article_id, attribute_id), value in values.items():
            self.write_value(article_id, attribute_id, value)
        self.session.flush()

    def _check_articles(self, articles: Iterable[int]) -> None:
        ids = sorted(set(articles))
        present: set[int] = set()
        for chunk in _chunks(ids):
            present.update(self.session.scalars(sa.select(Article.id).where(Article.id.in_(chunk))))
        missing = [a for a in ids if a not in present]
        if missing:
            raise ConflictError(
                f"{len(missing)} of these articles no longer exist; nothing was changed."
            )

    def write_value(self, article_id: int, attribute_id: int, value: str | None) -> None:
        """Store one value already in its stored form (None: no value)."""
        row = self.session.get(ArticleAttribute, (article_id, attribute_id))
        if value is None:
            if row is not None:
                self.session.delete(row)
                self.touched.add(article_id)
        elif row is None:
            self.session.add(
                ArticleAttribute(article_id=article_id, attribute_id=attribute_id, value=value)
            )
            self.touched.add(article_id)
        elif row.value != value:
            row.value = value
            self.touched.add(article_id)


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@contextmanager
def attribute_writing(project: "Project", origin: str = "edit") -> Iterator[AttributeWriter]:
    """One transaction of attribute writes; committed when the block ends, then announced."""
    with project.session() as session:
        writer = AttributeWriter(session, origin)
        yield writer
    changes = writer.changes()
    if changes:
        log.info(
            "%s: attributes %s, values of %d article(s)",
            origin,
            "changed" if changes.attributes else "unchanged",
            len(changes.attribute_values),
        )
    project.changes.publish(changes)


# ----- reading --------------------------------------------------------------------------
def find_attribute(project: "Project", name: str) -> AttributeRecord | None:
    wanted = " ".join(name.split()).casefold()
    return next((a for a in list_attributes(project) if a.name.casefold() == wanted), None)


def values_by_article(
    project: "Project", article_ids: Iterable[int] | None = None
) -> dict[int, dict[int, str]]:
    """Each article's values by attribute id; all articles, or only these."""
    found: dict[int, dict[int, str]] = {}
    query = sa.select(
        ArticleAttribute.article_id, ArticleAttribute.attribute_id, ArticleAttribute.value
    )
    with project.session() as session:
        if article_ids is None:
            batches: Iterable[object] = [query]
        else:
            batches = [
                query.where(ArticleAttribute.article_id.in_(chunk))
                for chunk in _chunks(sorted(set(article_ids)))
            ]
        for batch in batches:
            for article_id, attribute_id, value in session.execute(batch):  # type: ignore[call-overload]
                found.setdefault(article_id, {})[attribute_id] = value
    return found


# ----- one user action, one call --------------------------------------------------------
def define_attribute(
    project: "Project", name: str, kind: str = AttributeKind.TEXT, choices: Iterable[str] = ()
) -> AttributeRecord:
    with attribute_writing(project) as writer:
        return writer.define(name, kind, choices)


def set_values(project: "Project", attribute_id: int, raw: dict[int, object]) -> ValueMap:
    """Set one attribute's value for many articles; returns the values as they were."""
    with attribute_writing(project) as writer:
        return writer.set_values(attribute_id, raw)


def delete_attribute(project: "Project", attribute_id: int) -> AttributeState:
    """Remove an attribute and its values; returns them, so that they can be put back."""
    with attribute_writing(project) as writer:
        state = writer.state(attribute_id)
        if state is None:
            raise ConflictError("That attribute no longer exists; it may have been deleted.")
        writer.put_state(attribute_id, None, expected=state)
        return state
