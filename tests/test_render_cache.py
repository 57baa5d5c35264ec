"""The build's cache (generator/render_cache.py): an entry is found only by its key, and anything that does not
read back exactly as it was written is not used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import render_cache
from generator.render_cache import Cache, code_fingerprint, key

PACKAGE = Path(__file__).resolve().parents[1] / "generator"


@pytest.fixture
def cache(tmp_path) -> Cache:
    return Cache("pages", tmp_path)


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
    cache.put(digest, b"<html>the page</html>" * 50)
    path = cache.path(digest)
    raw = path.read_bytes()
    header, _, body = raw.partition(b"\n")
    path.write_bytes({
        "cut short": raw[:-5],
        "a byte changed": header + b"\n" + body[:10] + bytes([body[10] ^ 1]) + body[11:],
        "empty": b"",
        "another format": raw.replace(b"kindred-cache 1", b"kindred-cache 9", 1),
        "not compressed": header + b"\n" + b"<html>the page</html>" * 50,
    }[damage])
    assert cache.get(digest) is None and cache.refused == 1
    assert cache.get_or_make(digest, lambda: b"made again") == b"made again"
    assert cache.get(digest) == b"made again"


def test_an_entry_under_another_key_or_kind_is_not_used(tmp_path):
    pages = Cache("pages", tmp_path)
    pages.put(key("one"), b"the first page")
    copied = pages.path(key("two"))  # a file copied or renamed to another key's place
    copied.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(pages.path(key("one")), copied)
    assert pages.get(key("two")) is None and pages.refused == 1
    other = Cache("hsds", tmp_path)  # the same key in another kind's folder
    other.path(key("one")).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(pages.path(key("one")), other.path(key("one")))
    assert other.get(key("one")) is None and other.refused == 1


def test_off_and_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("KINDRED_CACHE", "0")
    off = Cache("pages", tmp_path)
    off.put(key("a"), b"x")
    assert off.get(key("a")) is None and not any(tmp_path.iterdir())
    monkeypatch.delenv("KINDRED_CACHE")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    cache = Cache("pages", blocked)
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
