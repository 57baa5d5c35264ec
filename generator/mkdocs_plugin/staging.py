"""Build into a staging folder and swap it in only when the whole build succeeded.

MkDocs cleans and writes `site_dir` as it goes; a build that fails halfway
would otherwise leave a broken or empty site where the last good one was.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_dir_for(site_dir: str) -> str:
    path = Path(site_dir)
    return str(path.with_name(f".{path.name}.kindred-staging"))


def discard(staging: str) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def publish(staging: str, site_dir: str) -> None:
    """Replace site_dir with the finished staging folder (old copy removed after the swap)."""
    target = Path(site_dir)
    old = target.with_name(f".{target.name}.kindred-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    Path(staging).rename(target)
    shutil.rmtree(old, ignore_errors=True)
