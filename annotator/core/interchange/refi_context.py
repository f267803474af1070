"""What one REFI-QDA project import carries from source to source: the file, its notes,
links and variables, the countings to try, and the coders made as codings need them."""

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.interchange.refi_positions import Counting
from annotator.core.interchange.refi_report import RefiReport
from annotator.core.models import Coder

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UNKNOWN_CODER = "Unknown coder"


@dataclass
class Coders:
    """Coders by the file's user GUIDs, made only when a coding needs one."""

    names: dict[str, str]  # user guid → name
    known: dict[str, int]  # coder name → id in the project
    report: RefiReport
    used: set[str] = field(default_factory=set)
    pending: list[str] = field(default_factory=list)  # made in the open transaction

    def coder_id(self, session: "Session", guid: str) -> int:
        name = self.names.get(guid, UNKNOWN_CODER)
        self.used.add(guid)
        if name not in self.known:
            coder = Coder(name=name)
            session.add(coder)
            session.flush()
            self.known[name] = coder.id
            self.pending.append(name)
        return self.known[name]

    def committed(self) -> None:
        self.report.new_coders.extend(self.pending)
        self.pending.clear()

    def rolled_back(self) -> None:
        for name in self.pending:
            del self.known[name]
        self.pending.clear()


@dataclass
class ImportContext:
    """What every source of one project file needs."""

    ns: str
    archive: zipfile.ZipFile
    members: dict[str, str]
    path: Path
    report: RefiReport
    codebook_ids: dict[str, int]
    coders: Coders
    notes: dict[str, str]  # note guid → text
    linked: dict[str, list[str]]  # selection guid → note guids linked to it
    variables: dict[str, str]  # variable guid → name
    countings: list[Counting]
    quotes: bool = True  # whether selection names are the selected text in this file
    used_notes: set[str] = field(default_factory=set)
    counted: Counter[Counting] = field(default_factory=Counter)
    other_variables: set[str] = field(default_factory=set)
    memos_on_sources: int = 0
    notes_on_codings: int = 0  # notes on the act of coding (Annotator's suggestion marks)
