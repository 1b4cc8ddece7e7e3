"""The write step: the bytes of every published file (CSV, Parquet and the descriptor), the same for the same input."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from collections.abc import Callable
from typing import Any

from ..model import csvformat
from ..model.arrow import arrow_schema
from ..model.package import Package
from ..model.schema import TableSchema

Rows = list[dict[str, str]]

PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


def csv_bytes(schema: TableSchema, rows: Rows) -> bytes:
    return csvformat.render(schema.field_names, rows)


def rows_bytes(header: list[str], rows: Rows) -> bytes:
    """CSV bytes of rows under any header (the curated rows as read, for checking them)."""
    return csvformat.render(header, rows)


def parquet_bytes(schema: TableSchema, csv: bytes) -> bytes:
    """The Parquet file of a table from its published CSV bytes (call only on validated ones), typed by the Table
    Schema: an empty cell is null. pyarrow's CSV reader types them (a list of Python values would import pandas,
    a fifth of a small build)."""
    import pyarrow as pa
    import pyarrow.csv as pc
    import pyarrow.parquet as pq

    typed = arrow_schema(schema)
    try:
        table = pc.read_csv(
            io.BytesIO(csv),
            read_options=pc.ReadOptions(use_threads=False, block_size=min(max(len(csv), 1 << 20), 1 << 30)),
            parse_options=pc.ParseOptions(newlines_in_values=True),
            convert_options=pc.ConvertOptions(
                column_types=typed,
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                true_values=["true"],
                false_values=["false"],
            ),
        ).cast(typed)
    except pa.ArrowInvalid:  # an integer pyarrow does not read as Python does (`+5`, `1_000`, another script's digits)
        table = pa.table(_python_columns(schema, csv), schema=typed)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, **PARQUET_OPTIONS)
    return buffer.getvalue()


PYTHON_TYPES: dict[str, Callable[[str], Any]] = {
    "integer": int,
    "number": float,
    "boolean": lambda cell: cell == "true",
    "date": datetime.date.fromisoformat,
}


def _python_columns(schema: TableSchema, csv: bytes) -> dict[str, list[Any]]:
    """The CSV's columns typed by Python, as frictionless reads the cells (an empty cell is None)."""
    import csv as csvmodule

    csvformat.read_large_cells()
    rows = list(csvmodule.DictReader(io.StringIO(csv.decode("utf-8"), newline="")))
    return {
        f["name"]: [PYTHON_TYPES.get(f["type"], str)(row[f["name"]]) if row[f["name"]] else None for row in rows]
        for f in schema.fields
    }


def descriptor_bytes(package: Package, csvs: dict[str, bytes]) -> bytes:
    """`data/datapackage.json`: the checkout's descriptor with each resource completed, its schema inline and its
    file's size and hash, so that `data/` is a whole package by itself."""
    resources = []
    for name, schema in package.schemas.items():
        data, written = csvs[name], package.resource(name)
        resource = {
            "name": name,
            "type": "table",
            "path": f"{name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": schema.descriptor.get("title", name),
            "description": schema.descriptor.get("description", ""),
        }
        resource.update({k: v for k, v in written.items() if k not in ("name", "path", "schema")})
        resource.update(schema=schema.descriptor, bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
        resources.append(resource)
    descriptor = {**package.metadata, "resources": resources}
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
