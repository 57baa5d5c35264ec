"""Text analysis that matches lunr.js 2.3.9 exactly, so the index built here answers the browser's queries.

Each site language has its own analysis (`Analysis`): English keeps lunr.js's stop words and Porter stemmer;
the other languages use their own stop words (stop_words.py) and no stemmer, and instead every query word of
PREFIX_FROM letters or more matches as a prefix ("deprimid" finds "deprimida", "deprimido"; "ansiedad" finds
"ansiedades"). A stemmer per language would need a Python and a JavaScript implementation that agree letter
for letter; prefixes need nothing but the same folding on both sides. The browser reads the analysis from the
index file (synonyms.table_data "analysis"), so both sides use one definition.

lunr.py's own pipeline differs from lunr.js in two ways (tests/search/test_index.py shows both, and their effect):
its Porter stemmer turns a final y after a vowel into i (`day`→`dai`, `relay`→`relai`) where lunr.js
keeps `day`, and its trimmer leaves trailing punctuation on tokens with an inner apostrophe or hyphen
(`men's.`). lunr.js searching a lunr.py-analysed index then finds nothing for "day" or "relay".

So the index is built from terms analysed here, by a line-for-line port of lunr.js's tokenizer,
trimmer, stop-word filter and stemmer (JavaScript regular expressions and UTF-16 string semantics
included), and lunr.py only does the index arithmetic. The browser analyses queries with lunr.js's
own functions; tests/search/test_index.py runs both over the same words and compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..i18n import current_language
from .stop_words import STOP_WORDS_BY_LANGUAGE

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator); lunr.tokenizer.separator is /[\s\-]+/.
JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
SEPARATORS = frozenset(JS_WHITESPACE + "-")
_SPLIT = re.compile("[" + re.escape(JS_WHITESPACE) + r"\-]+")

# lunr.js's English stop words (lunr.stopWordFilter), the same list lunr.py ships.
STOP_WORDS = frozenset(
    """
a able about across after all almost also am among an and any are as at be because been but by can cannot could
dear did do does either else ever every for from get got had has have he her hers him his how however i if in into
is it its just least let like likely may me might most must my neither no nor not of off often on only or other our
own rather said say says she should since so some than that the their them then there these they this tis to too
twas us wants was we were what when where which while who whom why will with would yet you your
""".split()
)

# lunr.trimmer: s.replace(/^\W+/, '').replace(/\W+$/, '') — JavaScript's \W is ASCII-only.
_TRIM_START = re.compile(r"^[^A-Za-z0-9_]+")
_TRIM_END = re.compile(r"[^A-Za-z0-9_]+\Z")


# Before lunr's pipeline, both sides fold what people type in different ways: apostrophes go ("can't" and "cant"
# are one word) and accents go ("anxiété" and "anxiete"): NFD, then combining marks U+0300-U+036F removed.
# generator/assets/finder/synonyms.js: normalise() does the same, character for character.
_APOSTROPHES = re.compile("['`\u00b4\u2018\u2019\u02bc]")
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def normalise(text: str) -> str:
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", _APOSTROPHES.sub("", str(text))))


def tokenize(text: str) -> list[str]:
    """lunr.tokenizer for a string: lower-case, split on JavaScript whitespace and hyphens."""
    return [piece for piece in _SPLIT.split(str(text).lower()) if piece]


def trim(token: str) -> str:
    return _TRIM_END.sub("", _TRIM_START.sub("", token))


# ---- lunr.stemmer, ported from lunr.js 2.3.9 (the regular expressions are copied verbatim) --------------------
_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

# JavaScript's `.` does not match line terminators; [^…] matches any UTF-16 code unit. `$` is end of input.
_DOT = "[^\n\r\u2028\u2029]"
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_re_mgr0 = re.compile("^(" + _C + ")?" + _V + _C)
_re_meq1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?\\Z")
_re_mgr1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_re_s_v = re.compile("^(" + _C + ")?" + _v)
_re_1a = re.compile(f"^({_DOT}+?)(ss|i)es\\Z")
_re2_1a = re.compile(f"^({_DOT}+?)([^s])s\\Z")
_re_1b = re.compile(f"^({_DOT}+?)eed\\Z")
_re2_1b = re.compile(f"^({_DOT}+?)(ed|ing)\\Z")
_re_1b_2 = re.compile(f"{_DOT}\\Z")
_re2_1b_2 = re.compile("(at|bl|iz)\\Z")
_re3_1b_2 = re.compile("([^aeiouylsz])\\1\\Z")
_re4_1b_2 = re.compile("^" + _C + _v + "[^aeiouwxy]\\Z")
_re_1c = re.compile(f"^({_DOT}+?[^aeiou])y\\Z")
_re_2 = re.compile(
    f"^({_DOT}+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|"
    "iveness|fulness|ousness|aliti|iviti|biliti|logi)\\Z"
)
_re_3 = re.compile(f"^({_DOT}+?)(icate|ative|alize|iciti|ical|ful|ness)\\Z")
_re_4 = re.compile(f"^({_DOT}+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)\\Z")
_re2_4 = re.compile(f"^({_DOT}+?)(s|t)(ion)\\Z")
_re_5 = re.compile(f"^({_DOT}+?)e\\Z")
_re_5_1 = re.compile("ll\\Z")
_re3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]\\Z")


def _replace_last_char(w: str) -> str:
    """w.replace(/.$/, "") in JavaScript: drops the last code unit unless it is a line terminator."""
    return _re_1b_2.sub("", w, count=1)


def _porter(w: str) -> str:
    if len(w) < 3:
        return w
    firstch = w[0]
    if firstch == "y":
        w = "Y" + w[1:]

    # Step 1a
    if _re_1a.search(w):
        w = _re_1a.sub(r"\1\2", w, count=1)
    elif _re2_1a.search(w):
        w = _re2_1a.sub(r"\1\2", w, count=1)

    # Step 1b
    fp = _re_1b.search(w)
    if fp:
        if _re_mgr0.search(fp.group(1)):
            w = _replace_last_char(w)
    else:
        fp = _re2_1b.search(w)
        if fp:
            stem = fp.group(1)
            if _re_s_v.search(stem):
                w = stem
                if _re2_1b_2.search(w):
                    w = w + "e"
                elif _re3_1b_2.search(w):
                    w = _replace_last_char(w)
                elif _re4_1b_2.search(w):
                    w = w + "e"

    # Step 1c: a final y after a consonant (not the first letter) becomes i — cry→cri, day stays day.
    fp = _re_1c.search(w)
    if fp:
        w = fp.group(1) + "i"

    # Step 2
    fp = _re_2.search(w)
    if fp and _re_mgr0.search(fp.group(1)):
        w = fp.group(1) + _STEP2[fp.group(2)]

    # Step 3
    fp = _re_3.search(w)
    if fp and _re_mgr0.search(fp.group(1)):
        w = fp.group(1) + _STEP3[fp.group(2)]

    # Step 4
    fp = _re_4.search(w)
    if fp:
        if _re_mgr1.search(fp.group(1)):
            w = fp.group(1)
    else:
        fp = _re2_4.search(w)
        if fp:
            stem = fp.group(1) + fp.group(2)
            if _re_mgr1.search(stem):
                w = stem

    # Step 5
    fp = _re_5.search(w)
    if fp:
        stem = fp.group(1)
        if _re_mgr1.search(stem) or (_re_meq1.search(stem) and not _re3_5.search(stem)):
            w = stem
    if _re_5_1.search(w) and _re_mgr1.search(w):
        w = _replace_last_char(w)

    if firstch == "y":
        w = "y" + w[1:]
    return w


def _to_utf16_units(text: str) -> str:
    """The string as JavaScript sees it: characters beyond U+FFFF become two surrogate code units."""
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(data[i] | data[i + 1] << 8) for i in range(0, len(data), 2))


def _from_utf16_units(units: str) -> str:
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """lunr.stemmer on one token (lunr.js semantics, UTF-16 code units included)."""
    if any(ord(ch) > 0xFFFF for ch in word):
        return _from_utf16_units(_porter(_to_utf16_units(word)))
    return _porter(word)


PREFIX_FROM = 4  # languages without a stemmer: a query word this long (UTF-16 units) also matches as a prefix


@dataclass(frozen=True)
class Analysis:
    language: str
    stop_words: frozenset[str]
    stemming: bool
    prefix_from: int  # 0: only the word being typed is a prefix; n: every query word of n or more units is one

    def as_data(self) -> dict:
        """As the index file carries it for the browser (finder/query.js: analysisFrom)."""
        return {
            "lang": self.language,
            "stem": self.stemming,
            "prefixFrom": self.prefix_from,
            "stop": [] if self.stemming else sorted(self.stop_words),  # English: lunr.js's own list
        }


ENGLISH = Analysis("en", STOP_WORDS, True, 0)


@lru_cache(maxsize=32)
def analysis_for(code: str) -> Analysis:
    """The analysis of a site language: English's, or stop words and prefixes ("pt-BR" uses "pt")."""
    base = code.split("-")[0].lower()
    if base == "en" or base not in STOP_WORDS_BY_LANGUAGE:
        return ENGLISH if base == "en" else Analysis(code, frozenset(), False, PREFIX_FROM)
    words = frozenset(normalise(word) for word in STOP_WORDS_BY_LANGUAGE[base].split())
    return Analysis(code, words, False, PREFIX_FROM)


def current_analysis() -> Analysis:
    """The analysis of the site being built (generator/i18n/context.py); English outside a build."""
    return analysis_for(current_language())


def analyse_token(token: str, chosen: Analysis | None = None) -> str | None:
    """trimmer → stopWordFilter → stemmer, as lunr.js's default builder pipeline runs them.

    Returns None for a stop word and for a token the trimmer empties (lunr.js would index "" there;
    nobody can search for it, so it is left out).
    """
    chosen = chosen or current_analysis()
    trimmed = trim(token)
    if not trimmed or trimmed in chosen.stop_words:
        return None
    return stem(trimmed) if chosen.stemming else trimmed


def analyse(text: str | None, chosen: Analysis | None = None) -> list[str]:
    """Every indexable term of a text, in order (repeats kept: they count as term frequency)."""
    if not text:
        return []
    chosen = chosen or current_analysis()
    return [term for term in (analyse_token(token, chosen) for token in tokenize(normalise(text))) if term]


PREFIX_MIN = 2  # the word being typed matches as a prefix once it is this long (UTF-16 units, as in JS)


def js_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def query_terms(text: str, chosen: Analysis | None = None) -> tuple[list[str], bool]:
    """The terms the finder requires, and whether the last one is a prefix (the word still being typed).

    Every word is analysed like the index's text; stop words drop out. Unless the text ends with a space
    or hyphen, its last word is still being typed: it matches as a prefix once its term is PREFIX_MIN long,
    and is left out until then (so typing "s" on the way to "support" does not empty the results).
    Mirrors queryTerms() in generator/assets/finder/query.js.
    """
    chosen = chosen or current_analysis()
    text = normalise(text)
    tokens = tokenize(text)
    terms = [analyse_token(token, chosen) for token in tokens]
    typing = bool(terms) and text[-1] not in SEPARATORS
    prefix = False
    if typing:
        last = terms.pop()
        if last is not None and js_length(last) >= PREFIX_MIN:
            terms.append(last)
            prefix = True
    return [term for term in terms if term], prefix


def is_prefix(term: str, last_typed: bool, chosen: Analysis | None = None) -> bool:
    """Whether a query word matches as a prefix: while typed, or (languages without a stemmer) when long enough."""
    chosen = chosen or current_analysis()
    return last_typed or (chosen.prefix_from > 0 and js_length(term) >= chosen.prefix_from)
