"""Where suggestions may be shown: never in the articles of the reliability sample (coded
blind by two coders, to measure how far coders agree without help), unless the project's
lead allows it, which the project remembers."""

from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.changes import Changes
from annotator.core.models import ProjectMeta
from annotator.core.team.reliability import current_sample

if TYPE_CHECKING:
    from annotator.core.project import Project

ALLOWED_IN_SAMPLE = "suggestions_in_reliability_sample"
BLIND = (
    "Suggestions are off in the reliability sample: those articles are coded blind, without "
    "help, so that agreement between coders can be measured. The project's lead can allow "
    "them."
)


def allowed_in_sample(project: "Project") -> bool:
    """Whether the project allows suggestions in the reliability sample."""
    with project.session() as session:
        value = session.scalar(
            sa.select(ProjectMeta.value).where(ProjectMeta.key == ALLOWED_IN_SAMPLE)
        )
    return value == "yes"


def allow_in_sample(project: "Project", allowed: bool) -> None:
    """Allow (or forbid again) suggestions in the reliability sample."""
    with project.session() as session:
        row = session.get(ProjectMeta, ALLOWED_IN_SAMPLE)
        if row is None:
            session.add(ProjectMeta(key=ALLOWED_IN_SAMPLE, value="yes" if allowed else "no"))
        else:
            row.value = "yes" if allowed else "no"
    project.changes.publish(Changes(team=True))


def closed_articles(project: "Project") -> set[int]:
    """The articles where suggestions must not be shown (none when the project allows)."""
    sample = current_sample(project)
    if not sample or allowed_in_sample(project):
        return set()
    return sample
