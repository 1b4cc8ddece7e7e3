"""Reading the published tables shipped with the package: Arrow, pandas, polars, or typed records."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .locate import installed_root
from .tableschema import installed_schemas, record_model

Backend = Literal["pandas", "pyarrow", "polars", "duckdb"]
EXTRAS = {"pandas": "pandas", "polars": "polars", "duckdb": "duckdb"}


def tables() -> list[str]:
    """Names of the tables, in name order.

    >>> tables()[:3]
    ['agreement_parties', 'agreements', 'aliases']
    """
    return list(installed_schemas())


def _parquet(name: str) -> Path:
    if name not in installed_schemas():
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables())}")
    return installed_root() / "data" / f"{name}.parquet"


def load(name: str, backend: Backend = "pandas") -> Any:
    """A table as a pandas DataFrame, a pyarrow Table, a polars DataFrame or a DuckDB relation.

    >>> load("people", backend="pyarrow").column("name").to_pylist()[:1]
    ['Ararat Mirzoyan']

    pandas gets nullable columns, so that a missing value keeps its column's type: integers are `Int64`,
    booleans `boolean` and dates `date32[pyarrow]` (not floats, objects or timestamps).

    >>> load("articles")[["char_count", "published_date", "published_date_inferred"]].dtypes.map(str).tolist()
    ['Int64', 'date32[day][pyarrow]', 'boolean']
    """
    path = _parquet(name)
    if backend == "pyarrow":
        import pyarrow.parquet as pq

        return pq.read_table(path)
    if backend not in EXTRAS:
        raise ValueError(f"backend must be 'pandas', 'pyarrow', 'polars' or 'duckdb', not {backend!r}")
    try:
        module = __import__(backend)
    except ImportError:
        raise ImportError(f"load(backend={backend!r}) needs {backend}: "
                          f"pip install 'caucasus-data[{EXTRAS[backend]}]'") from None
    if backend == "polars":
        return module.read_parquet(path)
    if backend == "duckdb":
        return module.connect().read_parquet(str(path))
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Without a mapping pandas turns an integer column with a null into floats and dates into objects.
    nullable = {pa.int64(): module.Int64Dtype(), pa.bool_(): module.BooleanDtype(),
                pa.date32(): module.ArrowDtype(pa.date32())}
    return pq.read_table(path).to_pandas(types_mapper=nullable.get)


def records(name: str) -> list[Any]:
    """The rows of a table as frozen pydantic models, typed from its schema (dates as `datetime.date`).

    >>> [p.name for p in records("people") if p.person_id == "mikhail-galuzin"]
    ['Mikhail Galuzin']
    """
    model = record_model(name)
    return [model.model_validate(row) for row in load(name, backend="pyarrow").to_pylist()]


def schema(name: str) -> dict[str, Any]:
    """The Table Schema of a table, as written in `schemas/<name>.json`.

    >>> schema("people")["primaryKey"]
    ['person_id']
    """
    if name not in installed_schemas():
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables())}")
    return installed_schemas()[name].descriptor


@cache
def package() -> dict[str, Any]:
    """The descriptor, `datapackage.json`, as a dict.

    >>> package()["resources"][0]["path"]
    'data/agreement_parties.csv'
    """
    return json.loads((installed_root() / "datapackage.json").read_text(encoding="utf-8"))
