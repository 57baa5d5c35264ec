"""HSDS ids: the quick UUIDv5 (generator/exports/hsds/ids.py) is the standard library's, for any name."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from generator.exports.hsds.ids import NAMESPACE, child_uuid, listing_uuid, named_uuid, uuid5

names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@given(st.binary(min_size=16, max_size=16), names)
def test_uuid5_is_the_standard_librarys(namespace, name):
    assert uuid5(namespace, name) == str(uuid.uuid5(uuid.UUID(bytes=namespace), name))


@given(st.uuids(), st.lists(names, min_size=1, max_size=4))
def test_child_and_named_ids(parent, parts):
    assert child_uuid(str(parent), *parts) == str(uuid.uuid5(parent, "/".join(parts)))
    assert named_uuid(*parts) == str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def test_a_known_listing_id_keeps_its_service_id():
    # Written out: ids are published, and consumers update records in place by them.
    assert listing_uuid("samaritans") == "815dd399-a30d-55f1-b6b6-160624cfe5a6"
