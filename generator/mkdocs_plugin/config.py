"""Options for `plugins: [kindred]` in mkdocs.yml."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class KindredConfig(base.Config):
    directory = c.Type(str, default="directory")  # relative to mkdocs.yml
    page_size = c.Type(int, default=50)
    quick_exit_url = c.Type(str, default="https://www.bbc.co.uk/weather")
    edit_branch = c.Type(str, default="main")
    strict_listings = c.Type(bool, default=False)  # warnings fail the build too
