"""Shared model configuration: unknown fields are errors, booleans are strict."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True,
                              str_min_length=1)
