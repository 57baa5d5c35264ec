"""The finder's compact per-listing record: only what a card and the filters need.

The browser reads these from find/listings.json (see finder_files.py) with generator/assets/finder/records.js.
Keys are short because the file holds every listing; contract.COLUMNS says what each holds.
"""

from __future__ import annotations

from typing import Any, get_args

from .. import open_now
from ..directory import Directory, ListingRecord
from ..i18n import N_, _, current_language
from ..models import Community, Teletherapy
from ..models.vocab import CONTACT_METHODS
from ..ranking import published_in_site_order
from ..site import names
from ..site.safety import safe_href
from ..site.view import contact_actions, shown_text
from ..taxonomy import Taxonomy

# Contact methods as the finder names them: an SMS contact is "text".
CONTACT_NAMES = {"sms": "text"}
CONTACT_LABELS = names.Translated(
    {
        "phone": N_("Phone call"),
        "text": N_("Text message (SMS)"),
        "whatsapp": N_("WhatsApp"),
        "chat": N_("Online chat"),
        "email": N_("Email"),
        "video": N_("Video call"),
        "app": N_("App"),
        "join": N_("Join online"),
    }
)
SAFE_SCHEMES = ("https:", "http:", "tel:", "sms:", "mailto:")


def contact_name(method: str) -> str:
    return CONTACT_NAMES.get(method, method)


def listing_hours(record: ListingRecord) -> list[dict]:
    """Every distinct set of hours a listing has (open_now.listing_hours), as the browser reads them."""
    return open_now.listing_hours(record.listing)


def always_open(record: ListingRecord) -> bool:
    return any(hours.get("always") for hours in listing_hours(record))


def _href(href: str) -> str:
    """Only links the finder may put on a card; anything else is left out (defence in depth)."""
    safe = safe_href(href)
    return safe if safe and safe.lower().startswith(SAFE_SCHEMES) else ""


def listing_record(record: ListingRecord) -> dict[str, Any]:
    """One listing for the finder, keyed by the columns of contract.COLUMNS (a key is absent when it has no value).

    Here `a` holds [method, label, href, external 0/1] and `h` the full hours; encode_listing makes them compact.
    """
    listing = record.listing
    methods: list[str] = []
    for contact in listing.contacts:
        name = contact_name(contact.method)
        if name not in methods:
            methods.append(name)
    methods.sort(key=lambda m: [contact_name(x) for x in CONTACT_METHODS].index(m))
    actions = []
    for action in contact_actions(record):
        href = _href(action.href)
        if href:
            actions.append([action.method, action.label, href, 1 if action.external else 0])
    text = shown_text(listing)
    out: dict[str, Any] = {
        "id": record.id,
        "k": record.kind,
        "n": text.name,
        "s": text.summary,
        "tp": list(listing.topics),
        "au": list(listing.audiences),
        "co": list(listing.countries),
    }
    if text.summary_lang.lower() != current_language().lower():
        out["tl"] = text.summary_lang
    service = getattr(listing, "service", None)
    if service:
        out["sv"] = service
    if listing.regions:
        out["rg"] = list(listing.regions)
    out.update({"la": list(listing.languages), "cs": list(listing.cost), "cm": methods, "a": actions})
    hours = listing_hours(record)
    if hours:
        out["h"] = hours
    if any(h.get("always") for h in hours):
        out["ao"] = 1
    if listing.status == "paused":
        out["st"] = "paused"
    if isinstance(listing, Community):
        for key, value in (("mod", listing.moderation), ("anon", listing.anonymity), ("acc", listing.access)):
            if value:
                out[key] = value
    elif isinstance(listing, Teletherapy):
        if listing.modalities:
            out["mode"] = list(listing.modalities)
        insurance = listing.insurance
        if insurance is True or (isinstance(insurance, list) and insurance):
            out["ins"] = 1
        if listing.free_trial:
            out["ft"] = 1
    return out


def ordered_records(directory: Directory) -> list[ListingRecord]:
    """Published listings in the site's order (generator/ranking.py); a listing's position is its search-index ref."""
    return published_in_site_order(directory)


def name_ranks(records: list[ListingRecord]) -> list[int]:
    """Each listing's place when sorted by name (ignoring case), then id: the ranking's last key, which the
    browser cannot work out itself (Python's casefold is not JavaScript's toLowerCase)."""
    order = sorted(range(len(records)), key=lambda n: (records[n].listing.name.casefold(), records[n].id))
    ranks = [0] * len(records)
    for rank, number in enumerate(order):
        ranks[number] = rank
    return ranks


def help_data(directory: Directory) -> dict[str, dict[str, list]]:
    """Each profiled country's emergency numbers and "start here" lines, for the finder's crisis block:
    {code: {"e": [[number, tel href, note], ...], "s": [[listing id, ...] per group]}} (help_now.py)."""
    from ..help_now import country_help

    out: dict[str, dict[str, list]] = {}
    for code, record in sorted(directory.countries.items()):
        shown = country_help(directory, record)
        out[code] = {
            "e": [[call.number, _href(call.href), call.note] for call in shown.emergency if _href(call.href)],
            "s": [[member.id for member in group] for group in shown.start_here],
        }
    return out


def region_names(records: list[ListingRecord]) -> dict[str, str]:
    return {code: names.region_name(code) for code in sorted({c for r in records for c in r.listing.regions})}


def primary_language(tag: str) -> str:
    return tag.split("-")[0].lower()


def facet_options(directory: Directory, records: list[ListingRecord]) -> dict[str, list[list[str]]]:
    """Every filter's values in display order, as [value, label] pairs."""
    from ..models import vocab

    taxonomy: Taxonomy = directory.taxonomy
    countries = sorted({c for r in records for c in r.listing.countries if c != "worldwide"}, key=names.country_name)
    languages = sorted(
        {primary_language(t) for r in records for t in r.listing.languages},
        key=lambda tag: names.language_name(tag).casefold(),
    )

    def labelled(values, label) -> list[list[str]]:
        return [[value, label(value)] for value in values]

    def plain(value: str) -> str:
        return names.vocab_label(value) or value

    return {
        "kind": labelled(names.KIND_PLURALS, names.KIND_PLURALS.get),
        "open": [["now", _("Open now")], ["24-7", _("Open 24/7")]],
        "contact": labelled([contact_name(m) for m in CONTACT_METHODS], CONTACT_LABELS.get),
        "cost": labelled(get_args(vocab.Cost), names.COST_LABELS.get),
        "topic": [[t.id, t.label] for t in taxonomy.facet("topics").values()],
        "audience": [[t.id, t.label] for t in taxonomy.facet("audiences").values()],
        "country": [["worldwide", _("Worldwide services")]] + labelled(countries, names.country_name),
        "language": labelled(languages, names.language_name),
        "moderation": labelled(get_args(vocab.Moderation), lambda v: _("No moderation") if v == "none" else plain(v)),
        "anonymity": labelled(get_args(vocab.Anonymity), plain),
        "access": labelled(get_args(vocab.Access), plain),
        "modality": labelled(get_args(vocab.Modality), plain),
        "insurance": [["yes", _("Accepts insurance")]],
        "trial": [["yes", _("Free trial")]],
    }


# Card labels the browser can work out from an action itself (generator/assets/finder/records.js: actionLabel).
DEFAULT_LABELS = {
    "whatsapp": "Message on WhatsApp",
    "chat": names.METHOD_LABELS["chat"],
    "video": names.METHOD_LABELS["video"],
    "app": names.METHOD_LABELS["app"],
    "join": names.METHOD_LABELS["join"],
}
# Which listing keys hold values of which filter: sent as positions in that filter's option list.
INDEXED_KEYS = {"k": "kind", "tp": "topic", "au": "audience", "cs": "cost", "cm": "contact", "mode": "modality"}


def default_label(method: str, href: str) -> str | None:
    if method == "email" and href.startswith("mailto:"):
        return "Email " + href[len("mailto:") :]
    return DEFAULT_LABELS.get(method)


def encode_hours(hours: dict):
    """1 for 24/7, else [zone, [[days ("motuwe"), opens, closes], ...], closed dates (only if any)]."""
    if hours.get("always"):
        return 1
    encoded = [hours["tz"], [["".join(i["days"]), i["opens"], i["closes"]] for i in hours["weekly"]]]
    if hours.get("closed"):
        encoded.append(hours["closed"])
    return encoded


def option_positions(facets: dict[str, list[list[str]]]) -> dict[str, dict[str, int]]:
    return {facet: {value: number for number, (value, _) in enumerate(options)} for facet, options in facets.items()}


def encode_listing(record: dict[str, Any], positions: dict[str, dict[str, int]]) -> dict[str, Any]:
    """listing_record() as sent: filter values as option positions, derivable labels and flags left out.

    decodeData in generator/assets/finder/records.js reads it back (tests/search/test_records.py checks the round
    trip against listing_record()).
    """
    out = dict(record)
    for key, facet in INDEXED_KEYS.items():
        if key in out:
            value = out[key]
            out[key] = positions[facet][value] if isinstance(value, str) else [positions[facet][v] for v in value]
    out["a"] = [
        [method, href] if default_label(method, href) == label else [method, href, label]
        for method, label, href, _external in record["a"]
    ]
    if "h" in out:
        out["h"] = [encode_hours(hours) for hours in record["h"]]
    return out
