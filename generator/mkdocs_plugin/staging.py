"""Build into a staging folder of its own and swap it in only when the whole build succeeded.

MkDocs cleans and writes `site_dir` as it goes; a build that fails halfway would otherwise leave a
broken or empty site where the last good one was. So:

- one build at a time per `site_dir`: an exclusive `flock` on a lock file beside it, waited for
  for a bounded time;
- each build writes into a new folder beside `site_dir` (same file system, so the swap is a rename);
- the swap exchanges the two folders in one step where the system can (Linux `renameat2`), so there
  is never a moment without a site; elsewhere it renames the old site aside, renames the new one in
  and puts the old one back if that fails, and the next build restores it after a crash in between;
- what a crashed or killed build left beside `site_dir` is tidied by the next build, under the lock;
  read-only folders (a `chmod -R a-w site`) are made writable first so they can go.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

STAGING, OLD, LOCK = "staging", "old", "lock"


class StagingError(Exception):
    """A build folder problem, said in words for the person building (no traceback)."""


def _sibling(site_dir: str, role: str, suffix: str = "") -> str:
    path = Path(site_dir)
    return str(path.with_name(f".{path.name}.kindred-{role}{suffix}"))


def _leftovers(site_dir: str, role: str) -> list[str]:
    """Folders of this role beside site_dir (and the one fixed name that earlier versions used)."""
    base = Path(_sibling(site_dir, role)).name
    parent = Path(site_dir).parent
    try:
        names = os.listdir(parent)
    except FileNotFoundError:
        return []
    return sorted(str(parent / name) for name in names if name == base or name.startswith(base + "-"))


def _problem(action: str, exc: OSError) -> StagingError:
    where = f" ({exc.filename})" if exc.filename else ""
    return StagingError(f"{action}: {exc.strerror or exc}{where}")


# -- one build at a time ----------------------------------------------------------------------------------------------
class BuildLock:
    """An exclusive lock on `.<site>.kindred-lock` beside site_dir, held for the whole build."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.path = _sibling(site_dir, LOCK)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float, on_wait: Callable[[], None] | None = None, poll: float = 0.1) -> None:
        """Take the lock, waiting at most `wait` seconds for another build to finish."""
        deadline = time.monotonic() + max(0.0, wait)
        told = False
        while True:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                raise _problem(f"cannot build into {self.site_dir}: the folder it is in is not writable", exc) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise StagingError(
                        f"another build is writing {self.site_dir} (it holds {self.path}); waited {wait:g} s. "
                        "Nothing was built; try again when that build has finished."
                    ) from None
                if not told and on_wait is not None:
                    on_wait()
                    told = True
                time.sleep(poll)
                continue
            # The build that held the lock removes the file as it lets go: lock the file that is there now.
            try:
                current = os.stat(self.path)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(os.fstat(fd), current):
                self._fd = fd
                return
            os.close(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.unlink(self.path)  # while still locked, so no other build can be holding this file
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None


# -- the folders -----------------------------------------------------------------------------------------------------
def new_staging(site_dir: str) -> str:
    """A new, empty folder beside site_dir that no other build uses (made with the usual permissions)."""
    parent = Path(site_dir).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        while True:
            path = _sibling(site_dir, STAGING, "-" + secrets.token_hex(6))
            try:
                os.mkdir(path, 0o777)  # umask applies, as for the folders MkDocs makes
                return path
            except FileExistsError:
                continue
    except OSError as exc:
        raise _problem(f"cannot build into {site_dir}: the folder it is in is not writable", exc) from None


def remove(path: str) -> bool:
    """Remove a file or folder tree, read-only folders included; whether it is gone."""
    if not os.path.lexists(path):
        return True
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
        if os.path.lexists(path):
            _make_writable(path)
            shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except OSError:
            pass
    return not os.path.lexists(path)


def _make_writable(top: str) -> None:
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) | stat.S_IRWXU)
            entries = list(os.scandir(folder))
        except OSError:
            continue
        stack += [entry.path for entry in entries if entry.is_dir(follow_symlinks=False)]


def discard(staging: str) -> None:
    remove(staging)


def tidy(site_dir: str) -> list[str]:
    """With the lock held: put back a site that a crash left aside, remove other builds' leftovers.

    Returns notes for the build log.
    """
    notes: list[str] = []
    olds = _leftovers(site_dir, OLD)
    if olds and not os.path.lexists(site_dir):
        newest = max(olds, key=lambda p: os.lstat(p).st_ctime)
        try:
            os.rename(newest, site_dir)
            olds.remove(newest)
            notes.append(f"an earlier build stopped while swapping sites: put the previous site back in {site_dir}")
        except OSError as exc:
            raise _problem(
                f"{site_dir} is missing and the previous site could not be put back from {newest}", exc
            ) from None
    for path in olds + _leftovers(site_dir, STAGING):
        if not remove(path):
            notes.append(f"could not remove {path}, left by an earlier build; remove it by hand")
    return notes


# -- the swap --------------------------------------------------------------------------------------------------------
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: str, b: str) -> bool:
    """Swap two paths in one step; False where this system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), a, None, b)


def publish(staging: str, site_dir: str) -> list[str]:
    """Put the finished staging folder where site_dir is; the old site stays until the new one is in.

    Raises StagingError, with site_dir as it was, if the swap cannot be made. Returns notes for the log.
    """
    try:
        if not os.path.lexists(site_dir):
            os.rename(staging, site_dir)
            return []
        if _exchange(staging, site_dir):
            previous = staging  # the staging name now holds the old site
        else:
            previous = _sibling(site_dir, OLD, "-" + secrets.token_hex(6))
            os.rename(site_dir, previous)
            try:
                os.rename(staging, site_dir)
            except BaseException:
                os.rename(previous, site_dir)  # the last good site goes back; a crash here is undone by tidy()
                raise
    except OSError as exc:
        raise _problem(
            f"could not put the new build in place of {site_dir}; the last good site is unchanged", exc
        ) from None
    if not remove(previous):
        return [f"could not remove the previous site, now in {previous}; the next build tries again"]
    return []
