"""Backups before an upgrade and before a merge: complete, checked, never overwritten."""

import sqlite3
from pathlib import Path

import pytest

from annotator.core.backup import BackupError, backup_project
from annotator.core.merge import backup as merge_backup
from annotator.core.project import open_project
from tests.old_projects import annotation_count, old_project


def _rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        return int(conn.execute("SELECT count(*) FROM annotation").fetchone()[0])
    finally:
        conn.close()


def test_the_backup_before_an_upgrade_holds_the_work_still_in_the_write_ahead_log(
    project_path: Path,
) -> None:
    made = old_project(project_path, articles=10, per_article=47)
    assert Path(f"{project_path}-wal").stat().st_size > 0
    with open_project(project_path) as project:
        assert project.backup is not None
        backup = project.backup
    [found] = project_path.parent.glob("*.bak")
    assert found == backup
    assert _rows(backup) == made == 470
    assert annotation_count(project_path) == 470


def test_two_backups_in_the_same_second_keep_both(project_path: Path) -> None:
    with open_project(project_path) as project:
        first = merge_backup(project)
        second = merge_backup(project)
    assert first is not None and second is not None
    assert first != second
    assert first.exists() and second.exists()


def test_a_backup_never_replaces_an_earlier_one(project_path: Path) -> None:
    old_project(project_path)
    with open_project(project_path):
        pass
    [first] = project_path.parent.glob("*.bak")
    before = first.read_bytes()
    for _ in range(3):
        backup_project(project_path, "before-upgrade-to-0002")
    assert first.read_bytes() == before
    assert len(list(project_path.parent.glob("*.bak"))) == 4


def test_a_backup_of_a_damaged_file_is_refused_and_nothing_is_left(project_path: Path) -> None:
    old_project(project_path, articles=40, per_article=40)
    conn = sqlite3.connect(project_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(project_path.read_bytes())
    page = 4096
    for number in range(3, len(data) // page):  # scribble over every page after the schema
        data[number * page + 8 : number * page + 40] = b"\xff" * 32
    project_path.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="could be made"):
        backup_project(project_path, "before-merge")
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]
