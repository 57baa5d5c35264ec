"""The core logs under its own module names (generator.search.index, ...); the adapter passes those records to
MkDocs' logger, which is the only one `mkdocs build` prints."""

from __future__ import annotations

import logging

from generator.mkdocs_plugin.plugin import forward_core_logs


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_core_records_reach_mkdocs_at_mkdocs_level_once():
    mkdocs_log, core = logging.getLogger("mkdocs"), logging.getLogger("generator")
    collect, level = Collect(), mkdocs_log.level
    mkdocs_log.addHandler(collect)
    try:
        mkdocs_log.setLevel(logging.INFO)
        forward_core_logs()
        forward_core_logs()  # a second build in the same process adds no second handler
        logging.getLogger("generator.search.index").info("built the search index")
        logging.getLogger("generator.search.index").debug("cache not written")
    finally:
        mkdocs_log.removeHandler(collect)
        mkdocs_log.setLevel(level)
    assert [(r.name, r.getMessage()) for r in collect.records] == [("generator.search.index", "built the search index")]
    assert sum(1 for h in core.handlers if type(h).__name__ == "_ToMkDocs") == 1
