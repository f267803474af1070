"""Plain, immutable snapshots of stored rows, handed to the interfaces above the core."""

from dataclasses import dataclass
from datetime import datetime

from annotator.core.attribute_values import KIND_NAMES
from annotator.core.kinds import AttributeKind


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    uri: str
    title: str
    chars: int
    source_kind: str
    original_name: str
    outlet: str
    url: str
    annotations: int


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: int
    uri: str
    title: str
    text: str
    source_kind: str
    original_name: str
    author: str
    outlet: str
    published: str
    url: str
    language: str
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class TagRecord:
    id: int
    name: str
    color: str
    definition: str
    shortcut: int | None
    position: int
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class AttributeRecord:
    id: int
    name: str
    kind: str
    choices: tuple[str, ...]
    position: int

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(AttributeKind(self.kind), self.kind)


@dataclass(frozen=True, slots=True)
class CoderRecord:
    id: int
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class AnnotationRecord:
    id: int
    uuid: str
    article_id: int
    tag_id: int
    coder_id: int
    start: int
    end: int
    quote: str
    note: str
    created: datetime
    modified: datetime
    version: int
