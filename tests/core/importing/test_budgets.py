"""Each file's import within a budget of time and memory; special files refused at once."""

import os
import subprocess
import sys
from pathlib import Path

from annotator.core.importing.service import ImportOptions, Outcome, import_files
from annotator.core.project import Project
from tests.hostile import pdf_with_stream

GOOD = "A good text about the council's pledge to plant trees.\n"


def _batch(tmp_path: Path, *odd: tuple[str, bytes]) -> list[Path]:
    paths = []
    for name, data in [("a.txt", GOOD.encode()), *odd, ("b.txt", b"Another good text.\n")]:
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_a_file_that_takes_too_long_is_stopped_and_the_batch_goes_on(
    project: Project, tmp_path: Path
) -> None:
    # 48 MB of zeros in a page's content stream: pdfminer reads them for over a minute here
    # (about 1.5 s a megabyte), so the limit of 2 s is far from any machine's finishing time.
    files = _batch(tmp_path, ("slow.pdf", pdf_with_stream(zeros_mb=48)))
    options = ImportOptions(workers=2, time_limit=2)
    results = list(import_files(project, files, options))
    assert [r.outcome for r in results] == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    assert "longer than 2 seconds, the limit per file" in results[1].detail
    assert "--time-limit" in results[1].detail


def test_a_file_that_needs_too_much_memory_is_stopped_and_the_batch_goes_on(
    project: Project, tmp_path: Path
) -> None:
    files = _batch(tmp_path, ("bomb.pdf", pdf_with_stream(zeros_mb=1024)))
    results = list(import_files(project, files, ImportOptions(workers=1, memory_limit=200)))
    assert [r.outcome for r in results] == [Outcome.IMPORTED, Outcome.FAILED, Outcome.IMPORTED]
    assert "more than 200 MB of memory, the limit per file" in results[1].detail


def test_a_named_pipe_and_a_link_to_a_device_are_refused_at_once(
    project: Project, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    results = list(import_files(project, [pipe, zero]))
    assert [r.detail for r in results] == [
        "a named pipe, not a regular file: only files are imported",
        "a device, not a regular file: only files are imported",
    ]


def test_a_folder_import_does_not_follow_links_out_of_the_folder(
    project: Project, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text("Private words.\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "mine.txt").write_text("My own words.\n")
    (folder / "same.txt").symlink_to(folder / "mine.txt")
    (folder / "out.txt").symlink_to(outside / "private.txt")
    (folder / "out-dir").symlink_to(outside, target_is_directory=True)
    results = {r.path.name: r for r in import_files(project, [folder])}
    assert set(results) == {"mine.txt", "same.txt", "out.txt", "out-dir"}
    assert results["mine.txt"].outcome is Outcome.IMPORTED
    assert results["same.txt"].outcome is Outcome.DUPLICATE
    for name in ("out.txt", "out-dir"):
        assert results[name].outcome is Outcome.FAILED
        assert "outside the imported folder" in results[name].detail


MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True, timeout=600)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_kb(command: list[str]) -> int:
    """The peak resident memory of ``command`` and the processes it waited for, measured by a
    fresh process of its own (so no earlier child counts)."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return int(done.stdout)


def test_a_50_mb_one_line_text_imports_in_a_small_multiple_of_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    size = 50_000_000
    words = b"council pledge trees budget critics doubt policy the of and ".split()
    line = b" ".join(words[i % len(words)] for i in range(size // 6))
    big.write_bytes(line[:size])
    small = tmp_path / "small.txt"
    small.write_text("A small text.\n")
    project = str(tmp_path / "memory.annotator")
    base = _peak_kb([sys.executable, "-m", "annotator", "import", project, str(small)])
    peak = _peak_kb([sys.executable, "-m", "annotator", "import", project, str(big)])
    extra = (peak - base) * 1024
    print(f"50 MB one-line text: {extra / size:.1f} times the file above a small import")
    assert extra < 6 * size


def test_the_size_limit_is_kept_while_reading(project: Project, tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    [result] = import_files(project, [sparse])
    assert result.detail == "file too large (60.0 MB; the limit is 50 MB)"
