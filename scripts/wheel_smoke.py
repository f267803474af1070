"""Uses an installed Annotator as a researcher would, from a folder outside the repository.

Run by scripts/check-wheel.sh with the Python of a fresh virtual environment that has only the
built wheel in it: every command must work there (a module left out of the wheel fails here
even when the repository's own tests pass). Standard library only; it imports nothing of the
application and drives the ``annotator`` command that the wheel installed.

    python wheel_smoke.py FOLDER
"""

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

TEXT = (
    "Council pledges clean buses by 2030\n\n"
    "The council will replace every diesel bus by 2030, the mayor said. "
    "The plan depends on a national grant. Critics called it a headline without a budget.\n"
)
PAGE = (
    "<!doctype html><html><head><title>Ministry promises faster trains</title></head><body>"
    "<article><h1>Ministry promises faster trains</h1>"
    + "<p>The ministry promised that every regional line will run hourly by 2028. "
    "Unions said the timetable ignores the shortage of drivers.</p>"
    * 4
    + "</article></body></html>"
)
SPANS = (
    ("Ada", "pledge", "The council will replace every diesel bus by 2030"),
    ("Ada", "criticism", "Critics called it a headline without a budget."),
    ("Bo", "pledge", "The council will replace every diesel bus by 2030, the mayor said."),
    ("Bo", "caveat", "The plan depends on a national grant."),
)


def run(*args: str) -> str:
    """Run the installed command; stop with its output when it fails."""
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"wheel: `{' '.join(args)}` exited {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def w3c_annotations(uri: str, text: str) -> list[dict[str, object]]:
    """Two coders' annotations on the text, written by hand in the W3C model."""
    items: list[dict[str, object]] = []
    for coder, tag, quote in SPANS:
        start = text.index(quote)
        items.append(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "creator": {"type": "Person", "name": coder},
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": tag}],
                "target": {
                    "source": uri,
                    "selector": [
                        {
                            "type": "TextPositionSelector",
                            "start": start,
                            "end": start + len(quote),
                        },
                        {"type": "TextQuoteSelector", "exact": quote},
                    ],
                },
            }
        )
    return items


def main() -> None:
    folder = Path(sys.argv[1]).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "buses.txt").write_text(TEXT, "utf-8")
    (folder / "trains.html").write_text(PAGE, "utf-8")
    project = str(folder / "study.annotator")

    assert "usage" in run("annotator", "--help").lower()
    assert "import" in run("annotator", "import", "--help")
    run("annotator", "import", project, str(folder / "buses.txt"), str(folder / "trains.html"))
    info = json.loads(run("annotator", "info", project, "--json"))
    assert len(info["articles"]) == 2, info
    buses = next(a for a in info["articles"] if a["title"].startswith("Council"))
    uri = "urn:sha256:" + hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert buses["uri"] == uri, (buses["uri"], uri)

    annotations = folder / "two-coders.json"
    annotations.write_text(json.dumps(w3c_annotations(uri, TEXT)), "utf-8")
    run("annotator", "import-annotations", project, str(annotations))
    info = json.loads(run("annotator", "info", project, "--json"))
    assert {c["name"] for c in info["coders"]} >= {"Ada", "Bo"}, info["coders"]

    for name in ("out.xlsx", "out.csv", "out.json", "out.qdpx", "out.qdc"):
        run("annotator", "export", project, str(folder / name))
        assert (folder / name).stat().st_size > 0, name
    run("annotator", "export", project, str(folder / "matrix.csv"), "--matrix")
    assert zipfile.is_zipfile(folder / "out.xlsx") and zipfile.is_zipfile(folder / "out.qdpx")
    exported = json.loads((folder / "out.json").read_text("utf-8"))
    assert exported["total"] == len(exported["first"]["items"]) == len(SPANS), exported

    report = json.loads(run("annotator", "agreement", project, "--json"))
    assert report, report
    run("annotator", "agreement", project)
    run("annotator", "show", project, str(buses["id"]))
    # The window, offscreen: the icons and the sample text must be in the wheel too.
    assert "self-test passed" in run("annotator", "--self-test")
    version = run(sys.executable, "-m", "annotator", "--version")
    assert version.startswith("annotator "), version
    again = json.loads(run(sys.executable, "-m", "annotator", "info", project, "--json"))
    assert again == info
    print(f"wheel: every command works from {folder} ({version.strip()})")


if __name__ == "__main__":
    main()
