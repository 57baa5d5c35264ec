"""Opening hours: `24/7`, or weekly intervals in a named IANA zone."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, GetJsonSchemaHandler, Tag, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
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
            raise PydanticCustomError(
                "interval",
                "opens and closes are both {time}; for a 24-hour service write `hours: 24/7`",
                {"time": closes},
            )
        return closes

    @property
    def overnight(self) -> bool:
        return self.closes != "24:00" and self.closes < self.opens


class WeeklyHours(Strict):
    timezone: TimeZone
    weekly: list[Interval] = Field(min_length=1)
    closed_on: list[date] = Field(default_factory=list, description="Dates it is closed, YYYY-MM-DD")
    note: Text | None = Field(default=None, max_length=300)


ALWAYS = "24/7"


def _hours_branch(value: Any) -> str | None:
    """Pick the branch from the shape, so a mistake gets the errors of that branch only
    (a bad `timezone` is not also told "use one of: 24/7")."""
    if value == ALWAYS:
        return "24/7"
    if isinstance(value, (dict, WeeklyHours)):
        return "WeeklyHours"
    return None


class _AnyOfSchema:
    """The branches never overlap, so `anyOf` (what editors handle best) says the same as `oneOf`."""

    def __get_pydantic_json_schema__(self, core_schema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        if "oneOf" in schema:
            schema["anyOf"] = schema.pop("oneOf")
        return schema


# `hours: 24/7` or the weekly mapping; one JSON Schema branch each, so editors accept both.
Hours = Annotated[
    Annotated[Literal["24/7"], Tag("24/7")] | Annotated[WeeklyHours, Tag("WeeklyHours")],
    Discriminator(
        _hours_branch,
        custom_error_type="hours",
        custom_error_message="write `24/7`, or a mapping with `timezone` and `weekly`",
    ),
    _AnyOfSchema(),
    Field(description="`24/7`, or `timezone` with `weekly` intervals"),
]


def is_always_open(hours) -> bool:
    return hours == ALWAYS
