"""One loaded listing: the validated model beside the YAML it came from and its parsed phone numbers.

Its own module so that both directory.py (which makes them) and rules.py (which checks them against
each other) can name it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .models import Listing
from .phones import ParsedNumber
from .yamlsafe import Document


@dataclass
class ListingRecord:
    """One listing with everything needed to report on it and publish it."""

    id: str
    kind: str
    path: Path
    display_path: str
    listing: Listing
    doc: Document
    numbers: dict[int, ParsedNumber] = field(default_factory=dict)  # contact index -> parsed number

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.id}"

    @property
    def published(self) -> bool:
        return self.listing.status != "closed"

    def line_of(self, *path) -> int:
        return self.doc.position(tuple(path))[0]
