"""generator/urls.py: parse_url reads the parts of an address in the usual shape from ada's href alone
(one part asked instead of nine). On any address, hostile or not, it must give exactly what asking ada
for every part gives."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kindred_test_support import SHIPPED_DIRECTORY

from generator.urls import _PLAIN_HREF, _parse_url_fully, parse_url

HOSTILE = [
    "https://example.org", "https://example.org/", "https://EXAMPLE.org/A/b", "HTTPS://example.org/",
    "http://example.org/x", "https://www.example.org/path/to/page.html", "https://example.org:443/",
    "https://example.org:8443/", "https://example.org:/", "https://user:pass@example.org/", "https://@example.org/",
    "https://:@example.org/", "https://evil.example\\@www.samaritans.org/", "https://127.0.0.1/",
    "https://0x7f.1/", "https://2130706433/", "https://1.2.3.4.5/", "https://999.1.1.1/", "https://[::1]/",
    "https://[::1]:443/x", "https://xn--bcher-kva.example/", "https://bücher.example/", "https://раураl.com/",
    "https://xn--80ak6aa92e.com/", "https://xn--zz.example/", "https://a..b/", "https://example.org./",
    "https://ex_ample.org/", "https://localhost/", "https:///example.org/", "https:example.org/",
    "https:/example.org/", "https:\\\\example.org\\path", "https://example.org/a/../b", "https://example.org/./x",
    "https://example.org/%2e%2e/x", "https://example.org/a b", "https://example.org/a?b=1", "https://example.org/#f",
    "https://example.org/a#b?c", "https://example.org/ä", "https://example.org//x", "https://example.org/@x",
    "https://example.org/a:b", " https://example.org/ ", "https://exa\tmple.org/", "https://example.org/\n",
    "https://example.org?x", "https://example.org#x", "ftp://example.org/", "ws://example.org/",
    "javascript:alert(1)", "mailto:help@example.org", "tel:+441234", "//example.org/", "example.org", "",
    "https://", "https://-example-.org/", "https://1.2.3.4/", "https://1.2.3/", "https://01.02.03.04/",
    "https://0.0.0.0/", "https://%31%32%37.0.0.1/", "https://example.org/%zz", "https://ex%41mple.org/",
    "http://EXAMPLE.ORG", "HtTp://example.org/Path?Q#F", "https://example.org/\u202e/x",
]


def _same(text: str) -> None:
    assert parse_url.__wrapped__(text) == _parse_url_fully(text.strip()), text


@pytest.mark.parametrize("text", HOSTILE)
def test_parts_from_the_href_equal_every_part_from_ada(text):
    _same(text)


def test_the_hostile_list_reaches_both_ways_of_reading():
    """Guard: the comparison means something only if both the usual shape and the rest occur, IPv4 included."""
    plain = [t for t in HOSTILE if (p := _parse_url_fully(t.strip())) and _PLAIN_HREF.match(p.href)]
    other = [t for t in HOSTILE if (p := _parse_url_fully(t.strip())) and not _PLAIN_HREF.match(p.href)]
    assert len(plain) >= 20 and len(other) >= 10
    assert any(_parse_url_fully(t.strip()).is_ip for t in plain)


def test_every_shipped_address_reads_the_same():
    count = 0
    for path in sorted(SHIPPED_DIRECTORY.glob("*/*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "http" in line and ":" in line:
                value = yaml.safe_load(line.split(":", 1)[1].strip() or "''")
                if isinstance(value, str) and value.startswith("http"):
                    _same(value)
                    count += 1
    assert count > 100


SCHEMES = st.sampled_from(["https", "http", "HTTPS", "Http", "ftp", "ws", "file", "javascript", ""])
SEPARATORS = st.sampled_from(["://", ":/", ":", ":\\\\", ":///", "://\\"])
USERINFO = st.sampled_from(["", "", "", "user@", "user:pw@", "@", ":@", "a%40b@"])
HOSTS = st.one_of(
    st.sampled_from(["example.org", "EXAMPLE.org", "127.0.0.1", "0x7f.1", "[::1]", "xn--bcher-kva.example",
                     "bücher.example", "a..b", "example.org.", "1.2.3.4.5", "999.1.1.1", "ex_ample.org", "",
                     "localhost", "раураl.com", "1.2.3", "0", "a.b.c.d.e", "-x-.org", "ex%41mple.org"]),
    st.from_regex(r"[a-z0-9.\-]{1,20}", fullmatch=True),
)
PORTS = st.sampled_from(["", "", "", ":443", ":80", ":8080", ":", ":99999", ":0443"])
PATHS = st.lists(st.sampled_from(["", "/", "/a", "/../", "/./", "/%2e%2e", "/%2E", "/a b", "?b=1", "#f", "\\",
                                  "/ä", "//", "/@", "/:", "/.", "/..", "%zz", "/\t", "~", "/x.html"]), max_size=5)


@given(scheme=SCHEMES, separator=SEPARATORS, userinfo=USERINFO, host=HOSTS, port=PORTS, path=PATHS,
       pad=st.sampled_from(["", " ", "\t"]))
@settings(max_examples=1500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_any_address_built_from_awkward_parts_reads_the_same(scheme, separator, userinfo, host, port, path, pad):
    _same(pad + scheme + separator + userinfo + host + port + "".join(path) + pad)


@given(text=st.text(max_size=40))
@settings(max_examples=500, deadline=None, derandomize=True)
def test_any_text_after_https_reads_the_same(text):
    _same("https://" + text)
