"""Where suggestions may be shown: never in the articles of the reliability sample (coded
blind by two coders or more, to measure how far coders agree without help), unless the
project allows it. The switch is a project setting (`project_settings`), so every coder of
the project sees the same, and only the project's lead may change it on a team's server."""

from typing import TYPE_CHECKING

from annotator.core.project_settings import change_setting, read_setting
from annotator.core.team.reliability import current_sample
from annotator.core.team.roles import membership

if TYPE_CHECKING:
    from annotator.core.project import Project

ALLOWED_IN_SAMPLE = "suggestions_in_reliability_sample"
ALLOW_COMMAND = "annotator suggest-settings PROJECT --in-sample allow"
BLIND = (
    "No suggestions: the reliability sample is coded blind. The lead can allow them (Team menu)."
)
EXPLAIN_SWITCH = (
    "The reliability sample's articles are coded blind by two coders or more, to measure how "
    "far coders agree without help; suggestions there would help both coders alike and make "
    "agreement look better than it is. Allow them only when the project's reliability is "
    "measured another way. This is the project's setting: every coder sees the same."
)


def allowed_in_sample(project: "Project") -> bool:
    """Whether the project allows suggestions in the reliability sample."""
    return read_setting(project, ALLOWED_IN_SAMPLE) == "yes"


def allow_in_sample(project: "Project", allowed: bool, origin: str = "") -> None:
    """Allow (or forbid again) suggestions in the reliability sample, for every coder."""
    change_setting(project, ALLOWED_IN_SAMPLE, "yes" if allowed else "no", origin)


def may_change(project: "Project") -> bool:
    """Whether this connection may change the switch: the lead on a team's server; anyone
    with a project file of their own."""
    member = membership(project)
    return member is None or member.lead


def closed_articles(project: "Project") -> set[int]:
    """The articles where suggestions must not be shown (none when the project allows)."""
    sample = current_sample(project)
    if not sample or allowed_in_sample(project):
        return set()
    return sample
