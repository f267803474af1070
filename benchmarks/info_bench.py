"""``annotator info --json``'s document on a large project, beside the bare query.

    python -m benchmarks.info_bench [--articles 10000] [--annotations 200000] [--project FILE]

Generates the corpus of the scale benchmarks (or reuses ``--project``, generated once when it
does not exist), then times, in alternating order, the document ``info --json`` prints into a
pipe (``project_info`` written by ``write_info_json``, as the command does) and the floor: the
same rows fetched with Python's sqlite3 from the same file and turned into JSON
(``corpus_bench.floor_info``). Prints every run, the medians, the ratio (target at most
1.5x) and the machine's load before and after.
"""

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.cli.commands import project_info, write_info_json
from annotator.core.project import open_project
from benchmarks.corpus_bench import floor_info
from benchmarks.corpus_data import generate
from benchmarks.window_steps import machine_load

TARGET = 1.5


def measure(path: Path, rounds: int) -> None:
    project = open_project(path, create=False)
    sides: dict[str, Callable[[], object]] = {
        "info --json document": lambda: write_info_json(project_info(project), io.StringIO()),
        "floor: sqlite3, same rows": lambda: floor_info(path),
    }
    for work in sides.values():  # both warmed once: the file in the page cache
        work()
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for number in range(rounds):
        for name in names if number % 2 == 0 else names[::-1]:
            began = time.perf_counter()
            sides[name]()
            times[name].append((time.perf_counter() - began) * 1000)
    project.close()
    for name in names:
        runs = ", ".join(f"{t:.0f}" for t in times[name])
        print(f"{name:<28} median {statistics.median(times[name]):7.0f} ms   (runs: {runs})")
    ours, floor = (statistics.median(times[name]) for name in names)
    verdict = "meets" if ours <= TARGET * floor else "MISSES"
    print(f"ratio {ours / floor:.2f}x the floor ({verdict} the target of {TARGET}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--project", type=Path, help="a generated project to reuse")
    args = parser.parse_args()
    print("before:", machine_load())
    with tempfile.TemporaryDirectory() as folder:
        path = args.project or Path(folder) / "info.annotator"
        if not path.exists():
            began = time.perf_counter()
            generate(path, args.articles, args.annotations).close()
            print(f"generated the project in {time.perf_counter() - began:.0f} s")
        measure(path, args.rounds)
    print(f"medians of {args.rounds} runs in alternating order")
    print("after: ", machine_load())


if __name__ == "__main__":
    main()
