"""Reading the published tables shipped with the package: Arrow, pandas, polars or DuckDB.

`load` imports nothing before the library that reads the file, and does no more than find the file, so that it
costs about what `pyarrow.parquet.read_table` costs.
"""

from __future__ import annotations

from pathlib import Path

from ..model import locate
from .shipped import package, schemas

TYPE_CHECKING = False  # the typing module costs as much as the rest of this module's imports
if TYPE_CHECKING:
    from typing import Any, Literal

    Backend = Literal["pandas", "pyarrow", "polars", "duckdb"]
EXTRAS = {"pandas": "pandas", "polars": "polars", "duckdb": "duckdb"}


def tables() -> list[str]:
    """Names of the published tables, in name order (`views()` names the joined tables computed from them).

    >>> tables()[:3]
    ['agreement_parties', 'agreements', 'aliases']
    """
    return sorted(resource["name"] for resource in package()["resources"])


def schema(name: str) -> dict[str, Any]:
    """The Table Schema of a table, as written in `schemas/<name>.json`.

    >>> schema("people")["primaryKey"]
    ['person_id']
    """
    return schemas()[_known(name)].descriptor


def _known(name: str) -> str:
    if name not in tables():
        from .views import views

        raise KeyError(
            f"no table {str(name)[:60]!r}; the tables are: {', '.join(tables())}; the views: {', '.join(views())}"
        )
    return name


def parquet_path(name: str) -> Path:
    return locate.installed_root() / f"{_known(name)}.parquet"


FORMATS = ("parquet", "csv")


def path(name: str, format: str = "parquet") -> Path:
    """The shipped file of a table, to read with any tool: `format` is "parquet" (typed) or "csv".

    >>> path("events").name, path("events", format="csv").name
    ('events.parquet', 'events.csv')
    """
    if format not in FORMATS:
        raise ValueError(f"format must be 'parquet' or 'csv', not {str(format)[:20]!r}")
    if name not in tables():
        from .views import views

        if name in views():
            raise KeyError(f"{name!r} is a view, computed by load({name!r}): it has no file of its own")
    return locate.installed_root() / f"{_known(name)}.{format}"


def load(name: str, backend: Backend = "pyarrow") -> Any:
    """A table or a view as a pyarrow Table (the default), a pandas or polars DataFrame or a DuckDB relation.

    >>> load("people").column("name").to_pylist()[:1]
    ['Ararat Mirzoyan']
    >>> load("quotes_named").column("speaker_name").to_pylist()[:1]
    ['Mikhail Galuzin']

    pandas gets Arrow-backed columns, so that every column keeps its type and a missing value is `<NA>`
    whatever the type (not `NaN` in text, nor floats for integers, nor objects for dates).

    >>> load("articles", backend="pandas")[["char_count", "published_date", "title"]].dtypes.map(str).tolist()
    ['int64[pyarrow]', 'date32[day][pyarrow]', 'string[pyarrow]']
    """
    if backend not in ("pyarrow", *EXTRAS):
        raise ValueError(f"backend must be 'pyarrow', 'pandas', 'polars' or 'duckdb', not {str(backend)[:20]!r}")
    if name not in tables():
        from .views import view, views

        if name in views():
            return as_backend(view(name), backend)
    file = parquet_path(name)
    if backend == "pyarrow":
        import pyarrow.parquet as pq

        return pq.read_table(file)
    module = _library(backend)
    if backend == "polars":
        return module.read_parquet(file)
    if backend == "duckdb":
        return module.connect().read_parquet(str(file))
    import pyarrow.parquet as pq

    return pq.read_table(file).to_pandas(types_mapper=module.ArrowDtype)


def _library(backend: str) -> Any:
    try:
        return __import__(backend)
    except ImportError:
        raise ImportError(
            f"load(backend={backend!r}) needs {backend}: pip install 'caucasus-data[{EXTRAS[backend]}]'"
        ) from None


def as_backend(table: Any, backend: Backend) -> Any:
    """An Arrow table as the backend's frame (pandas with Arrow-backed columns, as `load` gives)."""
    if backend == "pyarrow":
        return table
    module = _library(backend)
    if backend == "pandas":
        return table.to_pandas(types_mapper=module.ArrowDtype)
    if backend == "polars":
        return module.from_arrow(table)
    return module.connect().from_arrow(table)
