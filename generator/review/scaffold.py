"""Start a new listing file: the essential fields filled in, every other field
commented out with its allowed values, and the result checked before anything
is written.

The optional and kind-specific hints are derived from the listing models (and
so from generator/models/vocab.py), so a value added to the contract appears
here without anyone remembering to update this file.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import TypeAdapter, ValidationError

from ..directory import ID_PATTERN, TAXONOMY_FILE, display_path, load_directory
from ..models import KIND_MODELS, KINDS, Listing
from ..models.contacts import Contact
from ..models.fields import CountryCode, Email, LanguageTag, WebUrl, close_match
from ..models.vocab import Cost, PricePer, SourcedFact, Status
from ..phones import parse_number
from ..problems import Problem
from ..taxonomy import Taxonomy

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json"
COSTS: tuple[str, ...] = typing.get_args(Cost)
STATUSES: tuple[str, ...] = typing.get_args(Status)
KIND_SINGULAR = {"helplines": "helpline", "communities": "community", "teletherapy": "teletherapy service"}

# Contact options `kindred new` offers, in the order they are asked for each kind.
CONTACT_OPTIONS = ("phone", "email", "chat", "join")
ASK_ORDER = {
    "helplines": ("phone", "chat", "email"),
    "communities": ("join", "chat", "email"),
    "teletherapy": ("phone", "email", "chat"),
}
_CONTACT_FIELD = {"phone": "number", "email": "address", "chat": "url", "join": "url"}


# --------------------------------------------------------------------------- ids and conflicts


def slugify(name: str) -> str:
    """A listing id from a name: `Línea 024` -> `linea-024` (may be too short; check with ID_PATTERN)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())).strip("-")
    return slug[:64].rstrip("-")


def id_problem(listing_id: str) -> str | None:
    if not ID_PATTERN.match(listing_id):
        return f"`{listing_id}` is not a valid listing id: use 3 to 64 lowercase letters, digits and hyphens" + (
            f" (such as `{slugify(listing_id)}`)" if len(slugify(listing_id)) >= 3 else ""
        )
    return None


def target_path(root: Path, kind: str, listing_id: str) -> Path:
    return Path(root) / kind / f"{listing_id}.yaml"


def id_conflict(root: Path, kind: str, listing_id: str) -> str | None:
    """Why `listing_id` cannot be created in `kind`, or None."""
    for other in KINDS:
        for suffix in (".yaml", ".yml"):
            existing = Path(root) / other / f"{listing_id}{suffix}"
            if existing.exists():
                if other == kind:
                    return f"{display_path(existing)} already exists; not overwriting it (edit that file instead)"
                return (
                    f"the id `{listing_id}` is already used by {display_path(existing)}; ids are unique "
                    f"across all kinds, so choose another id"
                )
    return None


# --------------------------------------------------------------------------- checking single values

_ADAPTERS: dict[str, TypeAdapter] = {}


def _adapter(name: str, type_: Any) -> TypeAdapter:
    if name not in _ADAPTERS:
        _ADAPTERS[name] = TypeAdapter(type_)
    return _ADAPTERS[name]


def _type_message(name: str, type_: Any, value: str) -> str | None:
    try:
        _adapter(name, type_).validate_python(value)
    except ValidationError as exc:
        return exc.errors()[0]["msg"]
    return None


def check_value(
    what: str, value: str, *, taxonomy: Taxonomy | None = None, countries: typing.Sequence[str] = ()
) -> str | None:
    """Why one value typed at a prompt is unusable, or None. The whole file is still validated afterwards."""
    value = value.strip()
    if what == "name":
        return None if 2 <= len(value) <= 120 else "a name is 2 to 120 characters"
    if what == "summary":
        return None if 1 <= len(value) <= 200 else "a summary is one line of at most 200 characters"
    if what == "country":
        return _type_message("country", CountryCode, value)
    if what == "language":
        return _type_message("language", LanguageTag, value)
    if what in ("website", "chat", "join"):
        return _type_message("url", WebUrl, value)
    if what == "email":
        return _type_message("email", Email, value)
    if what == "topic":
        known = taxonomy.topics if taxonomy else {}
        if known and value not in known:
            return f"`{value}` is not a topic in {TAXONOMY_FILE}{close_match(value, known)}"
        return None
    if what == "phone":
        if parse_number(value, tuple(countries)) is None:
            where = " or ".join(c for c in countries if c != "worldwide") or "any listed country"
            return (
                f"`{value}` is not a valid phone number in {where}; write it as people dial it there, or in "
                f'international form ("+44 800 1111")'
            )
        return None
    raise ValueError(f"unknown value kind {what}")


# --------------------------------------------------------------------------- YAML text


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, and digits-and-colons text (numbers, times) in double quotes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = '"' if re.fullmatch(r"[0-9+(][0-9 :+()-]*", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def yaml_text(value: Any, *, flow: bool | None = None) -> str:
    """YAML for one value, without a document end marker."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=10_000, sort_keys=False, default_flow_style=flow)
    text = text.removesuffix("\n...\n")
    return text.rstrip("\n")


def _field_line(key: str, value: Any) -> str:
    if isinstance(value, (list, dict)):
        return f"{key}: {yaml_text(value, flow=True)}"
    return f"{key}: {yaml_text(value)}"


def _comment_block(key: str, value: Any, hint: str = "") -> list[str]:
    """`# key: value   # hint`, or a commented block for nested values."""
    if isinstance(value, dict) and any(isinstance(v, (list, dict)) for v in value.values()):
        body = yaml_text({key: value}, flow=None).splitlines()
    else:
        body = [_field_line(key, value)]
    lines = ["# " + line for line in body]
    if hint:
        inline = f"{lines[0]:<40} # {hint}"
        if len(inline) <= 110:
            lines[0] = inline
        else:
            lines.insert(0, f"# ({hint})")
    return lines


def _wrap(prefix: str, words: typing.Sequence[str], continuation: str = "#   ", width: int = 100) -> list[str]:
    """Comment lines listing `words`, wrapped before `width` characters."""
    lines, line = [], prefix
    for word in words:
        if len(line) + len(word) + 1 > width and line not in (prefix, continuation):
            lines.append(line.rstrip())
            line = continuation
        line += word + ", "
    lines.append(line.rstrip(", "))
    return lines


# --------------------------------------------------------------------------- what the models allow


def _literal_values(annotation: Any) -> tuple[str, ...]:
    """Every Literal value inside an annotation (through Optional, list, Annotated)."""
    if typing.get_origin(annotation) is Literal:
        return tuple(v for v in typing.get_args(annotation) if isinstance(v, str))
    values: list[str] = []
    for arg in typing.get_args(annotation):
        for value in _literal_values(arg):
            if value not in values:
                values.append(value)
    return tuple(values)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def _is_bool(annotation: Any) -> bool:
    if annotation is bool:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and (all(_is_bool(a) for a in args) if origin is not typing.Annotated else _is_bool(args[0]))
    return False


def kind_fields(kind: str) -> list[str]:
    """The fields only this kind has, in model order."""
    return [name for name in KIND_MODELS[kind].model_fields if name not in Listing.model_fields]


def allowed_values(kind: str, name: str) -> tuple[str, ...]:
    return _literal_values(KIND_MODELS[kind].model_fields[name].annotation)


_PRIMARY_ZONE = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "MX": "America/Mexico_City",
    "RU": "Europe/Moscow",
    "ES": "Europe/Madrid",
    "AR": "America/Argentina/Buenos_Aires",
    "DE": "Europe/Berlin",
    "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon",
    "ID": "Asia/Jakarta",
    "CL": "America/Santiago",
}


def _zone_for(countries: typing.Sequence[str]) -> str:
    from babel.core import get_global

    for country in countries:
        if country in _PRIMARY_ZONE:
            return _PRIMARY_ZONE[country]
        zones = get_global("territory_zones").get(country, [])
        if zones:
            return zones[0]
    return "Europe/London"


def _currency_for(countries: typing.Sequence[str]) -> str:
    from babel.numbers import get_territory_currencies

    for country in countries:
        try:
            currencies = get_territory_currencies(country)
        except Exception:
            currencies = []
        if currencies:
            return currencies[0]
    return "USD"


def _first_region(countries: typing.Sequence[str]) -> str | None:
    import pycountry

    for country in countries:
        if country == "worldwide":
            continue
        found = list(pycountry.subdivisions.get(country_code=country) or ())
        top = [s for s in found if not getattr(s, "parent_code", None)] or found
        subdivisions = sorted(s.code for s in top)
        if subdivisions:
            return subdivisions[0]
    return None


@dataclass
class Hint:
    key: str
    example: Any
    note: str = ""


def _kind_hint(kind: str, name: str, countries: typing.Sequence[str]) -> Hint:
    info = KIND_MODELS[kind].model_fields[name]
    values = allowed_values(kind, name)
    description = info.description or ""
    places = [c for c in countries if c != "worldwide"]
    special: dict[str, Hint] = {
        "confidentiality": Hint(
            name, "When the service may break confidentiality, in its own words.", "when confidentiality may be broken"
        ),
        "rules_url": Hint(name, "https://www.example.org/community-rules", "the https:// link to its rules"),
        "licensed_in": Hint(
            name, places[:1] or ["US-CA"], "where practitioners are licensed: ISO 3166-1 or 3166-2 codes"
        ),
        "price": Hint(
            name,
            {"from": 40, "to": 90, "currency": _currency_for(places), "per": "session"},
            "per: " + " | ".join(typing.get_args(PricePer)),
        ),
        "crisis_signposting": Hint(
            name,
            True,
            "only if you have seen it point members in crisis to helplines; without it the page shows a caution",
        ),
        "insurance": Hint(name, False, "true or false, or a list of the insurers it accepts"),
    }
    if name in special:
        return special[name]
    if values:
        joined = " | ".join(values)
        if _is_list(info.annotation):
            return Hint(name, [values[0]], f"any of: {joined}")
        return Hint(name, values[0], f"one of: {joined}")
    if _is_bool(info.annotation):
        return Hint(name, True, f"true or false: {description}" if description else "true or false")
    return Hint(name, None, description)


def optional_hints(
    kind: str, countries: typing.Sequence[str], taxonomy: Taxonomy | None
) -> tuple[list[Hint], list[Hint]]:
    """(common optional fields, this kind's own fields), each with an example value that validates."""
    countries = list(countries)
    region = _first_region(countries)
    audiences = list(taxonomy.audiences) if taxonomy and taxonomy.audiences else ["everyone"]
    common = [
        Hint(
            "description",
            "A few sentences in Markdown: what happens when someone gets in touch, who answers, "
            "and anything to know first.",
            "longer Markdown text, shown on the listing's page",
        ),
        Hint("organization", {"name": "Who runs the service", "url": "https://www.example.org/"}, "who runs it"),
    ]
    if region:
        common.append(Hint("regions", [region], "ISO 3166-2 codes, each inside one of `countries`"))
    common += [
        Hint("audiences", [audiences[0]], "ids from " + TAXONOMY_FILE + " (the default is everyone)"),
        Hint("age", {"min": 16, "max": 25}, "whole numbers; give one or both"),
        Hint(
            "hours",
            {
                "timezone": _zone_for(countries),
                "weekly": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}],
                "note": "Reduced hours on public holidays.",
            },
            "or `hours: 24/7`; applies to contacts without their own hours",
        ),
        Hint("status", STATUSES[0], "one of: " + " | ".join(STATUSES) + "; closed ones are not published"),
    ]
    return common, [_kind_hint(kind, name, countries) for name in kind_fields(kind)]


def _contact_needs() -> list[str]:
    """`phone (number)`, `sms (number, keyword)`, ... from the contact models."""
    shown = []
    union = typing.get_args(Contact)[0]
    for model in typing.get_args(union):
        method = typing.get_args(model.model_fields["method"].annotation)[0]
        extra = [n for n in model.model_fields if n not in ("method", "note", "hours", "languages", "short_code")]
        shown.append(f"{method} ({', '.join(extra)})")
    return shown


# --------------------------------------------------------------------------- the file


@dataclass
class NewListing:
    kind: str
    id: str
    name: str
    summary: str
    website: str
    countries: list[str]
    languages: list[str]
    topics: list[str]
    cost: list[str]
    contacts: list[dict[str, str]] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        """The essential fields as a listing mapping. Never a `verified` record."""
        return {
            "name": self.name.strip(),
            "summary": self.summary.strip(),
            "website": self.website.strip(),
            "countries": list(self.countries),
            "languages": list(self.languages),
            "topics": list(self.topics),
            "cost": self.cost[0] if len(self.cost) == 1 else list(self.cost),
            "contacts": [dict(c) for c in self.contacts],
        }


def contact(method: str, value: str) -> dict[str, str]:
    return {"method": method, _CONTACT_FIELD[method]: value.strip()}


def render_listing(new: NewListing, taxonomy: Taxonomy | None = None) -> str:
    """The text of the new file."""
    kind = new.kind
    data = new.data()
    assert "verified" not in data
    lines = [
        SCHEMA_COMMENT.format(kind=kind),
        f"# A {KIND_SINGULAR[kind]} listing. Every field is explained in CONTRIBUTING.md#field-reference.",
        "# Take every fact from the service's own website. Fill in what you can confirm and delete the rest.",
        _field_line("name", data["name"]),
        _field_line("summary", data["summary"]),
        _field_line("website", data["website"]),
        _field_line("countries", data["countries"]) + "   # ISO 3166-1 codes such as GB, IE, US, or [worldwide]",
        _field_line("languages", data["languages"]) + "   # BCP 47 tags such as en, es, pt-BR",
    ]
    if taxonomy and taxonomy.topics:
        lines += _wrap("# topics: ids from directory/taxonomy.yaml: ", list(taxonomy.topics))
    lines.append(_field_line("topics", data["topics"]))
    lines.append(_field_line("cost", data["cost"]) + "   # one or a list of: " + " | ".join(COSTS))
    lines.append("contacts:")
    for item in data["contacts"]:
        first = True
        for key, value in item.items():
            lines.append(("  - " if first else "    ") + _field_line(key, value))
            first = False
        if item["method"] == "phone":
            lines.append("    # free: true                         # free to call from landlines and mobiles")
        if item["method"] in ("phone", "chat"):
            lines.append("    # hours: 24/7                        # this contact's own hours, if they differ")
    lines += _wrap("  # more ways to reach it (CONTRIBUTING.md#contacts): ", _contact_needs(), "  #   ")

    common, own = optional_hints(kind, new.countries, taxonomy)
    lines += ["", "# Optional fields: remove the leading `# ` from the ones you can fill in."]
    for hint in common:
        lines += _comment_block(hint.key, hint.example, hint.note)
    lines += ["", f"# {KIND_SINGULAR[kind].capitalize()} fields:"]
    for hint in own:
        if hint.example is None:
            lines.append(f"# {hint.key}:".ljust(40) + (f" # {hint.note}" if hint.note else ""))
        else:
            lines += _comment_block(hint.key, hint.example, hint.note)
    lines += [
        "",
        "# Where these facts come from (CONTRIBUTING.md#sources): every page you read, the service's own first.",
        "# sources:",
        f"#   - url: {yaml_text(data['website'])}",
        f"#     read: {dt.date.today().isoformat()}".ljust(40) + " # the day you read the page",
        "#     supports: [contacts]".ljust(40) + " # what it states: " + ", ".join(SourcedFact.__args__[:6]) + ", ...",
        "# unconfirmed: [hours]".ljust(40) + " # facts you kept although no page states them",
    ]
    lines += [
        "",
        "# Leave out `verified` until you have checked every contact yourself, by calling or on the",
        "# service's own website (CONTRIBUTING.md#verifying-a-listing). Never copy or guess one.",
    ]
    return "\n".join(lines) + "\n"


def check_listing_text(root: Path, kind: str, listing_id: str, text: str) -> list[Problem]:
    """Problems the new file would have, found in a scratch copy; nothing in `root` is touched."""
    root = Path(root)
    shown_target = display_path(target_path(root, kind, listing_id))
    shown_taxonomy = display_path(root / TAXONOMY_FILE)
    with tempfile.TemporaryDirectory(prefix="kindred-new-") as scratch:
        scratch_root = Path(scratch)
        if (root / TAXONOMY_FILE).is_file():
            shutil.copyfile(root / TAXONOMY_FILE, scratch_root / TAXONOMY_FILE)
        (scratch_root / kind).mkdir()
        scratch_file = target_path(scratch_root, kind, listing_id)
        scratch_file.write_text(text, encoding="utf-8")
        loaded = load_directory(scratch_root)
        renames = {display_path(scratch_file): shown_target, display_path(scratch_root / TAXONOMY_FILE): shown_taxonomy}
        return [
            Problem(renames.get(p.path, p.path), p.line, p.column, p.message, p.severity, p.field)
            for p in loaded.problems.sorted()
        ]


def write_listing(root: Path, kind: str, listing_id: str, text: str) -> Path:
    """Create the file; never overwrite one (FileExistsError)."""
    path = target_path(root, kind, listing_id)
    path.parent.mkdir(exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path
