"""The Arrow (Parquet) schema of a table, derived from its Table Schema: the published Parquet files' types.

>>> from caucasus_data.model.locate import checkout_root
>>> from caucasus_data.model.schema import read_schemas
>>> arrow_schema(read_schemas(checkout_root())["people"]).field("person_id").type
DataType(string)
"""

from __future__ import annotations

from typing import Any

from .schema import TableSchema

ARROW_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool_", "date": "date32"}


def arrow_schema(schema: TableSchema) -> Any:
    """The pyarrow schema of a table, with each field's description in its metadata."""
    import pyarrow as pa

    fields = []
    for f in schema.fields:
        arrow_type = getattr(pa, ARROW_TYPES[f["type"]])()
        required = f.get("constraints", {}).get("required", False)
        fields.append(
            pa.field(f["name"], arrow_type, nullable=not required, metadata={"description": f.get("description", "")})
        )
    meta = {"name": schema.name, "description": schema.descriptor.get("description", "")}
    return pa.schema(fields, metadata=meta)
