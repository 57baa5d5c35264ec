#!/usr/bin/env python3
"""Write a large synthetic directory of Kindred listings for benchmarks.

Usage:
    python bench/make_directory.py N OUT [--seed S] [--force]

Writes N listings that follow the data contract (CONTRIBUTING.md) into
OUT/helplines/, OUT/communities/ and OUT/teletherapy/ (about 50 %, 30 %
and 20 %), and copies directory/taxonomy.yaml to OUT/taxonomy.yaml.

Everything is synthetic: names are built from word lists, web and email
addresses use the reserved example.org domain, and phone numbers are random
digits in number ranges that libphonenumber accepts for the listing's
country (plus a few well-known short codes such as 988 and 116 123, so the
short-code path is exercised). Nothing here describes a real service.

The output depends only on N and the seed: the same arguments give
byte-identical files. Standard library and PyYAML only (PyYAML reads the
taxonomy; the listings are written by a small emitter in this file, which
is faster than yaml.safe_dump and keeps the layout a contributor would write).

OUT must not already hold listings: pass --force to delete the *.yaml files
in OUT's three kind folders first. OUT may not be the project's own
directory/ folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
TAXONOMY = PROJECT / "directory" / "taxonomy.yaml"

KINDS = ("helplines", "communities", "teletherapy")
KIND_SHARE = {"helplines": 50, "communities": 30}  # percent; teletherapy gets the rest

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json\n"
SYNTHETIC_COMMENT = ("# SYNTHETIC benchmark data made by bench/make_directory.py (seed {seed}); "
                     "not a real service.\n")

# ---------------------------------------------------------------------------
# Countries. Phone templates: "x" is any digit, "N" is 2-9. Every template
# was checked with libphonenumber (phonenumbers 9.x): national and
# international forms are valid *for that region*; tests/bench re-checks.
# Types: free (toll-free), fixed, mobile, shared (shared-cost, AU 13 xx xx: listed only with cost_confirmed, so
# the generator does not pick it).
# Short codes are (methods, number) pairs valid as short numbers there; each
# is used at most once per directory. sms_short: templates of SMS short-code
# ranges (random 5-6 digit codes) that libphonenumber accepts as short numbers.
# ---------------------------------------------------------------------------

COUNTRIES: dict[str, dict] = {
    "US": {"name": "the United States", "cc": "1", "trunk": "1", "weight": 18, "currency": "USD", "rate": 1.0,
           "languages": ["en", "es", "es-US"], "sign": "ase", "zone": "America/New_York",
           "regions": {"US-CA": "America/Los_Angeles", "US-NY": "America/New_York", "US-TX": "America/Chicago",
                       "US-WA": "America/Los_Angeles", "US-IL": "America/Chicago", "US-FL": "America/New_York"},
           "phones": [("free", "1-800-Nxx-xxxx"), ("free", "1-888-Nxx-xxxx"), ("free", "877-Nxx-xxxx"),
                      ("fixed", "(212) Nxx-xxxx"), ("fixed", "(415) Nxx-xxxx"), ("mobile", "(312) Nxx-xxxx")],
           "short": [(("phone", "sms"), "988"), (("sms",), "741741")],
           "sms_short": ["Nxxxxx"]},
    "CA": {"name": "Canada", "cc": "1", "trunk": "1", "weight": 7, "currency": "CAD", "rate": 1.3,
           "languages": ["en", "fr", "fr-CA"], "sign": "ase", "zone": "America/Toronto",
           "regions": {"CA-ON": "America/Toronto", "CA-BC": "America/Vancouver", "CA-QC": "America/Toronto",
                       "CA-AB": "America/Edmonton", "CA-NS": "America/Halifax"},
           "phones": [("fixed", "(416) Nxx-xxxx"), ("fixed", "(604) Nxx-xxxx"), ("mobile", "(514) Nxx-xxxx")],
           "short": [(("phone", "sms"), "988"), (("sms",), "686868")],
           "sms_short": ["6xxxxx"]},
    "GB": {"name": "the UK", "cc": "44", "trunk": "0", "weight": 12, "currency": "GBP", "rate": 0.8,
           "languages": ["en", "cy", "pl"], "sign": "bfi", "zone": "Europe/London",
           "regions": {"GB-ENG": "Europe/London", "GB-SCT": "Europe/London", "GB-WLS": "Europe/London",
                       "GB-NIR": "Europe/London"},
           "phones": [("free", "0808 xxx xxxx"), ("free", "0800 xxx xxxx"), ("fixed", "020 7xxx xxxx"),
                      ("fixed", "020 3xxx xxxx"), ("fixed", "029 20xx xxxx"), ("mobile", "07712 xxxxxx"),
                      ("mobile", "07723 xxxxxx")],
           "short": [(("phone",), "116 123"), (("sms",), "85258")],
           "sms_short": ["8xxxx", "6xxxx"]},
    "IE": {"name": "Ireland", "cc": "353", "trunk": "0", "weight": 3, "currency": "EUR", "rate": 0.9,
           "languages": ["en", "ga"], "sign": None, "zone": "Europe/Dublin",
           "regions": {"IE-D": "Europe/Dublin", "IE-C": "Europe/Dublin", "IE-L": "Europe/Dublin"},
           "phones": [("free", "1800 xxx xxx"), ("fixed", "01 xxx xxxx"), ("mobile", "085 xxx xxxx"),
                      ("mobile", "087 xxx xxxx")],
           "short": [(("phone",), "116 123"), (("sms",), "50808")],
           "sms_short": ["50xxx"]},
    "AU": {"name": "Australia", "cc": "61", "trunk": "0", "weight": 7, "currency": "AUD", "rate": 1.5,
           "languages": ["en", "vi", "zh-Hans"], "sign": "asf", "zone": "Australia/Sydney",
           "regions": {"AU-NSW": "Australia/Sydney", "AU-VIC": "Australia/Melbourne",
                       "AU-QLD": "Australia/Brisbane", "AU-WA": "Australia/Perth"},
           "phones": [("free", "1800 xxx xxx"), ("shared", "13 xx xx"), ("fixed", "02 9xxx xxxx"),
                      ("fixed", "03 9xxx xxxx"), ("mobile", "0412 xxx xxx"), ("mobile", "0421 xxx xxx")],
           "short": []},
    "NZ": {"name": "New Zealand", "cc": "64", "trunk": "0", "weight": 3, "currency": "NZD", "rate": 1.7,
           "languages": ["en", "mi"], "sign": "nzs", "zone": "Pacific/Auckland",
           "regions": {"NZ-AUK": "Pacific/Auckland", "NZ-WGN": "Pacific/Auckland", "NZ-CAN": "Pacific/Auckland"},
           "phones": [("free", "0800 xxx xxx"), ("free", "0508 xxx xxx"), ("fixed", "09 Nxx xxxx"),
                      ("mobile", "021 xxx xxxx"), ("mobile", "022 xxx xxxx")],
           "short": [(("phone", "sms"), "1737")]},
    "DE": {"name": "Germany", "cc": "49", "trunk": "0", "weight": 6, "currency": "EUR", "rate": 0.9,
           "languages": ["de", "en", "tr"], "sign": None, "zone": "Europe/Berlin",
           "regions": {"DE-BY": "Europe/Berlin", "DE-BE": "Europe/Berlin", "DE-HH": "Europe/Berlin",
                       "DE-NW": "Europe/Berlin"},
           "phones": [("free", "0800 xxx xxxx"), ("free", "0800 xxxxxxx"), ("fixed", "030 xxxxxxxx"),
                      ("fixed", "089 xxxxxxx"), ("mobile", "0151 xxxxxxxx"), ("mobile", "0170 xxxxxxx")],
           "short": [(("phone",), "116 111"), (("phone",), "116 123")]},
    "FR": {"name": "France", "cc": "33", "trunk": "0", "weight": 5, "currency": "EUR", "rate": 0.9,
           "languages": ["fr", "en", "ar"], "sign": None, "zone": "Europe/Paris",
           "regions": {"FR-IDF": "Europe/Paris", "FR-ARA": "Europe/Paris", "FR-OCC": "Europe/Paris"},
           "phones": [("free", "0 800 xx xx xx"), ("free", "0 805 xx xx xx"), ("fixed", "01 xx xx xx xx"),
                      ("mobile", "06 12 xx xx xx"), ("mobile", "06 7x xx xx xx"), ("mobile", "07 81 xx xx xx")],
           "short": [(("phone",), "3114")]},
    "ES": {"name": "Spain", "cc": "34", "trunk": "", "weight": 4, "currency": "EUR", "rate": 0.9,
           "languages": ["es", "ca", "en"], "sign": None, "zone": "Europe/Madrid",
           "regions": {"ES-CT": "Europe/Madrid", "ES-MD": "Europe/Madrid", "ES-AN": "Europe/Madrid"},
           "phones": [("free", "900 xxx xxx"), ("fixed", "91x xxx xxx"), ("fixed", "93x xxx xxx"),
                      ("mobile", "6xx xxx xxx")],
           "short": [(("phone",), "024")]},
    "IT": {"name": "Italy", "cc": "39", "trunk": "", "weight": 3, "currency": "EUR", "rate": 0.9,
           "languages": ["it", "en"], "sign": None, "zone": "Europe/Rome",
           "regions": {"IT-25": "Europe/Rome", "IT-62": "Europe/Rome"},
           "phones": [("free", "800 xxx xxx"), ("fixed", "06 4xxx xxxx"), ("fixed", "02 xxxx xxxx"),
                      ("mobile", "347 xxx xxxx"), ("mobile", "33x xxx xxxx")],
           "short": []},
    "NL": {"name": "the Netherlands", "cc": "31", "trunk": "0", "weight": 3, "currency": "EUR", "rate": 0.9,
           "languages": ["nl", "en"], "sign": None, "zone": "Europe/Amsterdam",
           "regions": {"NL-NH": "Europe/Amsterdam", "NL-ZH": "Europe/Amsterdam", "NL-UT": "Europe/Amsterdam"},
           "phones": [("free", "0800 xxxx"), ("free", "0800 xxxxxxx"), ("fixed", "020 xxx xxxx"),
                      ("mobile", "06 1xxxxxxx")],
           "short": []},
    "BE": {"name": "Belgium", "cc": "32", "trunk": "0", "weight": 2, "currency": "EUR", "rate": 0.9,
           "languages": ["nl", "fr", "de"], "sign": None, "zone": "Europe/Brussels",
           "regions": {"BE-BRU": "Europe/Brussels", "BE-VLG": "Europe/Brussels", "BE-WAL": "Europe/Brussels"},
           "phones": [("free", "0800 1x xxx"), ("fixed", "02 2xx xx xx"), ("fixed", "02 5xx xx xx"),
                      ("mobile", "047x xx xx xx"), ("mobile", "049x xx xx xx")],
           "short": [(("phone",), "1813")]},
    "SE": {"name": "Sweden", "cc": "46", "trunk": "0", "weight": 2, "currency": "SEK", "rate": 10.0,
           "languages": ["sv", "en"], "sign": None, "zone": "Europe/Stockholm",
           "regions": {"SE-AB": "Europe/Stockholm", "SE-O": "Europe/Stockholm"},
           "phones": [("free", "020 xxx xxx"), ("fixed", "08 xxx xxx xx"), ("mobile", "070 xxx xx xx"),
                      ("mobile", "073 xxx xx xx")],
           "short": []},
    "NO": {"name": "Norway", "cc": "47", "trunk": "", "weight": 2, "currency": "NOK", "rate": 10.0,
           "languages": ["nb", "en"], "sign": None, "zone": "Europe/Oslo",
           "regions": {"NO-03": "Europe/Oslo", "NO-46": "Europe/Oslo"},
           "phones": [("free", "800 xx xxx"), ("fixed", "22 xx xx xx"), ("mobile", "41x xx xxx"),
                      ("mobile", "9xx xx xxx")],
           "short": []},
    "DK": {"name": "Denmark", "cc": "45", "trunk": "", "weight": 2, "currency": "DKK", "rate": 7.0,
           "languages": ["da", "en"], "sign": None, "zone": "Europe/Copenhagen",
           "regions": {"DK-84": "Europe/Copenhagen"},
           "phones": [("free", "80 xx xx xx"), ("fixed", "33 Nx xx xx"), ("mobile", "20 Nx xx xx")],
           "short": []},
    "CH": {"name": "Switzerland", "cc": "41", "trunk": "0", "weight": 2, "currency": "CHF", "rate": 0.9,
           "languages": ["de", "fr", "it"], "sign": None, "zone": "Europe/Zurich",
           "regions": {"CH-ZH": "Europe/Zurich", "CH-GE": "Europe/Zurich", "CH-BE": "Europe/Zurich"},
           "phones": [("free", "0800 xxx xxx"), ("fixed", "044 xxx xx xx"), ("mobile", "079 xxx xx xx"),
                      ("mobile", "076 xxx xx xx")],
           "short": []},
    "AT": {"name": "Austria", "cc": "43", "trunk": "0", "weight": 2, "currency": "EUR", "rate": 0.9,
           "languages": ["de", "en"], "sign": None, "zone": "Europe/Vienna",
           "regions": {"AT-9": "Europe/Vienna", "AT-6": "Europe/Vienna"},
           "phones": [("free", "0800 xxx xxx"), ("free", "0800 xxxxxx"), ("fixed", "01 5xxxxxx"),
                      ("fixed", "01 4xxxxxx"), ("mobile", "0664 xxxxxxx")],
           "short": []},
    "PT": {"name": "Portugal", "cc": "351", "trunk": "", "weight": 2, "currency": "EUR", "rate": 0.9,
           "languages": ["pt-PT", "pt", "en"], "sign": None, "zone": "Europe/Lisbon",
           "regions": {"PT-11": "Europe/Lisbon", "PT-13": "Europe/Lisbon"},
           "phones": [("free", "800 xxx xxx"), ("fixed", "21x xxx xxx"), ("mobile", "91x xxx xxx"),
                      ("mobile", "96x xxx xxx")],
           "short": []},
    "JP": {"name": "Japan", "cc": "81", "trunk": "0", "weight": 3, "currency": "JPY", "rate": 150.0,
           "languages": ["ja", "en"], "sign": None, "zone": "Asia/Tokyo",
           "regions": {"JP-13": "Asia/Tokyo", "JP-27": "Asia/Tokyo"},
           "phones": [("free", "0120-xxx-xxx"), ("free", "0800-xxx-xxxx"), ("fixed", "03-3xxx-xxxx"),
                      ("fixed", "03-5xxx-xxxx"), ("mobile", "090-1xxx-xxxx"), ("mobile", "080-xxxx-xxxx")],
           "short": []},
    "IN": {"name": "India", "cc": "91", "trunk": "0", "weight": 4, "currency": "INR", "rate": 80.0,
           "languages": ["en", "hi", "ta", "mr", "kn"], "sign": None, "zone": "Asia/Kolkata",
           "regions": {"IN-MH": "Asia/Kolkata", "IN-KA": "Asia/Kolkata", "IN-DL": "Asia/Kolkata",
                       "IN-TN": "Asia/Kolkata"},
           "phones": [("free", "1800 xxx xxxx"), ("free", "1800 xx xxxx"), ("fixed", "011 2xxx xxxx"),
                      ("mobile", "98xxx xxxxx"), ("mobile", "9xxxx xxxxx")],
           "short": []},
    "BR": {"name": "Brazil", "cc": "55", "trunk": "0", "weight": 3, "currency": "BRL", "rate": 5.0,
           "languages": ["pt-BR", "es"], "sign": None, "zone": "America/Sao_Paulo",
           "regions": {"BR-SP": "America/Sao_Paulo", "BR-RJ": "America/Sao_Paulo", "BR-MG": "America/Sao_Paulo"},
           "phones": [("free", "0800 xxx xxxx"), ("fixed", "(11) 3xxx-xxxx"), ("mobile", "(11) 9xxxx-xxxx"),
                      ("mobile", "(21) 9xxxx-xxxx")],
           "short": []},
    "MX": {"name": "Mexico", "cc": "52", "trunk": "", "weight": 3, "currency": "MXN", "rate": 18.0,
           "languages": ["es-MX", "es", "en"], "sign": None, "zone": "America/Mexico_City",
           "regions": {"MX-CMX": "America/Mexico_City", "MX-JAL": "America/Mexico_City",
                       "MX-NLE": "America/Monterrey"},
           "phones": [("free", "800 xxx xxxx"), ("fixed", "55 Nxxx xxxx"), ("mobile", "33 xxxx xxxx")],
           "short": []},
    "ZA": {"name": "South Africa", "cc": "27", "trunk": "0", "weight": 2, "currency": "ZAR", "rate": 18.0,
           "languages": ["en", "zu", "af", "xh"], "sign": None, "zone": "Africa/Johannesburg",
           "regions": {"ZA-GP": "Africa/Johannesburg", "ZA-WC": "Africa/Johannesburg",
                       "ZA-KZN": "Africa/Johannesburg"},
           "phones": [("free", "0800 xxx xxx"), ("fixed", "011 xxx xxxx"), ("mobile", "082 xxx xxxx"),
                      ("mobile", "083 xxx xxxx")],
           "short": []},
}
COUNTRY_CODES = sorted(COUNTRIES)
COUNTRY_WEIGHTS = [COUNTRIES[c]["weight"] for c in COUNTRY_CODES]
# Countries that often share one service.
COUNTRY_GROUPS = [["GB", "IE"], ["US", "CA"], ["AU", "NZ"], ["DE", "AT", "CH"], ["BE", "NL"],
                  ["DK", "NO", "SE"], ["ES", "PT"], ["FR", "BE", "CH"], ["MX", "US"]]
WORLDWIDE_LANGUAGES = ["en", "es", "fr", "de", "pt-BR", "ar", "zh-Hans", "hi", "ja", "it", "es-419"]


def international(code: str, national: str) -> str:
    """The international form of a national template or number: "+44 808 ..."."""
    country = COUNTRIES[code]
    s = national.replace("(", "").replace(")", "").replace("-", " ")
    if country["trunk"] == "1" and s.startswith("1 "):
        s = s[2:]
    elif country["trunk"] == "0" and s.startswith("0"):
        s = s[1:].lstrip()
    return f"+{country['cc']} {s}"


def fill(template: str, rng: random.Random) -> str:
    out = []
    for ch in template:
        if ch == "x":
            out.append(str(rng.randrange(10)))
        elif ch == "N":
            out.append(str(rng.randrange(2, 10)))
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------------------
# Word pools
# ---------------------------------------------------------------------------

FIRST_WORDS = [
    "Harbour", "Northern", "Open Door", "Lantern", "Beacon", "Willow", "Evergreen", "Bridge", "Haven", "Compass",
    "Lighthouse", "Riverside", "Hearth", "Anchor", "Meadow", "Still Waters", "Daybreak", "Morning Star", "Quiet",
    "Bright Path", "Steady", "Common Ground", "Hope", "Clear Sky", "Heartwood", "Mosaic", "Rainbow", "Thistle",
    "Maple", "Southern Cross", "Kindling", "Juniper", "Tidewater", "Westwind", "Eastgate", "Highland", "Cedar",
    "Blue Door", "Safe Harbour", "New Leaf", "Little Bear", "Hilltop", "Lakeside", "Orchard", "Wayfinder",
    "Good Neighbour", "First Light", "Moonrise", "Sunflower", "Pathways", "Oak Tree", "Stepping Stones", "Kite",
    "Skylark", "Ember", "Solace", "Cornerstone", "Fireside", "Greenway", "Tandem", "Écoute", "Kōwhai", "Brücke",
    "Abrazo", "Mão Amiga", "Sørlys", "Ça Va", "Ōtautahi",
]
QUALIFIERS = [  # (word, audience id it implies or None)
    ("Men's", None), ("Youth", "youth"), ("Veterans'", "veterans"), ("Student", "students"), ("Parents'", "parents"),
    ("Deaf", "deaf-hoh"), ("Carers'", "carers"), ("Night", None), ("Day", None), ("Relay", "deaf-hoh"),
    ("Self-Help", None), ("Rainbow", "lgbtq"), ("Elders'", "older-adults"), ("Women's", None), ("Family", None),
    ("Kids'", "children"), ("Trans", "trans-nonbinary"), ("Recovery", None), ("Nurses'", "healthcare-workers"),
]
LAST_WORDS = {
    "helplines": ["Line", "Helpline", "Talk", "Listening Line", "Phone", "Call", "Connect", "Support Line", "Nightline",
                  "Textline", "Crisis Line", "Warmline", "Listeners", "Call Centre"],
    "communities": ["Circle", "Network", "Collective", "Forum", "Community", "Commons", "Club", "Space", "Hub", "Room",
                    "Crew", "Peer Group", "Meetup", "Village", "Kitchen Table"],
    "teletherapy": ["Therapy", "Counselling", "Counseling", "Care", "Mind", "Health", "Psychology", "Practice",
                    "Sessions", "Wellbeing", "Clinic", "Online Therapy", "Psychotherapy"],
}
PLACE_SUFFIXES = ["UK", "Canada", "Australia", "Scotland", "Cymru", "NZ", "International", "Online", "Global",
                  "Ireland", "Deutschland", "Ontario", "Texas"]
ORG_SUFFIXES = ["Trust", "Foundation", "Alliance", "Society", "Association", "Collective", "Charity", "Network",
                "Project", "Cooperative", "Institute", "Health Ltd", "Partners"]

AUDIENCE_PHRASES = {
    "everyone": "people", "children": "children", "youth": "young people", "young-adults": "young adults",
    "older-adults": "older people", "lgbtq": "LGBTQ+ people", "trans-nonbinary": "trans and non-binary people",
    "veterans": "veterans and their families", "indigenous": "Indigenous people",
    "bipoc": "Black people and people of colour", "parents": "parents", "carers": "unpaid carers",
    "students": "students", "healthcare-workers": "healthcare workers", "deaf-hoh": "Deaf and hard of hearing people",
}
AGE_FOR_AUDIENCE = {"children": (5, 12), "youth": (11, 19), "young-adults": (16, 25), "students": (16, 30),
                    "older-adults": (55, 120)}

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAY_RANGES = ["Monday to Friday", "every day", "seven days a week", "weekdays", "Monday to Saturday",
              "at weekends", "every day of the year"]

GENERAL_SENTENCES = [
    "{name} is for {aud} who want to talk about {topic}.",
    "You do not have to be in crisis to get in touch; many people reach out when they are {feeling}.",
    "There is no waiting list, and you do not need a referral from a doctor.",
    "We know that {topic} can feel isolating, so we try to make the first step as easy as possible.",
    "Our team is open {dayrange}, and we aim to reply within a day.",
    "On {day} evenings we run a themed session on {topic2}.",
    "If you are Deaf or hard of hearing, you can reach us through a relay service.",
    "Calls made through a text relay service are answered in the same way as any other call.",
    "Alongside the service we publish self-help guides on {topic} and {topic2}.",
    "Many people use our self-help resources first and get in touch later.",
    "We run a men's group on {day} nights for anyone who finds it hard to open up.",
    "Men's mental health is a particular focus, because men are less likely to ask for help.",
    "Everything you share stays between you and us, except in the rare cases described below.",
    "You can stay anonymous; we will never ask for your full name.",
    "We are funded by donations and small grants, and we never sell your data.",
    "Our volunteers complete {weeks} weeks of training before they take their first conversation.",
    "Some days are busier than others, so if you cannot get through, please try again later.",
    "Monday mornings are usually the quietest time to reach us.",
    "The service started in {year} as a small project in {place} and has grown every year since.",
    "We work closely with local services in {place} and can point you to help near you.",
    "If English is not your first language, tell us and we will try to find someone who speaks yours.",
    "You can talk to us about anything, from a bad day to thoughts that frighten you.",
    "People often tell us that saying things out loud for the first time made a real difference.",
    "We are not a replacement for emergency services; if your life is in danger, call your local emergency number.",
    "Our {helpers} listen without judging and without telling you what to do.",
    "Each year we hear from thousands of {aud} across {place}.",
    "There is a short page on our website about what to expect when you first get in touch.",
    "We also support people who are worried about someone else, such as a friend, partner or relative.",
    "Every conversation is different, and you decide how long it lasts.",
    "Feedback from the people we support shapes everything we do, day to day.",
    "We have a separate line for professionals who want advice about supporting {aud}.",
    "Our materials are written in plain language and reviewed by people with lived experience.",
    "Day or night, you will reach a real person rather than a recording.",
    "We offer the service in several languages and can arrange an interpreter for others.",
    "Please be patient with us around public holidays, when we run a reduced service.",
]
KIND_SENTENCES = {
    "helplines": [
        "When you call, a trained {helper} will answer and listen to whatever is on your mind.",
        "Calls are free from landlines and most mobiles, and the number will not show on your bill.",
        "If talking feels too hard, you can send a text message instead and continue the conversation there.",
        "Our crisis line is staffed {dayrange}, including public holidays.",
        "Most calls last around twenty minutes, but there is no time limit.",
        "We will not trace your call or pass on your details unless you ask us to.",
        "Text conversations are answered in the order they arrive, with the most urgent first.",
        "You can call as often as you need to; some people call us every day for a while.",
    ],
    "communities": [
        "The community is a place to meet people who understand {topic} from the inside.",
        "New members are welcomed in a dedicated channel and can read the rules before posting.",
        "Moderators keep the space kind and remove posts that could harm others.",
        "There are daily check-in threads and a weekly voice meetup on {day}.",
        "Members share what has helped them, from small daily routines to self-help books.",
        "Posts about {topic2} are tagged so that people can choose what they read.",
        "If someone posts that they are in crisis, moderators share helpline numbers straight away.",
        "You can join under a nickname, and your profile shows only what you choose.",
        "Peer support groups meet online {dayrange}, and each one is led by a trained volunteer.",
    ],
    "teletherapy": [
        "Sessions take place by secure video, phone or messaging, whichever suits you best.",
        "All our {helpers} are registered with their professional body and have at least {years} years of experience.",
        "Your first session is a chance to talk about what you would like to work on.",
        "Most people meet their therapist weekly, usually on the same day and time each week.",
        "We offer evening and weekend appointments for people who work during the day.",
        "Fees are shown clearly before you book, and you can cancel up to a day in advance at no cost.",
        "We can work with you on {topic} using approaches such as CBT, ACT and person-centred therapy.",
        "This is not a crisis service; if you need urgent help, please contact a helpline.",
        "You can change therapist at any time if the fit does not feel right.",
    ],
}
FEELINGS = ["struggling", "low", "anxious", "worn out", "unsure where else to turn", "lonely", "overwhelmed"]
PROFESSION_WORDS = {"psychologist": ("psychologist", "psychologists"),
                    "psychiatrist": ("psychiatrist", "psychiatrists"), "counsellor": ("counsellor", "counsellors"),
                    "therapist": ("therapist", "therapists"), "social-worker": ("social worker", "social workers"),
                    "coach": ("coach", "coaches")}
HELPERS = {"volunteers": ("volunteer", "volunteers"), "peers": ("peer supporter", "peer supporters"),
           "professionals": ("counsellor", "counsellors")}
CONFIDENTIALITY = [
    "We keep what you tell us confidential unless we believe someone's life is in immediate danger.",
    ("Conversations are confidential. We may contact emergency services if you are at serious risk and cannot "
     "keep yourself safe."),
    "Confidential, except where a child is at risk of harm or we are required to share information by law.",
    "We only break confidentiality if you ask us to, or if there is an immediate risk to life.",
    "Calls are anonymous and confidential; we do not record them or keep your number.",
]
SUMMARY_OPENERS = {
    "helplines": ["Free, confidential support by {channels}", "Listening support by {channels}",
                  "Crisis support by {channels}", "Someone to talk to by {channels}",
                  "Information and support by {channels}"],
    "communities": ["A peer community on {platform}", "An online peer support group", "A moderated space on {platform}",
                    "A friendly online community", "Self-help and peer support online"],
    "teletherapy": ["Online therapy by {channels}", "Short-term counselling by {channels}",
                    "Affordable online counselling", "Therapy sessions by {channels}",
                    "Support from registered professionals by {channels}"],
}
PLATFORM_PHRASES = {"forum": "a forum", "discord": "Discord", "reddit": "Reddit", "matrix": "Matrix",
                    "app": "its own app", "group-chat": "group chat", "video-group": "video calls", "other": "the web"}
CHANNEL_WORDS = {"phone": "phone", "sms": "text", "whatsapp": "WhatsApp", "chat": "web chat", "email": "email",
                 "video": "video", "app": "app", "join": "sign-up"}
PAYERS = ["Northwind Health", "Contoso Mutual", "Fabrikam Insurance", "Example Care Plan", "Acme Health Fund",
          "Tailspin Benefit", "Woodgrove Cover", "Lucerne Health"]
KEYWORDS = ["HOME", "TALK", "HELLO", "SHOUT", "HOPE", "HELP", "CONNECT", "LISTEN", "SAFE"]
HOLIDAYS = [dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2026, 12, 26), dt.date(2026, 12, 31),
            dt.date(2027, 1, 1), dt.date(2027, 3, 26), dt.date(2027, 3, 29), dt.date(2027, 5, 3),
            dt.date(2027, 5, 31), dt.date(2027, 8, 30), dt.date(2026, 11, 26), dt.date(2027, 7, 4)]
HOURS_NOTES = ["Reduced hours on public holidays", "Last calls taken 30 minutes before closing",
               "Times may change during school holidays", "Extra evening sessions in December"]
VERIFIED_START = dt.date(2024, 6, 1)  # some listings are over 12 months old: the site warns about those
VERIFIED_END = dt.date(2026, 10, 31)

WEEKDAYS = ["mo", "tu", "we", "th", "fr"]
ALL_DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"]


# ---------------------------------------------------------------------------
# Building listings
# ---------------------------------------------------------------------------

def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = ascii_text.replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def wrap(text: str, width: int) -> str:
    """Greedy word wrap (textwrap.fill without its cost; the pools have no long words)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def load_taxonomy(path: Path = TAXONOMY) -> dict[str, list[tuple[str, str]]]:
    """{"topics": [(id, label)], "audiences": [(id, label)]} from taxonomy.yaml."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = {}
    for section in ("topics", "audiences"):
        terms = data.get(section) if isinstance(data, dict) else None
        if not terms:
            raise SystemExit(f"{path}: no `{section}` terms")
        out[section] = [(str(t["id"]), str(t.get("label") or t["id"])) for t in terms]
    return out


class Builder:
    def __init__(self, rng: random.Random, taxonomy: dict[str, list[tuple[str, str]]]):
        self.rng = rng
        self.topics = taxonomy["topics"]
        self.topic_index = {t: i for i, (t, _) in enumerate(self.topics)}
        self.topic_labels = dict(self.topics)
        self.audiences = taxonomy["audiences"]
        self.audience_ids = [a for a, _ in self.audiences]
        self.audience_labels = dict(self.audiences)
        self.home = COUNTRY_CODES[0]
        self.used: set = set()  # numbers and web addresses already given to a listing

    # -- small helpers ------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def choice(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def some(self, seq, lo: int, hi: int) -> list:
        return self.rng.sample(seq, self.rng.randint(lo, min(hi, len(seq))))

    def topic_phrase(self, topic_id: str) -> str:
        """The label in running text: "Trauma and PTSD" -> "trauma and PTSD", "OCD" stays."""
        label = self.topic_labels.get(topic_id, topic_id)
        return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label

    def aud_phrase(self, aud_id: str) -> str:
        return AUDIENCE_PHRASES.get(aud_id) or self.audience_labels.get(aud_id, aud_id).lower()

    # -- pieces -------------------------------------------------------------
    def name(self, kind: str) -> tuple[str, str | None]:
        parts = [self.choice(FIRST_WORDS)]
        implied = None
        if self.chance(0.3):
            word, implied = self.choice(QUALIFIERS)
            if word.lower() not in parts[0].lower():
                parts.append(word)
            else:
                implied = None
        parts.append(self.choice(LAST_WORDS[kind]))
        if self.chance(0.08):
            parts.append(self.choice(PLACE_SUFFIXES))
        return " ".join(parts), implied

    def countries(self) -> list[str]:
        r = self.rng.random()
        if r < 0.10:
            return ["worldwide"]
        if r < 0.22:
            group = self.choice(COUNTRY_GROUPS)
            return group[: self.rng.randint(2, len(group))]
        return self.rng.choices(COUNTRY_CODES, weights=COUNTRY_WEIGHTS)[0:1]

    def languages(self, countries: list[str], audiences: list[str]) -> list[str]:
        if countries == ["worldwide"]:
            langs = ["en"] + self.some(WORLDWIDE_LANGUAGES[1:], 0, 4)
        else:
            langs = []
            for code in countries:
                pool = COUNTRIES[code]["languages"]
                langs.append(pool[0])
                if self.chance(0.35):
                    langs.append(self.choice(pool[1:]))
            if self.chance(0.15) and "en" not in langs:
                langs.append("en")
            sign = COUNTRIES[countries[0]]["sign"]
            if sign and ("deaf-hoh" in audiences or self.chance(0.05)):
                langs.append(sign)
        seen: list[str] = []
        for lang in langs:
            if lang not in seen:
                seen.append(lang)
        return seen

    def audiences_for(self, implied: str | None) -> list[str] | None:
        if implied and implied in self.audience_ids:
            extra = [a for a in self.audience_ids if a not in ("everyone", implied)]
            return [implied] + self.some(extra, 0, 1)
        r = self.rng.random()
        if r < 0.10:
            return None  # defaults to everyone
        if r < 0.45:
            return ["everyone"]
        others = [a for a in self.audience_ids if a != "everyone"]
        return self.some(others, 1, 3)

    def topics_for(self) -> list[str]:
        picked = self.rng.sample([t for t, _ in self.topics], self.rng.randint(2, 5))
        return sorted(picked, key=self.topic_index.__getitem__)

    def cost(self, kind: str):
        if kind == "helplines":
            values = ["free"] if self.chance(0.7) else ["free-standard-charges"]
        elif kind == "communities":
            values = ["free"] if self.chance(0.85) else ["free", "paid"]
        else:
            values = self.some(["paid", "sliding-scale", "low-cost", "insurance"], 1, 3)
            values.sort(key=["free", "low-cost", "sliding-scale", "paid", "insurance"].index)
        return values[0] if len(values) == 1 and self.chance(0.7) else values

    def phone_number(self, countries: list[str], types: tuple[str, ...],
                     intl: bool | None = None) -> tuple[str, str]:
        """(number as people dial it, template type) for one of the countries."""
        code = self.home if countries == ["worldwide"] else self.choice(countries)
        templates = [(kind, t) for kind, t in COUNTRIES[code]["phones"] if kind in types]
        if not templates:
            templates = COUNTRIES[code]["phones"]
        for _ in range(20):  # the validator warns about numbers shared by two listings
            kind, template = self.choice(templates)
            number = fill(template, self.rng)
            if self.unused((code, re.sub(r"\D", "", number))):
                break
        if intl is None:
            intl = countries == ["worldwide"] or len(countries) > 1 or self.chance(0.2)
        return (international(code, number) if intl else number), kind

    def unused(self, key) -> bool:
        """True (and remember it) when no earlier listing has this number or address."""
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def short_code(self, countries: list[str], method: str) -> str | None:
        """A short code for one of the countries that no other listing uses, or None."""
        if countries == ["worldwide"]:
            return None
        codes = [num for code in countries for methods, num in COUNTRIES[code]["short"]
                 if method in methods and ("short", num) not in self.used]
        if codes:
            number = self.choice(codes)
            self.used.add(("short", number))
            return number
        templates = [t for code in countries for t in COUNTRIES[code].get("sms_short", [])] if method == "sms" else []
        for _ in range(10 if templates else 0):
            number = fill(self.choice(templates), self.rng)
            if self.unused(("short", number)):
                return number
        return None

    def interval(self, days: list[str], opens: str, closes: str) -> dict:
        return {"days": days, "opens": opens, "closes": closes}

    def weekly(self) -> list[dict]:
        r = self.rng.randrange(7)
        if r == 0:
            return [self.interval(WEEKDAYS, self.choice(["08:00", "09:00", "10:00"]),
                                  self.choice(["17:00", "18:00", "20:00"]))]
        if r == 1:
            return [self.interval(WEEKDAYS, "09:00", self.choice(["21:00", "22:00"])),
                    self.interval(["sa", "su"], "10:00", self.choice(["16:00", "18:00"]))]
        if r == 2:  # nightline: every night, past midnight
            return [self.interval(ALL_DAYS, self.choice(["18:00", "19:00", "20:00"]),
                                  self.choice(["02:00", "00:30", "07:00"]))]
        if r == 3:  # split day
            return [self.interval(WEEKDAYS, "09:00", "12:30"), self.interval(WEEKDAYS, "13:30", "17:00")]
        if r == 4:
            return [self.interval(["mo", "tu", "we", "th"], "18:00", "23:00"),
                    self.interval(["fr", "sa"], "22:00", self.choice(["02:00", "04:00", "06:00"]))]
        if r == 5:
            return [self.interval(["mo", "we", "fr"], "10:00", "14:00"),
                    self.interval(["tu", "th"], "16:00", "20:00"),
                    self.interval(["sa"], "22:00", "02:00")]
        days = sorted(self.some(ALL_DAYS, 1, 4), key=ALL_DAYS.index)
        start = self.rng.randint(7, 14)
        closes = f"{start + self.rng.randint(3, 8):02d}:{self.choice(['00', '30'])}"
        return [self.interval(days, f"{start:02d}:00", closes)]

    def structured_hours(self, zone: str) -> dict:
        hours: dict = {"timezone": zone, "weekly": self.weekly()}
        if self.chance(0.3):
            hours["closed_on"] = sorted(self.some(HOLIDAYS, 1, 3))
        if self.chance(0.15):
            hours["note"] = self.choice(HOURS_NOTES)
        return hours

    def hours(self, zone: str):
        r = self.rng.random()
        if r < 0.35:
            return RAW_ALWAYS
        if r < 0.85:
            return self.structured_hours(zone)
        return None

    def contacts(self, kind: str, countries: list[str], base: str, mail_host: str, slugged: str, zone: str,
                 listing_hours) -> list[dict]:
        n = self.rng.randint(1, 4)
        if kind == "helplines":
            first = "phone" if self.chance(0.9) else self.choice(["sms", "chat"])
            pool = ["phone", "sms", "sms", "chat", "chat", "whatsapp", "email", "app"]
        elif kind == "communities":
            first = "join" if self.chance(0.8) else "app"
            pool = ["join", "app", "chat", "email", "email", "whatsapp", "video", "phone"]
        else:
            first = self.choice(["video", "app", "phone", "email"])
            pool = ["video", "app", "phone", "email", "chat", "whatsapp", "sms"]
        methods = [first]
        while len(methods) < n:
            m = self.choice(pool)
            if methods.count(m) < (2 if m in ("phone", "sms") else 1):
                methods.append(m)
            elif self.chance(0.5):
                break
        out = []
        for i, method in enumerate(methods):
            c: dict = {"method": method}
            if method == "phone":
                short = self.short_code(countries, "phone") if kind == "helplines" and self.chance(0.06) else None
                if short:
                    c["number"] = short
                else:
                    types = ("free", "free", "fixed", "fixed") if kind == "helplines" else ("fixed", "free")
                    c["number"], number_type = self.phone_number(countries, types)
                    if number_type == "free" and self.chance(0.4):
                        c["free"] = True
            elif method == "sms":
                short = self.short_code(countries, "sms") if kind == "helplines" and self.chance(0.25) else None
                c["number"] = short or self.phone_number(countries, ("mobile",))[0]
                if self.chance(0.5):
                    c["keyword"] = self.choice(KEYWORDS)
            elif method == "whatsapp":
                if self.chance(0.8):
                    c["number"] = self.phone_number(countries, ("mobile",), intl=True)[0]
                else:
                    c["url"] = f"{base}/whatsapp"
            elif method == "chat":
                c["url"] = f"{base}/chat"
            elif method == "email":
                c["address"] = f"{self.choice(['hello', 'help', 'support', 'info', 'listen', 'team'])}@{mail_host}"
            elif method == "video":
                c["url"] = f"{base}/{'book' if kind == 'teletherapy' else 'meet'}"
            elif method == "app":
                c["url"] = f"https://apps.example.org/{slugged}"
            elif method == "join":
                c["url"] = f"{base}/{self.choice(['join', 'signup', 'invite', 'welcome'])}"
            if method in ("phone", "sms", "whatsapp", "chat", "video") and i > 0 and self.chance(0.15):
                c["hours"] = RAW_ALWAYS if listing_hours is None and self.chance(0.3) else self.structured_hours(zone)
            if method in ("phone", "chat") and countries != ["worldwide"] and self.chance(0.08):
                c["languages"] = [self.choice(COUNTRIES[countries[0]]["languages"])]
            if self.chance(0.12):
                c["note"] = self.choice(NOTES[method])
            out.append(c)
        return out

    def description(self, kind: str, name: str, topics: list[str], audiences: list[str], place: str,
                    helper: str, helpers: str) -> str:
        topic_labels = [self.topic_phrase(t) for t in topics]
        target = self.rng.randint(85, 124)
        words = 0
        sentences: list[str] = []
        used: set[str] = set()
        while words < target:
            template = self.choice(KIND_SENTENCES[kind] if self.chance(0.35) else GENERAL_SENTENCES)
            if template in used:
                continue
            used.add(template)
            topic, topic2 = self.rng.sample(topic_labels, 2)
            s = template.format(
                name=name, aud=self.aud_phrase(self.choice(audiences)), topic=topic,
                topic2=topic2, feeling=self.choice(FEELINGS), dayrange=self.choice(DAY_RANGES),
                day=self.choice(DAY_NAMES), weeks=self.rng.randint(4, 12), year=self.rng.randint(1962, 2023),
                place=place, helpers=helpers, helper=helper,
                years=self.rng.randint(2, 10))
            if self.chance(0.05):
                s = f"**{s}**"
            sentences.append(s)
            words += len(s.split())
        # Two or three paragraphs, wrapped as a contributor would.
        cut = sorted(self.rng.sample(range(1, len(sentences)), 2)) if len(sentences) > 2 else []
        paragraphs, start = [], 0
        for end in cut + [len(sentences)]:
            paragraphs.append(wrap(" ".join(sentences[start:end]), 96))
            start = end
        return "\n\n".join(paragraphs) + "\n"

    def summary(self, kind: str, methods: list[str], topics: list[str], audiences: list[str], platform: str) -> str:
        channels = [CHANNEL_WORDS[m] for m in dict.fromkeys(methods) if m not in ("join", "app")] or ["app"]
        channel_text = channels[0] if len(channels) == 1 else ", ".join(channels[:-1]) + " and " + channels[-1]
        opener = self.choice(SUMMARY_OPENERS[kind]).format(channels=channel_text,
                                                           platform=PLATFORM_PHRASES.get(platform, platform))
        labels = [self.topic_phrase(t) for t in topics[:3]]
        topic_text = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
        text = f"{opener} for {self.aud_phrase(audiences[0])} dealing with {topic_text}."
        if len(text) > 200:
            text = f"{opener} for {self.aud_phrase(audiences[0])} dealing with {labels[0]}."
        return text[:200]

    # -- one listing ---------------------------------------------------------
    def listing(self, kind: str, number: int, width: int) -> tuple[str, dict]:
        name, implied = self.name(kind)
        suffix = f"-{number:0{width}d}"
        ident = slug(name)[: 64 - len(suffix)].strip("-") + suffix
        shared_host = self.choice(["", "example.org", "example.net", "example.com"])
        for slugged in (slug(name), ident):  # the validator warns about websites shared by two listings
            host = shared_host or f"{slugged}.example.org"
            base = f"https://{host}/{slugged}" if shared_host else f"https://{host}"
            if self.unused(("web", slugged)):
                break
        countries = self.countries()
        worldwide = countries == ["worldwide"]
        # A worldwide service still has numbers from the country it runs from.
        self.home = self.rng.choices(COUNTRY_CODES, weights=COUNTRY_WEIGHTS)[0] if worldwide else countries[0]
        regions = None
        if not worldwide and len(countries) == 1 and self.chance(0.2):
            regions = sorted(self.some(sorted(COUNTRIES[countries[0]]["regions"]), 1, 2))
        audiences = self.audiences_for(implied)
        topics = self.topics_for()
        languages = self.languages(countries, audiences or [])
        if worldwide:
            zone = self.choice(["UTC", "Europe/London", "America/New_York"])
        elif regions:
            zone = COUNTRIES[countries[0]]["regions"][regions[0]]
        else:
            zone = COUNTRIES[countries[0]]["zone"]
        hours = self.hours(zone)
        contacts = self.contacts(kind, countries, base, f"{slugged}.example.org", slugged, zone, hours)
        place = "many countries" if worldwide else COUNTRIES[countries[0]]["name"]

        responders = self.some(["volunteers", "peers", "professionals"], 1, 2)
        platform = self.choice(["forum", "discord", "reddit", "matrix", "app", "group-chat", "video-group", "other"])
        professions = self.some(["psychologist", "psychiatrist", "counsellor", "therapist", "social-worker", "coach"],
                                1, 3)
        if kind == "helplines":
            helper, helpers = HELPERS[responders[0]]
        elif kind == "communities":
            helper, helpers = "moderator", "moderators"
        else:
            helper, helpers = PROFESSION_WORDS[professions[0]]

        data: dict = {"name": name}
        data["summary"] = self.summary(kind, [c["method"] for c in contacts], topics, audiences or ["everyone"],
                                       platform)
        if self.chance(0.97):
            data["description"] = self.description(kind, name, topics, audiences or ["everyone"], place, helper,
                                                   helpers)
        data["website"] = base + "/" if self.chance(0.5) else base
        if self.chance(0.6):
            org = f"{self.choice(FIRST_WORDS)} {self.choice(ORG_SUFFIXES)}"
            data["organization"] = {"name": org}
            if self.chance(0.7):
                data["organization"]["url"] = f"https://{slug(org)}.example.org/"
        data["countries"] = countries
        if regions:
            data["regions"] = regions
        data["languages"] = languages
        data["topics"] = topics
        if audiences is not None:
            data["audiences"] = audiences
        lo_hi = next((AGE_FOR_AUDIENCE[a] for a in (audiences or []) if a in AGE_FOR_AUDIENCE), None)
        if lo_hi and self.chance(0.6):
            data["age"] = {"min": lo_hi[0], "max": lo_hi[1]}
        elif self.chance(0.05):
            data["age"] = {"min": 18, "max": 120}
        data["cost"] = self.cost(kind)
        data["contacts"] = contacts
        if hours is not None:
            data["hours"] = hours

        if kind == "helplines":
            data["service"] = self.choice(["crisis", "crisis", "support", "support", "information"])
            data["responders"] = responders[0] if len(responders) == 1 and self.chance(0.6) else responders
            if self.chance(0.7):
                data["confidentiality"] = self.choice(CONFIDENTIALITY)
        elif kind == "communities":
            data["platform"] = platform
            data["access"] = self.choice(["open", "sign-up", "sign-up", "invite", "application"])
            data["moderation"] = self.choice(["none", "volunteer", "volunteer", "trained-peer", "professional"])
            data["anonymity"] = self.choice(["anonymous", "pseudonymous", "pseudonymous", "real-name"])
            data["peer_led"] = self.chance(0.75)
            data["crisis_signposting"] = self.chance(0.7)
            if self.chance(0.8):
                data["rules_url"] = base + "/rules"
        else:
            data["modalities"] = sorted(self.some(["video", "phone", "live-chat", "messaging", "group"], 1, 3),
                                        key=["video", "phone", "live-chat", "messaging", "group"].index)
            data["professions"] = professions
            if worldwide:
                licensed = self.some(["GB", "US-CA", "US-NY", "CA-ON", "AU", "IE", "DE", "NL"], 1, 3)
            else:
                licensed = list(regions or countries)
            data["licensed_in"] = licensed
            code = "USD" if worldwide else COUNTRIES[countries[0]]["currency"]
            rate = 1.0 if worldwide else COUNTRIES[countries[0]]["rate"]
            low = round(self.rng.randint(30, 90) * rate, -1 if rate >= 5 else 0)
            price: dict = {"from": int(low)}
            if self.chance(0.6):
                price["to"] = int(low + round(self.rng.randint(20, 80) * rate, -1 if rate >= 5 else 0))
            price["currency"] = code
            price["per"] = self.choice(["session", "session", "session", "week", "month"])
            data["price"] = price
            costs = data["cost"] if isinstance(data["cost"], list) else [data["cost"]]
            if "insurance" in costs:
                data["insurance"] = self.some(PAYERS, 1, 3) if self.chance(0.6) else True
            elif self.chance(0.5):
                data["insurance"] = False
            data["free_trial"] = self.chance(0.3)
            data["prescribing"] = "psychiatrist" in professions and self.chance(0.7)

        r = self.rng.random()
        if r < 0.05:
            data["status"] = "paused"
        elif r < 0.10:
            data["status"] = "active"
        if self.chance(0.6):
            span = (VERIFIED_END - VERIFIED_START).days
            data["verified"] = {
                "date": VERIFIED_START + dt.timedelta(days=self.rng.randint(0, span)),
                "method": "website",
                "by": "Synthetic data",
                "source": f"https://example.org/synthetic/{ident}",
            }
        return ident, data


NOTES = {
    "phone": ["Free from landlines and mobiles", "Press 1 for the youth line", "Calls are not recorded",
              "Standard network charges apply"],
    "sms": ["Replies come from a trained volunteer", "Standard message rates may apply", "Text any time"],
    "whatsapp": ["Messages are answered during opening hours", "Send a message to start"],
    "chat": ["Opens in your browser; no download needed", "You may wait in a queue at busy times"],
    "email": ["We reply within two working days", "Not monitored at weekends"],
    "video": ["Book a slot on the website first", "Camera optional"],
    "app": ["Available for Android and iOS", "Free to download"],
    "join": ["Read the rules before joining", "Invites are approved within a day", "Sign-up takes two minutes"],
}


# ---------------------------------------------------------------------------
# YAML writer
# ---------------------------------------------------------------------------

class _Raw(str):
    """A scalar written as is, without quotes (for `24/7`)."""


RAW_ALWAYS = _Raw("24/7")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~", ""}
_PLAIN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_PLAIN_BLOCK = re.compile(r"(?:[A-Za-z][A-Za-z0-9 '._/-]*[A-Za-z0-9.]|https://[A-Za-z0-9._/-]+)\Z")


def scalar(value, flow: bool = False) -> str:
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"cannot write {value!r}")
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if pattern.match(value) and value.lower() not in _RESERVED and "  " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def emit(data: dict, indent: str, out: list[str]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{indent}{key}:\n")
            emit(value, indent + "  ", out)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out.append(f"{indent}{key}:\n")
            for item in value:
                lines: list[str] = []
                emit(item, indent + "    ", lines)
                first = lines[0]
                out.append(f"{indent}  - {first[len(indent) + 4:]}")
                out.extend(lines[1:])
        elif isinstance(value, list):
            out.append(f"{indent}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]\n")
        elif isinstance(value, str) and not isinstance(value, _Raw) and "\n" in value:
            out.append(f"{indent}{key}: |\n")
            for line in value.rstrip("\n").split("\n"):
                out.append(f"{indent}  {line}\n" if line else "\n")
        else:
            out.append(f"{indent}{key}: {scalar(value)}\n")


def render(kind: str, data: dict, seed: int) -> str:
    out = [SCHEMA_COMMENT.format(kind=kind), SYNTHETIC_COMMENT.format(seed=seed)]
    emit(data, "", out)
    return "".join(out)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------

def kind_counts(n: int) -> dict[str, int]:
    helplines = n * KIND_SHARE["helplines"] // 100
    communities = n * KIND_SHARE["communities"] // 100
    return {"helplines": helplines, "communities": communities, "teletherapy": n - helplines - communities}


def build(n: int, seed: int, taxonomy_path: Path = TAXONOMY) -> list[tuple[str, str, dict]]:
    """[(kind, id, data)] for n listings; deterministic for (n, seed, taxonomy)."""
    rng = random.Random(seed)
    builder = Builder(rng, load_taxonomy(taxonomy_path))
    kinds = [k for k, count in kind_counts(n).items() for _ in range(count)]
    rng.shuffle(kinds)
    width = max(4, len(str(n)))
    return [(kind, *builder.listing(kind, i + 1, width)) for i, kind in enumerate(kinds)]


def write(n: int, out: Path, seed: int = 0, force: bool = False, taxonomy_path: Path = TAXONOMY) -> dict[str, int]:
    out = Path(out)
    if not taxonomy_path.is_file():
        raise SystemExit(f"taxonomy not found: {taxonomy_path}")
    if out.resolve() == (PROJECT / "directory").resolve():
        raise SystemExit("refusing to write synthetic listings into the project's own directory/")
    existing = sorted(p for kind in KINDS for p in (out / kind).glob("*.yaml")) if out.exists() else []
    if existing and not force:
        raise SystemExit(f"{out} already holds {len(existing)} listing(s); pass --force to replace them")
    for path in existing:
        path.unlink()
    for kind in KINDS:
        (out / kind).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(taxonomy_path, out / "taxonomy.yaml")
    counts = dict.fromkeys(KINDS, 0)
    for kind, ident, data in build(n, seed, taxonomy_path):
        (out / kind / f"{ident}.yaml").write_bytes(render(kind, data, seed).encode("utf-8"))
        counts[kind] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="number of listings to write")
    parser.add_argument("out", type=Path, metavar="OUT", help="output folder (a directory/ look-alike)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--force", action="store_true", help="delete existing *.yaml listings in OUT first")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    started = time.perf_counter()
    counts = write(args.n, args.out, seed=args.seed, force=args.force)
    elapsed = time.perf_counter() - started
    detail = ", ".join(f"{counts[k]} {k}" for k in KINDS)
    print(f"wrote {sum(counts.values())} listings ({detail}) to {args.out} in {elapsed:.2f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
