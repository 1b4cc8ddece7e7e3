"""caucasus-data: a validated dataset of the Armenia-Azerbaijan peace process.

>>> import caucasus_data as cd
>>> "people" in cd.tables()
True

The import is cheap: pyarrow, pydantic and the rest load when a function needs them.
"""

from __future__ import annotations

# No imports here, not even `typing`: it alone would double the cost of `import caucasus_data`.
__all__ = ["DATA_VERSION", "__version__", "connect", "load", "package", "records", "schema", "tables", "validate"]


def __getattr__(name: str) -> object:
    if name in ("tables", "load", "records", "schema", "package"):
        from . import access

        return getattr(access, name)
    if name == "connect":
        from .sql import connect

        return connect
    if name == "validate":
        from .validation import validate

        return validate
    if name == "__version__":
        from importlib.metadata import version

        return version("caucasus-data")
    if name == "DATA_VERSION":
        from .access import package

        return package()["version"]
    raise AttributeError(f"module 'caucasus_data' has no attribute {name!r}")
