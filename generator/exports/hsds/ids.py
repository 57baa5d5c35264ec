"""Stable identifiers: UUIDv5 names derived from listing ids and content, never random.

The same listing gives the same HSDS ids on every run and on every machine, so
consumers can update records in place. Sub-records (phones, schedules, ...) are
named after their parent's id and their own content, not their position, so
reordering contacts does not renumber them.
"""

from __future__ import annotations

import uuid

# uuid5(NAMESPACE_URL, "urn:kindred:hsds:3.0"), written out so it can never drift.
NAMESPACE = uuid.UUID("5b221fdd-6a5d-5ec1-9c1e-a020eb981973")


def listing_uuid(listing_id: str) -> str:
    """The HSDS service id of a Kindred listing."""
    return str(uuid.uuid5(NAMESPACE, "service/" + listing_id))


def named_uuid(*parts: str) -> str:
    """A top-level id (organization, taxonomy, taxonomy term) from its parts."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def child_uuid(parent: str, *parts: str) -> str:
    """The id of a record that belongs to `parent` (a UUID string)."""
    return str(uuid.uuid5(uuid.UUID(parent), "/".join(parts)))


class IdMaker:
    """child ids under one parent, made unique when two children have the same content."""

    def __init__(self, parent: str):
        self.parent = parent
        self.seen: dict[str, int] = {}

    def __call__(self, *parts: str) -> str:
        key = "/".join(parts)
        count = self.seen.get(key, 0)
        self.seen[key] = count + 1
        return child_uuid(self.parent, key if count == 0 else f"{key}#{count + 1}")
