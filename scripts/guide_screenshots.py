"""Regenerates the screenshots of the user guide (docs/guide.md) offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/guide_screenshots.py

Everything happens in a temporary folder (settings, data, the sample project), so the user's
own settings are never read or changed. Writes docs/guide/*.png.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_THEME", "light")
OUT = Path(__file__).resolve().parents[1] / "docs" / "guide"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("ANNOTATOR_CONFIG_DIR", "ANNOTATOR_DATA_DIR", "ANNOTATOR_LOG_DIR"):
            os.environ[name] = str(Path(folder) / name.lower())
        os.environ["HOME"] = folder
        shoot(Path(folder))


def shoot(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    from annotator.core.settings import Settings  # noqa: PLC0415
    from annotator.gui.app import make_application, open_sample_project  # noqa: PLC0415
    from annotator.gui.help_menu import AboutDialog, ShortcutSheet  # noqa: PLC0415
    from annotator.gui.main_window import MainWindow  # noqa: PLC0415
    from annotator.gui.settings_dialog import SettingsDialog  # noqa: PLC0415
    from annotator.gui.welcome import WelcomeDialog  # noqa: PLC0415

    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        if not widget.grab().save(str(OUT / name)):
            sys.exit(f"could not write {OUT / name}")
        print(f"docs/guide/{name}")

    settings = Settings(coder_name="Maria Lopez")
    sample = str(folder / "Sample project.annotator")
    welcome = WelcomeDialog([sample, str(folder / "Pledges 2026.annotator")])
    save(welcome, "welcome.png")
    welcome.close()

    window = MainWindow(open_sample_project(settings), settings)
    window.resize(1280, 800)
    save(window, "workbench.png")
    dialog = SettingsDialog(settings, window)
    save(dialog, "settings.png")
    dialog.close()
    sheet = ShortcutSheet(window)
    save(sheet, "shortcuts.png")
    sheet.close()
    about = AboutDialog(window)
    save(about, "about.png")
    about.close()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
