"""HSDS phones, virtual locations and contacts back into Kindred contacts (import side).

The contact list is rebuilt by merging two orders the export keeps: the order of
`phones` and the order of `service_at_locations`. A phone inside a
service_at_location is one contact with that channel's hours.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...phones import foreign_region, parse_number
from .hours import import_hours
from .places import language_tag

_NUMBER = r"[+0-9][0-9 ()-]*"
_GENERATED = re.compile(rf"\A(Text .+? to {_NUMBER}\.|WhatsApp only\.|Free to call\.|Calls may be charged\.)(\s+|\Z)")
_KEYWORD = re.compile(rf"\AText (.+?) to {_NUMBER}\.")
_HINTS = (
    ("whatsapp", "whatsapp"),
    ("chat", "chat"),
    ("video", "video"),
    (" app", "app"),
    ("app ", "app"),
    ("join", "join"),
    ("sign up", "join"),
    ("sign-up", "join"),
    ("register", "join"),
)
URL_METHODS = ("chat", "whatsapp", "video", "app", "join")
_WITH_HOURS = ("phone", "sms", "whatsapp", "chat", "video")
_WITH_LANGUAGES = ("phone", "sms", "whatsapp", "chat")
NOTE_MAX = 300


def short_note(text: str | None, report: Callable[[str], None], where: str) -> str | None:
    text = " ".join(str(text or "").split())
    if len(text) <= NOTE_MAX:
        return text or None
    cut = text[: NOTE_MAX - 1].rsplit(" ", 1)[0] + "…"
    report(f"{where}: note shortened to {NOTE_MAX} characters")
    return cut


class ContactImport:
    def __init__(
        self, service: dict, resolver, countries: list[str], default_zone: str | None, report: Callable[[str], None]
    ):
        self.service, self.resolver, self.report = service, resolver, report
        self.countries = tuple(countries)
        self.default_zone = default_zone

    def _languages(self, records) -> list[str]:
        tags = []
        for record in records or []:
            if isinstance(record, dict):
                tag = language_tag(record, (self.resolver.facts(record).get("language/tag") or [None])[0])
                if tag and tag not in tags:
                    tags.append(tag)
                elif not tag:
                    self.report(
                        f"language {record.get('id')}: `{record.get('code') or record.get('name')}` is "
                        f"not a BCP 47 language; dropped"
                    )
        return tags

    def _hours(self, schedules) -> object | None:
        if not schedules:
            return None
        return import_hours(
            [s for s in schedules if isinstance(s, dict)], self.resolver.facts, self.default_zone, self.report
        )

    def phone(self, phone: dict, hours=None) -> dict | None:
        facts = self.resolver.facts(phone)
        where = f"phone {phone.get('id')}"
        kind = str(phone.get("type") or "voice").strip().lower()
        method = (
            "whatsapp"
            if (facts.get("contact/method") or [""])[0] == "whatsapp"
            else "sms"
            if kind in ("text", "sms")
            else "phone"
        )
        if kind in ("fax", "pager"):
            self.report(f"{where}: a {kind} number; Kindred lists ways people reach a service; dropped")
            return None
        number = str(phone.get("number") or "").strip().strip("\"'").strip()
        if not number:
            self.report(f"{where}: no number; dropped")
            return None
        claimed_short = (facts.get("contact/short_code") or [None])[0] == "true"
        parsed = parse_number(number, self.countries, allow_short=method != "whatsapp", claimed_short=claimed_short)
        if parsed is None:
            self.report(f"{where}: `{number}` is not a valid number in {', '.join(self.countries)}; dropped")
            return None
        description = str(phone.get("description") or "").strip()
        contact: dict = {"method": method, "number": number}
        keyword = (facts.get("contact/keyword") or [None])[0]
        match = _KEYWORD.match(description)
        if method == "sms" and (keyword or match):
            contact["keyword"] = keyword or match.group(1)
        note = description
        while _GENERATED.match(note):
            note = _GENERATED.sub("", note, count=1)
        extras = {"textphone": "Textphone (TTY).", "video": "Videophone."}
        if kind in extras:
            note = f"{extras[kind]} {note}".strip()
        if phone.get("extension") not in (None, ""):
            note = f"{note} Extension {phone['extension']}.".strip()
            self.report(f"{where}: extension {phone['extension']} moved into the note")
        note = short_note(note, self.report, where)
        if note:
            contact["note"] = note
        free = (facts.get("contact/free") or [None])[0]
        if method == "phone":
            if free is None and description.startswith(("Free to call.", "Calls may be charged.")):
                free = "true" if description.startswith("Free") else "false"
            if free in ("true", "false"):
                contact["free"] = free == "true"
        for flag in ("international", "cost_confirmed"):
            value = (facts.get(f"contact/{flag}") or [None])[0]
            if value in ("true", "false"):
                contact[flag] = value == "true"
        abroad = foreign_region(parsed, tuple(self.countries))
        if abroad and "international" not in contact:
            contact["international"] = True
            contact["note"] = (
                f"{contact.get('note', '')} A number in {abroad}: callers dial it internationally.".strip()
            )
            self.report(
                f"{where}: `{number}` is a number in {abroad}, outside the service's countries; imported "
                f"as `international: true` with a note; check it"
            )
        short_code = (facts.get("contact/short_code") or [None])[0]
        if short_code in ("true", "false") and method != "whatsapp":
            contact["short_code"] = short_code == "true"
        elif not parsed.known:
            self.report(
                f"{where}: `{number}` may be a short code the phone-number library does not list; check it "
                f"with the service and add `short_code: true`"
            )
        languages = self._languages(phone.get("languages"))
        if languages:
            contact["languages"] = languages
        if hours is not None:
            contact["hours"] = hours
        return contact

    def _url_method(self, location: dict) -> str | None:
        facts = self.resolver.facts(location)
        method = (facts.get("contact/method") or [None])[0]
        if method in URL_METHODS:
            return method
        text = f" {location.get('name') or ''} {location.get('description') or ''} ".casefold()
        return next((m for hint, m in _HINTS if hint in text), None)

    def channel(self, channel: dict) -> list[dict]:
        """Contacts for one service_at_location: its phones, and its link if the location is virtual."""
        where = f"service_at_location {channel.get('id')}"
        hours = self._hours(channel.get("schedules"))
        location = channel.get("location") if isinstance(channel.get("location"), dict) else {}
        contacts = []
        for phone in channel.get("phones") or []:
            contact = self.phone(phone, hours) if isinstance(phone, dict) else None
            if contact:
                contacts.append(contact)
        kind = str(location.get("location_type") or "").lower()
        if kind in ("physical", "postal"):
            self.report(
                f"location {location.get('id')} ({kind}): Kindred listings have no addresses; only its "
                f"phones and hours were used"
            )
        url = str(location.get("url") or "").strip()
        if not url:
            return contacts
        method = self._url_method(location)
        if kind != "virtual" and method is None:
            return contacts
        if method is None or not url.lower().startswith(("https://", "http://")):
            why = (
                "it does not say whether the link is a chat, video call, app or sign-up page"
                if method is None
                else "only web links can be listed"
            )
            self.report(f"{where}: link {url} not imported: {why}")
            return contacts
        contact: dict = {"method": method, "url": url}
        note = short_note(location.get("description"), self.report, where)
        if note:
            contact["note"] = note
        languages = self._languages(location.get("languages"))
        if languages and method in _WITH_LANGUAGES:
            contact["languages"] = languages
        if hours is not None and method in _WITH_HOURS:
            contact["hours"] = hours
        whatsapp = [c for c in contacts if c["method"] == "whatsapp"]
        if method == "whatsapp" and len(whatsapp) == 1:
            merged = {**contact, **whatsapp[0], "url": url}
            return [merged if c is whatsapp[0] else c for c in contacts]
        return contacts + [contact]

    def emails(self) -> list[dict]:
        found: list[dict] = []
        for person in self.service.get("contacts") or []:
            if not isinstance(person, dict):
                continue
            address = str(person.get("email") or "").strip()
            label = [str(person.get(k)) for k in ("name", "title", "department") if person.get(k)]
            if address and all(c["address"] != address for c in found):
                email = {"method": "email", "address": address}
                note = ", ".join(label)
                if note and note != "Email":
                    email["note"] = short_note(note, self.report, f"contact {person.get('id')}")
                found.append(email)
            elif not address and not person.get("phones"):
                self.report(f"contact {person.get('id')} ({', '.join(label) or 'no name'}): no email or phone; dropped")
        main = str(self.service.get("email") or "").strip()
        if main and all(c["address"] != main for c in found):
            found.insert(0, {"method": "email", "address": main})
        return found

    def build(self) -> list[dict]:
        phones: dict[str, dict] = {}
        order: list[str] = []
        for phone in self.service.get("phones") or []:
            if isinstance(phone, dict):
                phones.setdefault(str(phone.get("id")), phone)
                order.append(str(phone.get("id")))
        for person in self.service.get("contacts") or []:
            for phone in (person.get("phones") or []) if isinstance(person, dict) else []:
                if isinstance(phone, dict) and str(phone.get("id")) not in phones:
                    phones[str(phone.get("id"))] = phone
                    order.append(str(phone.get("id")))
        channels = [c for c in self.service.get("service_at_locations") or [] if isinstance(c, dict)]
        owner = {
            str(p.get("id")): i for i, c in enumerate(channels) for p in c.get("phones") or [] if isinstance(p, dict)
        }
        contacts: list[dict] = []
        done: set[int] = set()
        next_channel = 0

        def emit_channel(index: int) -> None:
            done.add(index)
            contacts.extend(self.channel(channels[index]))

        for phone_id in order:
            if phone_id in owner:
                index = owner[phone_id]
                while next_channel < index:  # channels listed before this one come first
                    if next_channel not in done:
                        emit_channel(next_channel)
                    next_channel += 1
                if index not in done:
                    emit_channel(index)
                continue
            contact = self.phone(phones[phone_id])
            if contact:
                contacts.append(contact)
        for index in range(len(channels)):
            if index not in done:
                emit_channel(index)
        seen, unique = set(), []
        for contact in contacts + self.emails():
            key = tuple(
                sorted(
                    (k, str(v)) for k, v in contact.items() if k in ("method", "number", "url", "address", "keyword")
                )
            )
            if key not in seen:
                seen.add(key)
                unique.append(contact)
        return unique
