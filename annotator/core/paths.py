"""Where the application keeps its settings and the sample project, per platform."""

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """The user's data folder for the application (``ANNOTATOR_DATA_DIR`` overrides it)."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "annotator"


def config_dir() -> Path:
    """The user's settings folder (``ANNOTATOR_CONFIG_DIR`` overrides it)."""
    override = os.environ.get("ANNOTATOR_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform in ("win32", "darwin"):
        return data_dir()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "annotator"
