"""User settings, each declared once with its type, default and meaning, kept in a JSON file.

A field's ``label`` (metadata) puts it in the settings dialog, which is built from these
declarations; ``choices`` lists the values a setting may take (``unit`` follows each number
shown), ``range`` a number's bounds. Fields without a label are remembered state (window
layout, recent projects).
"""

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from annotator.core.files import write_text_atomic
from annotator.core.paths import config_dir

THEMES = ("system", "light", "dark")
# Line spacing as a percentage of the font's own line height, as word processors offer it.
LINE_SPACINGS = (100, 115, 135, 150, 200)


@dataclass
class Settings:
    coder_name: str = field(
        default="",
        metadata={
            "label": "Your name",
            "doc": "The researcher's name, recorded as the coder of every annotation you make.",
        },
    )
    last_project: str = field(default="", metadata={"doc": "The project opened last."})
    recent_projects: list[str] = field(
        default_factory=list, metadata={"doc": "Projects opened recently, newest first."}
    )
    text_font_family: str = field(
        default="",
        metadata={
            "label": "Reading font",
            "doc": "The font of the article text (empty: the system's default font).",
        },
    )
    text_point_size: int = field(
        default=12,
        metadata={
            "label": "Font size",
            "doc": "The article text's size in points.",
            "range": (7, 40),
        },
    )
    line_spacing: int = field(
        default=100,
        metadata={
            "label": "Line spacing",
            "doc": "The space from one line of the article text to the next, as a percentage "
            "of the font's own line height (100 %: single; 150 %: one and a half).",
            "choices": LINE_SPACINGS,
            "unit": "%",
        },
    )
    theme: str = field(
        default="system",
        metadata={
            "label": "Theme",
            "doc": "Light or dark colours, or those the system uses (takes effect at once).",
            "choices": THEMES,
        },
    )
    show_other_coders: bool = field(
        default=False, metadata={"doc": "Show other coders' annotations (off: blind coding)."}
    )
    snap_to_words: bool = field(
        default=True,
        metadata={
            "label": "Snap selections to whole words",
            "doc": "Widen a selection to whole words before coding it.",
        },
    )
    backup_folder: str = field(
        default="",
        metadata={
            "label": "Backup folder",
            "doc": "Where copies of a project are kept before a merge or an upgrade "
            "(empty: beside the project).",
            "folder": True,
        },
    )
    backups_to_keep: int = field(
        default=10,
        metadata={
            "label": "Backups to keep",
            "doc": "How many backups of each project to keep; older ones are removed.",
            "range": (1, 1000),
        },
    )
    flush_every_action: bool = field(
        default=False,
        metadata={
            "label": "Flush every action to disk",
            "doc": "Wait until each action is on the disk itself before going on (SQLite "
            "synchronous=FULL): nothing is lost even on a power cut, at the cost of a disk "
            "flush per edit. Off, an application crash loses nothing, but a power cut or "
            "system crash may lose the last moments of work (never damage the file). "
            "Takes effect when a project is opened.",
        },
    )
    show_suggestions: bool = field(
        default=True, metadata={"doc": "Show the Suggestions panel (View > Suggestions panel)."}
    )
    export_folder: str = field(
        default="", metadata={"doc": "The folder exported to last (empty: the project's own)."}
    )
    window_geometry: str = field(default="", metadata={"doc": "Window size and place."})
    window_state: str = field(default="", metadata={"doc": "Splitter sizes, base64."})
    places: dict[str, dict[str, Any]] = field(
        default_factory=dict,
        metadata={"doc": "Per project: the article, place in its text and coder left last."},
    )

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> "Settings":
        """The saved settings; a missing or unreadable file gives the defaults."""
        try:
            raw: Any = json.loads(cls.path().read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in raw.items():
            spec = known.get(key)
            if spec is not None and isinstance(value, type(getattr(cls(), key))):
                values[key] = value
        return cls(**values)

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(asdict(self), indent=2, ensure_ascii=False))

    def reset(self, name: str) -> None:
        """Give setting ``name`` its declared default again."""
        setattr(self, name, getattr(type(self)(), name))

    def remember_project(self, location: str) -> None:
        """Remember a project as opened last: a file by its whole path (a path relative to
        where the application was started would mean another file when started elsewhere),
        a server by its address."""
        if "://" not in location:
            location = str(Path(location).absolute())
        self.last_project = location
        self.recent_projects = [location] + [p for p in self.recent_projects if p != location]
        del self.recent_projects[10:]
