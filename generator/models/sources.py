"""Where a listing's facts come from: the pages that state them, and the facts no page confirmed.

Reading a page is a source, not a verification: `verified` still means someone confirmed the contacts work.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from ..problems import quoted
from ..urls import parse_url
from .base import Strict
from .caps import MAX_LIST_ITEMS
from .fields import Text, WebUrl
from .vocab import SourcedFact


def _https_only(value: str) -> str:
    parsed = parse_url(value)
    if parsed is None or parsed.scheme != "https":
        raise PydanticCustomError(
            "source_https",
            "{given} must start with https:// (a source is read over a secure connection)",
            {"given": quoted(value)},
        )
    return value


HttpsUrl = Annotated[
    WebUrl, AfterValidator(_https_only), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"})
]
# Repeats in any list are refused by rules.py (_check_duplicates), at the repeated item.
FactList = Annotated[
    list[SourcedFact],
    WithJsonSchema(
        {"type": "array", "uniqueItems": True, "items": {"type": "string", "enum": list(SourcedFact.__args__)}}
    ),
]


class Source(Strict):
    url: HttpsUrl = Field(description="The page, https://; the service's own pages first")
    read: dt.date = Field(description="The day the page was read, YYYY-MM-DD")
    supports: FactList = Field(
        min_length=1, json_schema_extra={"minItems": 1}, description="The facts this page states"
    )
    note: Text | None = Field(default=None, max_length=300, description="Plain text, e.g. what the page says")

    @field_validator("read")
    @classmethod
    def _not_in_future(cls, day: dt.date) -> dt.date:
        if day > dt.date.today():
            raise PydanticCustomError(
                "read_future",
                "read date {date} is in the future; write the day you read the page",
                {"date": day.isoformat()},
            )
        return day


def _unique_urls(sources: list[Source]) -> list[Source]:
    seen: dict[tuple, int] = {}
    for index, source in enumerate(sources):
        # As the browser reads it (the host is case-insensitive, the path is not); a final / is the same page.
        parsed = parse_url(source.url)
        key = (parsed.host, parsed.port, parsed.path.rstrip("/"), parsed.query) if parsed else (source.url,)
        if key in seen:
            raise PydanticCustomError(
                "duplicate_source",
                "{url} is already listed as sources[{first}]; give each page once, with everything it supports",
                {"url": quoted(source.url), "first": seen[key], "at": (index, "url")},
            )
        seen[key] = index
    return sources


SourceList = Annotated[
    list[Source],
    AfterValidator(_unique_urls),
    Field(max_length=MAX_LIST_ITEMS, description="The pages that state this listing's facts, the service's own first"),
]
UnconfirmedList = Annotated[FactList, Field(description="Facts in this listing that no source confirmed")]
