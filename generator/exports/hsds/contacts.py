"""Kindred contacts as HSDS phones, virtual locations and contacts (export side).

- phone, sms and WhatsApp numbers become `phones` (type voice, text, cell);
- a contact with its own hours, or reached by a link (chat, video, app, join,
  WhatsApp link), becomes a `service_at_location` with a virtual `location`
  (its `url`), and the contact's phone and schedules sit inside it;
- email addresses become `contacts` (and the first one the service `email`).

Each array keeps the listing's order, so an import can rebuild the contact list.
"""

from __future__ import annotations

from ...directory import ListingRecord
from ...models.base import field_value
from .hours import export_schedules
from .ids import IdMaker
from .places import language_record

PHONE_TYPES = {"phone": "voice", "sms": "text", "whatsapp": "cell"}
CHANNEL_NAMES = {
    "chat": "Live chat",
    "video": "Video calls",
    "app": "App",
    "join": "Join the community",
    "whatsapp": "WhatsApp",
}


def phone_text(note: str | None, method: str, keyword: str | None, number: str, free: bool | None) -> str:
    """The phone's description: what HSDS has no field for, in words, then the contributor's note."""
    parts = []
    if method == "sms" and keyword:
        parts.append(f"Text {keyword} to {number}.")
    if method == "whatsapp":
        parts.append("WhatsApp only.")
    if free is True:
        parts.append("Free to call.")
    elif free is False:
        parts.append("Calls may be charged.")
    return " ".join(parts + ([note] if note else []))


class ContactExport:
    """Build the contact-related arrays of one service."""

    def __init__(self, record: ListingRecord, service_id: str, vocabulary):
        self.record, self.service_id, self.vocabulary = record, service_id, vocabulary
        self.ids = IdMaker(service_id)
        self.phones: list[dict] = []
        self.channels: list[dict] = []
        self.emails: list[dict] = []

    def build(self) -> ContactExport:
        for index, contact in enumerate(self.record.listing.contacts):
            if contact.method == "email":
                self._email(contact)
                continue
            phone = self._phone(index, contact) if field_value(contact, "number") else None
            if phone is not None:
                self.phones.append(phone)
            if field_value(contact, "hours") is not None or field_value(contact, "url"):
                self.channels.append(self._channel(contact, phone))
        return self

    def _attributes(self, link_id: str, entity: str, pairs: list[tuple[str, str | None]]) -> list[dict]:
        return [self.vocabulary.field(code, link_id, entity, value) for code, value in pairs if value is not None]

    def _phone(self, index: int, contact) -> dict:
        parsed = self.record.numbers.get(index)
        number = parsed.international if parsed is not None and not parsed.short else contact.number
        keyword = field_value(contact, "keyword")
        free = field_value(contact, "free")
        phone_id = self.ids("phone", contact.method, parsed.dial if parsed else contact.number, keyword or "")
        phone: dict = {"id": phone_id, "number": number, "type": PHONE_TYPES[contact.method]}
        text = phone_text(contact.note, contact.method, keyword, number, free)
        if text:
            phone["description"] = text
        languages = field_value(contact, "languages")
        if languages:
            phone["languages"] = [language_record(tag, phone_id, self.vocabulary) for tag in languages]
        flags = {name: field_value(contact, name) for name in ("short_code", "international", "cost_confirmed")}
        attributes = self._attributes(
            phone_id,
            "phone",
            [
                ("contact/method", "whatsapp" if contact.method == "whatsapp" else None),
                ("contact/keyword", keyword),
                ("contact/free", None if free is None else str(free).lower()),
                *((f"contact/{name}", None if value is None else str(value).lower()) for name, value in flags.items()),
            ],
        )
        if attributes:
            phone["attributes"] = attributes
        return phone

    def _channel(self, contact, phone: dict | None) -> dict:
        url = field_value(contact, "url")
        key = url or phone["number"]
        location_id = self.ids("location", contact.method, key)
        name = CHANNEL_NAMES.get(contact.method) if url else None
        name = name or (f"Text {phone['number']}" if contact.method == "sms" else f"Phone {phone['number']}")
        location: dict = {
            "id": location_id,
            "location_type": "virtual",
            "name": name,
            "attributes": self._attributes(location_id, "location", [("contact/method", contact.method)]),
        }
        if url:
            location["url"] = url
        if contact.note and phone is None:
            location["description"] = contact.note
        languages = field_value(contact, "languages")
        if languages and phone is None:
            location["languages"] = [language_record(tag, location_id, self.vocabulary) for tag in languages]
        channel_id = self.ids("service_at_location", contact.method, key)
        channel: dict = {
            "id": channel_id,
            "location": location,
            "description": f"{name}: {contact.note}" if contact.note else name,
        }
        if phone is not None:
            channel["phones"] = [phone]
        hours = field_value(contact, "hours")
        if hours is not None:
            channel["schedules"] = export_schedules(hours, channel_id, self.vocabulary)
        return channel

    def _email(self, contact) -> None:
        contact_id = self.ids("contact", "email", contact.address)
        self.emails.append({"id": contact_id, "name": contact.note or "Email", "email": contact.address})
