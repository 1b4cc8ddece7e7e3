"""SQL over the published tables: a DuckDB connection with every table and every view of the package.

>>> import caucasus_data as cd
>>> con = cd.connect()
>>> con.sql("select outlet_id, published_date from articles order by published_date limit 1").fetchall()
[('mediamax', datetime.date(2023, 10, 9))]

In memory (the default) each table is a view of its Parquet file, read when queried. In a database file
(`connect("caucasus.duckdb")`) each table is copied in, so that the file holds the data itself and can be
shared: it names no path of this installation. The joined views of `caucasus_data.reader.views`
(`entities`, `event_participants_named`, `quotes_named`, `evidence_named`, `conflicts`, ...) are computed
once with Arrow, the same rows `load()` gives, and stored as tables.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model.locate import installed_root
from ..model.schema import TableSchema
from ..model.sqltext import identifier, literal
from .tables import schemas
from .views import VIEWS, Loader

EXTRA = "duckdb"
TABLE_NAME = re.compile(r"[a-z0-9_][a-z0-9_.-]*")  # the Data Package profile's names, lower case, not hidden


def _published_schemas(root: Path) -> dict[str, TableSchema]:
    """The schemas of the published package at `root` (the shipped one's are read once)."""
    if root == installed_root():
        return schemas()
    import json

    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if not TABLE_NAME.fullmatch(str(resource.get("name"))):  # it names the file read: <name>.parquet
            raise ValueError(
                f"{root / 'datapackage.json'}: resource name {str(resource.get('name'))[:60]!r} is no table name"
            )
    return {r["name"]: TableSchema(r["name"], r["schema"]) for r in sorted(descriptor["resources"], key=_name)}


def _name(resource: dict[str, Any]) -> str:
    return resource["name"]


def published_root(root: str | Path | None) -> Path:
    """The published package at `root`: a package folder or a checkout (its data/); default the shipped one."""
    folder = Path(root) if root is not None else installed_root()
    if (folder / "data" / "datapackage.json").is_file():  # a checkout: its published package
        folder = folder / "data"
    if not (folder / "datapackage.json").is_file():
        raise FileNotFoundError(f"root={str(folder)[:200]!r}: no data package there (no datapackage.json)")
    return folder


def connect(database: str = ":memory:", root: str | Path | None = None) -> Any:
    """A DuckDB connection with every table and view of the package.

    `root` is a published package's folder or a checkout (default: the package shipped with the library); `database` is
    DuckDB's (default: in memory; a file gets a copy of every table). Needs the `duckdb` extra.

    >>> con = connect()
    >>> con.sql("select name, entity_table from entities where entity_id = 'mikhail-galuzin'").fetchall()
    [('Mikhail Galuzin', 'people')]
    >>> con.sql("select count(*) from quotes_named where speaker_name = 'Mikhail Galuzin'").fetchall()
    [(10,)]
    """
    try:
        import duckdb
    except ImportError:
        raise ImportError(f"connect() needs duckdb: pip install 'caucasus-data[{EXTRA}]'") from None
    folder = published_root(root)
    tables = _published_schemas(folder)
    con = duckdb.connect(database)
    kind = "view" if database == ":memory:" else "table"
    # Connecting again to a database file refreshes it: what was there is replaced.
    existing = con.execute("select table_name, table_type from information_schema.tables").fetchall()
    for name, table_type in existing:
        if name in tables or name in VIEWS:
            con.execute(f"drop {'view' if table_type == 'VIEW' else 'table'} {identifier(name)}")
    for name in tables:
        parquet = literal(str((folder / f"{name}.parquet").resolve()))
        con.execute(f"create {kind} {identifier(name)} as select * from read_parquet({parquet})")
    load = Loader(folder, tables)
    for name, make in VIEWS.items():
        con.register("_view", load.once(make))
        con.execute(f"create table {name} as select * from _view")
        con.unregister("_view")
    return con
