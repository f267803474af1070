"""The application's log: one file in the platform's log folder, rotated, plus native crashes.

Python's ``logging`` everywhere writes here once :func:`start_logging` has run (the window
does; the command line keeps to standard error). ``faulthandler`` writes the Python stack of a
native crash (a segmentation fault inside Qt, say) to a file of its own beside the log, since
it needs a file that stays open and is never renamed; the next start moves that record into
the log, so that the log tells the whole story.
"""

import faulthandler
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TextIO

LOG_NAME = "annotator.log"
NATIVE_NAME = "native-crashes.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)
_native: TextIO | None = None
_level_before: int | None = None


def log_dir() -> Path:
    """The platform's folder for the application's logs (``ANNOTATOR_LOG_DIR`` overrides it).

    Linux: ``$XDG_STATE_HOME/annotator/log`` (``~/.local/state/annotator/log``); macOS:
    ``~/Library/Logs/Annotator``; Windows: ``%LOCALAPPDATA%\\Annotator\\Logs``.
    """
    override = os.environ.get("ANNOTATOR_LOG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Annotator" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "Annotator"
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return state / "annotator" / "log"


def log_path() -> Path:
    return log_dir() / LOG_NAME


def start_logging(level: int = logging.INFO, *, native: bool = True) -> Path:
    """Send every logger's records to the rotating log file and, with ``native``, turn on
    ``faulthandler`` (not for a process whose own faulthandler must stay, such as pytest's).

    Safe to call again (a second call changes nothing). Returns the log file's path.
    """
    global _native, _level_before  # noqa: PLW0603 - one log and one crash file per process
    path = log_path()
    root = logging.getLogger()
    if any(getattr(h, "annotator_log", False) for h in root.handlers):
        return path
    _level_before = root.level
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.annotator_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    _collect_native_crash(path.parent / NATIVE_NAME)
    if native:
        _native = (path.parent / NATIVE_NAME).open("a", encoding="utf-8")
        faulthandler.enable(file=_native, all_threads=True)
    log.info("log started (Python %s)", sys.version.split()[0])
    return path


def stop_logging() -> None:
    """Undo :func:`start_logging` (for tests and for a clean exit)."""
    global _native, _level_before  # noqa: PLW0603
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "annotator_log", False)]:
        root.removeHandler(handler)
        handler.close()
    if _level_before is not None:
        root.setLevel(_level_before)
        _level_before = None
    if _native is not None:
        faulthandler.disable()
        _native.close()
        _native = None


def _collect_native_crash(native: Path) -> None:
    """Move what faulthandler wrote during an earlier run into the log, then empty it."""
    try:
        text = native.read_text("utf-8", errors="replace").strip()
    except OSError:
        return
    if text:
        log.error("the previous run stopped with a native crash:\n%s", text)
    native.write_text("", "utf-8")
