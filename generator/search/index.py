"""The finder's search index: built with lunr.py from text analysed like lunr.js, shipped compactly, cached.

What the browser gets (find/search-index.json, format "kindred-lunr-2"):

    {"format": "kindred-lunr-2", "lunr": "2.3.9", "hash": <hash of the index input>, "count": N,
     "fields": [[name, boost], ...], "k1": 1.2, "b": 0.75, "pipeline": ["stemmer"],
     "terms": [every term, sorted],
     "postings": [[<field 0>, <field 1>, ...] for each term],
     "composed": {...}, "synonyms": synonyms.table_data (the phrase table the finder's queries are read with)}

A document's ref is its position in find/listings.json ("0", "1", ...). Each field's posting is the set
of documents holding the term there, with the term's frequency in each:
  - a list of gaps between document numbers (the first counted from -1), a negative gap meaning
    "the next number is this document's term frequency" (otherwise it is 1); or
  - for common terms, where it is smaller, a string: base64 of a bitmap over all N documents (bit i of
    byte i>>3 is document i), optionally followed by "|" and the comma-separated frequencies of the
    set bits whose frequency is not 1, as "position:frequency" pairs.
  - 0 when no document has the term in that field (or the field is composed, below).

"composed": {"topics": {"pieces": [[[term number, tf], ...] per topic id in taxonomy order],
"docs": [[topic number, ...] per document]}, "audiences": the same for audiences}: these fields are each
listing's topics' (audiences') labels and synonyms, the same few texts over and over, so they are sent as
pieces and the browser adds them up.

That is lunr.py's inverted index, plus the term frequencies lunr.py scored with. The browser rebuilds
lunr.js's inverted index, token set and field vectors (BM25, as lunr's builder computes them) and
hands them to lunr.Index: 4–10 times smaller than lunr's own JSON, whose field vectors and
per-posting metadata objects dominate. tests/search/test_index.py checks that the rebuilt index's
vectors equal lunr.py's, and that lunr.js answers queries as lunr.py does.

Building takes ~1 s per 1,000 listings, so the result is cached under .cache/kindred/ (or
$KINDRED_CACHE_DIR), keyed by a hash of everything that goes into it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from itertools import chain
from pathlib import Path

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query, QueryPresence
from lunr.stemmer import stemmer as lunr_py_stemmer

from ..directory import Directory, ListingRecord
from . import analysis, synonyms
from .records import CONTACT_LABELS, contact_name, ordered_records

log = logging.getLogger(__name__)

FORMAT = "kindred-lunr-2"
LUNR_JS_VERSION = "2.3.9"
# (field, boost): a word in the name counts most, then topics and audiences with their synonyms, organisation,
# what kind of service it is and how to reach it ("about": synonyms.KIND_WORDS...), summary, text.
FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 10),
    ("topics", 5),
    ("audiences", 4),
    ("organisation", 3),
    ("about", 2),
    ("summary", 2),
    ("description", 1),
)
# BM25 parameters: lunr's defaults, set on the builder and sent to the browser, which scores with the same.
K1 = 1.2
B = 0.75
CACHE_KEEP = 24  # cached index files kept (one per site language and directory); older ones are removed

_MD_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<(?:https?:|mailto:)[^>]*>")
_MD_MARKS = re.compile(r"[*_`#>\[\]|]")


def plain_text(markdown: str | None) -> str:
    """Description Markdown as words: link targets, autolinks and markup characters dropped."""
    if not markdown:
        return ""
    text = _MD_AUTOLINK.sub(" ", _MD_LINK_TARGET.sub("] ", markdown))
    return _MD_MARKS.sub(" ", text)


COMPOSED = {"topics": "topics", "audiences": "audiences"}  # field -> taxonomy facet sent as pieces


def term_text(directory: Directory, facet: str, term_id: str) -> str:
    """A topic's (audience's) label and synonyms: what the index holds for every listing that has it."""
    term = directory.taxonomy.facet(facet).get(term_id)
    # Every language's label and search words: "Angst" finds anxiety listings whatever their language.
    return " ".join(directory.taxonomy.words_in_every_language(facet, term_id)) if term else term_id


def about_text(record: ListingRecord) -> str:
    """The kind of service, and how to reach it and what it costs, in words people search with."""
    listing = record.listing
    words = [synonyms.KIND_WORDS.get(record.kind, record.kind)]
    service = getattr(listing, "service", None)
    if service:
        words.append(synonyms.SERVICE_WORDS.get(service, service))
    methods = dict.fromkeys(contact_name(contact.method) for contact in listing.contacts)
    words += [CONTACT_LABELS.get(method, method) for method in methods]
    words += [synonyms.COST_WORDS.get(cost, cost) for cost in dict.fromkeys(listing.cost)]
    return " ".join(words)


def document_text(record: ListingRecord, directory: Directory) -> dict[str, str]:
    """The text of each indexed field for one listing (before analysis)."""
    listing = record.listing
    translations = [t for t in listing.translations.values()]
    return {
        # A listing is found by its own words and by each of its translations', whatever the site's language.
        "name": " ".join([listing.name, *(t.name for t in translations if t.name)]),
        "topics": " ".join(term_text(directory, "topics", t) for t in listing.topics),
        "audiences": " ".join(term_text(directory, "audiences", a) for a in listing.audiences),
        "organisation": listing.organization.name if listing.organization else "",
        "about": about_text(record),
        "summary": " ".join([listing.summary, *(t.summary for t in translations if t.summary)]),
        "description": " ".join(
            plain_text(d) for d in [listing.description, *(t.description for t in translations)] if d
        ),
    }


def documents(directory: Directory) -> list[dict[str, str]]:
    """Index input: one dict of field texts per published listing, in listings.json order."""
    return [document_text(record, directory) for record in ordered_records(directory)]


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for module in (analysis.__file__, synonyms.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def input_hash(docs: list[dict[str, str]], table: dict | None = None) -> str:
    """Everything the index depends on: documents, the phrase table, fields, this code and lunr.py's version."""
    digest = hashlib.sha256()
    header = {
        "format": FORMAT,
        "fields": FIELDS,
        "code": _code_fingerprint(),
        "lunr.py": version("lunr"),
        "synonyms": table,
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    for doc in docs:
        digest.update(json.dumps([doc[name] for name, _ in FIELDS], ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:20]


def build_lunr(docs: list[dict[str, str]]) -> tuple[Builder, Index]:
    """lunr.py builds the index from pre-analysed terms (the pipeline already ran in analysis.py).

    The builder's own pipeline is left empty; the search pipeline is set to ["stemmer"] only so the
    serialised index names it and lunr.js's `idx.search()` stems plain queries the same way.
    """
    builder = Builder()
    builder.k1(K1)
    builder.b(B)
    builder.search_pipeline.add(lunr_py_stemmer)
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost)
    for number, doc in enumerate(docs):
        builder.add({"ref": str(number), **{name: analysis.analyse(doc[name]) for name, _ in FIELDS}})
    return builder, builder.build()


@dataclass
class TermCounts:
    """What compact() reads from lunr.py's Builder once the documents are added (its inverted index, its term
    frequencies per field and document, its search pipeline), counted without lunr.py.

    Builder.add makes a Token object per term, and Builder.build the field vectors and token set of a
    lunr.Index, which the shipped index does not carry (the browser rebuilds them): at 10,000 listings that
    was most of the index's time, and the largest part of the build's peak memory. tests/search/test_index.py
    checks that compact() gives the same bytes from either."""

    inverted_index: dict[str, dict[str, dict[str, None]]]  # term -> field -> refs holding it there
    field_term_frequencies: dict[str, Counter]  # "field/ref" -> term -> frequency
    search_pipeline: Pipeline


def term_counts(docs: list[dict[str, str]]) -> TermCounts:
    """build_lunr's builder's counts, for compact(): each field's analysed terms, lower-cased as lunr.py's
    tokenizer does with a list, and no pipeline (build_lunr's builder has none)."""
    names = [name for name, _ in FIELDS]
    inverted: dict[str, dict[str, dict[str, None]]] = {}
    frequencies: dict[str, Counter] = {}
    # analysis.analyse, remembering each token's term and each field text's counts: the same words (and the
    # topics' and audiences' texts whole) come back thousands of times.
    chosen = analysis.current_analysis()
    terms: dict[str, str] = {}  # token -> its term, lower-cased ("": none)
    texts: dict[str, Counter] = {}

    def counted(text: str) -> Counter:
        found = texts.get(text)
        if found is None:
            analysed = []
            for token in analysis.tokenize(analysis.normalise(text)) if text else ():
                term = terms.get(token)
                if term is None:
                    term = terms[token] = (analysis.analyse_token(token, chosen) or "").lower()
                if term:
                    analysed.append(term)
            found = texts[text] = Counter(analysed)
        return found

    for number, doc in enumerate(docs):
        ref = str(number)
        for name in names:
            counts = counted(doc[name])
            frequencies[f"{name}/{ref}"] = counts
            for term in counts:
                posting = inverted.get(term)
                if posting is None:
                    posting = inverted[term] = {field: {} for field in names}
                posting[name][ref] = None
    pipeline = Pipeline()
    pipeline.add(lunr_py_stemmer)
    return TermCounts(inverted, frequencies, pipeline)


def search(index: Index, text: str) -> list[tuple[str, float]]:
    """What the finder's text search finds, by lunr.py: (ref, score), best first.

    Every word is required; the last is a prefix while it is being typed (analysis.query_terms).
    generator/assets/finder/query.js builds the same query for lunr.js.
    """
    terms, prefix = analysis.query_terms(text)
    if not terms:
        return []
    query = index.create_query()
    for position, term in enumerate(terms):
        last_typed = prefix and position == len(terms) - 1
        wildcard = Query.WILDCARD_TRAILING if analysis.is_prefix(term, last_typed) else Query.WILDCARD_NONE
        query.term(term, use_pipeline=False, presence=QueryPresence.REQUIRED, wildcard=wildcard)
    return [(match["ref"], match["score"]) for match in index.query(query)]


BITMAP_DENSITY = 32  # a posting holding more than 1 in 32 documents is sent as a bitmap


def encode_posting(docs_with_tf: list[tuple[int, int]], count: int):
    """One field's posting for one term: 0, a gap list, or a bitmap string (see the module docstring)."""
    if not docs_with_tf:
        return 0
    if len(docs_with_tf) * BITMAP_DENSITY <= count:
        gaps: list[int] = []
        previous = -1
        for number, tf in docs_with_tf:
            gap = number - previous
            gaps += [gap] if tf == 1 else [-gap, tf]
            previous = number
        return gaps
    bits = bytearray((count + 7) // 8)
    extra = []
    previous = -1
    for position, (number, tf) in enumerate(docs_with_tf):
        bits[number >> 3] |= 1 << (number & 7)
        if tf != 1:
            extra.append(f"{position - previous}:{tf}")
            previous = position
    encoded = base64.b64encode(bytes(bits)).decode("ascii")
    return encoded + ("|" + ",".join(extra) if extra else "")


def term_pieces(directory: Directory, facet: str) -> tuple[list[str], dict[str, list[str]]]:
    """Topic (audience) ids in taxonomy order, and each one's analysed terms (label, then synonyms)."""
    pieces = {
        term_id: analysis.analyse(term_text(directory, facet, term_id)) for term_id in directory.taxonomy.facet(facet)
    }
    return list(pieces), pieces


def _composed(directory: Directory, field: str, count: int, frequencies: dict, term_number: dict) -> dict | None:
    """{"pieces": [[[term number, tf], ...] per term id], "docs": [[piece number, ...] per document]} for a field
    of topics or audiences, or None when adding the pieces up would not give exactly what lunr.py indexed."""
    facet = COMPOSED[field]
    ids, pieces = term_pieces(directory, facet)
    records = ordered_records(directory)
    if len(records) != count:
        return None
    for number, record in enumerate(records):
        chosen = getattr(record.listing, facet)
        if any(term_id not in pieces for term_id in chosen):
            return None
        added = Counter(chain.from_iterable(pieces[term_id] for term_id in chosen))
        # As dicts: no count here is 0, so this is Counter's own ==, without its Python loop over every term.
        if dict(added) != dict(frequencies[f"{field}/{number}"]):
            return None
    piece_number = {term_id: number for number, term_id in enumerate(ids)}
    return {
        # A term no listing uses may have words the index lacks; nobody adds that piece up.
        "pieces": [
            [[term_number[term], tf] for term, tf in sorted(Counter(pieces[term_id]).items()) if term in term_number]
            for term_id in ids
        ],
        "docs": [[piece_number[term_id] for term_id in getattr(record.listing, facet)] for record in records],
    }


def phrase_data(directory: Directory | None) -> dict:
    """The phrase table the finder reads queries with (synonyms.py), as the index file carries it."""
    return synonyms.table_data(synonyms.phrase_table(directory.taxonomy)) if directory is not None else {}


def compact(builder: Builder | TermCounts, count: int, hash_: str, directory: Directory | None = None) -> dict:
    """lunr.py's index in the shipped form (see the module docstring).

    The topics and audiences fields are the same few texts over and over (a term's label and synonyms), so
    they are sent as each term's words plus each document's list of terms, and the browser adds them up;
    every other field is sent as postings.
    """
    terms = sorted(builder.inverted_index)
    term_number = {term: number for number, term in enumerate(terms)}
    frequencies = builder.field_term_frequencies
    composed = {}
    for field in COMPOSED:
        pieces = _composed(directory, field, count, frequencies, term_number) if directory is not None else None
        if pieces is not None:
            composed[field] = pieces
    # Each field's term frequencies by document number, looked up once rather than by "field/ref" per posting.
    by_number: dict[str, list[dict[str, int]]] = {
        name: [frequencies.get(f"{name}/{number}", {}) for number in range(count)] for name, _ in FIELDS
    }
    postings = []
    for term in terms:
        posting = builder.inverted_index[term]
        row = []
        for name, _ in FIELDS:
            if name in composed:
                row.append(0)
                continue
            field_frequencies = by_number[name]
            refs = sorted(map(int, posting[name]))
            row.append(encode_posting([(ref, field_frequencies[ref][term]) for ref in refs], count))
        postings.append(row)
    return {
        "format": FORMAT,
        "lunr": LUNR_JS_VERSION,
        "hash": hash_,
        "count": count,
        "fields": [list(field) for field in FIELDS],
        "k1": K1,
        "b": B,
        "pipeline": builder.search_pipeline.serialize(),
        "terms": terms,
        "postings": postings,
        "composed": composed,
        "synonyms": phrase_data(directory),
    }


def cache_dir() -> Path:
    return Path(os.environ.get("KINDRED_CACHE_DIR") or Path.cwd() / ".cache" / "kindred")


@dataclass
class BuiltIndex:
    data: bytes  # find/search-index.json
    hash: str
    cached: bool
    seconds: float


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("search-index-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[CACHE_KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def search_index(directory: Directory, *, use_cache: bool = True) -> BuiltIndex:
    """find/search-index.json for a directory, from the cache when nothing it depends on changed."""
    started = time.perf_counter()
    docs = documents(directory)
    hash_ = input_hash(docs, phrase_data(directory))
    folder = cache_dir()
    cached = folder / f"search-index-{hash_}.json"
    if use_cache and cached.is_file():
        try:
            data = cached.read_bytes()
            os.utime(cached)
            return BuiltIndex(data, hash_, True, time.perf_counter() - started)
        except OSError:
            pass
    counts = term_counts(docs)
    data = json.dumps(compact(counts, len(docs), hash_, directory), ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )
    seconds = time.perf_counter() - started
    log.info("kindred: built the search index for %d listings in %.1f s", len(docs), seconds)
    if use_cache:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
                handle.write(data)
            os.chmod(handle.name, 0o644)
            os.replace(handle.name, cached)  # atomic: a build running beside this one never reads half a file
            _prune(folder)
        except OSError as error:  # a read-only checkout still builds, just without the cache
            log.debug("kindred: search index cache not written: %s", error)
    return BuiltIndex(data, hash_, False, seconds)
