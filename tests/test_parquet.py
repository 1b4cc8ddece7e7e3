"""Every Parquet file holds exactly the rows and values of its CSV, typed by the Table Schema."""

from __future__ import annotations

import csv
import datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import REPO

from caucasus_data.model.schema import read_schemas

SCHEMAS = read_schemas(REPO)
# Curated corrections of the parser: empty while the parser gets the seeds right.
OVERRIDE_TABLES = {"article_metadata", "quote_overrides"}
ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def read_csv(name: str) -> dict[str, list]:
    """The CSV read independently of the build (which types it with pyarrow's CSV reader): Python's csv, each
    cell typed by hand from the schema, an empty cell None."""
    schema = SCHEMAS[name]
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        f["name"]: [TYPED[f["type"]](row[f["name"]]) if row[f["name"]] else None for row in rows] for f in schema.fields
    }


TYPED = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": {"true": True, "false": False}.__getitem__,
    "date": datetime.date.fromisoformat,
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_parquet_equals_csv(name):
    from_csv = read_csv(name)
    from_parquet = pq.read_table(REPO / "data" / f"{name}.parquet")
    assert from_parquet.column_names == SCHEMAS[name].field_names
    rows = len(next(iter(from_csv.values())))
    assert from_parquet.num_rows == rows
    assert rows > 0 or name in OVERRIDE_TABLES
    for column in from_parquet.column_names:
        assert from_parquet.column(column).to_pylist() == from_csv[column], column


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_parquet_types_and_descriptions_come_from_the_schema(name):
    arrow_schema = pq.read_schema(REPO / "data" / f"{name}.parquet")
    for field in SCHEMAS[name].fields:
        arrow_field = arrow_schema.field(field["name"])
        assert arrow_field.type == ARROW[field["type"]]
        assert arrow_field.metadata[b"description"].decode() == field["description"]


def test_dates_are_date32_and_flags_boolean():
    articles = pq.read_table(REPO / "data" / "articles.parquet")
    assert articles.schema.field("published_date").type == pa.date32()
    assert articles.schema.field("published_date_inferred").type == pa.bool_()
    assert articles.schema.field("char_count").type == pa.int64()


def test_an_integer_pyarrow_reads_otherwise_is_typed_as_python_reads_it():
    """`+5` is an integer to Python and frictionless, not to pyarrow's CSV reader: the build types it itself."""
    import io

    from caucasus_data.pipeline import write

    with (REPO / "data" / "agreements.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    given = next(row for row in rows if row["pax_agt_id"])
    given["pax_agt_id"] = "+" + given["pax_agt_id"]
    data = write.rows_bytes(SCHEMAS["agreements"].field_names, rows)
    table = pq.read_table(io.BytesIO(write.parquet_bytes(SCHEMAS["agreements"], data)))
    assert table.equals(pq.read_table(REPO / "data" / "agreements.parquet"), check_metadata=True)
    assert int(given["pax_agt_id"]) in table.column("pax_agt_id").to_pylist()
