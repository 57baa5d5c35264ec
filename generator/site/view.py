"""What a page needs to show one listing, computed once from the validated record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any
from urllib.parse import quote, urlencode

from ..directory import ListingRecord
from ..freshness import tier
from ..i18n import N_, _, current_language
from ..i18n.dates import clock, long_date
from ..i18n.languages import text_direction
from ..models.base import field_value
from ..models.hours import WeeklyHours, is_always_open
from ..models.vocab import DAYS
from ..open_now import hours_data
from ..taxonomy import Taxonomy
from ..urls import display_site
from . import names
from .markdown_safe import render_description


@dataclass(frozen=True)
class Action:
    method: str
    label: str  # "Call 116 123"
    href: str
    detail: str = ""  # "Free · 24/7 · text HOME"
    note: str = ""
    external: bool = False
    hours: HoursView | None = None  # the contact's own hours, when it has them


@dataclass(frozen=True)
class HoursView:
    always: bool
    timezone: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    closed_on: tuple[str, ...] = ()
    note: str = ""
    data: dict = field(default_factory=dict)  # for the browser's "open now"

    @property
    def summary(self) -> str:
        return _("Open 24 hours, every day") if self.always else _("Times in %(zone)s") % {"zone": self.timezone}


def hours_view(hours) -> HoursView | None:
    if hours is None:
        return None
    if is_always_open(hours):
        return HoursView(True, data={"always": True})
    assert isinstance(hours, WeeklyHours)
    by_day: dict[str, list[str]] = {d: [] for d in DAYS}
    for interval in hours.weekly:
        shown = f"{clock(interval.opens)}–{clock(interval.closes)}" + (_(" (next day)") if interval.overnight else "")
        for day in interval.days:
            by_day[day].append(shown)
    rows = tuple((names.day_name(d), ", ".join(by_day[d]) or _("Closed")) for d in DAYS)
    data = hours_data(hours)
    return HoursView(False, hours.timezone, rows, tuple(long_date(d) for d in hours.closed_on), hours.note or "", data)


def _hours_word(hours) -> str:
    if hours is None:
        return ""
    return _("24/7") if is_always_open(hours) else _("see hours")


def contact_actions(record: ListingRecord) -> list[Action]:
    """The ways to get in touch, in the listing's order, as pages, cards and the finder show them."""
    actions = []
    for index, contact in enumerate(record.listing.contacts):
        parsed = record.numbers.get(index)
        details = []
        if field_value(contact, "free"):
            details.append(_("Free to call"))
        word = _hours_word(field_value(contact, "hours"))
        if word:
            details.append(word)
        method = contact.method
        before = len(actions)
        if method == "phone" and parsed:
            extension = contact.extension
            label = (
                _("Call %(number)s, then press %(extension)s") % {"number": contact.number, "extension": extension}
                if extension
                else _("Call %(number)s") % {"number": contact.number}
            )
            actions.append(
                Action(method, label, parsed.tel_href_with(extension), " · ".join(details), contact.note or "")
            )
        elif method == "sms" and parsed:
            keyword = contact.keyword
            label = (
                _("Text %(keyword)s to %(number)s") % {"keyword": keyword, "number": contact.number}
                if keyword
                else _("Text %(number)s") % {"number": contact.number}
            )
            actions.append(Action(method, label, parsed.sms_href(keyword), " · ".join(details), contact.note or ""))
        elif method == "whatsapp":
            href = contact.url or (parsed.whatsapp_href if parsed else "")
            if href:
                actions.append(
                    Action(method, _("Message on WhatsApp"), href, " · ".join(details), contact.note or "", True)
                )
        elif method == "email":
            actions.append(
                Action(
                    method,
                    _("Email %(address)s") % {"address": contact.address},
                    "mailto:" + contact.address,
                    "",
                    contact.note or "",
                )
            )
        elif field_value(contact, "url"):
            host = display_site(contact.url)
            actions.append(
                Action(
                    method,
                    names.METHOD_LABELS[method],
                    contact.url,
                    " · ".join(filter(None, [host] + details)),
                    contact.note or "",
                    True,
                )
            )
        own_hours = hours_view(field_value(contact, "hours"))
        if own_hours and len(actions) > before:
            actions[-1] = replace(actions[-1], hours=own_hours)
    return actions


def _yes_no(value) -> str | None:
    return None if value is None else (_("Yes") if value else _("No"))


def _label(value: str | None) -> str | None:
    return names.vocab_label(value)


def _kind_facts(record: ListingRecord) -> list[tuple[str, str]]:
    listing = record.listing
    facts: list[tuple[str, str | None]] = []
    if record.kind == "helplines":
        facts = [
            (_("Type of service"), _label(listing.service)),
            (_("Who answers"), ", ".join(_label(r) or r for r in listing.responders) if listing.responders else None),
            (_("Confidentiality"), listing.confidentiality),
        ]
    elif record.kind == "communities":
        facts = [
            (_("Platform"), _label(listing.platform)),
            (_("How to join"), _label(listing.access)),
            (_("Moderation"), _label(listing.moderation)),
            (_("Anonymity"), _label(listing.anonymity)),
            (_("Run by peers"), _yes_no(listing.peer_led)),
            (_("Points members in crisis to helplines"), _("Yes") if listing.crisis_signposting else _("Not stated")),
        ]
    elif record.kind == "teletherapy":
        price = listing.price
        if price:
            amount = f"{price.from_:g}" + (f"–{price.to:g}" if price.to is not None else "")
            per = {"session": _("per session"), "week": _("per week"), "month": _("per month")}.get(
                price.per, price.per
            )
            price_text = f"{amount} {price.currency} {per}"
        else:
            price_text = None
        insurance = listing.insurance
        insurance_text = ", ".join(insurance) if isinstance(insurance, list) else _yes_no(insurance)
        licensed = [names.region_name(c) if "-" in c else names.country_name(c) for c in listing.licensed_in]
        facts = [
            (_("Ways to meet"), ", ".join(_label(m) or m for m in listing.modalities) or None),
            (_("Professionals"), ", ".join(_label(p) or p for p in listing.professions) or None),
            (_("Licensed in"), ", ".join(licensed) or None),
            (_("Price"), price_text),
            (_("Insurance"), insurance_text),
            (_("Free trial"), _yes_no(listing.free_trial)),
            (_("Can prescribe medication"), _yes_no(listing.prescribing)),
        ]
    return [(label, value) for label, value in facts if value]


@dataclass(frozen=True)
class SourceView:
    """One page the listing's facts come from, as the page lists it."""

    url: str
    supports: str  # "contact details, opening hours"
    read: dt.date
    note: str

    @property
    def shown(self) -> str:
        """The address without its scheme, cut short: readable link text that still says where it goes."""
        text = self.url.split("://", 1)[-1].removeprefix("www.")
        return text if len(text) <= 70 else text[:69] + "…"


def _sources(listing) -> list[SourceView]:
    return [
        SourceView(s.url, ", ".join(names.FACT_LABELS[f] for f in s.supports), s.read, s.note or "")
        for s in listing.sources
    ]


def report_email_problem(address: str) -> str:
    """'' when the site's report address is empty or a plain email address, else why not (the listing rule)."""
    if not address:
        return ""
    from pydantic import TypeAdapter, ValidationError

    from ..models.fields import Email

    try:
        TypeAdapter(Email).validate_python(address)
    except ValidationError as exc:
        return exc.errors()[0]["msg"]
    return ""


def _report_email(address: str, key: str, name: str) -> str:
    """mailto: with a subject naming the listing; every part percent-encoded, so no header can be added."""
    if not address:
        return ""
    subject = quote(f"Problem with {key}: {name}", safe="")
    return f"mailto:{quote(address, safe='@')}?subject={subject}"


@dataclass(frozen=True)
class ListingView:
    record: ListingRecord
    id: str
    kind: str
    kind_label: str
    url: str  # site-relative, e.g. "helplines/samaritans/"
    name: str
    summary: str
    description: str | None  # Markdown, as shown: see description_html
    website: str
    website_host: str
    organization: Any
    actions: list[Action]
    hours: HoursView | None
    topics: list[tuple[str, str]]
    audiences: list[tuple[str, str]]
    countries: list[tuple[str, str]]
    regions: list[str]
    languages: list[str]
    costs: list[str]
    age: str
    facts: list[tuple[str, str]]
    status: str
    verified: Any
    caution: str
    report_url: str
    edit_path: str
    sources: list[SourceView] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)  # fact labels no source confirmed
    freshness: str = "current"  # current | old | outdated: the verification's age when the site was built
    report_email: str = ""  # a mailto: link, when the site configures an address
    # The language of name, summary and description as shown (a translation's, or what the listing is written
    # in), and its direction: the templates wrap text not in the page language in its own lang and dir.
    text_lang: str = "en"
    text_dir: str = "ltr"
    name_lang: str = "en"
    summary_lang: str = "en"

    @cached_property
    def description_html(self) -> str:
        """Worked out when a page first shows it (only the listing's own page does; in a build, in the process
        that writes that page), and remembered per text (markdown_safe.render_description)."""
        return render_description(self.description)

    @cached_property
    def shown_key(self) -> tuple[str, str, str, str] | None:
        """What a page of cards shows of this listing, for PagePlan.inputs (pages.views_shown: a listing is on
        several browse pages, so it is worked out once); None when its record has no digest."""
        digest = self.record.doc.digest
        return (self.kind, self.id, digest, self.freshness) if digest else None

    @property
    def contact_hours(self) -> list[tuple[str, HoursView]]:
        """(action label, hours) for each contact whose own hours differ from the listing's."""
        return [(a.label, a.hours) for a in self.actions if a.hours and a.hours != self.hours]


def _age_text(age) -> str:
    if not age or (age.min is None and age.max is None):
        return ""
    if age.min is not None and age.max is not None:
        return _("Ages %(min)s to %(max)s") % {"min": age.min, "max": age.max}
    if age.min is not None:
        return _("Ages %(min)s and over") % {"min": age.min}
    return _("Up to age %(max)s") % {"max": age.max}


CAUTIONS = {
    "communities": N_(
        "This community has not told us that it points members in crisis to helplines. "
        "Peers are not trained to respond to emergencies."
    ),
    "teletherapy": N_("Teletherapy is not for emergencies."),
}


@dataclass(frozen=True)
class ShownText:
    """A listing's name, summary and description in the page language where it has them, each with its language."""

    name: str
    summary: str
    description: str | None
    name_lang: str
    summary_lang: str
    description_lang: str


def shown_text(listing) -> ShownText:
    """The translation for the page language where the listing has one (field by field), else its own text."""
    page = current_language()
    own = listing.written_in
    tag, translation = (None, None) if _same_language(own, page) else _translation_for(listing.translations, page)

    def pick(field_name: str) -> tuple:
        value = getattr(translation, field_name, None) if translation is not None else None
        return (value, tag) if value else (getattr(listing, field_name), own)

    (name, name_lang), (summary, summary_lang) = pick("name"), pick("summary")
    description, description_lang = pick("description")
    return ShownText(name, summary, description, name_lang, summary_lang, description_lang)


def _same_language(tag: str, page: str) -> bool:
    return tag.lower() == page.lower()


def _translation_for(translations: dict, page: str) -> tuple:
    """(tag, translation) for the page language: the exact tag ("pt-BR"), else the bare language ("pt")."""
    for wanted in (page.lower(), page.split("-")[0].lower()):
        for tag, value in translations.items():
            if tag.lower() == wanted:
                return tag, value
    return None, None


def build_view(
    record: ListingRecord, taxonomy: Taxonomy, repo_url: str = "", report_email: str = "", today: dt.date | None = None
) -> ListingView:
    listing = record.listing
    caution = ""
    if record.kind == "communities" and not listing.crisis_signposting:
        caution = _(CAUTIONS["communities"])
    report_url = ""
    if repo_url:
        query = urlencode(
            {
                "template": "report-a-problem.yml",
                "listing": record.key,
                "title": f"Problem with {record.key}: {listing.name}",
            }
        )
        report_url = f"{repo_url.rstrip('/')}/issues/new?{query}"
    text = shown_text(listing)
    return ListingView(
        record=record,
        id=record.id,
        kind=record.kind,
        kind_label=names.KIND_LABELS[record.kind],
        url=f"{record.kind}/{record.id}/",
        name=text.name,
        summary=text.summary,
        description=text.description,
        text_lang=text.description_lang,
        text_dir=text_direction(text.description_lang),
        name_lang=text.name_lang,
        summary_lang=text.summary_lang,
        website=listing.website,
        website_host=display_site(listing.website),
        organization=listing.organization,
        actions=contact_actions(record),
        hours=hours_view(listing.hours),
        topics=[(t, taxonomy.label("topics", t)) for t in listing.topics],
        audiences=[(a, taxonomy.label("audiences", a)) for a in listing.audiences],
        countries=[(c, names.country_name(c)) for c in listing.countries],
        regions=[names.region_name(r) for r in listing.regions],
        languages=[names.language_name(lang) for lang in listing.languages],
        costs=[names.COST_LABELS[c] for c in listing.cost],
        age=_age_text(listing.age),
        facts=_kind_facts(record),
        status=listing.status,
        verified=listing.verified,
        caution=caution,
        report_url=report_url,
        edit_path=f"directory/{record.kind}/{record.id}.yaml",
        sources=_sources(listing),
        unconfirmed=[names.FACT_LABELS[f] for f in listing.unconfirmed],
        freshness=tier(listing.verified.date, today) if listing.verified else "current",
        report_email=_report_email(report_email, record.key, listing.name),
    )
