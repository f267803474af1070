"""How long the command line takes to answer, beside the bare cost of importing SQLAlchemy.

    python -m benchmarks.cli_bench [--runs 15]

Runs ``annotator --help`` and ``annotator info SAMPLE --json`` (on the sample project, made in a
temporary folder) as new processes, interleaved with ``python -c "import sqlalchemy"`` in the
same run, and prints each one's median wall time and its ratio to the bare import. Every
command that reads a project needs SQLAlchemy, so that import is the floor; the aim is at most
1.5 times it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.sample import create_sample_project


def annotator_command() -> list[str]:
    """The installed ``annotator`` beside this Python, else ``python -m annotator``."""
    script = Path(sys.executable).parent / "annotator"
    return [str(script)] if script.exists() else [sys.executable, "-m", "annotator"]


def wall_time(command: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, ANNOTATOR_DATA_DIR=folder, ANNOTATOR_CONFIG_DIR=folder)
        sample = Path(folder) / "Sample project.annotator"
        create_sample_project(sample).close()
        cases = {
            'python -c "import sqlalchemy"': [sys.executable, "-c", "import sqlalchemy"],
            "annotator --help": [*annotator_command(), "--help"],
            "annotator info SAMPLE --json": [*annotator_command(), "info", str(sample), "--json"],
        }
        for command in cases.values():  # warm the file cache and the bytecode
            wall_time(command, env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, command in cases.items():
                times[name].append(wall_time(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = medians['python -c "import sqlalchemy"']
    print(f"median of {args.runs} runs each, interleaved:")
    for name, value in medians.items():
        print(f"  {name:<32} {value * 1000:7.0f} ms   {value / floor:5.2f} × the bare import")


if __name__ == "__main__":
    main()
