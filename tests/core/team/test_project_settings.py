"""Settings the whole project shares, on a team's server: the lead changes them, a coder may
not, and every member sees the lead's choice."""

import pytest

from annotator.core.errors import NotPermittedError
from annotator.core.project import open_project
from annotator.core.suggest.policy import allow_in_sample, allowed_in_sample, may_change
from tests.core.team.conftest import Team

pytestmark = pytest.mark.postgres


def test_only_the_lead_may_change_the_switch_on_a_teams_server(team: Team) -> None:
    with open_project(team.url(team.ada), create=False) as ada:
        assert not may_change(ada)
        with pytest.raises(NotPermittedError):
            allow_in_sample(ada, True)
    with open_project(team.url(team.lead), create=False) as lead:
        assert may_change(lead)
        allow_in_sample(lead, True)
    with open_project(team.url(team.ada), create=False) as ada:
        assert allowed_in_sample(ada)  # the coder sees what the lead chose
