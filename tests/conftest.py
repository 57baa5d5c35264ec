"""Shared fixtures: the real taxonomy, a scratch-directory factory and one
minimal valid listing of each kind (as the text a contributor would write).

The listings use real-looking, valid values (GB and US numbers that
libphonenumber accepts, real short codes, IANA zones, taxonomy terms) and
are distinct from each other, so a directory holding all of them is clean:
no errors and no "shared number/website" warnings.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.directory import Directory, load_directory
from generator.problems import Problem

# Test modules import the constants and helpers below with `from kindred_test_support import ...`:
# `conftest` alone is ambiguous (tests/browser/ has its own conftest.py).
sys.modules.setdefault("kindred_test_support", sys.modules[__name__])

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DIRECTORY = ROOT / "directory"
SHIPPED_TAXONOMY = SHIPPED_DIRECTORY / "taxonomy.yaml"
KINDS = ("helplines", "communities", "teletherapy")

VALID_HELPLINE = """\
# yaml-language-server: $schema=../../generator/schema/helplines.schema.json
name: Samaritans
summary: Someone to listen, day or night, whatever you are going through.
website: https://www.samaritans.org/
countries: [GB, IE]
languages: [en]
topics: [suicidal-thoughts, loneliness, depression]
cost: free
hours: 24/7
service: support
responders: volunteers
contacts:
  - method: phone
    number: "116 123"
    free: true
"""

VALID_SMS_HELPLINE = """\
# yaml-language-server: $schema=../../generator/schema/helplines.schema.json
name: Crisis Text Line
summary: Text HOME to 741741 to reach a trained volunteer crisis counselor.
website: https://www.crisistextline.org/
countries: [US]
languages: [en, es]
topics: [suicidal-thoughts, anxiety]
audiences: [everyone, youth]
cost: free
service: crisis
contacts:
  - method: sms
    number: "741741"
    keyword: HOME
    hours: 24/7
  - method: chat
    url: https://www.crisistextline.org/text-us/
    hours:
      timezone: America/New_York
      weekly:
        - days: [mo, tu, we, th, fr]
          opens: "09:00"
          closes: "17:00"
        - days: [sa]
          opens: "22:00"
          closes: "02:00"
      closed_on: [2026-12-25]
      note: Reduced hours on public holidays
"""

VALID_COMMUNITY = """\
# yaml-language-server: $schema=../../generator/schema/communities.schema.json
name: Side by Side
summary: An online peer support community for people with mental health problems.
website: https://sidebyside.mind.org.uk/
organization: {name: Mind, url: "https://www.mind.org.uk/"}
countries: [GB]
languages: [en]
topics: [anxiety, depression, loneliness]
audiences: [everyone]
cost: free
platform: forum
access: sign-up
moderation: professional
anonymity: pseudonymous
peer_led: true
crisis_signposting: true
rules_url: https://sidebyside.mind.org.uk/community-guidelines
contacts:
  - method: join
    url: https://sidebyside.mind.org.uk/register
"""

VALID_TELETHERAPY = """\
# yaml-language-server: $schema=../../generator/schema/teletherapy.schema.json
name: Calm Harbor Therapy
summary: Licensed therapists by video and phone, with evening appointments.
website: https://calmharbor.example.com/
countries: [US]
regions: [US-CA, US-NY]
languages: [en, es-US]
topics: [anxiety, depression]
age: {min: 18}
cost: [paid, insurance]
modalities: [video, phone]
professions: [therapist, psychologist]
licensed_in: [US-CA, US-NY]
price: {from: 80, to: 150, currency: USD, per: session}
insurance: [Aetna, Cigna]
free_trial: false
verified: {date: 2025-01-15, method: website, by: Kindred volunteers, source: "https://calmharbor.example.com/pricing"}
contacts:
  - method: video
    url: https://calmharbor.example.com/start
  - method: email
    address: care@calmharbor.example.com
  - method: phone
    number: "+1 415 555 2671"
"""

VALID_LISTINGS = {
    "helplines/samaritans.yaml": VALID_HELPLINE,
    "helplines/crisis-text-line.yaml": VALID_SMS_HELPLINE,
    "communities/side-by-side.yaml": VALID_COMMUNITY,
    "teletherapy/calm-harbor.yaml": VALID_TELETHERAPY,
}


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line of the test's own text that contains `needle`."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} is not in the test text"
    return found[occurrence - 1]


def column_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based column where `needle` starts on the line `line_of` finds."""
    return text.splitlines()[line_of(text, needle, occurrence) - 1].index(needle) + 1


@dataclass
class Checked:
    """What loading a scratch directory gave, with helpers for one file's problems."""

    directory: Directory
    file: Path | None

    @property
    def problems(self) -> list[Problem]:
        return self.directory.problems.sorted()

    def for_file(self, path: Path | None = None) -> list[Problem]:
        target = (path or self.file).resolve()
        return [p for p in self.problems if Path(p.path).resolve() == target]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.for_file() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.for_file() if p.severity == "warning"]

    @property
    def records(self):
        return self.directory.records


@pytest.fixture(scope="session")
def taxonomy_text() -> str:
    return SHIPPED_TAXONOMY.read_text(encoding="utf-8")


@pytest.fixture
def taxonomy_file(tmp_path, taxonomy_text) -> Path:
    """A private copy of directory/taxonomy.yaml."""
    target = tmp_path / "taxonomy-copy" / "taxonomy.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(taxonomy_text, encoding="utf-8")
    return target


@pytest.fixture
def make_directory(tmp_path, taxonomy_text) -> Callable[..., Path]:
    """make_directory({"helplines/x.yaml": text, ...}) -> a fresh directory root.

    Values may be str (written as UTF-8) or bytes (written as is). The three kind
    folders and the real taxonomy are always there unless taxonomy=False.
    """
    counter = iter(range(1_000_000))

    def make(files: dict[str, str | bytes] | None = None, *, taxonomy: bool = True) -> Path:
        root = tmp_path / f"directory-{next(counter)}"
        for kind in KINDS:
            (root / kind).mkdir(parents=True)
        if taxonomy:
            (root / "taxonomy.yaml").write_text(taxonomy_text, encoding="utf-8")
        for name, content in (files or {}).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def check(make_directory) -> Callable[..., Checked]:
    """check(kind, text, name="listing-under-test") -> Checked for a directory holding just that file."""

    def run(kind: str, text: str | bytes, name: str = "listing-under-test") -> Checked:
        relative = f"{kind}/{name}.yaml"
        root = make_directory({relative: text})
        return Checked(load_directory(root), root / relative)

    return run


@pytest.fixture
def valid_helpline_yaml() -> str:
    return VALID_HELPLINE


@pytest.fixture
def valid_sms_helpline_yaml() -> str:
    return VALID_SMS_HELPLINE


@pytest.fixture
def valid_community_yaml() -> str:
    return VALID_COMMUNITY


@pytest.fixture
def valid_teletherapy_yaml() -> str:
    return VALID_TELETHERAPY


@pytest.fixture
def valid_listings() -> dict[str, str]:
    """Relative path -> text for one valid listing of each kind (two helplines)."""
    return dict(VALID_LISTINGS)


@pytest.fixture(scope="session")
def shipped_directory() -> Path:
    return SHIPPED_DIRECTORY


def set_field(text: str, key: str, value: str) -> str:
    """Replace the top-level `key:` (and its indented continuation lines) with `key: value`,
    or append it at the end when the text has no such key."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    replaced = False
    skipping = False
    for line in lines:
        if skipping and line.startswith((" ", "\t")):
            continue
        skipping = False
        if not replaced and line.startswith(f"{key}:"):
            out.append(f"{key}: {value}\n" if value else f"{key}:\n")
            replaced = skipping = True
            continue
        out.append(line)
    if not replaced:
        out.append(f"{key}: {value}\n" if value else f"{key}:\n")
    return "".join(out)


def drop_field(text: str, key: str) -> str:
    """The text without the top-level `key:` and its indented continuation lines."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    found = False
    for line in lines:
        if skipping and line.startswith((" ", "\t")):
            continue
        skipping = False
        if line.startswith(f"{key}:"):
            skipping = found = True
            continue
        out.append(line)
    assert found, f"{key} is not a top-level field of the test text"
    return "".join(out)


def with_contacts(text: str, block: str) -> str:
    """Replace the contacts with `block` (the indented list items, as text)."""
    return drop_field(text, "contacts") + "contacts:\n" + block


@pytest.fixture
def loopback_urls():
    """Listings in this test may point at the test's own server on 127.0.0.1 (never allowed otherwise)."""
    from generator.urls import loopback_addresses_allowed
    with loopback_addresses_allowed():
        yield


@pytest.fixture(scope="session")
def browser_twins():
    """browser_twins(op, **request) -> the answer of tests/js/helpers/twins_harness.mjs (the browser's ranking and
    open-now code, run by Node), for comparing with their Python twins."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    harness = ROOT / "tests" / "js" / "helpers" / "twins_harness.mjs"

    def run(op: str, **request):
        done = subprocess.run([node, str(harness)], input=json.dumps({"op": op, **request}), capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run
