"""Folders that are full or read-only for real: a small tmpfs when the tests run as root, a
folder without write permission otherwise."""

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    return done.returncode == 0


@contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A file system of ``size`` mounted at ``folder``; skips the test when none can be."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("a full disk needs a small tmpfs, which only root can mount here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Callable[[], None]]:
    """Yields a function that makes ``folder`` read-only for this process (a read-only mount
    as root, no write permission otherwise); everything is writable again afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0
    if mounted and not _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)):
        pytest.skip("as root a read-only folder needs a mount, and mounting is not allowed here")

    def freeze() -> None:
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            for path in folder.iterdir():
                path.chmod(0o444)
            folder.chmod(0o555)

    try:
        yield freeze
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o755)
            for path in folder.iterdir():
                path.chmod(0o644)
