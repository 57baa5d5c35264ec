"""Shared model configuration: unknown fields are errors, booleans are strict.

Numbers are accepted where text is expected (`name: 50808`); the loader keeps
numbers with a leading zero (`0800…`) as text so no digit is ever lost.
"""

from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        str_min_length=1,
        coerce_numbers_to_str=True,
    )


def field_value(model: BaseModel, name: str) -> Any:
    """getattr(model, name, None) for a field that only some models of a union have (a contact's `keyword`,
    `hours`, `url`): pydantic's way of saying a model has no such attribute (AttributeError raised from its
    __getattr__) is slow, and a build asks hundreds of thousands of times. Only for names that are fields
    wherever they are attributes at all (no property or method of that name)."""
    return getattr(model, name) if name in _field_names(type(model)) else None


@cache
def _field_names(model_type: type[BaseModel]) -> frozenset[str]:
    return frozenset(model_type.model_fields)  # reading model_fields goes through pydantic's descriptor each time
