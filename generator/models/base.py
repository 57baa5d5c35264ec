"""Shared model configuration: unknown fields are errors, booleans are strict.

Numbers are accepted where text is expected (`name: 50808`); the loader keeps
numbers with a leading zero (`0800…`) as text so no digit is ever lost.
"""

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
