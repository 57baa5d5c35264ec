"""Reading files that came from a stranger's pull request.

Only regular files are read. A symlink could point at `.git/config` (which holds the
Actions token after checkout), `/proc/self/environ` or a file outside the repository;
a device or FIFO could be endless or block forever. So: never follow a link, never
open anything but a regular file, and never read more than the limit plus one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problem


class UnsafeFile(Exception):
    """A path that must not be read; the message says why, in words a contributor can act on."""


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def irregular_reason(mode: int) -> str:
    """Why a file of this mode is refused: links are never followed, only regular files are read."""
    what = _kind_of(mode)
    if what == "a symbolic link":
        return "is a symbolic link; links are never followed: commit the file itself"
    return f"is {what}; only regular files are read"


def read_bounded(path: Path | str, limit: int) -> bytes:
    """At most limit + 1 bytes of a regular file (so the caller can tell it was too long).

    O_NOFOLLOW refuses a link in the last component; O_NONBLOCK keeps a FIFO from blocking the
    open; fstat on the open descriptor then checks the very file that will be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        before = os.lstat(path)
    except OSError as exc:
        raise UnsafeFile(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeFile(irregular_reason(before.st_mode))
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise UnsafeFile(f"cannot read file: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):  # swapped for something else between lstat and open
            raise UnsafeFile(irregular_reason(opened.st_mode))
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnsafeFile(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)


def irregular_entries(root: Path, shown_root: str) -> list[Problem]:
    """A problem for every symlink, device, FIFO or socket anywhere under root (root included).

    Links are reported, never entered. scandir's file types come with the folder listing, so a
    folder of 10,000 regular files costs no extra system call per file.
    """
    try:
        mode = os.lstat(root).st_mode
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [Problem(shown_root, 1, 1, f"cannot read: {exc.strerror or exc}")]
    if not stat.S_ISDIR(mode):
        return [] if stat.S_ISREG(mode) else [Problem(shown_root, 1, 1, irregular_reason(mode))]
    problems: list[Problem] = []
    _walk(str(root), shown_root, problems)
    return problems


def _walk(folder: str, shown: str, problems: list[Problem]) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(shown, 1, 1, f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        entry_shown = os.path.join(shown, entry.name)
        try:
            if entry.is_symlink():
                problems.append(Problem(entry_shown, 1, 1, irregular_reason(stat.S_IFLNK)))
            elif entry.is_dir(follow_symlinks=False):
                _walk(entry.path, entry_shown, problems)
            elif not entry.is_file(follow_symlinks=False):
                problems.append(Problem(entry_shown, 1, 1, irregular_reason(entry.stat(follow_symlinks=False).st_mode)))
        except OSError:
            continue  # gone since the listing: nothing to read


def unsafe_source_files(*folders: str | None) -> list[Problem]:
    """irregular_entries for each of a site's source folders (articles, theme overrides) that exists."""
    problems: list[Problem] = []
    for folder in folders:
        if folder:
            problems.extend(irregular_entries(Path(folder), _shown(folder)))
    return problems


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
