"""Reading members of a zip archive from outside, treated as hostile."""

import io
import zipfile
from pathlib import PurePosixPath

from annotator.core.errors import ImportFailure

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # a member that unpacks to more than this many times its packed size is a bomb


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """Open an archive after checking its member names, count and unpacked size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFailure(f"not a valid {what} (the zip container is damaged)") from exc
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportFailure(f"refused: the {what} holds {len(members):,} files")
    total = 0
    for member in members:
        name = PurePosixPath(member.filename.replace("\\", "/"))
        if name.is_absolute() or ".." in name.parts or member.filename.startswith("/"):
            raise ImportFailure(
                f"refused: the {what} has a file outside its folder ({member.filename})"
            )
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and member.file_size / packed > MAX_RATIO:
            raise ImportFailure(
                f"refused: {member.filename} in the {what} unpacks "
                f"{member.file_size // packed}-fold (a zip bomb?)"
            )
    if total > MAX_UNPACKED_BYTES:
        raise ImportFailure(
            f"refused: the {what} unpacks to {total / 1048576:.0f} MB "
            f"(the limit is {MAX_UNPACKED_BYTES // 1048576} MB)"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, what: str) -> bytes | None:
    """A member's bytes, reading no more than its declared size; None when absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ImportFailure(f"refused: {name} in the {what} is larger than it says")
    return data
