"""Regenerate the screenshots in docs/ offscreen, at a laptop's 1280 × 800 and a small
1024 × 640 screen: the workbench (light and dark), side-by-side review and agreement.

    .venv/bin/python scripts/screenshots.py [--out docs]

Each screen size runs in a process of its own, since Qt's offscreen platform takes the size
of its screen once, at start. Settings and data go to a temporary folder.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from offscreen_screen import offscreen_environment

SHOTS = {
    # name: (width, height, theme)
    "workbench-light": (1280, 800, "light"),
    "workbench-dark": (1280, 800, "dark"),
    "workbench-1024x640": (1024, 640, "light"),
    "review": (1280, 800, "light"),
    "agreement": (1280, 800, "light"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "docs")
    parser.add_argument("--one", choices=sorted(SHOTS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return shoot(args.one, args.out)
    for name, (width, height, theme) in SHOTS.items():
        env = offscreen_environment(width, height, theme, "screenshots-")
        command = [sys.executable, __file__, "--one", name, "--out", str(args.out)]
        subprocess.run(command, env=env, check=True)
        print(f"{args.out / (name + '.png')}  {width}×{height} {theme}")
    return 0


def shoot(name: str, out: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtCore import QPoint, Qt  # noqa: PLC0415 - after the environment is set
    from PySide6.QtGui import QTextCursor  # noqa: PLC0415
    from PySide6.QtTest import QTest  # noqa: PLC0415

    from annotator.core.annotations import add_annotation, article_annotations  # noqa: PLC0415
    from annotator.core.coders import ensure_coder  # noqa: PLC0415
    from annotator.core.paths import data_dir  # noqa: PLC0415
    from annotator.core.sample import create_sample_project  # noqa: PLC0415
    from annotator.core.settings import Settings  # noqa: PLC0415
    from annotator.gui.app import make_application  # noqa: PLC0415
    from annotator.gui.main_window import MainWindow  # noqa: PLC0415
    from annotator.gui.window_layout import split_sizes  # noqa: PLC0415

    app = make_application()
    project = create_sample_project(data_dir() / "Sample project.annotator", "Maria Lopez")
    article = article_annotations(project, 1)
    if name in ("review", "agreement"):  # a second coder, close to the first but not equal
        second = ensure_coder(project, "Sam Okafor")
        for record in article:
            end = record.end - (9 if record.tag_id % 2 else 0)
            tag = record.tag_id if record.tag_id != 3 else 1
            add_annotation(project, 1, tag, second.id, record.start, end)
    window = MainWindow(project, Settings(coder_name="Maria Lopez"))
    window.setGeometry(window.screen().availableGeometry())  # maximised, as on a laptop
    window.splitter.setSizes(split_sizes(window.width()))
    window.show()
    QTest.qWaitForWindowExposed(window)
    QTest.qWait(50)
    view = window.reader.view
    first = article[1]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_utf16(first.start + 3))
    rect = view.cursorRect(cursor)
    where = QPoint(rect.x() + 2, rect.center().y())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    if name == "workbench-1024x640":
        window.find_bar.open_bar()
        QTest.keyClicks(window.find_bar.field, "fleet")
    QTest.qWait(50)
    target = window
    if name == "review":
        review = window.show_review()
        review.resize(window.size())
        QTest.qWaitForWindowExposed(review)
        QTest.qWait(50)
        target = review  # type: ignore[assignment]
    elif name == "agreement":
        dialog = window.show_agreement()
        QTest.qWaitForWindowExposed(dialog)
        QTest.qWait(50)
        target = dialog  # type: ignore[assignment]
    out.mkdir(parents=True, exist_ok=True)
    target.grab().save(str(out / f"{name}.png"))
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
