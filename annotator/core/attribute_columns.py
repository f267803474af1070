"""Article attributes as extra columns wherever an export lists articles or annotations."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.attribute_values import typed
from annotator.core.attributes import AttributeRecord, list_attributes, values_by_article

if TYPE_CHECKING:
    from annotator.core.project import Project


@dataclass
class AttributeColumns:
    """Every attribute (in the researcher's order) and every article's values, read once."""

    attributes: list[AttributeRecord]
    values: dict[int, dict[int, str]]

    @classmethod
    def read(cls, project: "Project") -> "AttributeColumns":
        attributes = list_attributes(project)
        return cls(attributes, values_by_article(project) if attributes else {})

    def headers(self, taken: tuple[str, ...] | list[str] = ()) -> list[str]:
        """The column titles: each attribute's name, marked where a fixed column has it."""
        used = {t.casefold() for t in taken}
        return [
            f"{a.name} (attribute)" if a.name.casefold() in used else a.name
            for a in self.attributes
        ]

    def cells(self, article_id: int) -> list[object]:
        """The article's values, typed for a spreadsheet (numbers, dates, text; None empty)."""
        found = self.values.get(article_id, {})
        return [typed(a.kind, found[a.id]) if a.id in found else None for a in self.attributes]

    def named(self, article_id: int) -> dict[str, str]:
        """The article's values by attribute name, as stored (for JSON)."""
        found = self.values.get(article_id, {})
        return {a.name: found[a.id] for a in self.attributes if a.id in found}
