"""Opening hours: `24/7`, or weekly intervals in a named IANA zone."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core import PydanticCustomError

from .base import Strict
from .fields import Text, TimeOfDay, TimeZone
from .vocab import Day


class Interval(Strict):
    days: list[Day] = Field(min_length=1, description="Days this interval starts on: mo tu we th fr sa su")
    opens: TimeOfDay
    closes: TimeOfDay = Field(description="Earlier than `opens` means it closes after midnight, the next day")

    @field_validator("closes")
    @classmethod
    def _not_empty(cls, closes: str, info: ValidationInfo) -> str:
        # On `closes`, so the message points at the line to change.
        if closes == info.data.get("opens"):
            raise PydanticCustomError("interval", "opens and closes are both {time}; for a 24-hour service write "
                                                  "`hours: 24/7`", {"time": closes})
        return closes

    @property
    def overnight(self) -> bool:
        return self.closes != "24:00" and self.closes < self.opens


class WeeklyHours(Strict):
    timezone: TimeZone
    weekly: list[Interval] = Field(min_length=1)
    closed_on: list[date] = Field(default_factory=list, description="Dates it is closed, YYYY-MM-DD")
    note: Text | None = None


ALWAYS = "24/7"

# `hours: 24/7` or the weekly mapping; one JSON Schema branch each, so editors accept both.
Hours = Annotated[
    Union[Literal["24/7"], WeeklyHours],
    Field(union_mode="left_to_right", description="`24/7`, or `timezone` with `weekly` intervals"),
]


def is_always_open(hours) -> bool:
    return hours == ALWAYS
