"""Regenerate the corpus view's screenshots in docs/ offscreen: the article browser, the tag
table, search and a chart, on a generated corpus, at 1280 × 800 (and the browser and the tag
table at 1024 × 640).

    .venv/bin/python scripts/corpus_screenshots.py [--out docs]

Each screen size runs in a process of its own (Qt's offscreen platform takes its screen's
size once); settings and data go to a temporary folder.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from offscreen_screen import offscreen_environment

SIZES = {"": (1280, 800), "-1024x640": (1024, 640)}
SHOTS = ("articles", "spans", "search", "chart")
SMALL = ("articles", "spans")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs")
    parser.add_argument("--size", choices=sorted(SIZES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.size is not None:
        return shoot(args.size, args.out)
    for suffix, (width, height) in SIZES.items():
        env = offscreen_environment(width, height, "light", "corpus-screenshots-")
        command = [sys.executable, __file__, f"--size={suffix}", "--out", str(args.out)]
        subprocess.run(command, env=env, check=True)
    return 0


def shoot(suffix: str, out: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - after the environment is set

    from annotator.core.paths import data_dir  # noqa: PLC0415
    from annotator.core.settings import Settings  # noqa: PLC0415
    from annotator.gui.app import make_application  # noqa: PLC0415
    from annotator.gui.main_window import MainWindow  # noqa: PLC0415
    from benchmarks.corpus_data import generate  # noqa: PLC0415

    make_application()
    app = QApplication.instance()
    assert app is not None
    project = generate(data_dir() / "Climate pledges.annotator", 600, 12_000)
    window = MainWindow(project, Settings(coder_name="Ada"))
    window.showMaximized()
    app.processEvents()
    tabs = window.corpus
    wanted = SHOTS if not suffix else SMALL
    if "articles" in wanted:
        browser = tabs.show(tabs.ARTICLES)
        app.processEvents()
        browser.table.selectRow(2)
        _save(window, out / f"corpus-articles{suffix}.png")
    if "spans" in wanted:
        spans = tabs.show(tabs.SPANS)
        app.processEvents()
        spans.group.setCurrentIndex(spans.group.findText("company"))
        app.processEvents()
        spans.tree_view.expand(spans.model.index(0, 0))
        spans.tree_view.setCurrentIndex(spans.model.index(0, 1, spans.model.index(0, 0)))
        _save(window, out / f"corpus-spans{suffix}.png")
    if "search" in wanted:
        panel = tabs.show(tabs.SEARCH)
        panel.run('"net zero" greenwashing')
        _save(window, out / "corpus-search.png")
    if "chart" in wanted:
        charts = tabs.show(tabs.CHARTS)
        app.processEvents()
        charts.kind.setCurrentIndex(charts.kind.findData("time"))
        charts.by.setCurrentIndex(charts.by.findData("year"))
        _save(window, out / "corpus-chart.png")
    window.close()
    project.close()
    return 0


def _save(window: object, path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    assert isinstance(window, QWidget)
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(path))
    print(path)


if __name__ == "__main__":
    raise SystemExit(main())
