"""Reading the published tables shipped with the package: Arrow, pandas, polars, or typed records.

`load` imports nothing before the library that reads the file, and does no more than find the file, so
that it costs about what `pyarrow.parquet.read_table` costs. `records` builds its models from the typed
Parquet columns without validating each row again, once the whole table is checked against the schema.
"""

from __future__ import annotations

import gc
from functools import cache
from pathlib import Path

from . import locate

TYPE_CHECKING = False  # the typing module costs as much as the rest of this module's imports
if TYPE_CHECKING:
    from typing import Any, Literal

    Backend = Literal["pandas", "pyarrow", "polars", "duckdb"]
EXTRAS = {"pandas": "pandas", "polars": "polars", "duckdb": "duckdb"}


def tables() -> list[str]:
    """Names of the tables, in name order.

    >>> tables()[:3]
    ['agreement_parties', 'agreements', 'aliases']
    """
    return list(_tables())


@cache
def _tables() -> tuple[str, ...]:
    # The schema files name the tables; reading them is not needed to list them.
    return tuple(sorted(p.stem for p in (locate.installed_root() / "schemas").glob("*.json")))


def _parquet(name: str) -> Path:
    if name not in _tables():
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables())}")
    return locate.installed_root() / "data" / f"{name}.parquet"


def load(name: str, backend: Backend = "pandas") -> Any:
    """A table as a pandas DataFrame, a pyarrow Table, a polars DataFrame or a DuckDB relation.

    >>> load("people", backend="pyarrow").column("name").to_pylist()[:1]
    ['Ararat Mirzoyan']

    pandas gets nullable columns, so that a missing value keeps its column's type: integers are `Int64`,
    booleans `boolean` and dates `date32[pyarrow]` (not floats, objects or timestamps).

    >>> load("articles")[["char_count", "published_date", "published_date_inferred"]].dtypes.map(str).tolist()
    ['Int64', 'date32[day][pyarrow]', 'boolean']
    """
    if backend == "pyarrow":
        import pyarrow.parquet as pq

        return pq.read_table(_parquet(name))
    path = _parquet(name)
    if backend not in EXTRAS:
        raise ValueError(f"backend must be 'pandas', 'pyarrow', 'polars' or 'duckdb', not {backend!r}")
    try:
        module = __import__(backend)
    except ImportError:
        raise ImportError(
            f"load(backend={backend!r}) needs {backend}: pip install 'caucasus-data[{EXTRAS[backend]}]'"
        ) from None
    if backend == "polars":
        return module.read_parquet(path)
    if backend == "duckdb":
        return module.connect().read_parquet(str(path))
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Without a mapping pandas turns an integer column with a null into floats and dates into objects.
    nullable = {
        pa.int64(): module.Int64Dtype(),
        pa.bool_(): module.BooleanDtype(),
        pa.date32(): module.ArrowDtype(pa.date32()),
    }
    return pq.read_table(path).to_pandas(types_mapper=nullable.get)


def records(name: str) -> list[Any]:
    """The rows of a table as frozen pydantic models, typed from its schema (dates as `datetime.date`).

    >>> [p.name for p in records("people") if p.person_id == "mikhail-galuzin"]
    ['Mikhail Galuzin']
    """
    return as_records(name, load(name, backend="pyarrow"))


def as_records(name: str, table) -> list[Any]:
    """The rows of an Arrow table of table `name` as its record models.

    When the table has the schema's Arrow types, no null in a required field and only allowed values in
    enum fields (checked on whole columns), its rows are already what the models would validate them to, so
    the models are built without validating each row again. Otherwise pydantic validates every row, and
    says what is wrong.
    """
    from .tableschema import record_model

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

    from .tableschema import arrow_schema, installed_schemas

    schema = installed_schemas()[name]
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

    from .tableschema import record_model

    return TypeAdapter(list[record_model(name)])


def schema(name: str) -> dict[str, Any]:
    """The Table Schema of a table, as written in `schemas/<name>.json`.

    >>> schema("people")["primaryKey"]
    ['person_id']
    """
    from .tableschema import installed_schemas

    if name not in _tables():
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables())}")
    return installed_schemas()[name].descriptor


@cache
def package() -> dict[str, Any]:
    """The descriptor, `datapackage.json`, as a dict.

    >>> package()["resources"][0]["path"]
    'data/agreement_parties.csv'
    """
    import json

    return json.loads((locate.installed_root() / "datapackage.json").read_text(encoding="utf-8"))
