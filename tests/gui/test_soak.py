"""The soak test: random workbench actions through real input events, the window checked
against the database after every step. CI runs a bounded number of steps; for the long run
use ``python -m benchmarks.soak --minutes 30``."""

import os

from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test
from pytestqt.qtbot import QtBot

from annotator.gui.app import make_application
from tests.gui.dialogs import DialogGuard
from tests.gui.soak_machine import WorkbenchMachine

EXAMPLES = int(os.environ.get("ANNOTATOR_SOAK_EXAMPLES", "6"))
STEPS = int(os.environ.get("ANNOTATOR_SOAK_STEPS", "40"))
# ANNOTATOR_SOAK_NO_SHRINK=1 reports the first failing sequence as found (quicker to read).
PHASES = (
    [Phase.explicit, Phase.reuse, Phase.generate]
    if os.environ.get("ANNOTATOR_SOAK_NO_SHRINK")
    else list(Phase)
)


def test_random_workbench_actions_keep_the_window_and_the_database_in_step(
    qtbot: QtBot, dialogs: DialogGuard
) -> None:
    make_application()
    WorkbenchMachine.guard = dialogs
    run_state_machine_as_test(
        WorkbenchMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=PHASES,
        ),
    )
    assert dialogs.unexpected == []
