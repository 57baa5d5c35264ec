"""Languages and service areas, both ways.

Languages: HSDS `code` is an ISO 639 code, so a BCP 47 tag with more than a
language subtag (pt-BR, es-419) is published as its language code plus a
`language/tag` attribute holding the whole tag.
Areas: one service_area per country (ISO 3166-1) and per region (ISO 3166-2), with
the code in an `area/code` attribute and in the description. A country that has
regions listed is published as those regions only: a region narrows its country.
"""

from __future__ import annotations

import re
from functools import lru_cache

import langcodes
import pycountry

from ...models.fields import WORLDWIDE
from .ids import child_uuid

WORLDWIDE_NAME = "Worldwide"


@lru_cache(maxsize=4096)
def _language(tag: str) -> tuple[str, str]:
    """(code, English name) of a BCP 47 tag: the same few tags come up in every listing."""
    language = langcodes.Language.get(tag, normalize=False)
    return language.language or tag, language.display_name("en")


def language_record(tag: str, parent: str, vocabulary) -> dict:
    code, name = _language(tag)
    record = {"id": child_uuid(parent, "language", tag), "name": name, "code": code}
    if code != tag:
        record["attributes"] = [vocabulary.field("language/tag", record["id"], "language", tag)]
    return record


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def region_name(code: str) -> str:
    region = pycountry.subdivisions.get(code=code)
    return re.sub(r"\s*\[[^]]*\]", "", region.name) if region else code  # "Wales [Cymru GB-CYM]" -> "Wales"


def area_records(countries: list[str], regions: list[str], service_id: str, vocabulary) -> list[dict]:
    records = []

    def add(code: str, name: str, description: str) -> None:
        area_id = child_uuid(service_id, "service_area", code)
        records.append(
            {
                "id": area_id,
                "name": name,
                "description": description,
                "attributes": [vocabulary.field("area/code", area_id, "service_area", code)],
            }
        )

    for country in countries:
        if country == WORLDWIDE:
            add(WORLDWIDE, WORLDWIDE_NAME, "Available from every country.")
            continue
        inside = [r for r in regions if r.split("-")[0] == country]
        for region in inside:
            add(region, region_name(region), f"ISO 3166-2 {region}, in {country_name(country)}.")
        if not inside:
            add(country, country_name(country), f"ISO 3166-1 {country}.")
    return records


# --- import ---------------------------------------------------------------------------------------------------

_CODE = re.compile(r"\b([A-Z]{2}(?:-[A-Z0-9]{1,3})?)\b")


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    return frozenset(s.code for s in pycountry.subdivisions)


def area_code(area: dict, attribute_code: str | None) -> str | None:
    """The country/region code (or `worldwide`) a service_area names, or None."""
    if attribute_code and (
        attribute_code in _countries() or attribute_code in _regions() or attribute_code == WORLDWIDE
    ):
        return attribute_code
    texts = [str(area.get(k) or "") for k in ("name", "description", "uri")]
    if texts[0].strip().lower() in ("worldwide", "global", "international", "world"):
        return WORLDWIDE
    for text in texts:
        for code in _CODE.findall(text):
            if code in _regions() or ("-" not in code and code in _countries() and len(text.strip()) <= 60):
                return code
    name = texts[0].strip()
    if name and len(name) <= 60:
        try:
            return pycountry.countries.lookup(name).alpha_2
        except LookupError:
            pass
    return None


def language_tag(record: dict, attribute_tag: str | None) -> str | None:
    """A valid BCP 47 tag for an HSDS language record, or None."""
    for candidate in (attribute_tag, record.get("code")):
        if not candidate or not isinstance(candidate, str):
            continue
        if valid_tag(candidate.strip()):
            return candidate.strip()  # as written: the contributor's tag, or a code that is already BCP 47
        try:
            tag = langcodes.standardize_tag(candidate.strip())  # ISO 639-2/3 codes such as `eng`
        except (ValueError, LookupError):
            continue
        if valid_tag(tag):
            return tag
    name = record.get("name")
    if isinstance(name, str) and name.strip():
        try:
            tag = langcodes.find(name.strip()).to_tag()
        except LookupError:
            return None
        return tag if valid_tag(tag) else None
    return None


def valid_tag(tag: str) -> bool:
    return langcodes.tag_is_valid(tag) and langcodes.Language.get(tag, normalize=False).is_valid()
