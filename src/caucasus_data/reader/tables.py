"""Reading the published tables shipped with the package: Arrow, pandas, polars or DuckDB.

`load` imports nothing before the library that reads the file, and does no more than find the file, so that it
costs about what `pyarrow.parquet.read_table` costs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..model import locate

TYPE_CHECKING = False  # the typing module costs as much as the rest of this module's imports
if TYPE_CHECKING:
    from typing import Any, Literal

    from ..model.schema import TableSchema

    Backend = Literal["pandas", "pyarrow", "polars", "duckdb"]
EXTRAS = {"pandas": "pandas", "polars": "polars", "duckdb": "duckdb"}


@cache
def package() -> dict[str, Any]:
    """The published descriptor, `datapackage.json` of the shipped package, as a dict (schemas inline).

    >>> package()["resources"][0]["path"]
    'agreement_parties.csv'
    """
    import json

    return json.loads((locate.installed_root() / "datapackage.json").read_text(encoding="utf-8"))


def tables() -> list[str]:
    """Names of the tables, in name order.

    >>> tables()[:3]
    ['agreement_parties', 'agreements', 'aliases']
    """
    return sorted(resource["name"] for resource in package()["resources"])


@cache
def schemas() -> dict[str, TableSchema]:
    """Every published table's schema, by name."""
    from ..model.schema import TableSchema

    return {r["name"]: TableSchema(r["name"], r["schema"]) for r in sorted(package()["resources"], key=_name)}


def _name(resource: dict[str, Any]) -> str:
    return resource["name"]


def schema(name: str) -> dict[str, Any]:
    """The Table Schema of a table, as written in `schemas/<name>.json`.

    >>> schema("people")["primaryKey"]
    ['person_id']
    """
    return schemas()[_known(name)].descriptor


def _known(name: str) -> str:
    if name not in tables():
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables())}")
    return name


def parquet_path(name: str) -> Path:
    return locate.installed_root() / f"{_known(name)}.parquet"


def load(name: str, backend: Backend = "pandas") -> Any:
    """A table as a pandas DataFrame, a pyarrow Table, a polars DataFrame or a DuckDB relation.

    >>> load("people", backend="pyarrow").column("name").to_pylist()[:1]
    ['Ararat Mirzoyan']

    pandas gets nullable columns, so that a missing value keeps its column's type: integers are `Int64`,
    booleans `boolean` and dates `date32[pyarrow]` (not floats, objects or timestamps).

    >>> load("articles")[["char_count", "published_date", "published_date_inferred"]].dtypes.map(str).tolist()
    ['Int64', 'date32[day][pyarrow]', 'boolean']
    """
    path = parquet_path(name)
    if backend == "pyarrow":
        import pyarrow.parquet as pq

        return pq.read_table(path)
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
