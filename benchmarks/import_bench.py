"""Import of the corpus web pages and PDFs against the bare extraction libraries, same files.

    python -m benchmarks.import_bench [--corpus ../shared/corpus] [--rounds 3]

Both sides are warmed the same way (each runs once over every file before anything is timed:
libraries loaded, files in the page cache), then timed round after round in alternating order
(bare first in one round, the import first in the next), each import into a fresh project.
It prints every run, the medians and these ratios:

- one process against one process: the project's import with one worker (the import reads
  every web page and PDF in a worker process, within a budget of time and memory per file;
  here a generous one, so that a slow file under load is read, not stopped, and both sides
  do the same work), which also writes the canonical texts to the database, against bare
  trafilatura and pdfminer.six with the same settings in this process;
- the import with one worker process per core, separately, against the same import in one
  process (the same work's wall time) and against the bare libraries in one process.

A missing or empty corpus is an error that says where it was looked for, never a ratio over
zero files. The machine's load is printed before and after.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import trafilatura
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams

from annotator.core.importing.html import decode_html
from annotator.core.importing.service import ImportOptions, Outcome, import_files
from annotator.core.project import open_project
from benchmarks.window_steps import machine_load

ROOT = Path(__file__).resolve().parents[1]
TIME_LIMIT = 3600.0  # seconds a file may take: the benchmark times reading, never stops it


def corpus_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "html").glob("*.html")) + sorted((corpus / "pdf").glob("*.pdf"))


def bare_extraction(files: list[Path]) -> None:
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".html":
            trafilatura.bare_extraction(
                decode_html(data),
                favor_precision=True,
                include_comments=False,
                with_metadata=True,
            )
        else:
            try:
                for _page in extract_pages(BytesIO(data), laparams=LAParams(detect_vertical=True)):
                    pass
            except Exception:  # a damaged PDF counts as read, as the import does
                continue


class Importer:
    """Imports the files into a fresh project each time it is called."""

    def __init__(self, folder: Path, files: list[Path], workers: int) -> None:
        self.folder, self.files, self.workers = folder, files, workers
        self.runs = 0
        self.imported = 0

    def __call__(self) -> None:
        self.runs += 1
        path = self.folder / f"bench-{self.workers}-{self.runs}.annotator"
        with open_project(path) as project:
            options = ImportOptions(workers=self.workers, time_limit=TIME_LIMIT)
            results = list(import_files(project, self.files, options))
        self.imported = sum(r.outcome is Outcome.IMPORTED for r in results)


def timed(work: Callable[[], object]) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    if not files:
        sys.exit(
            f"import_bench: no corpus files in {args.corpus.resolve()} (html/*.html, pdf/*.pdf); "
            "give the corpus folder with --corpus"
        )
    cores = os.cpu_count() or 1
    print("before:", machine_load())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sides: dict[str, Callable[[], object]] = {
            "bare, 1 process": lambda: bare_extraction(files),
            "import, 1 process": Importer(folder, files, 1),
            f"import, {cores} workers": Importer(folder, files, cores),
        }
        for work in sides.values():  # warmed the same way: once over every file
            work()
        times: dict[str, list[float]] = {name: [] for name in sides}
        names = list(sides)
        for number in range(args.rounds):
            for name in names if number % 2 == 0 else names[::-1]:
                times[name].append(timed(sides[name]))
        imported = {name: getattr(work, "imported", None) for name, work in sides.items()}
    if imported[names[1]] != imported[names[2]]:
        sys.exit(f"import_bench: the two imports differ ({imported}); the ratios would not hold")
    median = {name: statistics.median(runs) for name, runs in times.items()}
    bare, single, pooled = (median[name] for name in names)
    print(f"{len(files)} files (corpus HTML and PDFs); imported: {imported[names[1]]}")
    for name in names:
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:<22} median {median[name]:6.2f} s   (runs: {runs})")
    print(f"import ÷ bare, one process each:        {single / bare:5.2f}x  (target at most 1.15x)")
    print(f"{cores} workers ÷ the same import in 1 process: {pooled / single:5.2f}x")
    print(f"{cores} workers ÷ bare in 1 process:          {pooled / bare:5.2f}x")
    print(f"medians of {args.rounds} rounds in alternating order")
    print("after: ", machine_load())


if __name__ == "__main__":
    main()
