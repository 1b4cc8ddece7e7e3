"""Every Parquet file holds exactly the rows and values of its CSV, typed by the Table Schema."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.csv as pacsv
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


def read_csv(name: str) -> pa.Table:
    """The CSV read independently of the build: empty cells are nulls, columns typed from the schema."""
    schema = SCHEMAS[name]
    types = {f["name"]: ARROW[f["type"]] for f in schema.fields}
    options = pacsv.ConvertOptions(
        column_types=types,
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        true_values=["true"],
        false_values=["false"],
    )
    return pacsv.read_csv(
        REPO / "data" / f"{name}.csv",
        convert_options=options,
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_parquet_equals_csv(name):
    from_csv = read_csv(name)
    from_parquet = pq.read_table(REPO / "data" / f"{name}.parquet")
    assert from_parquet.column_names == SCHEMAS[name].field_names
    assert from_parquet.num_rows == from_csv.num_rows
    assert from_csv.num_rows > 0 or name in OVERRIDE_TABLES
    for column in from_parquet.column_names:
        assert from_parquet.column(column).to_pylist() == from_csv.column(column).to_pylist(), column


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
