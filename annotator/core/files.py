"""Writing files so that a reader never sees half of one: the one helper every writer uses.

The content goes to a temporary name beside the target, is flushed to disk, and is then
renamed onto the target in one step. When anything fails (including a cancel), the temporary
file is removed and the target is left as it was.
"""

import errno
import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.errors import AnnotatorError

log = logging.getLogger(__name__)

PART_SUFFIX = ".part"


class FileWriteError(AnnotatorError):
    """A file could not be written; the message says why in plain words."""


def describe_os_error(target: Path, exc: OSError) -> str:
    """One sentence on why ``target`` could not be written, and what to do."""
    code = exc.errno
    if code == errno.ENOSPC:
        return f"The disk is full: {target} could not be written. Free some space and try again."
    if code == errno.EDQUOT:
        return f"Your disk quota is used up: {target} could not be written."
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"{target} could not be written: you have no permission to write there. "
            "Choose another folder."
        )
    if code == errno.EROFS:
        return f"{target} could not be written: the disk or folder is read-only."
    if code == errno.ENOENT:
        return f"{target} could not be written: the folder {target.parent} does not exist."
    if code == errno.EISDIR:
        return f"{target} is a folder; choose a file name."
    reason = exc.strerror or str(exc)
    return f"{target} could not be written: {reason}."


def fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform opens folders; the rename itself is still atomic
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def temporary_name(target: Path) -> Path:
    """A fresh name beside ``target`` that no other writer uses."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{PART_SUFFIX}")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write ``target``'s new content to; it replaces ``target`` when the
    block ends without an error, and is removed otherwise."""
    target = Path(target)
    partial = temporary_name(target)
    try:
        # Create it here (mode 0o666 less the umask, as a plain open would), so a writer
        # that opens the path again finds it, and no other process can take the name.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise FileWriteError(describe_os_error(target, exc)) from exc
    try:
        yield partial
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise FileWriteError(describe_os_error(target, exc)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)
    log.info("wrote %s", target)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as partial:
        partial.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


def publish_new(partial: Path, target: Path) -> None:
    """Give a completed temporary file its name, never replacing a file of that name.

    Raises ``FileExistsError`` when ``target`` exists (another program was quicker).
    """
    try:
        os.link(partial, target)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        os.rename(partial, target)
    else:
        partial.unlink()
    fsync_folder(target.parent)
