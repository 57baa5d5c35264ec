"""Every data file the site publishes, gathered for the site adapter."""

from __future__ import annotations

from ..directory import Directory
from ..search.finder_files import finder_files
from .hsds.export import hsds_files
from .open_data import open_data_files


def data_files(directory: Directory) -> dict[str, bytes]:
    """Open data (JSON, CSV, HSDS) and the finder's data and index, by site-relative path."""
    return {**open_data_files(directory), **hsds_files(directory), **finder_files(directory)}
