"""A country profile: what someone in that country sees first on its help-now page.

directory/countries/<CC>.yaml holds the emergency numbers, the ordered "start here" crisis lines
(listing ids; a group is shown together or not at all) and short notes on non-emergency routes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema

from .base import Strict
from .fields import PhoneText, Text, WebUrl
from .sources import Source

ProfileFact = Literal["emergency", "notes"]
LISTING_ID = r"^[a-z0-9-]{3,64}$"

ListingId = Annotated[str, Field(pattern=LISTING_ID)]
StartEntry = Annotated[
    ListingId | Annotated[list[ListingId], Field(min_length=2, max_length=3)],
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": LISTING_ID},
                {"type": "array", "items": {"type": "string", "pattern": LISTING_ID}, "minItems": 2, "maxItems": 3},
            ]
        }
    ),
]


class EmergencyNumber(Strict):
    number: PhoneText
    note: Text | None = Field(
        default=None, max_length=120, description="What it reaches, e.g. police, fire and ambulance"
    )


class CountryNote(Strict):
    text: Text = Field(max_length=300, description="A well-known non-emergency route, in plain words")
    number: PhoneText | None = None
    url: WebUrl | None = None


class ProfileSource(Source):
    supports: Annotated[
        list[ProfileFact],
        WithJsonSchema(
            {"type": "array", "uniqueItems": True, "minItems": 1, "items": {"enum": ["emergency", "notes"]}}
        ),
    ] = Field(min_length=1, description="What this page states: emergency, notes")


class CountryProfile(Strict):
    emergency: list[EmergencyNumber] = Field(
        min_length=1, max_length=4, description="The country's emergency numbers, the main one first"
    )
    start_here: list[StartEntry] = Field(
        default_factory=list,
        max_length=8,
        description="Listing ids of crisis lines, in order; a list of 2-3 ids is a group shown together or not at all",
    )
    notes: list[CountryNote] = Field(default_factory=list, max_length=5)
    sources: list[ProfileSource] = Field(
        min_length=1, max_length=10, description="Pages stating the emergency numbers and notes"
    )

    def start_groups(self) -> list[list[str]]:
        return [[entry] if isinstance(entry, str) else list(entry) for entry in self.start_here]
