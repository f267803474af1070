"""Draws the application icon's PNGs, in the usual sizes, from its SVG source with Qt.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_icons.py

Run after changing resources/icons/org.annotator.Annotator.svg; the PNGs are committed.
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "org.annotator.Annotator.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    return image


def main() -> None:
    _app = QGuiApplication(sys.argv[:1])
    for size in SIZES:
        target = ICONS / f"{size}x{size}.png"
        if not render(size).save(str(target)):
            sys.exit(f"could not write {target}")
        print(target.relative_to(ICONS.parents[1]))


if __name__ == "__main__":
    main()
