"""Stable identifiers: UUIDv5 names derived from listing ids and content, never random.

The same listing gives the same HSDS ids on every run and on every machine, so
consumers can update records in place. Sub-records (phones, schedules, ...) are
named after their parent's id and their own content, not their position, so
reordering contacts does not renumber them.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import lru_cache

# uuid5(NAMESPACE_URL, "urn:kindred:hsds:3.0"), written out so it can never drift.
NAMESPACE = uuid.UUID("5b221fdd-6a5d-5ec1-9c1e-a020eb981973")
_NAMESPACE_BYTES = NAMESPACE.bytes  # UUID.bytes is worked out on every call


_sha1 = hashlib.sha1
# The RFC 4122 variant keeps the top two bits of byte 8 at 10: as hex, its first digit becomes 8, 9, a or b.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def uuid5(namespace: bytes, name: str) -> str:
    """str(uuid.uuid5(UUID(bytes=namespace), name)), without building UUID objects: an export of 10,000 listings
    names over 300,000 records, and uuid.UUID's checks were a third of its time. The version and variant are set
    on the hex digits (the version digit is 5). tests/exports/hsds/test_ids.py compares the two."""
    text = _sha1(namespace + name.encode("utf-8")).hexdigest()
    return f"{text[:8]}-{text[8:12]}-5{text[13:16]}-{_VARIANT[text[16]]}{text[17:20]}-{text[20:32]}"


@lru_cache(maxsize=4096)
def _bytes_of(parent: str) -> bytes:
    """uuid.UUID(parent).bytes, for a UUID string as uuid5() writes it (checked by uuid.UUID otherwise)."""
    digits = parent.replace("-", "")
    if len(parent) == 36 and len(digits) == 32:
        try:
            found = bytes.fromhex(digits)
        except ValueError:
            found = b""
        if len(found) == 16:
            return found
    return uuid.UUID(parent).bytes


def listing_uuid(listing_id: str) -> str:
    """The HSDS service id of a Kindred listing."""
    return uuid5(_NAMESPACE_BYTES, "service/" + listing_id)


def named_uuid(*parts: str) -> str:
    """A top-level id (organization, taxonomy, taxonomy term) from its parts."""
    return uuid5(_NAMESPACE_BYTES, "/".join(parts))


def child_uuid(parent: str, *parts: str) -> str:
    """The id of a record that belongs to `parent` (a UUID string)."""
    return uuid5(_bytes_of(parent), "/".join(parts))


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
