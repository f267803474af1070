"""Starting the window from the command line, with a clear word when no display is there."""

import os
import sys

NO_DISPLAY = """annotator: no display was found, so the window cannot open here.
On a machine without a screen, use the command line instead:
  annotator import PROJECT FILE_OR_FOLDER...   import articles
  annotator info PROJECT [--json]              list articles, tags and coders
  annotator show PROJECT ID                    print an article's text
  annotator export PROJECT OUT.xlsx            export to Excel"""

MISSING_LIBRARIES = """annotator: Qt could not start: {error}
Qt needs these system libraries; on Debian or Ubuntu install them with:
  sudo apt-get install libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 \\
    libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \\
    libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"""


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch_window(project: str | None) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    try:
        from annotator.gui.app import run  # noqa: PLC0415
    except ImportError as exc:
        print(MISSING_LIBRARIES.format(error=exc), file=sys.stderr)
        return 2
    return run(project)
