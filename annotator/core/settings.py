"""User settings, each declared once with its type, default and meaning, kept in a JSON file."""

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from annotator.core.files import write_text_atomic
from annotator.core.paths import config_dir


@dataclass
class Settings:
    coder_name: str = field(default="", metadata={"doc": "The researcher's name, as coder."})
    last_project: str = field(default="", metadata={"doc": "The project opened last."})
    recent_projects: list[str] = field(
        default_factory=list, metadata={"doc": "Projects opened recently, newest first."}
    )
    text_point_size: int = field(default=12, metadata={"doc": "Reading font size."})
    show_other_coders: bool = field(
        default=False, metadata={"doc": "Show other coders' annotations (off: blind coding)."}
    )
    snap_to_words: bool = field(
        default=True, metadata={"doc": "Widen a selection to whole words before coding it."}
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

    def remember_project(self, location: str) -> None:
        self.last_project = location
        self.recent_projects = [location] + [p for p in self.recent_projects if p != location]
        del self.recent_projects[10:]
