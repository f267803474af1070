"""The one helper that writes files: all or nothing, and plain words when it cannot."""

import os
from pathlib import Path

import pytest

from annotator.core.files import FileWriteError, atomic_path, write_text_atomic


def test_the_target_appears_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as partial:
        partial.write_text("half", "utf-8")
        raise RuntimeError("cancelled")
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    write_text_atomic(target, "new")
    assert target.read_text("utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_two_writers_never_share_a_temporary_name(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_path(target) as first, atomic_path(target) as second:
        assert first != second
        first.write_text("one", "utf-8")
        second.write_text("two", "utf-8")
    assert target.read_text("utf-8") == "one"  # the outer block ends last and wins


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to read-only folders")
def test_a_read_only_folder_is_said_in_plain_words(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FileWriteError, match="no permission to write there"):
            write_text_atomic(folder / "out.txt", "x")
    finally:
        folder.chmod(0o700)


def test_a_missing_folder_is_said_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="does not exist"):
        write_text_atomic(tmp_path / "nowhere" / "out.txt", "x")
