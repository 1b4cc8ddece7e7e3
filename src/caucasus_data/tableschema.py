"""Table Schemas in `schemas/`: the one description of every table, and what is derived from it.

Arrow schemas and pydantic models are built from the JSON at run time, so they cannot drift from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .locate import installed_root


@dataclass(frozen=True)
class TableSchema:
    """One table's schema as written in `schemas/<name>.json`."""

    name: str
    descriptor: dict[str, Any]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.descriptor["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        key = self.descriptor.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    @property
    def is_generated(self) -> bool:
        return self.descriptor.get("x-kind") == "generated"

    @property
    def evidence_required(self) -> bool:
        return bool(self.descriptor.get("x-evidence-required"))

    def field(self, name: str) -> dict[str, Any]:
        return next(f for f in self.fields if f["name"] == name)

    def foreign_keys(self) -> list[tuple[str, str, str]]:
        """(field, table, field) for each single-field foreign key."""
        out = []
        for fk in self.descriptor.get("foreignKeys", []):
            fields, ref = fk["fields"], fk["reference"]
            fields = [fields] if isinstance(fields, str) else fields
            ref_fields = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
            if len(fields) == 1:  # a composite key (quote_overrides -> quotes) is checked by frictionless only
                out.append((fields[0], ref["resource"], ref_fields[0]))
        return out

    def polymorphic_keys(self) -> list[tuple[str, list[str]]]:
        """(field, tables) for fields whose value is the primary key of a row in any of `tables`."""
        return [(f["name"], f["x-references"]) for f in self.fields if "x-references" in f]


def schema_dir(root: Path | None = None) -> Path:
    return (root or installed_root()) / "schemas"


def read_schemas(root: Path | None = None) -> dict[str, TableSchema]:
    """Every table's schema, by table name, in name order."""
    out = {}
    for path in sorted(schema_dir(root).glob("*.json")):
        out[path.stem] = TableSchema(path.stem, json.loads(path.read_text(encoding="utf-8")))
    return out


@cache
def installed_schemas() -> dict[str, TableSchema]:
    return read_schemas()


ARROW_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool_", "date": "date32"}


def arrow_schema(schema: TableSchema):
    """The pyarrow schema of a table, with each field's description in its metadata.

    >>> arrow_schema(installed_schemas()["people"]).field("person_id").type
    DataType(string)
    """
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


@cache
def record_model(name: str):
    """A frozen pydantic model of one row of table `name`, typed from its schema."""
    import datetime
    from typing import Literal

    from pydantic import ConfigDict, Field, create_model

    python_types = {"string": str, "integer": int, "number": float, "boolean": bool, "date": datetime.date}
    schema = installed_schemas()[name]
    definitions: dict[str, Any] = {}
    for f in schema.fields:
        constraints = f.get("constraints", {})
        annotation: Any = python_types[f["type"]]
        if "enum" in constraints:
            annotation = Literal[tuple(constraints["enum"])]
        if not constraints.get("required"):
            annotation = annotation | None
            definitions[f["name"]] = (annotation, Field(None, description=f.get("description")))
        else:
            definitions[f["name"]] = (annotation, Field(..., description=f.get("description")))
    model_name = "".join(part.capitalize() for part in name.split("_")) + "Record"
    return create_model(
        model_name,
        __config__=ConfigDict(extra="forbid", frozen=True),
        __doc__=schema.descriptor.get("description"),
        **definitions,
    )
