"""How hard a project file's commits wait for the disk: SQLite's own answer, per setting."""

from pathlib import Path

import pytest

from annotator.core.settings import Settings
from annotator.core.sqlite_files import writing_engine

# SQLite's numbers for PRAGMA synchronous (sqlite.org/pragma.html#pragma_synchronous)
NORMAL, FULL = 1, 2


def _asked(path: Path, flush_every_action: bool | None) -> tuple[str, int]:
    engine = writing_engine(path, flush_every_action)
    try:
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
            level = connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
    finally:
        engine.dispose()
    return str(mode), int(level)


def test_a_project_commits_in_wal_without_a_flush_per_action_by_default(tmp_path: Path) -> None:
    assert Settings().flush_every_action is False
    assert _asked(tmp_path / "p.annotator", None) == ("wal", NORMAL)


@pytest.mark.parametrize("flush", [True, False])
def test_the_setting_chooses_a_flush_per_action(tmp_path: Path, flush: bool) -> None:
    settings = Settings.load()
    settings.flush_every_action = flush
    settings.save()
    assert _asked(tmp_path / "p.annotator", None) == ("wal", FULL if flush else NORMAL)
    assert _asked(tmp_path / "q.annotator", not flush) == ("wal", NORMAL if flush else FULL)
