"""pandas, polars and DuckDB read the published CSV and Parquet files with the right types, as the README shows.

Parquet carries its types. CSV carries none, so each tool is given them from the Table Schema, in the form
the README documents; an empty cell must stay a null of its column's type. The published tables are read
first, then small tables with rows where curation has not filled them yet (nulls in integer and date
columns, open EDTF dates).
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import REPO, copy_package
from sample_tables import SAMPLES, write_samples

from caucasus_data.model.schema import read_schemas

SCHEMAS = read_schemas(REPO)
EXPECTED = {  # Table Schema type -> the type each tool must report
    "pandas": {
        "string": "string",
        "integer": "int64[pyarrow]",
        "number": "double[pyarrow]",
        "boolean": "bool[pyarrow]",
        "date": "date32[day][pyarrow]",
    },
    "polars": {"string": "String", "integer": "Int64", "number": "Float64", "boolean": "Boolean", "date": "Date"},
    "duckdb": {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"},
}


def _pandas(path: Path, fields: list[dict]):
    pd = pytest.importorskip("pandas")
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path, dtype_backend="pyarrow")
    else:
        arrow = {
            "integer": "int64[pyarrow]",
            "number": "double[pyarrow]",
            "boolean": "bool[pyarrow]",
            "date": "date32[pyarrow]",
        }
        # Read text, then cast: read_csv's own dtype= fails on a date column with no value (it infers null).
        # keep_default_na=False: only an empty cell is missing, never a value such as "NA" (Namibia) or "None".
        frame = pd.read_csv(path, engine="pyarrow", dtype="string[pyarrow]", keep_default_na=False, na_values=[""])
        frame = frame.astype({f["name"]: arrow[f["type"]] for f in fields if f["type"] in arrow})
    types = {
        column: "string" if str(dtype).startswith(("string", "str")) else str(dtype)
        for column, dtype in frame.dtypes.items()
    }
    values = {
        column: [
            None if v is pd.NA or v is None or (isinstance(v, float) and math.isnan(v)) else v
            for v in frame[column].tolist()
        ]
        for column in frame.columns
    }
    return types, values


def _polars(path: Path, fields: list[dict]):
    pl = pytest.importorskip("polars")
    if path.suffix == ".parquet":
        frame = pl.read_parquet(path)
    else:
        kinds = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}
        frame = pl.read_csv(path, schema={f["name"]: kinds[f["type"]] for f in fields})
    return (
        {name: str(dtype) for name, dtype in frame.schema.items()},
        {column: frame[column].to_list() for column in frame.columns},
    )


def _duckdb(path: Path, fields: list[dict]):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    if path.suffix == ".parquet":
        relation = con.sql(f"select * from read_parquet('{path}')")
    else:
        kinds = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
        columns = ", ".join(f"'{f['name']}': '{kinds[f['type']]}'" for f in fields)
        relation = con.sql(f"select * from read_csv('{path}', header = true, columns = {{{columns}}})")
    rows = relation.fetchall()
    return (
        {name: str(kind) for name, kind in zip(relation.columns, relation.types)},
        {name: [row[i] for row in rows] for i, name in enumerate(relation.columns)},
    )


READERS = {"pandas": _pandas, "polars": _polars, "duckdb": _duckdb}


def check(tool: str, root: Path, name: str) -> int:
    """Read `name`'s CSV and Parquet with `tool`; assert types and values; return the number of rows."""
    fields = SCHEMAS[name].fields
    truth = pq.read_table(root / "data" / f"{name}.parquet").to_pydict()
    for suffix in (".csv", ".parquet"):
        types, values = READERS[tool](root / "data" / f"{name}{suffix}", fields)
        assert list(types) == [f["name"] for f in fields], (tool, suffix)
        for field in fields:
            column = field["name"]
            assert types[column] == EXPECTED[tool][field["type"]], (tool, name, suffix, column, types[column])
            assert values[column] == truth[column], (tool, name, suffix, column)
    return len(next(iter(truth.values())))


@pytest.mark.parametrize("tool", sorted(READERS))
@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_published_files(tool, name):
    check(tool, REPO, name)


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    return write_samples(copy_package(tmp_path_factory.mktemp("filled") / "package"))


@pytest.mark.parametrize("tool", sorted(READERS))
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_tables_with_rows_and_nulls(tool, name, filled):
    assert check(tool, filled, name) == len(SAMPLES[name])


def test_the_samples_hold_nulls_and_dates_of_every_kind(filled):
    events = pq.read_table(filled / "data" / "events.parquet").to_pydict()
    assert None in events["start_date"] and datetime.date(2024, 5, 10) in events["start_date"]
    evidence = pq.read_table(filled / "data" / "evidence.parquet").to_pydict()
    assert evidence["char_start"] == [None]
    agreements = pq.read_table(filled / "data" / "agreements.parquet").to_pydict()
    assert agreements["pax_agt_id"] == [None, 2324] or agreements["pax_agt_id"] == [2324, None]
