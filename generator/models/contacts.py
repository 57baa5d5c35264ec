"""Ways to reach a service: a tagged union on `method`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from .base import Strict
from .caps import MAX_LANGUAGES
from .fields import ContactUrl, Email, LanguageTag, PhoneText, Text
from .hours import Hours

INTERNATIONAL_HELP = (
    "true when the number belongs to a country the listing does not serve and callers there dial "
    "it internationally; say so in `note`, for reviewers and callers"
)
COST_CONFIRMED_HELP = (
    "true when the phone-number library classes the number as shared-cost or a premium short "
    "code but the service's own page, listed in `sources` for `cost`, says what a call costs"
)
SHORT_CODE_HELP = (
    "true when this is a short code the phone-number library does not list yet "
    "(e.g. 14416 in India); reviewers confirm it"
)


class _Contact(Strict):
    note: Text | None = Field(default=None, max_length=300)

    @property
    def target(self) -> str:
        """The value a reviewer must check: number, address or link."""
        return getattr(self, "number", None) or getattr(self, "url", None) or getattr(self, "address", "")


class PhoneContact(_Contact):
    method: Literal["phone"]
    number: PhoneText
    extension: str | None = Field(
        default=None,
        pattern=r"^[0-9*#]{1,10}$",
        description='Keys to press once connected, e.g. "1" for 988 then 1; the call link dials them after a pause',
    )
    hours: Hours | None = None
    languages: list[LanguageTag] | None = Field(default=None, max_length=MAX_LANGUAGES)
    free: StrictBool | None = Field(default=None, description="Free to call from landlines and mobiles")
    cost_confirmed: StrictBool | None = Field(default=None, description=COST_CONFIRMED_HELP)
    short_code: StrictBool | None = Field(default=None, description=SHORT_CODE_HELP)
    international: StrictBool | None = Field(default=None, description=INTERNATIONAL_HELP)


class SmsContact(_Contact):
    method: Literal["sms"]
    number: PhoneText
    keyword: Text | None = Field(default=None, max_length=40, description="Text this word to start, e.g. HOME")
    cost_confirmed: StrictBool | None = Field(default=None, description=COST_CONFIRMED_HELP)
    short_code: StrictBool | None = Field(default=None, description=SHORT_CODE_HELP)
    hours: Hours | None = None
    languages: list[LanguageTag] | None = Field(default=None, max_length=MAX_LANGUAGES)
    international: StrictBool | None = Field(default=None, description=INTERNATIONAL_HELP)


class WhatsAppContact(_Contact):
    method: Literal["whatsapp"]
    number: PhoneText | None = None
    url: ContactUrl | None = None
    hours: Hours | None = None
    languages: list[LanguageTag] | None = Field(default=None, max_length=MAX_LANGUAGES)

    @model_validator(mode="after")
    def _number_or_url(self) -> WhatsAppContact:
        if not self.number and not self.url:
            raise PydanticCustomError("whatsapp", "a whatsapp contact needs `number` or `url`")
        return self

    international: StrictBool | None = Field(default=None, description=INTERNATIONAL_HELP)


class ChatContact(_Contact):
    method: Literal["chat"]
    url: ContactUrl
    hours: Hours | None = None
    languages: list[LanguageTag] | None = Field(default=None, max_length=MAX_LANGUAGES)


class EmailContact(_Contact):
    method: Literal["email"]
    address: Email


class VideoContact(_Contact):
    method: Literal["video"]
    url: ContactUrl
    hours: Hours | None = None


class AppContact(_Contact):
    method: Literal["app"]
    url: ContactUrl


class JoinContact(_Contact):
    method: Literal["join"]
    url: ContactUrl


Contact = Annotated[
    PhoneContact | SmsContact | WhatsAppContact | ChatContact | EmailContact | VideoContact | AppContact | JoinContact,
    Field(discriminator="method"),
]

NUMBER_METHODS = ("phone", "sms", "whatsapp")
