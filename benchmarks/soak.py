"""Run the workbench soak for a long time with faulthandler on: the way to hunt a native crash.

    python -m benchmarks.soak --minutes 30

Random workbench actions through real input events on the real window (offscreen unless a
display is given), each step checked against the database. A native crash writes every
thread's stack to the log named below; a mismatch stops the run with hypothesis's shortest
example. Prints how many steps ran.
"""

import argparse
import faulthandler
import os
import signal
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--steps", type=int, default=50, help="steps per example")
    parser.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "soak-faults.log")
    parser.add_argument(
        "--crashes-only", action="store_true", help="skip the checks against the database"
    )
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="soak-home-"))
    os.environ["ANNOTATOR_CONFIG_DIR"] = str(home / "config")
    os.environ["ANNOTATOR_DATA_DIR"] = str(home / "data")
    log = args.log.open("w")
    faulthandler.enable(file=log, all_threads=True)
    # `kill -USR1 <pid>` prints where every thread is, without stopping the run
    faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)

    from hypothesis import HealthCheck, Phase, settings  # noqa: PLC0415 - after the environment
    from hypothesis.stateful import run_state_machine_as_test  # noqa: PLC0415

    from annotator.gui.app import make_application  # noqa: PLC0415
    from tests.gui.dialogs import DialogGuard  # noqa: PLC0415
    from tests.gui.soak_machine import WorkbenchMachine  # noqa: PLC0415

    make_application()
    guard = DialogGuard()
    guard.install()
    WorkbenchMachine.guard = guard
    WorkbenchMachine.checks = not args.crashes_only
    chunk = settings(
        max_examples=10,
        stateful_step_count=args.steps,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],  # a failure is reported as found: shrinking takes hours here
        print_blob=True,
    )
    print(f"soak: {args.minutes} min, faults go to {args.log}", flush=True)
    began = time.monotonic()
    ends = began + args.minutes * 60
    while time.monotonic() < ends:
        run_state_machine_as_test(WorkbenchMachine, settings=chunk)
        if guard.unexpected or guard.errors:
            print("soak: unexpected dialogs:", guard.unexpected, guard.errors, flush=True)
            return 1
        minutes = (time.monotonic() - began) / 60
        print(f"soak: {WorkbenchMachine.steps} steps, {minutes:.1f} min, no crash", flush=True)
    print(f"soak: finished: {WorkbenchMachine.steps} steps without a crash or a mismatch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
