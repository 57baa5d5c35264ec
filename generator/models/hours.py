"""Opening hours: `24/7`, or weekly intervals in a named IANA zone."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

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

    always: SkipJsonSchema[Literal[False]] = Field(default=False, exclude=True)  # internal: picks the union branch


class AlwaysOpen(Strict):
    always: Literal[True] = True


def _hours_from_yaml(value: Any) -> Any:
    if value == "24/7":
        return {"always": True}
    if isinstance(value, str):
        raise PydanticCustomError("hours", "`{given}` is not hours; write `24/7`, or a mapping with `timezone` and "
                                           "`weekly`", {"given": value})
    if isinstance(value, dict) and "always" not in value:
        return {**value, "always": False}
    return value


class _HoursJsonSchema:
    """What a contributor writes: the string `24/7`, or weekly hours (the `always` tag is internal)."""

    def __get_pydantic_json_schema__(self, core_schema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        generated = handler(core_schema)  # registers WeeklyHours and Interval in $defs
        weekly = next(branch for branch in generated.get("oneOf", [generated])
                      if "WeeklyHours" in branch.get("$ref", ""))
        return {"anyOf": [{"const": "24/7", "description": "Always open"}, weekly]}


Hours = Annotated[
    AlwaysOpen | WeeklyHours,
    Field(discriminator="always"),
    BeforeValidator(_hours_from_yaml),
    _HoursJsonSchema(),
]
