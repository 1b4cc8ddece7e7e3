"""The write step: the bytes of every published file (CSV, Parquet and the descriptor), the same for the same input."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
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


def _typed(kind: str, value: str) -> Any:
    if value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return value == "true"
    if kind == "date":
        return datetime.date.fromisoformat(value)
    return value


def arrow_table(schema: TableSchema, rows: Rows):
    """The rows as an Arrow table typed by the Table Schema (call only on validated rows)."""
    import pyarrow as pa

    columns = {f["name"]: [_typed(f["type"], row.get(f["name"]) or "") for row in rows] for f in schema.fields}
    return pa.table(columns, schema=arrow_schema(schema))


def parquet_bytes(schema: TableSchema, rows: Rows) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(arrow_table(schema, rows), buffer, **PARQUET_OPTIONS)
    return buffer.getvalue()


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
