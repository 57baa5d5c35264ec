"""Documented upper bounds on a listing's lists.

A stranger's file is at most 64 KiB, but 8,000 copies of `GB` fit in that, and every item becomes
pages, index entries and export rows: one file once made a 1 GB site. The caps sit well above what
any real service needs (the starter directory's largest values are a fraction of them) and are in the
JSON Schema and CONTRIBUTING.md.
"""

MAX_CONTACTS = 20
MAX_COUNTRIES = 100
MAX_REGIONS = 80
MAX_LANGUAGES = 30
MAX_TOPICS = 15
MAX_AUDIENCES = 12
MAX_LICENCE_AREAS = 80
MAX_LIST_ITEMS = 20  # any other list: costs, modalities, professions, insurers, sources
