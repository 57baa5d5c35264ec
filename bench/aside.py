"""Move earlier output out of the way without deleting it while anything is being timed.

Why: this machine's disk is ext4 without a journal. There, after many files are deleted, creating new files
costs far more system time for several minutes (the inode allocator reads and skips every recently freed
inode; `perf` shows `recently_deleted` and `find_get_block_common` at over half of the samples). Deleting
the last 10,000-listing site (33,000 files and folders) just before a timed build made that build pay for
the deletion, and more so the smaller the build: Hugo took 1.8-2.8 s after the old output was moved aside and
3.5 s after it was deleted. A fresh clone on a CI runner has nothing recently deleted.

So the benchmarks rename old output into bench/out/trash/ (a rename frees nothing) and empty the trash only
once all timings are taken, then note when they did: the next benchmark waits until that is QUIET_AFTER
seconds ago before it times anything.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

TRASH = Path(__file__).resolve().parent / "out" / "trash"
_EMPTIED = TRASH.parent / "trash-emptied-at"
# ext4 (fs/ext4/ialloc.c, recently_deleted) skips an inode freed in the last 60 s (longer while its inode
# table block is not yet written back). Measured here: 10,000 folders and files made 5 s after deleting as
# many took 4.2 s; 60, 150, 250 and 380 s after, 0.67-0.87 s.
QUIET_AFTER = 90.0


def set_aside(path: Path) -> None:
    """Rename path (if it exists) into the trash; same file system, so nothing is copied or freed."""
    if not path.exists() and not path.is_symlink():
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    path.rename(TRASH / f"{path.name}-{uuid.uuid4().hex[:12]}")


def empty_trash() -> None:
    """Delete what was set aside; call it after the last timing."""
    if TRASH.exists():
        shutil.rmtree(TRASH, ignore_errors=True)
        _EMPTIED.parent.mkdir(parents=True, exist_ok=True)
        _EMPTIED.write_text(str(time.time()), encoding="utf-8")


def wait_for_quiet_disk(say=print) -> None:
    """Sleep until the last empty_trash() is QUIET_AFTER seconds old (nothing if it never ran)."""
    try:
        emptied = float(_EMPTIED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    left = emptied + QUIET_AFTER - time.time()
    if left > 0:
        say(f"waiting {left:.0f} s: the last benchmark's output was deleted recently (see bench/aside.py)")
        time.sleep(left)
