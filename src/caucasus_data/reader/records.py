"""The rows of a published table as frozen pydantic models, typed from its schema (dates as `datetime.date`).

The models are built from the schema at run time, so they cannot drift from it. `records` builds them from the
typed Parquet columns without validating each row again, once the whole table is checked against the schema.
"""

from __future__ import annotations

import datetime
import gc
from functools import cache
from typing import Any, Literal

from .tables import load, schemas


def records(name: str) -> list[Any]:
    """The rows of a table as frozen pydantic models, typed from its schema (dates as `datetime.date`).

    >>> [p.name for p in records("people") if p.person_id == "mikhail-galuzin"]
    ['Mikhail Galuzin']
    """
    if name not in schemas():
        from .views import views

        if name in views():
            raise KeyError(
                f"records() gives a table's rows; {name!r} is a view: load({name!r}).to_pylist() gives its rows"
            )
    return as_records(name, load(name, backend="pyarrow"))


def as_records(name: str, table) -> list[Any]:
    """The rows of an Arrow table of table `name` as its record models.

    When the table has the schema's Arrow types, no null in a required field and only allowed values in
    enum fields (checked on whole columns), its rows are already what the models would validate them to, so
    the models are built without validating each row again. Otherwise pydantic validates every row, and
    says what is wrong.
    """
    model = record_model(name)
    # Python's cycle collector is paused while rows become objects: they form no cycles, and its passes
    # over the young objects cost a fifth of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        rows = table.to_pylist()
        if not rows or not _conforms(name, table) or not _trusted_construction(model, rows[0]):
            return _validator(name).validate_python(rows)
        return _construct(model, rows)
    finally:
        if collecting:
            gc.enable()


def _conforms(name: str, table) -> bool:
    import pyarrow.compute as pc

    from ..model.arrow import arrow_schema

    schema = schemas()[name]
    expected = arrow_schema(schema)
    if table.schema.names != expected.names:
        return False
    for field, column in zip(schema.fields, table.columns):
        constraints = field.get("constraints", {})
        if column.type != expected.field(field["name"]).type:
            return False
        if constraints.get("required") and column.null_count:
            return False
        if "enum" in constraints and not pc.all(pc.is_in(column.drop_null(), value_set=_enum(constraints))).as_py():
            return False
    return True


def _enum(constraints: dict):
    import pyarrow as pa

    return pa.array(constraints["enum"])


def _construct(model, rows: list[dict]) -> list[Any]:
    # What BaseModel.model_construct does for a model without defaults to fill, private attributes or
    # post-init, done directly: model_construct's own bookkeeping costs more than validating the row.
    # One loop with its callables in locals: a call per row would cost a third more.
    new, put, fields = object.__new__, object.__setattr__, _fields(model)
    records = []
    for row in rows:
        record = new(model)
        put(record, "__dict__", row)
        put(record, "__pydantic_fields_set__", fields)
        put(record, "__pydantic_extra__", None)
        put(record, "__pydantic_private__", None)
        records.append(record)
    return records


@cache
def _fields(model) -> frozenset[str]:
    return frozenset(model.model_fields)


def _trusted_construction(model, row: dict) -> bool:
    """Whether a record built directly equals the validated one (a check against pydantic's internals)."""
    return _construct(model, [dict(row)]) == [model.model_validate(row)]


@cache
def _validator(name: str):
    from pydantic import TypeAdapter

    return TypeAdapter(list[record_model(name)])  # type: ignore[misc,arg-type]  # made at run time


@cache
def record_model(name: str) -> Any:
    """A frozen pydantic model of one row of table `name`, typed from its schema.

    >>> record_model("people").model_fields["person_id"].annotation
    <class 'str'>
    """
    from pydantic import ConfigDict, Field, create_model

    python_types = {"string": str, "integer": int, "number": float, "boolean": bool, "date": datetime.date}
    schema = schemas()[name]
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
