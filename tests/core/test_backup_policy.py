"""Backups go to the folder the settings name, and only as many as they say are kept."""

import os
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from annotator.core.backup_policy import backup_folder, prune_backups
from annotator.core.project import open_project
from annotator.core.schema import alembic_config
from annotator.core.settings import Settings
from annotator.core.sqlite_files import writing_engine


def _old_project(path: Path) -> None:
    """A project at the first schema revision, as an older Annotator left it."""
    engine = writing_engine(path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            sa.text("INSERT INTO project_meta (key, value) VALUES ('application', 'annotator')")
        )
    engine.dispose()


def test_by_default_backups_go_beside_the_project(tmp_path: Path) -> None:
    assert backup_folder(tmp_path / "study.annotator", Settings()) == tmp_path


def test_an_upgrade_backup_goes_to_the_folder_the_settings_name(tmp_path: Path) -> None:
    folder = tmp_path / "my backups"
    Settings(backup_folder=str(folder)).save()
    project_path = tmp_path / "study.annotator"
    _old_project(project_path)
    open_project(project_path).close()
    [made] = list(folder.iterdir())
    assert made.name.startswith("study.annotator.before-") and made.suffix == ".bak"
    assert not list(tmp_path.glob("*.bak"))


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    backups = []
    for age in range(5):
        path = tmp_path / f"study.annotator.before-merge-{age}.bak"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
        backups.append(path)
    removed = prune_backups(backups, Settings(backups_to_keep=2))
    assert removed == backups[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "study.annotator.before-merge-3.bak",
        "study.annotator.before-merge-4.bak",
    ]
