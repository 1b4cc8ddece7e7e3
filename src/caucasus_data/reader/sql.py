"""SQL over the published tables: a DuckDB connection with every table as a view of its Parquet file.

>>> import caucasus_data as cd
>>> con = cd.connect()
>>> con.sql("select outlet_id, published_date from articles order by published_date limit 1").fetchall()
[('mediamax', datetime.date(2023, 10, 9))]

Besides one view per table (named as the table), `connect()` makes these convenience views:

- `entities`: every row of the tables that have a `name` (people, organisations, places, events,
  agreements) as `entity_id`, `name`, `entity_table`; the ids are unique across all tables, so a
  polymorphic reference (a participant, party, speaker or mentioned entity) resolves with one join;
- `event_participants_named`: one row per participant of an event, with the event's name, type, dates
  and status and the participant's name and table;
- `agreement_parties_named`: one row per party to an agreement, with the agreement's name, status and
  dates and the party's name and table;
- `quotes_named`: the quotes with the speaker's name, the article's outlet and publication date;
- `mentions_named`: the mentions with the entity's name and table and the article's publication date.

The views read the Parquet files when queried: nothing is copied into the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.locate import installed_root
from ..model.schema import TableSchema
from .tables import schemas

EXTRA = "duckdb"

# The convenience views. Left joins keep a row whose reference does not resolve (the names are then null),
# so that a view never hides a row of its link table.
VIEWS = {
    "event_participants_named": """
        select e.event_id, e.name as event_name, e.event_type, e.date_edtf, e.start_date, e.end_date,
               e.status, p.participant_id, n.name as participant_name, n.entity_table as participant_table,
               p.role
        from event_participants p
        left join events e on e.event_id = p.event_id
        left join entities n on n.entity_id = p.participant_id
    """,
    "agreement_parties_named": """
        select a.agreement_id, a.name as agreement_name, a.status, a.date_edtf, a.start_date, a.end_date,
               p.party_id, n.name as party_name, n.entity_table as party_table, p.role
        from agreement_parties p
        left join agreements a on a.agreement_id = p.agreement_id
        left join entities n on n.entity_id = p.party_id
    """,
    "quotes_named": """
        select q.quote_id, q.article_id, a.outlet_id, coalesce(o.name, a.outlet_name) as outlet_name,
               a.published_date, q.speaker_id, n.name as speaker_name, q.attribution, q.quote_type, q.text,
               q.char_start, q.char_end, q.event_id
        from quotes q
        left join articles a on a.article_id = q.article_id
        left join organisations o on o.organisation_id = a.outlet_id
        left join entities n on n.entity_id = q.speaker_id
    """,
    "mentions_named": """
        select m.mention_id, m.article_id, a.published_date, m.entity_id, n.name as entity_name,
               n.entity_table, m.surface, m.char_start, m.char_end
        from mentions m
        left join articles a on a.article_id = m.article_id
        left join entities n on n.entity_id = m.entity_id
    """,
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _published_schemas(root: Path) -> dict[str, TableSchema]:
    """The schemas of the published package at `root` (the shipped one's are read once)."""
    if root == installed_root():
        return schemas()
    import json

    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: TableSchema(r["name"], r["schema"]) for r in descriptor["resources"]}


def _entities_sql(tables: dict[str, TableSchema]) -> str:
    """A union of the tables whose rows are named entities: a single-field primary key and a `name`."""
    parts = []
    for name, schema in tables.items():
        if len(schema.primary_key) == 1 and "name" in schema.field_names:
            parts.append(
                f"select {schema.primary_key[0]} as entity_id, name, {_literal(name)} as entity_table from {name}"
            )
    return "\nunion all\n".join(parts)


def connect(database: str = ":memory:", root: str | Path | None = None) -> Any:
    """A DuckDB connection with every table as a view of its Parquet file, and the convenience views.

    `root` is a published package's folder or a checkout (default: the package shipped with the library); `database` is
    DuckDB's (default: in memory). Needs the `duckdb` extra.

    >>> con = connect()
    >>> con.sql("select name, entity_table from entities where entity_id = 'mikhail-galuzin'").fetchall()
    [('Mikhail Galuzin', 'people')]
    >>> "quotes_named" in {row[0] for row in con.sql("show tables").fetchall()}
    True
    """
    try:
        import duckdb
    except ImportError:
        raise ImportError(f"connect() needs duckdb: pip install 'caucasus-data[{EXTRA}]'") from None
    root = Path(root) if root is not None else installed_root()
    if (root / "data" / "datapackage.json").is_file():  # a checkout: its published package
        root = root / "data"
    if not (root / "datapackage.json").is_file():
        raise FileNotFoundError(f"connect(root={str(root)!r}): no data package there (no datapackage.json)")
    tables = _published_schemas(root)
    con = duckdb.connect(database)
    # `create or replace` so that connecting again to a database file refreshes the views.
    for name in tables:
        parquet = (root / f"{name}.parquet").resolve()
        con.execute(f"create or replace view {name} as select * from read_parquet({_literal(str(parquet))})")
    con.execute(f"create or replace view entities as {_entities_sql(tables)}")
    for name, query in VIEWS.items():
        con.execute(f"create or replace view {name} as {query}")
    return con
