"""The schema revisions in the migrations folder, read without loading Alembic.

Opening a project whose schema is already current is the common case: reading the revision
identifiers from the migration files takes a millisecond, where loading Alembic to ask it
takes a fifth of a second, which every command-line call would pay. Alembic still applies
every migration; a test checks that this reading agrees with Alembic's own.
"""

import re
from functools import cache
from pathlib import Path

VERSIONS = Path(__file__).parent / "migrations" / "versions"
_ASSIGNMENT = r"^{name}\s*(?::[^=\n]*)?=\s*(?:[\"']([^\"']+)[\"']|None)\s*$"
_REVISION = re.compile(_ASSIGNMENT.format(name="revision"), re.MULTILINE)
_DOWN = re.compile(_ASSIGNMENT.format(name="down_revision"), re.MULTILINE)


class UnreadableMigrations(Exception):
    """A migration file this simple reading does not understand (Alembic must be asked)."""


@cache
def known_revisions() -> tuple[frozenset[str], str]:
    """Every revision the application knows, and the head (the newest)."""
    parents: dict[str, str | None] = {}
    for path in sorted(VERSIONS.glob("*.py")):
        if path.name == "__init__.py":
            continue
        source = path.read_text("utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            raise UnreadableMigrations(path.name)
        parents[revision.group(1)] = down.group(1)
    heads = set(parents) - {p for p in parents.values() if p is not None}
    if len(heads) != 1:
        raise UnreadableMigrations(f"{len(heads)} heads")
    return frozenset(parents), heads.pop()
