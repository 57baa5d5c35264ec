"""The HSDS CSV writer (generator/exports/hsds/tabular.py) writes what the csv module writes, for any cells."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from generator.exports.hsds.tabular import cell, csv_lines, write_csv

# Text with the characters csv quotes (comma, double quote, CR, LF) often, and any others.
texts = st.text(alphabet=st.sampled_from(',"\r\n ab\u00e9\u2028;\t') | st.characters(blacklist_categories=("Cs",)))
values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts


def _csv_module(columns: list[str], rows: list[dict], header: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    writer.writerows([cell(row.get(column)) for column in columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


@given(
    st.lists(st.sampled_from(["id", "name", "description", "value"]), min_size=1, max_size=4, unique=True),
    st.lists(st.dictionaries(st.sampled_from(["id", "name", "description", "value", "other"]), values), max_size=6),
)
def test_lines_are_the_csv_modules(columns, rows):
    assert write_csv(columns, rows) == _csv_module(columns, rows, header=True)


def test_a_table_with_cells_that_need_quoting():
    # One row for each character csv quotes, so a row is not quoted only because another cell was.
    rows = [
        {"id": "a", "name": "plain", "description": "one, two"},
        {"id": "b", "name": 'said "hi"'},
        {"id": "c", "description": "line\nbreak"},
        {"id": "d", "name": "", "description": None, "value": "x\r"},
        {"id": "e", "name": True, "description": 2.0, "value": 3},
    ]
    columns = ["id", "name", "description", "value"]
    expected = b'a,plain,"one, two",\r\nb,"said ""hi""",,\r\nc,,"line\nbreak",\r\nd,,,"x\r"\r\ne,true,2,3\r\n'
    assert _csv_module(columns, rows, header=False) == expected
    assert write_csv(columns, rows) == b"id,name,description,value\r\n" + expected
    assert csv_lines("attribute", []) == b""
    assert write_csv(["id"], [{"id": ""}, {}]) == _csv_module(["id"], [{"id": ""}, {}], header=True)
