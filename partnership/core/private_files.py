"""Files the site writes are readable by its owner only: directories 0700, files 0600.

Every writer under ``VAR_DIR`` (the SQLite database, local secrets, audit checkpoints,
the erasure ledger, access logs, exports, local mail) goes through these helpers, so
the modes hold whatever the process umask, on first creation and on every new file a
rotation makes (the entry points also set umask 077, as belt and braces).
``Path.mkdir(parents=True, mode=…)`` is not enough: it gives the missing parents the
umask's default (0755), and its own mode is filtered by the umask.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def make_private_dir(path: Path | str) -> Path:
    """Create ``path`` and every missing parent, each exactly 0700; return it.

    A directory that already exists keeps its mode: the operator may have chosen it.
    """
    path = Path(path)
    missing: list[Path] = []
    current = path
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not directory.is_dir():
                raise
            continue  # another process made it first
        os.chmod(directory, DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def open_private(path: Path | str, flags: int) -> int:
    """``os.open`` creating the file 0600, never through a symbolic link.

    A file that already exists is made 0600 too (one written by an older release).
    """
    fd = os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def write_private(path: Path | str, content: bytes, *, exclusive: bool = True) -> None:
    """Write ``content`` to a new 0600 file and fsync it; ``exclusive`` refuses to overwrite."""
    flags = os.O_WRONLY | (os.O_EXCL if exclusive else os.O_TRUNC)
    with os.fdopen(open_private(path, flags), "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def create_private_file(path: Path | str) -> None:
    """Create ``path`` empty and 0600 (its directories 0700) unless it exists."""
    path = Path(path)
    if path.exists():
        return
    make_private_dir(path.parent)
    with contextlib.suppress(FileExistsError):  # another process made it first
        os.close(open_private(path, os.O_WRONLY | os.O_EXCL))
