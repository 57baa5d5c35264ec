"""Kindred's browser files as a site publishes them: without comments and indentation.

On a slow phone every byte counts (#16): the ES modules and stylesheets are written to be read, with comments,
and published through rJSmin and rCSSmin, which drop comments and whitespace and change nothing else (no
renaming, no bundling). A file's leading licence comment (lunr.js's) is kept as it is.
"""

from __future__ import annotations

import re

import rcssmin
import rjsmin

LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)


def minify(path: str, data: bytes) -> bytes:
    """`data` as published at `path` (by its suffix: .js, .css; anything else as it is)."""
    if path.endswith(".js"):
        text = data.decode("utf-8")
        notice = LEADING_COMMENT.match(text)
        kept = notice.group(0).strip() + "\n" if notice and "license" in notice.group(0).lower() else ""
        return (kept + rjsmin.jsmin(text)).encode("utf-8")
    if path.endswith(".css"):
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
    return data
