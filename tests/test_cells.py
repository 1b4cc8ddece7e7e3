"""The cells outside the canonical forms are read in Python as frictionless reads them, without frictionless."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from caucasus_data.validation.cells import cell_reader

CELLS = {
    "integer": [" +5 ", "1_000", "٣", "1e3", "0", "-0", " 7", "99999999999999999999", "x", "", "5 ", "1.0"],
    "number": ["NaN", "9e1", "1,5", "+1.5", " 2 ", "Infinity", "-inf", "1_0.5", "٣.5", "1e400", "0.1", ""],
    "date": ["2024-01- 5", "2024/01/05", "24-01-01", "2024-02-29 ", "2024-1-5", " 2024-01-05", "٢٠٢٤-01-05", ""],
    "string": ["AM\n", "x\n", "é", "ab", "AM", "", "a b"],
}
CONSTRAINTS = {
    "integer": [
        {},
        {"minimum": 1},
        {"maximum": 10, "required": True},
        {"enum": [1, "5", 5.0]},
        {"exclusiveMinimum": "3"},
    ],
    "number": [{}, {"minimum": 0.1, "maximum": 90}, {"exclusiveMaximum": 5, "required": True}],
    "date": [{}, {"minimum": "2024-01-04"}, {"enum": ["2024-01-05"], "required": True}],
    "string": [{"pattern": "[A-Z]{2}"}, {"pattern": "\\w+", "minLength": 2, "enum": ["AM", "é"]}, {"maxLength": 1}],
}
GRID = [(kind, c) for kind, options in CONSTRAINTS.items() for c in options]


@pytest.mark.parametrize(("kind", "constraints"), GRID)
def test_each_cell_gets_frictionless_value_and_notes(kind, constraints):
    from frictionless import Field

    reference = Field.from_descriptor({"name": "f", "type": kind, "constraints": constraints}).create_cell_reader()
    read = cell_reader(kind, constraints, [""])
    for cell in CELLS[kind]:
        value, notes = read(cell)
        expected, expected_notes = reference(cell)
        # str() compares NaN (never equal to itself) and keeps the form a key is compared in: `9E+1`
        assert (str(value), notes) == (str(expected), expected_notes), (kind, constraints, cell)
        assert type(value) is type(expected), (kind, constraints, cell)


def test_a_signalling_nan_fails_its_bounds_where_frictionless_crashes():
    read = cell_reader("number", {"minimum": -90, "maximum": 90}, [""])
    value, notes = read("sNaN")
    assert str(value) == "sNaN"
    assert notes == {"minimum": 'constraint "minimum" is "-90"', "maximum": 'constraint "maximum" is "90"'}


def test_a_package_with_odd_cells_is_validated_without_importing_frictionless(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    with (data / "places.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[1][header.index("latitude")], rows[1][header.index("longitude")] = "sNaN", " +7 "
    with (data / "places.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    code = (
        "import sys; from caucasus_data import validate; r = validate(sys.argv[1]); "
        "[print(f) for f in r.findings]; print('frictionless' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True, text=True, check=True)
    *findings, imported = done.stdout.splitlines()
    assert imported == "False"
    cell = 'The cell "sNaN" in row at position "2" and field "latitude" at position "6"'
    message = f'places.csv:2:latitude: {cell} does not conform to a constraint: constraint "minimum" is "-90"'
    assert any(f.startswith(message) for f in findings), findings
    assert not any("longitude" in f for f in findings)  # ` +7 ` is 7 to frictionless
