"""The environment of a screenshot run: Qt's offscreen platform with a screen of a given size,
and settings, data and logs in a fresh folder, so a shot never reads the user's own."""

import json
import os
import tempfile
from pathlib import Path


def offscreen_environment(width: int, height: int, theme: str, prefix: str) -> dict[str, str]:
    home = Path(tempfile.mkdtemp(prefix=prefix))
    screen = home / "screen.json"
    layout = {
        "name": "screen",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    screen.write_text(json.dumps({"screens": [layout]}))
    return {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "ANNOTATOR_CONFIG_DIR": str(home / "config"),
        "ANNOTATOR_DATA_DIR": str(home / "data"),
        "ANNOTATOR_LOG_DIR": str(home / "logs"),
        "ANNOTATOR_THEME": theme,
    }
