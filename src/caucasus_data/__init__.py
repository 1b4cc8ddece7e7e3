"""caucasus-data: a validated dataset of the Armenia-Azerbaijan peace process.

>>> import caucasus_data as cd
>>> "people" in cd.tables()
True

The import is cheap: pyarrow, pydantic and the rest load when a function needs them.
"""

from __future__ import annotations

# No imports here, not even `typing`: it alone would double the cost of `import caucasus_data`.
__all__ = [
    "DATA_VERSION",
    "__version__",
    "connect",
    "evidence",
    "export_sqlite",
    "load",
    "package",
    "path",
    "records",
    "schema",
    "tables",
    "timeline",
    "validate",
    "views",
]

# Where each public name lives: the module is imported on first use.
_PUBLIC = {
    "tables": "reader.tables",
    "load": "reader.tables",
    "path": "reader.tables",
    "views": "reader.views",
    "evidence": "reader.provenance",
    "export_sqlite": "export.sqlite",
    "timeline": "tools.timeline",
    "schema": "reader.tables",
    "package": "reader.tables",
    "records": "reader.records",
    "connect": "reader.sql",
    "validate": "checkout",
}


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_PUBLIC[name]}"), name)
    if name == "__version__":
        from importlib.metadata import version

        return version("caucasus-data")
    if name == "DATA_VERSION":
        from .reader.tables import package

        return package()["version"]
    raise AttributeError(f"module 'caucasus_data' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
