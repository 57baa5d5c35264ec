"""Hostile links: every check sees the host a browser would open, and deceptive addresses are refused."""

from __future__ import annotations

import pytest

from generator.review.diff import Point
from generator.rules import contact_keys
from generator.urls import check_web_url, host_of, parse_url
from kindred_test_support import VALID_HELPLINE, line_of, set_field, with_contacts


def website_errors(check, url: str):
    text = set_field(VALID_HELPLINE, "website", f"'{url}'")
    result = check("helplines", text)
    return text, result.errors


@pytest.mark.parametrize("url, words", [
    ("https://evil.example\\@www.samaritans.org/", "backslash"),
    ("https://user:pass@www.samaritans.org/", "user name or password"),
    ("https://127.0.0.1/", "IP address"),
    ("https://0x7f.1/", "IP address (127.0.0.1)"),
    ("https://169.254.169.254/latest/meta-data/", "IP address"),
    ("https://[::1]/", "IP address"),
    ("https://www.samaritans.org:8443/", "port 8443"),
    ("https://sаmaritans.org/", "mixes writing systems"),        # Cyrillic а
    ("https://xn--smaritans-0yh.org/", "mixes writing systems"),  # the same host, written in punycode
    ("https://раура.com/", "look like Latin"),                   # all-Cyrillic, reads as "paypa"
    ("https://xn--abc.org/", "not a valid internationalised"),
    ("https://example.org/" + "a" * 64_000, "at most 2,048"),
    ("javascript:alert(1)", "scheme `javascript`"),
])
def test_a_deceptive_website_is_an_error_on_its_line(check, url, words):
    text, errors = website_errors(check, url)
    assert len(errors) == 1, errors
    assert errors[0].line == line_of(text, "website:")
    assert words in errors[0].message
    assert len(errors[0].message) < 600  # a 64,000-character value is never echoed whole


def test_a_genuine_internationalised_host_is_a_warning_showing_both_forms(check):
    text = set_field(VALID_HELPLINE, "website", "https://www.telefonseelsorge-münchen.de/")
    result = check("helplines", text)
    assert result.errors == []
    [warning] = result.warnings
    assert "telefonseelsorge-münchen.de" in warning.message and "xn--" in warning.message


def test_a_contact_link_must_be_https(check):
    text = with_contacts(VALID_HELPLINE, "  - method: chat\n    url: http://chat.samaritans.org/\n")
    errors = check("helplines", text).errors
    assert len(errors) == 1 and "must start with https://" in errors[0].message


def test_one_parse_gives_the_browsers_host_to_labels_and_the_shared_contact_check(check):
    sneaky = "https://evil.example/@www.samaritans.org/"  # legal, but the host is evil.example
    text = set_field(VALID_HELPLINE, "website", sneaky)
    record = check("helplines", text).records[0]
    assert host_of(sneaky) == "evil.example"
    assert parse_url(sneaky).site == "evil.example"
    key = next(k for k, path, _ in contact_keys(record) if path == ("website",))
    assert key.startswith("web:evil.example/")


def test_the_review_diff_names_the_host_a_browser_opens():
    point = Point(category="link", label="website", value="https://evil.example\\@www.samaritans.org/")
    assert point.domain == "evil.example"


def test_check_web_url_accepts_an_ordinary_address():
    assert check_web_url("https://www.samaritans.org/how-we-can-help/") == []
