"""``annotator --self-test``: proves that an installed or bundled copy works end to end.

In a temporary project it imports a text, an HTML page and a PDF (small files written here),
opens the window offscreen, codes one span through the window's own coding action, and exports
an Excel workbook and a REFI-QDA project; it prints one line per step and exits 0 when every
step did what it should. Used by CI on the PyInstaller bundle, where a missing module, Qt
plugin or resource shows up only when the code runs.
"""

import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

TEXT = (
    "Council pledges clean buses by 2030\n\n"
    "The council will replace every diesel bus by 2030, the mayor said. "
    "The plan depends on a national grant.\n"
)
PAGE = (
    "<!doctype html><html><head><title>Ministry promises faster trains</title></head><body>"
    "<article><h1>Ministry promises faster trains</h1>"
    + "<p>The ministry promised that every regional line will run hourly by 2028. "
    "Unions said the timetable ignores the shortage of drivers.</p>"
    * 4
    + "</article></body></html>"
)
PDF_LINES = ("Annual transport report", "Emissions fell by 12 per cent in 2025.")
CODED = "The council will replace every diesel bus by 2030"


def pdf_with_text(lines: tuple[str, ...]) -> bytes:
    """A one-page PDF that draws ``lines`` in Helvetica (ASCII text only)."""
    drawn = b"".join(
        b"BT /F1 14 Tf 72 %d Td (%s) Tj ET\n" % (720 - 24 * i, line.encode("ascii"))
        for i, line in enumerate(lines)
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(drawn) + drawn + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_fixtures(folder: Path) -> list[Path]:
    files = {
        "buses.txt": TEXT.encode("utf-8"),
        "trains.html": PAGE.encode("utf-8"),
        "report.pdf": pdf_with_text(PDF_LINES),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


class SelfTestFailed(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestFailed(what)


def run_self_test(say: Callable[[str], None] = print) -> int:
    """Every step, in order; 0 when all passed, 1 with the reason otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="annotator-self-test-") as temporary:
        folder = Path(temporary)
        # Never the user's own settings, data or log.
        for name in ("ANNOTATOR_CONFIG_DIR", "ANNOTATOR_DATA_DIR", "ANNOTATOR_LOG_DIR"):
            os.environ[name] = str(folder / name.lower())
        try:
            _steps(folder, say)
        except SelfTestFailed as exc:
            say(f"self-test FAILED: {exc}")
            return 1
    say("self-test passed")
    return 0


def _steps(folder: Path, say: Callable[[str], None]) -> None:
    from annotator.core.export.formats import export_project  # noqa: PLC0415
    from annotator.core.importing.service import Outcome, import_files  # noqa: PLC0415
    from annotator.core.project import open_project  # noqa: PLC0415
    from annotator.core.settings import Settings  # noqa: PLC0415
    from annotator.gui.app import make_application  # noqa: PLC0415
    from annotator.gui.main_window import MainWindow  # noqa: PLC0415

    project = open_project(folder / "self-test.annotator")
    results = import_files(project, write_fixtures(folder))
    for result in results:
        say(f"import: {result.line()}")
    check(all(r.outcome is Outcome.IMPORTED for r in results), "an import failed")

    app = make_application()
    check(not app.windowIcon().isNull(), "the application icon did not load")
    settings = Settings(coder_name="Self Test")
    window = MainWindow(project, settings)
    window.show()
    app.processEvents()
    say(f"window: {window.width()} × {window.height()} on {app.platformName()}")
    article = next(a for a in window.articles.articles if a.title.startswith("Council"))
    window.open_article(article.id)
    text = window.reader.view.toPlainText()
    start = text.index(CODED)  # the text holds no character outside the BMP
    window.reader.view.select_span(start, start + len(CODED))
    tag = window.session.tags[0]
    window.coding.apply_tag(tag.id)
    app.processEvents()
    coded = [r for r in window.annotation_model.everything if r.tag_id == tag.id]
    check(len(coded) == 1, f"coding one span gave {len(coded)} annotations")
    check(text[coded[0].start : coded[0].end] == CODED, "the coded span is not the selection")
    say(f"coded: {tag.name} on “{CODED}”")

    chart = folder / "self-test-chart.png"
    charts = window.corpus.show(window.corpus.CHARTS)
    charts.save_chart(chart)
    check(chart.exists() and chart.stat().st_size > 0, "the chart could not be drawn")
    say(f"chart: {chart.name} ({chart.stat().st_size:,} bytes)")
    say(f"suggestions: {_suggestion_model_works()}")

    for name in ("self-test.xlsx", "self-test.qdpx"):
        target = folder / name
        export_project(project, target)
        check(zipfile.is_zipfile(target), f"{name} is not a zip archive")
        say(f"export: {name} ({target.stat().st_size:,} bytes)")
    window.close()
    app.processEvents()


def _suggestion_model_works() -> str:
    """Learn a tiny model and score with it: the numerical libraries load and run."""
    from annotator.core.suggest.features import passages_of  # noqa: PLC0415
    from annotator.core.suggest.model import SentenceModel  # noqa: PLC0415

    sentences = [
        "We will cut bus fares by half.",
        "The weather was mild in May.",
        "We will build ten new schools.",
        "The report has forty pages.",
    ]
    passages = passages_of(sentences)
    model = SentenceModel.fit(passages, [True, False, True, False])
    scores = model.scores(passages)
    check(len(scores) == len(sentences), "the suggestion model did not score every sentence")
    return f"a model of {model.features:,} features scored {len(scores)} sentences"


def main() -> int:
    return run_self_test()


if __name__ == "__main__":
    sys.exit(main())
