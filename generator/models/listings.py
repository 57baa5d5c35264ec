"""The three listing kinds. The kind comes from the folder, never from the file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Strict
from .caps import (
    MAX_AUDIENCES,
    MAX_CONTACTS,
    MAX_COUNTRIES,
    MAX_LANGUAGES,
    MAX_LICENCE_AREAS,
    MAX_LIST_ITEMS,
    MAX_REGIONS,
    MAX_TOPICS,
)
from .contacts import Contact
from .fields import CountryCode, CurrencyCode, LanguageTag, LicenceArea, RegionCode, Text, WebUrl, many
from .hours import Hours
from .sources import SourceList, UnconfirmedList
from .vocab import (
    Access,
    Anonymity,
    Cost,
    HelplineService,
    Modality,
    Moderation,
    Platform,
    PricePer,
    Profession,
    Responder,
    Status,
    VerificationMethod,
)

TERM_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Organization(Strict):
    name: Text = Field(max_length=200)
    url: WebUrl | None = None


class AgeRange(Strict):
    min: StrictInt | None = Field(default=None, ge=0, le=120)
    max: StrictInt | None = Field(default=None, ge=0, le=120)

    # Cross-field checks sit on the later field, so the message points at a line to change.
    @field_validator("max")
    @classmethod
    def _ordered(cls, high: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min")
        if low is not None and high is not None and low > high:
            raise PydanticCustomError(
                "age", "age `min` ({min}) is greater than `max` ({max})", {"min": low, "max": high}
            )
        return high


class Verification(Strict):
    date: dt.date = Field(description="The day someone confirmed the contacts work, YYYY-MM-DD")
    method: VerificationMethod
    by: Text = Field(max_length=120)
    source: WebUrl = Field(description="The page the facts came from")

    @field_validator("date")
    @classmethod
    def _not_in_future(cls, day: dt.date) -> dt.date:
        if day > dt.date.today():
            raise PydanticCustomError(
                "verified_future", "verification date {date} is in the future", {"date": day.isoformat()}
            )
        return day


class ListingText(Strict):
    """A listing's name, summary and description in another language (CONTRIBUTING.md, "Translations")."""

    name: Text | None = Field(default=None, min_length=2, max_length=120)
    summary: Text | None = Field(default=None, max_length=200)
    description: Text | None = Field(default=None, max_length=20_000, description="Markdown; raw HTML is removed")

    @model_validator(mode="after")
    def _says_something(self) -> ListingText:
        if self.name is None and self.summary is None and self.description is None:
            raise ValueError("a translation needs at least one of `name`, `summary` and `description`")
        return self


class Listing(Strict):
    """Fields every listing has (CONTRIBUTING.md, "Fields every listing has")."""

    name: Text = Field(min_length=2, max_length=120, description="As the service calls itself")
    summary: Text = Field(max_length=200, description="Plain text shown on cards and in search results")
    description: Text | None = Field(default=None, max_length=20_000, description="Markdown; raw HTML is removed")
    website: WebUrl
    organization: Organization | None = None
    countries: list[CountryCode] = Field(
        min_length=1, max_length=MAX_COUNTRIES, description="ISO 3166-1 alpha-2 codes, or [worldwide]"
    )
    regions: list[RegionCode] = Field(
        default_factory=list, max_length=MAX_REGIONS, description="ISO 3166-2 codes inside `countries`"
    )
    languages: list[LanguageTag] = Field(min_length=1, max_length=MAX_LANGUAGES, description="BCP 47 tags")
    written_in: LanguageTag = Field(
        default="en", description="The language name, summary and description are written in (BCP 47)"
    )
    translations: dict[LanguageTag, ListingText] = Field(
        default_factory=dict,
        max_length=MAX_LANGUAGES,
        description="name, summary and description in other languages, by BCP 47 tag (site languages use them)",
    )
    topics: list[str] = Field(
        min_length=1,
        max_length=MAX_TOPICS,
        json_schema_extra={"items": {"type": "string", "pattern": TERM_ID}},
        description="Topic ids from directory/taxonomy.yaml",
    )
    audiences: list[str] = Field(
        default_factory=lambda: ["everyone"],
        max_length=MAX_AUDIENCES,
        json_schema_extra={"items": {"type": "string", "pattern": TERM_ID}},
        description="Audience ids from directory/taxonomy.yaml",
    )
    age: AgeRange | None = None
    cost: many(Cost, {"enum": list(Cost.__args__)})
    contacts: list[Contact] = Field(min_length=1, max_length=MAX_CONTACTS)
    hours: Hours | None = Field(default=None, description="Default for every contact that has none")
    status: Status = "active"
    verified: Verification | None = None
    sources: SourceList = Field(default_factory=list)
    unconfirmed: UnconfirmedList = Field(default_factory=list)

    @property
    def costs(self) -> list[str]:
        return list(self.cost)

    @property
    def worldwide(self) -> bool:
        return "worldwide" in self.countries


class Helpline(Listing):
    service: HelplineService | None = None
    responders: many(Responder, {"enum": list(Responder.__args__)}) | None = None
    confidentiality: Text | None = Field(
        default=None, max_length=1000, description="When confidentiality may be broken"
    )


class Community(Listing):
    platform: Platform | None = None
    access: Access | None = None
    moderation: Moderation | None = None
    anonymity: Anonymity | None = None
    peer_led: StrictBool | None = None
    crisis_signposting: StrictBool = Field(
        default=False, description="The space points members in crisis to helplines; without it a caution is shown"
    )
    rules_url: WebUrl | None = None


class Price(Strict):
    from_: float = Field(alias="from", ge=0)
    to: float | None = Field(default=None, ge=0)
    currency: CurrencyCode
    per: PricePer = "session"

    @field_validator("to")
    @classmethod
    def _ordered(cls, to: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("from_")
        if to is not None and low is not None and to < low:
            raise PydanticCustomError(
                "price", "price `to` ({to}) is lower than `from` ({from_})", {"to": f"{to:g}", "from_": f"{low:g}"}
            )
        return to


class Teletherapy(Listing):
    modalities: list[Modality] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    professions: list[Profession] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    licensed_in: list[LicenceArea] = Field(
        default_factory=list, max_length=MAX_LICENCE_AREAS, description="ISO 3166-1 or 3166-2 codes"
    )
    price: Price | None = None
    insurance: (
        StrictBool | Annotated[list[Annotated[Text, Field(max_length=120)]], Field(max_length=MAX_LIST_ITEMS)] | None
    ) = Field(default=None, description="true/false, or payer names")
    free_trial: StrictBool | None = None
    prescribing: StrictBool | None = None


KIND_MODELS: dict[str, type[Listing]] = {
    "helplines": Helpline,
    "communities": Community,
    "teletherapy": Teletherapy,
}
KINDS: tuple[str, ...] = tuple(KIND_MODELS)
KindName = Literal["helplines", "communities", "teletherapy"]
