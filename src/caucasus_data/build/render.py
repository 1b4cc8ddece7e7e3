"""The bytes of every published file: CSV, Parquet and the descriptor, the same for the same input."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
from typing import Any

from .. import csvfiles
from ..tableschema import TableSchema, arrow_schema

Rows = list[dict[str, str]]

PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


def csv_bytes(schema: TableSchema, rows: Rows) -> bytes:
    return csvfiles.render(schema.field_names, rows)


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


def descriptor_bytes(metadata: dict[str, Any], schemas: dict[str, TableSchema], csvs: dict[str, bytes]) -> bytes:
    """datapackage.json: the hand-written metadata, and a resource per table with its size and hash."""
    resources = []
    for name, schema in schemas.items():
        data = csvs[name]
        resources.append(
            {
                "name": name,
                "type": "table",
                "path": f"data/{name}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": schema.descriptor.get("title", name),
                "description": schema.descriptor.get("description", ""),
                "schema": f"schemas/{name}.json",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            }
        )
    descriptor = {key: value for key, value in metadata.items() if key != "resources"}
    descriptor["resources"] = resources
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
