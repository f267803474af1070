"""Tests never read or write the researcher's own settings, data or log folders."""

from pathlib import Path

from annotator.core.logs import log_dir
from annotator.core.paths import config_dir, data_dir
from annotator.core.settings import Settings


def test_every_user_folder_is_the_tests_own(tmp_path: Path) -> None:
    for folder in (config_dir(), data_dir(), log_dir(), Settings.path().parent):
        assert folder.is_relative_to(tmp_path), folder
