"""A SQLite file of the whole package: every table with its primary and foreign keys, every view as a table,
and full-text search over the article texts and the quotations.

SQLite has no date or boolean type: dates are ISO text (`2024-06-05`, which sorts and compares as dates),
booleans 0 and 1. The file is written beside `out` and moved into place whole, so a failed export leaves
whatever was there.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from ..model.schema import TableSchema
from ..model.sqltext import identifier
from ..reader.sql import _published_schemas, published_root
from ..reader.views import VIEWS, Loader

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
# The texts people search: (table, its columns indexed). Each gets `<table>_fts`, which Datasette finds.
FULL_TEXT = {"articles": ["title", "text"], "quotes": ["text", "attribution"]}
BATCH = 10_000  # rows inserted at a time: a large table is never a single Python list


def _table_sql(name: str, schema: TableSchema, schemas: dict[str, TableSchema]) -> str:
    lines = []
    for field in schema.fields:
        required = field.get("constraints", {}).get("required")
        lines.append(f"{identifier(field['name'])} {SQL_TYPES[field['type']]}{' NOT NULL' if required else ''}")
    if schema.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(map(identifier, schema.primary_key))})")
    for fk in schema.descriptor.get("foreignKeys", []):
        fields, target = fk["fields"], fk["reference"]
        fields = [fields] if isinstance(fields, str) else fields
        ref_fields = [target["fields"]] if isinstance(target["fields"], str) else target["fields"]
        if target["resource"] in schemas and _is_key(schemas[target["resource"]], ref_fields):
            lines.append(
                f"FOREIGN KEY ({', '.join(map(identifier, fields))}) "
                f"REFERENCES {identifier(target['resource'])} ({', '.join(map(identifier, ref_fields))})"
            )
    return f"CREATE TABLE {identifier(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _is_key(schema: TableSchema, fields: list[str]) -> bool:
    """Whether `fields` identify a row of the table (SQLite refers only to a primary key or a unique column);
    a composite reference to other columns is checked by the validation alone."""
    if fields == schema.primary_key:
        return True
    return len(fields) == 1 and bool(schema.field(fields[0]).get("constraints", {}).get("unique"))


def _unique_indexes(name: str, schema: TableSchema) -> list[str]:
    out = []
    for field in schema.fields:
        column = field["name"]
        if field.get("constraints", {}).get("unique") and [column] != schema.primary_key:
            index = identifier(f"{name}_{column}_unique")
            out.append(f"CREATE UNIQUE INDEX {index} ON {identifier(name)} ({identifier(column)})")
    return out


def _view_sql(name: str, table: Any) -> str:
    import pyarrow as pa

    def kind(t: Any) -> str:
        if pa.types.is_integer(t) or pa.types.is_boolean(t):
            return "INTEGER"
        return "REAL" if pa.types.is_floating(t) else "TEXT"

    columns = ",\n  ".join(f"{identifier(f.name)} {kind(f.type)}" for f in table.schema)
    return f"CREATE TABLE {identifier(name)} (\n  {columns}\n)"


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _insert(db: sqlite3.Connection, name: str, table: Any) -> None:
    marks = ", ".join("?" for _ in table.column_names)
    sql = f"INSERT INTO {identifier(name)} VALUES ({marks})"
    for batch in table.to_batches(max_chunksize=BATCH):
        columns = [column.to_pylist() for column in batch.columns]
        db.executemany(sql, ([_cell(v) for v in row] for row in zip(*columns)))


def _full_text(db: sqlite3.Connection, name: str, columns: list[str]) -> None:
    """An external-content FTS5 index (`content="articles"`), the form Datasette detects and searches."""
    fts = identifier(f"{name}_fts")
    listed = ", ".join(map(identifier, columns))
    db.execute(f'CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content="{name}")')
    db.execute(f"INSERT INTO {fts} (rowid, {listed}) SELECT rowid, {listed} FROM {identifier(name)}")


def export_sqlite(out: str | Path, root: str | Path | None = None) -> Path:
    """Write the package (default: the one shipped; `root` a published package or a checkout) as a SQLite
    file at `out`, replacing it; returns its path.

    >>> import sqlite3, tempfile, pathlib
    >>> out = export_sqlite(pathlib.Path(tempfile.mkdtemp()) / "caucasus.db")
    >>> sqlite3.connect(out).execute("select name from people where person_id = 'mikhail-galuzin'").fetchall()
    [('Mikhail Galuzin',)]
    """
    folder = published_root(root)
    schemas = _published_schemas(folder)
    load = Loader(folder, schemas)
    out = Path(out)
    handle, scratch = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(scratch)
        try:
            with db:
                for name, schema in schemas.items():
                    db.execute(_table_sql(name, schema, schemas))
                    for index in _unique_indexes(name, schema):
                        db.execute(index)
                    _insert(db, name, load(name))
                for name, make in VIEWS.items():
                    table = load.once(make)
                    db.execute(_view_sql(name, table))
                    _insert(db, name, table)
                for name, columns in FULL_TEXT.items():
                    if name in schemas:
                        _full_text(db, name, columns)
            db.execute("VACUUM")
        finally:
            db.close()
        os.chmod(scratch, 0o644)  # mkstemp's file is the owner's alone; the export is for sharing
        os.replace(scratch, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        raise
    return out
