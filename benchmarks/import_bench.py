"""Import of the corpus web pages and PDFs against the bare extraction libraries, same files.

    python -m benchmarks.import_bench [--corpus ../shared/corpus]

Prints the bare libraries' time (trafilatura and pdfminer.six, one process, the same settings),
the project's import time in one process and with one worker process per core (fresh
projects each time), and the ratios.
"""

import argparse
import os
import tempfile
import time
from io import BytesIO
from pathlib import Path

import trafilatura
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams

from annotator.core.importing.html import decode_html
from annotator.core.importing.service import ImportOptions, Outcome, import_files
from annotator.core.project import open_project

ROOT = Path(__file__).resolve().parents[1]


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
            except Exception:
                continue


def project_import(files: list[Path], folder: Path, workers: int) -> int:
    path = folder / f"bench-{workers}.annotator"
    with open_project(path) as project:
        results = list(import_files(project, files, ImportOptions(workers=workers)))
    return sum(r.outcome is Outcome.IMPORTED for r in results)


def timed(work: object) -> float:
    began = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    cores = os.cpu_count() or 1
    bare_extraction(files[:3])  # load the libraries before timing anything
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = timed(lambda: bare_extraction(files))
        single = timed(lambda: project_import(files, folder, 1))
        pooled = timed(lambda: project_import(files, folder, cores))
    print(f"{len(files)} files (corpus HTML and PDFs)")
    print(f"bare trafilatura + pdfminer.six, 1 process: {bare:6.2f} s")
    print(
        f"Annotator import, 1 process:                {single:6.2f} s  "
        f"({single / bare:.2f}x bare; target at most 1.15x)"
    )
    print(
        f"Annotator import, {cores} worker processes:       {pooled:6.2f} s  "
        f"({pooled / bare:.2f}x bare; target below 1.00x)"
    )


if __name__ == "__main__":
    main()
