"""Settings the whole project shares: one value per name, the same for every coder who opens
the project (on a team's server, every member sees them; only the lead may change them).

This module is their one write path: `change_setting` commits the value and announces it on
the project's change feed (``Changes.settings``), so open windows update at once; another
program's change arrives through the change log like any other.
"""

import logging
from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.changes import Changes
from annotator.core.models import ProjectSetting

if TYPE_CHECKING:
    from annotator.core.project import Project

log = logging.getLogger(__name__)


def read_setting(project: "Project", key: str) -> str | None:
    """The setting's stored value; None when it was never set."""
    with project.session() as session:
        value: str | None = session.scalar(
            sa.select(ProjectSetting.value).where(ProjectSetting.key == key)
        )
    return value


def change_setting(project: "Project", key: str, value: str, origin: str = "") -> None:
    """Store the setting and announce it (nothing is announced when it already had the value)."""
    with project.session() as session:
        row = session.get(ProjectSetting, key)
        if row is not None and row.value == value:
            return
        if row is None:
            session.add(ProjectSetting(key=key, value=value))
        else:
            row.value = value
    log.info("project setting %s set to %r", key, value)
    project.changes.publish(Changes(origin=origin, settings=True))
