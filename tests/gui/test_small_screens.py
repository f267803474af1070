"""Every dialog fits a small laptop's screen: each one is shown on an offscreen screen of
1024 × 640 and of 1280 × 720 (a process each, as Qt fixes its screens when it starts), with
long headlines and coder names, and every button, chooser, field and line of text must lie
wholly on the screen's available area."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("width", "height"), [(1024, 640), (1280, 720)])
def test_every_dialog_fits_the_screen(width: int, height: int, tmp_path: Path) -> None:
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "ANNOTATOR_CONFIG_DIR": str(tmp_path / "config"),
        "ANNOTATOR_DATA_DIR": str(tmp_path / "data"),
    }
    shown = subprocess.run(
        [sys.executable, "-m", "tests.gui.screen_fit", str(tmp_path / "study.annotator")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == {}, f"off a {width} × {height} screen: {shown.stdout}"
