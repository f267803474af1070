"""Mutated files: every importer either imports or fails with a reason, never crashes.

Seeds are small files built here, plus real corpus files when the shared corpus is present.
"""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import ImportFailure
from annotator.core.importing.service import ImportOptions, extract_file
from tests.conftest import CORPUS
from tests.core.importing.builders import docx, mhtml

SEEDS = {
    ".docx": docx([("Title", "A title"), ("Normal", "Some body text. " * 20)], title="T"),
    ".mhtml": mhtml(
        b"<html><body><article><p>" + b"Body text. " * 40 + b"</p></article></body></html>",
        "https://example.org/",
    ),
}
if CORPUS.is_dir():
    SEEDS |= {
        ".txt": (CORPUS / "txt" / "medianama-facial-recognition-2020.txt").read_bytes(),
        ".html": next((CORPUS / "html").glob("e372e42c0a3d*.html")).read_bytes(),
        ".pdf": (CORPUS / "pdf" / "issue-297.pdf").read_bytes(),
    }


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[suffix])
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            del data[at : at + draw(st.integers(1, 256))]
    return suffix, bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated())
def test_mutated_files_import_or_fail_with_a_reason(
    case: tuple[str, bytes], tmp_path_factory: object
) -> None:
    suffix, data = case
    folder = Path(getattr(tmp_path_factory, "mktemp")("fuzz"))  # noqa: B009
    path = folder / f"mutated{suffix}"
    path.write_bytes(data)
    try:
        article = extract_file(path, ImportOptions(workers=1))
    except ImportFailure as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert article.text.strip()
        assert "\r" not in article.text
