"""Names and values written into SQL text (DuckDB's and SQLite's). A name may come from an untrusted
descriptor: a field may be named `x", (select ...) as "y`, and DuckDB matches identifiers without regard
to case (`Places` is `places`).

>>> identifier('a"b'), relation("t", "Places"), literal("it's"), literal(1.5)
('"a""b"', 't_506c61636573', "'it''s'", '1.5')
"""

from __future__ import annotations

from typing import Any


def identifier(name: str) -> str:
    """A column's name, quoted (its quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def relation(prefix: str, table: str) -> str:
    """The DuckDB table or view `prefix` of a resource: its name in hex, one relation for each name."""
    return f"{prefix}_{table.encode().hex()}"


def literal(value: Any) -> str:
    """A JSON value as an SQL literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"
