"""Starting the window from the command line, with a clear word when no display is there."""

import os
import shutil
import sys
from pathlib import Path

NO_DISPLAY = """annotator: no display was found, so the window cannot open here.
On a machine without a screen, use the command line instead:
"""
HEADLESS_COMMANDS = (
    ("import PROJECT FILE_OR_FOLDER...", "import articles"),
    ("info PROJECT [--json]", "list articles, tags and coders"),
    ("show PROJECT ID", "print an article's text"),
    ("export PROJECT OUT.xlsx", "export to Excel"),
    ("--help", "every command"),
)

MISSING_LIBRARIES = """annotator: Qt could not start: {error}
Qt needs these system libraries; on Debian or Ubuntu install them ({how}):
  apt-get install libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 \\
    libxkbcommon0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \\
    libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"""


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def command_name(argv0: str | None = None) -> str:
    """How the user can type this program from where they are.

    ``annotator`` when that name on PATH is this program; otherwise the path they used
    (``.venv/bin/annotator`` after the quick start), or ``PYTHON -m annotator``.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    if not argv0 or Path(argv0).name == "__main__.py":
        return f"{typable(sys.executable)} -m annotator"
    return typable(argv0)


def typable(program: str) -> str:
    """The shortest way to name ``program`` that works from the current folder."""
    path = Path(program)
    on_path = shutil.which(path.name)
    if on_path and (path.name == program or Path(on_path).resolve() == path.resolve()):
        return path.name
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path.absolute())
    return str(relative) if str(relative).startswith(".") else f"./{relative}"


def no_display_message(command: str) -> str:
    width = max(len(f"{command} {usage}") for usage, _ in HEADLESS_COMMANDS) + 3
    lines = [f"  {(command + ' ' + usage).ljust(width)}{what}" for usage, what in HEADLESS_COMMANDS]
    return NO_DISPLAY + "\n".join(lines)


def launch_window(project: str | None) -> int:
    if not has_display():
        print(no_display_message(command_name()), file=sys.stderr)
        return 2
    try:
        from annotator.gui.app import run  # noqa: PLC0415
    except ImportError as exc:
        how = "with sudo" if shutil.which("sudo") else "as root"
        print(MISSING_LIBRARIES.format(error=exc, how=how), file=sys.stderr)
        return 2
    return run(project)


def launch_self_test() -> int:
    """Check this installation offscreen; no display is needed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from annotator.gui.self_test import run_self_test  # noqa: PLC0415
    except ImportError as exc:
        how = "with sudo" if shutil.which("sudo") else "as root"
        print(MISSING_LIBRARIES.format(error=exc, how=how), file=sys.stderr)
        return 2
    return run_self_test()
