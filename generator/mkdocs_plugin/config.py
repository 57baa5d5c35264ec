"""Options for `plugins: [kindred]` in mkdocs.yml."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class KindredConfig(base.Config):
    directory = c.Type(str, default="directory")  # relative to mkdocs.yml
    page_size = c.Type(int, default=50)
    quick_exit_url = c.Type(str, default="https://www.bbc.co.uk/weather")
    edit_branch = c.Type(str, default="main")
    strict_listings = c.Type(bool, default=False)  # warnings fail the build too
    # An address for reports by email: each listing page then offers a mailto: link (no GitHub account needed).
    report_email = c.Type(str, default="")
    # GitHub Pages refuses a site over 1 GB: the build stops before its output passes this many MB.
    max_site_mb = c.Type((int, float), default=900)
    # A second `mkdocs build` into the same site_dir waits this many seconds for the first, then gives up.
    build_lock_wait = c.Type((int, float), default=120)
    # Languages besides English, each built at /<code in lower case>/ ("es", "pt-BR", ...): CONTRIBUTING.md,
    # "Adding a language". English stays at the root.
    languages = c.ListOfItems(c.Type(str), default=[])
