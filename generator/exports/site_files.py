"""Every data file the site publishes, gathered for the site adapter."""

from __future__ import annotations

from ..directory import Directory


def data_files(directory: Directory) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        from .open_data import open_data_files
    except ImportError:  # pragma: no cover — written alongside; present in a complete checkout
        open_data_files = None
    if open_data_files:
        files.update(open_data_files(directory))
    try:
        from .hsds.export import hsds_files
    except ImportError:  # pragma: no cover
        hsds_files = None
    if hsds_files:
        files.update(hsds_files(directory))
    try:
        from ..search.finder_files import finder_files
    except ImportError:  # pragma: no cover
        finder_files = None
    if finder_files:
        files.update(finder_files(directory))
    return files
