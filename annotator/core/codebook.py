"""The codebook: tags with colour, definition and key."""

from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.models import Annotation, Tag
from annotator.core.records import TagRecord
from annotator.core.summaries import list_tags as list_tags  # noqa: PLC0414  (re-exported)

if TYPE_CHECKING:
    from annotator.core.project import Project

# Paul Tol's "light" scheme: told apart by readers with any common colour-vision deficiency,
# and light enough that black text stays readable on each.
DEFAULT_CODEBOOK: tuple[tuple[str, str, str], ...] = (
    (
        "pledge",
        "#77AADD",
        "A company or government commits to doing something.",
    ),
    (
        "caveat",
        "#EEDD88",
        "A condition, exception or limit attached to a pledge or claim.",
    ),
    (
        "criticism",
        "#EE8866",
        "Someone objects to, doubts or condemns a pledge, policy or actor.",
    ),
    (
        "statistic",
        "#44BB99",
        "A number that carries the argument: an amount, share, date target or trend.",
    ),
)


def tag_record(tag: Tag) -> TagRecord:
    return TagRecord(
        id=tag.id,
        name=tag.name,
        color=tag.color,
        definition=tag.definition,
        shortcut=tag.shortcut,
        position=tag.position,
        parent_id=tag.parent_id,
    )


def default_tags() -> list[Tag]:
    """The tags a new project starts with."""
    return [
        Tag(name=name, color=color, definition=definition, shortcut=index + 1, position=index)
        for index, (name, color, definition) in enumerate(DEFAULT_CODEBOOK)
    ]


def add_default_codebook(project: "Project") -> None:
    with project.session() as session:
        session.add_all(default_tags())


def tag_usage(project: "Project", coders: list[int] | None = None) -> dict[int, int]:
    """Number of annotations of each tag in the whole project; of these coders only, when
    given (blind coding shows no count of another coder's work)."""
    query = sa.select(Annotation.tag_id, sa.func.count()).group_by(Annotation.tag_id)
    if coders is not None:
        query = query.where(Annotation.coder_id.in_(coders))
    with project.session() as session:
        return {tag_id: count for tag_id, count in session.execute(query)}
