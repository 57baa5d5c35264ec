"""Fixtures for the HSDS export/import tests.

The official HSDS 3.0 schemas and examples live in shared/hsds-3.0/ beside the
repository (CI clones the repo with shared/ next to it). Tests that need them
skip, saying why, when that folder is absent.

`hsds_fixture` is a small directory written for these tests: all three kinds,
24/7 and weekly hours (overnight, midnight close, closed dates, a fixed-offset
zone), an SMS keyword, chat, WhatsApp (number and link), email, video, app and
join contacts, regions, worldwide, a price range, a paused and a closed listing.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
HSDS = SHARED / "hsds-3.0"
SCHEMAS = HSDS / "schema"
EXAMPLES = HSDS / "examples"
SHIPPED_DIRECTORY = REPO / "directory"

TAXONOMY = """\
topics:
  - {id: anxiety, label: "Anxiety", description: "Worry, fear or panic that feels hard to control.", synonyms: [panic]}
  - {id: loneliness, label: "Loneliness", description: "Feeling alone or isolated.", synonyms: [lonely]}
  - {id: depression, label: "Depression", description: "Low mood that lasts.", synonyms: [sad]}
  - {id: stress, label: "Stress", description: "Feeling under pressure.", synonyms: [burnout]}
  - {id: grief-loss, label: "Grief and loss", description: "Coping after a death.", synonyms: [bereavement]}
  - {id: supporting-others, label: "Supporting someone else", description: "Helping someone who struggles."}
  - {id: suicidal-thoughts, label: "Suicidal thoughts", description: "Thinking about ending your life."}
audiences:
  - {id: everyone, label: "Everyone", description: "Open to anyone who needs it."}
  - {id: youth, label: "Young people", description: "Teenagers and young people."}
  - {id: lgbtq, label: "LGBTQ+", description: "Lesbian, gay, bisexual, trans and queer people."}
  - {id: carers, label: "Carers", description: "People who look after someone.", synonyms: [caregivers]}
"""

NIGHT_LINE = """\
name: Night Line Test
summary: A test helpline open all night, by phone, text, chat and WhatsApp.
description: |
  A **test** listing for the HSDS export.
  Its description has two lines.
website: https://nightline.example.org/
organization: {name: Example Trust, url: "https://trust.example.org/"}
countries: [GB]
regions: [GB-SCT, GB-WLS]
languages: [en, cy, pt-BR]
topics: [anxiety, loneliness]
audiences: [youth, lgbtq]
age: {min: 11, max: 25}
cost: free-standard-charges
service: support
responders: [volunteers, peers]
confidentiality: "Confidential unless a life is in danger."
hours: 24/7
verified: {date: 2025-03-01, method: called, by: Kindred volunteers, source: "https://nightline.example.org/contact"}
contacts:
  - method: chat
    url: https://nightline.example.org/chat
    note: Chat with a volunteer
    languages: [en]
    hours:
      timezone: Europe/London
      weekly:
        - days: [mo, tu, we, th, fr]
          opens: "18:00"
          closes: "24:00"
        - days: [sa, su]
          opens: "22:00"
          closes: "02:00"
      closed_on: [2025-12-25, 2026-01-01]
      note: Reduced hours on public holidays
  - method: phone
    number: "0800 1111"
    free: true
    note: Main line
  - method: sms
    number: "85258"
    keyword: SHOUT
  - method: whatsapp
    number: "+44 7911 123456"
    url: https://wa.me/447911123456
    note: Messages answered in the evening
    hours: {timezone: Europe/London, weekly: [{days: [mo], opens: "19:00", closes: "21:00"}]}
  - method: phone
    number: "0808 802 5544"
    free: false
    languages: [cy]
    hours: {timezone: Europe/London, weekly: [{days: [mo, we, fr], opens: "09:00", closes: "17:00"}]}
  - method: email
    address: help@nightline.example.org
    note: Replies within two days
  - method: email
    address: press@nightline.example.org
"""

US_LINE = """\
name: Sunset Text Line
summary: Text or WhatsApp a volunteer in California in the evenings.
website: https://sunset.example.com/
countries: [US]
regions: [US-CA]
languages: [en, es]
translations:
  es: {name: Línea de Texto Atardecer, summary: "Escribe o manda un WhatsApp a un voluntario en California por la tarde."}
topics: [stress]
cost: free
hours:
  timezone: America/Los_Angeles
  weekly:
    - days: [mo, tu, we, th, fr, sa, su]
      opens: "17:00"
      closes: "23:30"
contacts:
  - method: whatsapp
    url: https://wa.me/message/SUNSETTEST
  - method: sms
    number: "741741"
    keyword: SUNSET
  - method: phone
    number: "+1 415 555 2671"
"""

PEER_CIRCLE = """\
name: Peer Circle
summary: Online peer support groups for carers, run by trained volunteers.
website: https://peercircle.example.net/
countries: [worldwide]
languages: [en, es-419]
topics: [supporting-others, stress]
audiences: [carers]
cost: free
platform: discord
access: invite
moderation: trained-peer
anonymity: pseudonymous
peer_led: true
crisis_signposting: false
rules_url: https://peercircle.example.net/rules
status: paused
contacts:
  - method: join
    url: https://peercircle.example.net/join
    note: Ask for an invite
  - method: app
    url: https://peercircle.example.net/app
"""

MIND_BRIDGE = """\
name: Mind Bridge Online
summary: Video and messaging therapy with licensed counsellors in India.
website: https://mindbridge.example.in/
organization: {name: Mind Bridge Health}
countries: [IN]
languages: [en, hi]
topics: [depression, anxiety]
cost: [paid, sliding-scale]
modalities: [video, messaging]
professions: [psychologist, counsellor]
licensed_in: [IN]
price: {from: 800, to: 2500.5, currency: INR, per: session}
insurance: [Star Health, ICICI Lombard]
free_trial: true
prescribing: false
hours:
  timezone: Asia/Kolkata
  weekly:
    - days: [mo, tu, we, th, fr, sa]
      opens: "08:30"
      closes: "21:00"
contacts:
  - method: video
    url: https://mindbridge.example.in/book
  - method: email
    address: care@mindbridge.example.in
  - method: phone
    number: "14416"
    short_code: true
    note: Government line for referrals
  - method: phone
    number: "+91 22 4000 1234"
"""

GONE_LINE = """\
name: Gone Line
summary: A helpline that has closed; it must not be published.
website: https://gone.example.org/
countries: [GB]
languages: [en]
topics: [grief-loss]
cost: free
status: closed
contacts:
  - method: phone
    number: "0808 802 5545"
"""

FIXTURE_FILES = {
    "helplines/night-line.yaml": NIGHT_LINE,
    "helplines/sunset-text-line.yaml": US_LINE,
    "helplines/gone-line.yaml": GONE_LINE,
    "communities/peer-circle.yaml": PEER_CIRCLE,
    "teletherapy/mind-bridge.yaml": MIND_BRIDGE,
}


def write_directory(root: Path, files: dict[str, str], taxonomy: str = TAXONOMY) -> Path:
    for kind in ("helplines", "communities", "teletherapy"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    (root / "taxonomy.yaml").write_text(taxonomy, encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def hsds_fixture(tmp_path) -> Path:
    """A directory root holding the fixture listings and a small taxonomy."""
    return write_directory(tmp_path / "fixture-directory", FIXTURE_FILES)


@pytest.fixture
def fixture_taxonomy(tmp_path) -> Path:
    path = tmp_path / "fixture-taxonomy" / "taxonomy.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(TAXONOMY, encoding="utf-8")
    return path


def need_shared() -> None:
    if not SCHEMAS.is_dir():
        pytest.skip(f"the official HSDS 3.0 schemas are not at {SCHEMAS} (clone shared/ beside the repository)")


def _closed(schema):
    """The schema with additionalProperties: false on every object, as the HSDS project validates its examples."""
    if isinstance(schema, dict):
        result = {k: _closed(v) for k, v in schema.items()}
        if isinstance(result.get("properties"), dict):
            result.setdefault("additionalProperties", False)
        return result
    if isinstance(schema, list):
        return [_closed(v) for v in schema]
    return schema


def _format_checker(jsonschema):
    checker = copy.deepcopy(jsonschema.Draft202012Validator.FORMAT_CHECKER)

    @checker.checks("uri")
    def _uri(value) -> bool:  # rfc3987 is not installed; check what consumers rely on
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and parts.netloc) and not any(c.isspace() for c in value)

    @checker.checks("date-time")
    def _date_time(value) -> bool:
        from datetime import datetime

        return not isinstance(value, str) or bool(datetime.fromisoformat(value.replace("Z", "+00:00")))

    return checker


@pytest.fixture(scope="session")
def hsds_validator():
    """validate(instance, "compiled/service.json") -> list of error messages (Draft 2020-12, formats checked)."""
    need_shared()
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("referencing")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    base = "https://hsds-schemas.invalid/"
    registry = Registry().with_resources(
        (base + path.relative_to(SCHEMAS).as_posix(),
         Resource.from_contents(_closed(json.loads(path.read_text(encoding="utf-8"))),
                                default_specification=DRAFT202012))
        for path in sorted(SCHEMAS.rglob("*.json")))
    checker = _format_checker(jsonschema)
    validators = {}

    def validate(instance, schema_name: str) -> list[str]:
        if schema_name not in validators:
            schema = registry.contents(base + schema_name)
            assert schema.get("$schema") in (None, "https://json-schema.org/draft/2020-12/schema"), \
                "the HSDS schemas are written for Draft 2020-12 (or say no draft)"
            validators[schema_name] = jsonschema.Draft202012Validator(
                {**schema, "$id": base + schema_name}, registry=registry, format_checker=checker)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validators[schema_name].iter_errors(instance)]

    return validate
