"""The build's cache (generator/render_cache.py): an entry is found only by its key, and anything that does not
read back exactly as it was written is not used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import render_cache
from generator.render_cache import PACK_SUFFIX, Cache, code_fingerprint, key, pack_entries

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


@pytest.fixture
def cache(tmp_path) -> Cache:
    return Cache("pages", tmp_path, packed=True)


def packs(cache: Cache) -> list[Path]:
    assert cache.folder is not None
    return sorted(p for p in cache.folder.iterdir() if p.name.endswith(PACK_SUFFIX))


def entry(cache: Cache, digest: str) -> tuple[Path, int, int]:
    """The one pack holding the key's entry, and where in it."""
    (pack,) = packs(cache)
    (found,) = [(offset, size) for key_, offset, size in pack_entries(pack) if key_ == digest]
    return pack, *found


def test_entries_go_into_one_pack_per_process_and_are_found_by_a_new_reader(cache, tmp_path):
    for n in range(50):
        cache.put(key(n), f"page {n}".encode() * n)
    assert len(packs(cache)) == 1 and len(pack_entries(packs(cache)[0])) == 50
    again = Cache("pages", tmp_path, packed=True)
    assert [again.get(key(n)) for n in range(50)] == [f"page {n}".encode() * n for n in range(50)]
    assert (again.hits, again.misses, again.refused) == (50, 0, 0)


def test_what_is_put_is_got_back(cache):
    cache.put(key("a"), "Ünïcode <p>".encode())
    assert cache.get(key("a")) == "Ünïcode <p>".encode()
    assert cache.get(key("b")) is None
    assert (cache.hits, cache.misses, cache.refused) == (1, 1, 0)


def test_keys_keep_their_parts_apart():
    assert key("ab", "c") != key("a", "bc")
    assert key({"x": 1, "y": 2}) == key({"y": 2, "x": 1})
    assert key(("a", 1)) != key(("a", "1"))


@pytest.mark.parametrize("damage", ["cut short", "a byte changed", "empty", "another format", "not compressed"])
def test_a_damaged_entry_is_not_used_and_is_replaced(cache, damage):
    digest = key("page")
    cache.put(key("before"), b"another page")
    cache.put(digest, b"<html>the page</html>" * 50)
    pack, offset, size = entry(cache, digest)
    raw = pack.read_bytes()
    before, record = raw[:offset], raw[offset : offset + size]
    header, _, body = record.partition(b"\n")
    damaged = {
        "cut short": record[:-5],
        "a byte changed": header + b"\n" + body[:10] + bytes([body[10] ^ 1]) + body[11:],
        "empty": b"",
        "another format": record.replace(b"kindred-cache 2", b"kindred-cache 9", 1),
        "not compressed": header + b"\n" + (b"<html>the page</html>" * 50)[: len(body)],
    }[damage]
    pack.write_bytes(before + damaged)
    reader = Cache("pages", tmp_path_of(cache), packed=True)
    assert reader.get(digest) is None and reader.misses == 1
    assert reader.get(key("before")) == b"another page"  # the entries before it are still read
    assert reader.get_or_make(digest, lambda: b"made again") == b"made again"
    assert reader.get(digest) == b"made again"
    # The new entry, in a pack of its own, after the damaged one: the newest wins.
    assert Cache("pages", tmp_path_of(cache), packed=True).get(digest) == b"made again"


def test_a_damaged_entry_that_still_reads_as_one_is_refused_and_a_newer_one_wins(cache, tmp_path):
    digest = key("page")
    cache.put(digest, b"<html>the page</html>" * 50)
    pack, offset, size = entry(cache, digest)
    raw = bytearray(pack.read_bytes())
    raw[offset + size - 3] ^= 0xFF  # inside the compressed content: the lengths still match
    pack.write_bytes(bytes(raw))
    reader = Cache("pages", tmp_path, packed=True)
    assert reader.get(digest) is None and reader.refused == 1
    reader.put(digest, b"made again")
    assert Cache("pages", tmp_path, packed=True).get(digest) == b"made again"


def test_an_entry_under_another_key_or_kind_is_not_used(tmp_path):
    pages = Cache("pages", tmp_path, packed=True)
    pages.put(key("one"), b"the first page")
    pages.put(key("two"), b"the second page")
    pack, offset, size = entry(pages, key("two"))
    raw = pack.read_bytes()
    first = raw[:offset]  # another key's content under this key's header (its lengths made to fit)
    header, _, _ = raw[offset : offset + size].partition(b"\n")
    _, _, body = first.partition(b"\n")
    header = b" ".join([*header.split(b" ")[:6], str(len(body)).encode()])
    pack.write_bytes(first + header + b"\n" + body)
    reader = Cache("pages", tmp_path, packed=True)
    assert reader.get(key("one")) == b"the first page"
    assert reader.get(key("two")) is None and reader.refused == 1
    other = Cache("hsds", tmp_path)  # another kind's pack copied into this kind's folder
    assert other.folder is not None
    other.folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(pack, other.folder / pack.name)
    assert other.get(key("one")) is None and other.refused == 1


@pytest.mark.parametrize("damage", ["cut short", "a byte changed", "another key"])
def test_a_kind_not_packed_keeps_one_file_per_entry_replaced_in_place(tmp_path, damage):
    single = Cache("validate", tmp_path)
    assert not single.packed
    single.put(key("one"), b"first run")
    single.put(key("one"), b"second run")
    assert [p.name for p in single.folder.rglob("*") if p.is_file()] == [key("one")]
    assert Cache("validate", tmp_path).get(key("one")) == b"second run"
    raw = single.path(key("one")).read_bytes()
    if damage == "another key":
        single.path(key("two")).parent.mkdir(parents=True, exist_ok=True)
        single.path(key("two")).write_bytes(raw)
        assert single.get(key("two")) is None and single.refused == 1
        return
    changed = raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:]
    single.path(key("one")).write_bytes(raw[:-4] if damage == "cut short" else changed)
    reader = Cache("validate", tmp_path)
    assert reader.get(key("one")) is None and reader.refused == 1
    assert reader.get_or_make(key("one"), lambda: b"made again") == b"made again"
    assert Cache("validate", tmp_path).get(key("one")) == b"made again"


def tmp_path_of(cache: Cache) -> Path:
    assert cache.folder is not None
    return cache.folder.parents[1]


def test_off_and_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("KINDRED_CACHE", "0")
    off = Cache("pages", tmp_path, packed=True)
    off.put(key("a"), b"x")
    assert off.get(key("a")) is None and not any(tmp_path.iterdir())
    monkeypatch.delenv("KINDRED_CACHE")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    cache = Cache("pages", blocked, packed=True)
    cache.put(key("a"), b"x")  # a read-only checkout still builds
    assert cache.get(key("a")) is None and not cache.writable


def test_the_code_fingerprint_follows_templates_and_code_but_not_catalogues(tmp_path):
    copy = tmp_path / "generator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    first = code_fingerprint(copy)
    assert code_fingerprint(copy) == first
    template = copy / "templates" / "listing.html"
    template.write_text(template.read_text(encoding="utf-8").replace("kd-summary", "kd-summary-x"), encoding="utf-8")
    code_fingerprint.cache_clear()
    changed = code_fingerprint(copy)
    assert changed != first
    (copy / "site" / "render.py").write_text((copy / "site" / "render.py").read_text(encoding="utf-8") + "\n# x\n")
    code_fingerprint.cache_clear()
    assert code_fingerprint(copy) not in (first, changed)
    again = code_fingerprint(copy)
    catalogue = next((copy / "locale").rglob("kindred.po"))
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code_fingerprint.cache_clear()
    assert code_fingerprint(copy) == again  # each language's key names its own catalogue (catalogue_digest)
    code_fingerprint.cache_clear()


def test_the_catalogue_digest_follows_the_languages_catalogue(tmp_path, monkeypatch):
    from generator.i18n import catalogues

    locale = tmp_path / "locale"
    shutil.copytree(PACKAGE / "locale", locale)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", locale)
    render_cache.catalogue_digest.cache_clear()
    spanish, german = render_cache.catalogue_digest("es"), render_cache.catalogue_digest("de")
    assert render_cache.catalogue_digest("en") == ""
    po = locale / "es" / "LC_MESSAGES" / "kindred.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    render_cache.catalogue_digest.cache_clear()
    assert render_cache.catalogue_digest("es") != spanish
    assert render_cache.catalogue_digest("de") == german
    render_cache.catalogue_digest.cache_clear()


def test_prune_keeps_the_running_code_and_the_last_other_version(tmp_path, monkeypatch):
    import os
    import time

    from generator.render_cache import prune

    current = code_fingerprint()[:16]
    now = time.time()
    for kind in ("listing-pages", "hsds"):
        for age, version in enumerate(["v-newest-other", "v-older", "v-oldest"], start=1):
            folder = tmp_path / kind / version
            folder.mkdir(parents=True)
            (folder / "entry").write_bytes(b"x")
            os.utime(folder, (now - 100 * age, now - 100 * age))
        Cache(kind, tmp_path).put(key("a"), b"made by the running code")
    removed = prune(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in removed) == [
        "hsds/v-older", "hsds/v-oldest", "listing-pages/v-older", "listing-pages/v-oldest"]
    for kind in ("listing-pages", "hsds"):
        assert sorted(p.name for p in (tmp_path / kind).iterdir()) == sorted([current, "v-newest-other"])
        assert Cache(kind, tmp_path).get(key("a")) == b"made by the running code"


def test_prune_removes_a_kind_no_longer_kept(tmp_path):
    """The open data's parts were kept once (render_cache.RETIRED): an old cache's folder of them goes whole."""
    from generator.render_cache import RETIRED, prune

    for kind in RETIRED:
        (tmp_path / kind / "v-old").mkdir(parents=True)
        (tmp_path / kind / "v-old" / "entry").write_bytes(b"x")
    Cache("hsds", tmp_path).put(key("a"), b"kept")
    removed = prune(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in removed) == sorted(RETIRED)
    assert not any((tmp_path / kind).exists() for kind in RETIRED)
    assert Cache("hsds", tmp_path).get(key("a")) == b"kept"


def test_a_cache_lets_go_of_its_packs_when_collected(tmp_path):
    import gc
    import os

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc/self/fd")
    writer = Cache("pages", tmp_path, packed=True)
    writer.put(key("a"), b"kept")
    del writer
    gc.collect()
    before = open_files()
    for _ in range(20):  # `mkdocs serve` makes a new cache for every rebuild
        cache = Cache("pages", tmp_path, packed=True)
        assert cache.get(key("a")) == b"kept"
        cache.put(key("b"), b"made")
        del cache
        gc.collect()
    assert open_files() == before


def test_a_new_cache_in_the_same_process_finds_what_was_appended_since_the_last_scan(tmp_path):
    writer = Cache("pages", tmp_path, packed=True)
    writer.put(key("a"), b"first")
    assert Cache("pages", tmp_path, packed=True).get(key("a")) == b"first"  # the pack scanned
    writer.put(key("b"), b"second")  # the same pack grows
    other = Cache("pages", tmp_path, packed=True)
    other.put(key("c"), b"third")  # a pack of its own
    reader = Cache("pages", tmp_path, packed=True)
    assert [reader.get(key(k)) for k in "abc"] == [b"first", b"second", b"third"]
    writer.put(key("a"), b"made again")  # a newer entry for a key: the newest wins
    assert Cache("pages", tmp_path, packed=True).get(key("a")) == b"made again"


def test_index_packs_reads_the_headers_ahead_so_a_later_cache_scans_only_what_was_appended(tmp_path, monkeypatch):
    writer = Cache("pages", tmp_path, packed=True)
    for name in "abc":
        writer.put(key(name), name.encode() * 3)
    scanned_from: list[int] = []
    real_scan = render_cache._scan

    def counting_scan(pack, offset):
        scanned_from.append(offset)
        return real_scan(pack, offset)

    monkeypatch.setattr(render_cache, "_scan", counting_scan)
    render_cache.index_packs(("pages",), tmp_path)  # what mkdocs serve does while it waits for a save
    assert scanned_from == [0]
    writer.put(key("d"), b"appended")
    reader = Cache("pages", tmp_path, packed=True)
    assert [reader.get(key(k)) for k in "abcd"] == [b"aaa", b"bbb", b"ccc", b"appended"]
    assert len(scanned_from) == 2 and scanned_from[1] > 0  # only the appended entry was read
    render_cache.index_packs(("no-such-kind",), tmp_path)  # nothing there: nothing happens
