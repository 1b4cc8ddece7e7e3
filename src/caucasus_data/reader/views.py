"""The joined tables users ask for, computed from the published tables with Arrow, the same in every backend.

A view is computed on the core install (pyarrow alone), so `load("quotes_named")` gives the same rows as a
pandas, polars or DuckDB frame, and `connect()` and the SQLite export hold the same rows as tables. Names
resolve through `entities` (ids are unique across tables); left joins keep every row of the view's base
table, so that a reference that does not resolve leaves its names empty instead of hiding the row.

>>> [row["name"] for row in view("entities").to_pylist() if row["entity_id"] == "mikhail-galuzin"]
['Mikhail Galuzin']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model.schema import TableSchema

# How much of the article a span's context shows on each side (code points).
CONTEXT = 80
# The parent_id chains are curated (a cycle is a curation finding); a chain is followed this far at most.
MAX_DEPTH = 32
# Properties whose sources may give several values without disagreeing: each attests one day.
SEVERAL_VALUES = {"attested_date"}


class Loader:
    """The tables of a published package (default: the one shipped), each read once, and their schemas."""

    def __init__(self, root: Path | None = None, schemas: dict[str, TableSchema] | None = None) -> None:
        from ..model.locate import installed_root
        from .shipped import schemas as shipped

        self.root = root or installed_root()
        self.schemas = schemas if schemas is not None else shipped()
        self._read: dict[str, Any] = {}

    def __call__(self, name: str) -> Any:
        import pyarrow.parquet as pq

        if name not in self._read:
            self._read[name] = pq.read_table(self.root / f"{name}.parquet")
        return self._read[name]

    def once(self, make: Callable[[Loader], Any]) -> Any:
        """`make(self)`, computed once for this package: the joins several views share."""
        key = f"_{make.__name__}"
        if key not in self._read:
            self._read[key] = make(self)
        return self._read[key]


def _pa():
    import pyarrow as pa

    return pa


def _join(left: Any, right: Any, key: str, right_key: str, columns: dict[str, str]) -> Any:
    """`left` with `columns` of `right` (its name -> the view's name), where `left[key] == right[right_key]`.

    A left outer join: a row of `left` with no match keeps its place with empty columns, and one with several
    matches repeats (the caller sorts the result).
    """
    pa = _pa()
    picked = right.select([right_key, *columns])
    picked = picked.rename_columns(["_key", *columns.values()])
    if left.num_rows == 0 or picked.num_rows == 0:  # Arrow's join needs rows on both sides to type the result
        empty = {name: pa.nulls(left.num_rows, picked.schema.field(name).type) for name in columns.values()}
        return pa.table({**{n: left.column(n) for n in left.column_names}, **empty})
    return left.join(picked, keys=key, right_keys="_key", join_type="left outer", coalesce_keys=True)


def _renamed(table: Any, names: dict[str, str]) -> Any:
    return table.rename_columns([names.get(c, c) for c in table.column_names])


def _sorted(table: Any, keys: list[str]) -> Any:
    import pyarrow.compute as pc

    try:  # pyarrow 25 and later: the null placement of each key
        order = pc.sort_indices(table, sort_keys=[(k, "ascending", "at_end") for k in keys])
    except (TypeError, ValueError):  # earlier: one placement for all keys
        order = pc.sort_indices(table, sort_keys=[(k, "ascending") for k in keys], null_placement="at_end")
    table = table.take(order)
    return table.drop_columns([c for c in table.column_names if c.startswith("_")])


def entities(load: Loader) -> Any:
    """Every named row (people, organisations, places, events, agreements): id, name, table, parent and root.

    `root_id` is the top of the `parent_id` chain (a ministry's state, a village's country), or the entity
    itself, so that "Russia, its ministries included" is `root_id = 'russia'`.
    """
    pa = _pa()
    ids: list[str] = []
    names: list[str | None] = []
    tables: list[str] = []
    parents: list[str | None] = []
    for name, schema in load.schemas.items():
        if len(schema.primary_key) != 1 or "name" not in schema.field_names:
            continue
        table = load(name)
        ids += table.column(schema.primary_key[0]).to_pylist()
        names += table.column("name").to_pylist()
        tables += [name] * table.num_rows
        has_parent = "parent_id" in schema.field_names
        parents += table.column("parent_id").to_pylist() if has_parent else [None] * table.num_rows
    parent_of = dict(zip(ids, parents))
    return pa.table(
        {
            "entity_id": pa.array(ids, pa.string()),
            "name": pa.array(names, pa.string()),
            "entity_table": pa.array(tables, pa.string()),
            "parent_id": pa.array(parents, pa.string()),
            "root_id": pa.array([_root(i, parent_of) for i in ids], pa.string()),
        }
    )


def _root(entity_id: str, parent_of: dict[str, str | None]) -> str:
    current = entity_id
    for _ in range(MAX_DEPTH):
        parent = parent_of.get(current)
        if not parent or parent not in parent_of or parent == entity_id:
            return current
        current = parent
    return current


def _sort_date(table: Any) -> Any:
    """The first day of the row's date, else its last (an open start `../2024-04-19` sorts by its end)."""
    import pyarrow.compute as pc

    return table.append_column("sort_date", pc.coalesce(table.column("start_date"), table.column("end_date")))


def event_participants_named(load: Loader) -> Any:
    """Every event with its place's name and a sort date, one row per participant with the participant's name,
    and one row with empty participant columns for an event that has none; in date order."""
    named = load.once(entities)
    events = _renamed(_sort_date(load("events")), {"name": "event_name"})
    events = _join(events, load("places"), "place_id", "place_id", {"name": "place_name"})
    participants = load("event_participants")
    events = _join(
        events,
        participants,
        "event_id",
        "event_id",
        {"event_participant_id": "event_participant_id", "participant_id": "participant_id", "role": "role"},
    )
    events = _join(
        events,
        named,
        "participant_id",
        "entity_id",
        {"name": "participant_name", "entity_table": "participant_table", "root_id": "participant_root_id"},
    )
    columns = [
        "event_id",
        "event_name",
        "event_type",
        "event_mode",
        "date_edtf",
        "start_date",
        "end_date",
        "sort_date",
        "date_precision",
        "status",
        "place_id",
        "place_name",
        "event_participant_id",
        "participant_id",
        "participant_name",
        "participant_table",
        "participant_root_id",
        "role",
    ]
    return _sorted(events.select(columns), ["sort_date", "event_id", "participant_id"])


def agreement_parties_named(load: Loader) -> Any:
    """Every agreement with a sort date, one row per party with the party's name and root (its state), and one
    row with empty party columns for an agreement that has none; in date order."""
    table = _renamed(_sort_date(load("agreements")), {"name": "agreement_name"})
    table = _join(
        table,
        load("agreement_parties"),
        "agreement_id",
        "agreement_id",
        {"agreement_party_id": "agreement_party_id", "party_id": "party_id", "role": "role"},
    )
    table = _join(
        table,
        load.once(entities),
        "party_id",
        "entity_id",
        {"name": "party_name", "entity_table": "party_table", "root_id": "party_root_id"},
    )
    columns = [
        "agreement_id",
        "agreement_name",
        "stage",
        "status",
        "date_edtf",
        "start_date",
        "end_date",
        "sort_date",
        "date_precision",
        "pax_agt_id",
        "event_id",
        "agreement_party_id",
        "party_id",
        "party_name",
        "party_table",
        "party_root_id",
        "role",
    ]
    return _sorted(table.select(columns), ["sort_date", "agreement_id", "party_id"])


def _outlets(load: Loader) -> Any:
    """article_id -> outlet_id, outlet_name (the curated outlet's name, else the dateline's) and published_date."""
    import pyarrow.compute as pc

    articles = _join(load("articles"), load("organisations"), "outlet_id", "organisation_id", {"name": "_outlet"})
    outlet = pc.coalesce(articles.column("_outlet"), articles.column("outlet_name"))
    return _pa().table(
        {
            "article_id": articles.column("article_id"),
            "outlet_id": articles.column("outlet_id"),
            "outlet_name": outlet,
            "published_date": articles.column("published_date"),
        }
    )


def quotes_named(load: Loader) -> Any:
    """The quotations with the speaker's name, the article's outlet and date, and the event's name."""
    named = load.once(entities)
    quotes = load("quotes")
    table = _join(
        quotes,
        load.once(_outlets),
        "article_id",
        "article_id",
        {"outlet_id": "outlet_id", "outlet_name": "outlet_name"},
    )
    table = _join(table, named, "speaker_id", "entity_id", {"name": "speaker_name", "entity_table": "speaker_table"})
    table = _join(table, named, "event_id", "entity_id", {"name": "event_name"})
    columns = [
        "quote_id",
        "article_id",
        "outlet_id",
        "outlet_name",
        "published_date",
        "speaker_id",
        "speaker_name",
        "speaker_table",
        "attribution",
        "quote_type",
        "text",
        "char_start",
        "char_end",
        "event_id",
        "event_name",
    ]
    return _sorted(table.select(columns), ["published_date", "article_id", "char_start"])


def mentions_named(load: Loader) -> Any:
    """The mentions with the entity's name, table and root, and the article's outlet and date."""
    table = _join(
        load("mentions"),
        load.once(_outlets),
        "article_id",
        "article_id",
        {"outlet_id": "outlet_id", "outlet_name": "outlet_name", "published_date": "published_date"},
    )
    table = _join(
        table,
        load.once(entities),
        "entity_id",
        "entity_id",
        {"name": "entity_name", "entity_table": "entity_table", "root_id": "entity_root_id"},
    )
    columns = [
        "mention_id",
        "article_id",
        "outlet_id",
        "outlet_name",
        "published_date",
        "entity_id",
        "entity_name",
        "entity_table",
        "entity_root_id",
        "surface",
        "char_start",
        "char_end",
    ]
    return _sorted(table.select(columns), ["published_date", "article_id", "char_start", "entity_id"])


def co_mentions(load: Loader) -> Any:
    """Pairs of entities mentioned in the same article (each pair once, `entity_id` < `other_id`), with how
    often the article mentions each."""
    import pyarrow.compute as pc

    mentions = load("mentions").select(["article_id", "entity_id"])
    counts = mentions.group_by(["article_id", "entity_id"]).aggregate([("entity_id", "count")])
    counts = counts.rename_columns(["article_id", "entity_id", "mentions"])
    other = counts.rename_columns(["article_id", "other_id", "other_mentions"])
    if counts.num_rows:
        pairs = counts.join(other, keys="article_id", join_type="inner")
        pairs = pairs.filter(pc.less(pairs.column("entity_id"), pairs.column("other_id")))
    else:
        pairs = counts.append_column("other_id", _pa().array([], _pa().string()))
        pairs = pairs.append_column("other_mentions", _pa().array([], _pa().int64()))
    named = load.once(entities)
    pairs = _join(pairs, load.once(_outlets), "article_id", "article_id", {"published_date": "published_date"})
    pairs = _join(pairs, named, "entity_id", "entity_id", {"name": "entity_name"})
    pairs = _join(pairs, named, "other_id", "entity_id", {"name": "other_name"})
    columns = [
        "article_id",
        "published_date",
        "entity_id",
        "entity_name",
        "mentions",
        "other_id",
        "other_name",
        "other_mentions",
    ]
    return _sorted(pairs.select(columns), ["published_date", "article_id", "entity_id", "other_id"])


def _subjects(load: Loader) -> Any:
    """Every row with a single-field primary key: its id, its table and its name (when it has one)."""
    pa = _pa()
    ids: list[str] = []
    tables: list[str] = []
    names: list[str | None] = []
    for name, schema in load.schemas.items():
        if len(schema.primary_key) != 1 or name in ("evidence", "articles", "quotes", "mentions"):
            continue
        table = load(name)
        ids += table.column(schema.primary_key[0]).to_pylist()
        tables += [name] * table.num_rows
        names += table.column("name").to_pylist() if "name" in schema.field_names else [None] * table.num_rows
    return pa.table(
        {
            "subject_id": pa.array(ids, pa.string()),
            "subject_table": pa.array(tables, pa.string()),
            "subject_name": pa.array(names, pa.string()),
        }
    )


def _contexts(evidence: Any, load: Loader) -> Any:
    """The words around each span (CONTEXT code points on either side), read from the articles it cites."""
    cited = set(evidence.column("article_id").drop_null().to_pylist())
    articles = load("articles").select(["article_id", "text"])
    texts = {row["article_id"]: row["text"] for row in articles.to_pylist() if row["article_id"] in cited}
    out: list[str | None] = []
    for article, start, end in zip(
        evidence.column("article_id").to_pylist(),
        evidence.column("char_start").to_pylist(),
        evidence.column("char_end").to_pylist(),
    ):
        text = texts.get(article)
        if text is None or start is None or end is None or not 0 <= start <= end <= len(text):
            out.append(None)
        else:
            out.append(text[max(0, start - CONTEXT) : end + CONTEXT])
    return _pa().array(out, _pa().string())


def evidence_named(load: Loader) -> Any:
    """Each evidence row with its subject's name and table, its span's context and article (outlet, date), and
    its source (title, url, the day it was read, citation)."""
    evidence = load("evidence")
    table = evidence.append_column("context", _contexts(evidence, load))
    table = _join(
        table,
        load.once(_subjects),
        "subject_id",
        "subject_id",
        {"subject_table": "subject_table", "subject_name": "subject_name"},
    )
    table = _join(
        table,
        load.once(_outlets),
        "article_id",
        "article_id",
        {"outlet_id": "outlet_id", "outlet_name": "outlet_name", "published_date": "published_date"},
    )
    table = _join(
        table,
        load("sources"),
        "source_id",
        "source_id",
        {
            "title": "source_title",
            "url": "source_url",
            "accessed_date": "source_accessed_date",
            "citation": "source_citation",
        },
    )
    columns = [
        "evidence_id",
        "subject_id",
        "subject_table",
        "subject_name",
        "property",
        "value",
        "article_id",
        "outlet_id",
        "outlet_name",
        "published_date",
        "char_start",
        "char_end",
        "quote",
        "context",
        "source_id",
        "source_title",
        "source_url",
        "source_accessed_date",
        "source_citation",
        "note",
    ]
    return _sorted(table.select(columns), ["subject_id", "property", "published_date", "evidence_id"])


def conflicts(load: Loader) -> Any:
    """The properties whose sources disagree: every evidence row of such a subject and property, with the value
    it gives (its `value`, else the published one) and the value published.

    Two values disagree when they cannot both hold: dates (`date_edtf` and the `*_date` fields) when the days
    they can denote do not overlap (`1991` and PA-X's `1991-09-23` agree; `2020-11-09` and `2020-11-10` do
    not), any other property when they differ.

    >>> rows = conflicts(Loader()).to_pylist()
    >>> sorted({(r["value"], r["source_id"] or r["article_id"]) for r in rows
    ...         if r["subject_id"] == "trilateral-statement-2020-11" and r["property"] == "date_edtf"})
    [('2020-11-09', '000_8730724a31ace38e'), ('2020-11-10', 'pax-2324')]
    """
    pa = _pa()
    import pyarrow.compute as pc

    named = load.once(evidence_named)
    prop = named.column("property")
    wanted = pc.and_(pc.is_valid(prop), pc.invert(pc.is_in(prop, value_set=pa.array(sorted(SEVERAL_VALUES)))))
    rows = [r for r in named.filter(wanted).to_pylist() if r["property"]]
    published = _published_values(load, {(r["subject_table"], r["property"]) for r in rows})
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        row["published_value"] = published.get((row["subject_id"], row["property"]))
        row["value"] = row["value"] or row["published_value"]
        groups.setdefault((row["subject_id"], row["property"]), []).append(row)
    kept = [row for (_, prop), group in groups.items() if _disagree(prop, group) for row in group]
    columns = {
        "subject_id": pa.string(),
        "subject_table": pa.string(),
        "subject_name": pa.string(),
        "property": pa.string(),
        "value": pa.string(),
        "published_value": pa.string(),
        "evidence_id": pa.string(),
        "article_id": pa.string(),
        "outlet_name": pa.string(),
        "published_date": pa.date32(),
        "quote": pa.string(),
        "source_id": pa.string(),
        "source_title": pa.string(),
        "source_url": pa.string(),
        "note": pa.string(),
    }
    table = pa.table({c: pa.array([r[c] for r in kept], t) for c, t in columns.items()})
    return _sorted(table, ["subject_id", "property", "value", "evidence_id"])


def _disagree(prop: str, group: list[dict[str, Any]]) -> bool:
    values = sorted({row["value"] or "" for row in group})
    if len(values) < 2:
        return False
    if prop != "date_edtf" and not prop.endswith("_date"):
        return True
    found = [_days(v) for v in values]
    spans = [span for span in found if span is not None]
    if len(spans) < len(found):
        return True  # a value that is no date cannot be shown to agree
    return any(not _overlap(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :])


def _days(value: str) -> tuple[Any, Any] | None:
    """The first and last day an EDTF value can denote (None for an open end); None when it is no date."""
    from ..model.dates import EDTFError, bounds

    try:
        found = bounds(value)
    except (EDTFError, ImportError):  # beyond EDTF level 0 needs the edtf package of the [validate] extra
        return None
    return found.start, found.end


def _overlap(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def _published_values(load: Loader, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """(subject id, property) -> the published value, as its CSV cell would show it (None when empty)."""
    out: dict[tuple[str, str], str | None] = {}
    for table_name in sorted({t for t, _ in wanted if t}):
        schema = load.schemas[table_name]
        properties = [p for t, p in wanted if t == table_name and p in schema.field_names]
        if not properties:
            continue
        for row in load(table_name).select([schema.primary_key[0], *properties]).to_pylist():
            for prop in properties:
                value = row[prop]
                out[(row[schema.primary_key[0]], prop)] = None if value is None else _cell(value)
    return out


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


VIEWS: dict[str, Callable[[Loader], Any]] = {
    "entities": entities,
    "event_participants_named": event_participants_named,
    "agreement_parties_named": agreement_parties_named,
    "quotes_named": quotes_named,
    "mentions_named": mentions_named,
    "co_mentions": co_mentions,
    "evidence_named": evidence_named,
    "conflicts": conflicts,
}


# The tables each view's columns come from, first match first: a column named as a field of one of them has
# that field's meaning (its description is the schema's). The columns the views add are described here.
SOURCES = {
    "entities": [],
    "event_participants_named": ["events", "event_participants"],
    "agreement_parties_named": ["agreements", "agreement_parties"],
    "quotes_named": ["quotes", "articles"],
    "mentions_named": ["mentions", "articles"],
    "co_mentions": ["mentions", "articles"],
    "evidence_named": ["evidence", "articles"],
    "conflicts": ["evidence", "articles"],
}
ADDED = {
    "entity_id": "The entity's id (unique across all tables).",
    "name": "The entity's name.",
    "entity_table": "The table the entity is a row of.",
    "parent_id": "The organisation or place it is part of, when it has one.",
    "root_id": "The top of its chain of parents (a ministry's state, a village's country), else the entity itself.",
    "sort_date": "The first day of the date, else its last (an open start sorts by its end); empty when undated.",
    "event_name": "The event's name.",
    "place_name": "The place's name.",
    "participant_name": "The participant's name; empty when the event has no participant.",
    "participant_table": "The table the participant is a row of (people or organisations).",
    "participant_root_id": "The top of the participant's chain of parents (a ministry's state), else the participant.",
    "agreement_name": "The agreement's name.",
    "party_name": "The party's name; empty when the agreement has no party.",
    "party_table": "The table the party is a row of (people or organisations).",
    "party_root_id": "The top of the party's chain of parents (a ministry's state), else the party itself.",
    "outlet_name": "The outlet's name: the curated organisation's, else as the dateline gives it.",
    "speaker_name": "The speaker's name; empty when the speaker was not resolved.",
    "speaker_table": "The table the speaker is a row of.",
    "entity_name": "The entity's name.",
    "entity_root_id": "The top of the entity's chain of parents, else the entity itself.",
    "mentions": "How many times the article mentions the entity.",
    "other_id": "The other entity mentioned in the same article (`entity_id` < `other_id`).",
    "other_name": "The other entity's name.",
    "other_mentions": "How many times the article mentions the other entity.",
    "subject_table": "The table the subject row is in.",
    "subject_name": "The subject's name, when its table has names.",
    "context": f"The article's text around the span ({CONTEXT} characters on either side).",
    "source_title": "The cited source's title.",
    "source_url": "The cited source's url.",
    "source_accessed_date": "The day the cited source was read.",
    "source_citation": "The cited source's full citation.",
    "published_value": "The value the package publishes for the property.",
}


def column_descriptions(name: str, load: Loader | None = None) -> dict[str, str]:
    """What each column of view `name` holds: the description of the field it comes from, or of what the view
    adds.

    >>> column_descriptions("quotes_named")["speaker_name"]
    "The speaker's name; empty when the speaker was not resolved."
    """
    load = load or Loader()
    known = load.schemas
    out = {}
    columns = view(name, load).column_names
    for column in columns:
        if column in ADDED and (name == "entities" or column not in ("name", "parent_id", "entity_id")):
            out[column] = ADDED[column]
            continue
        for table in SOURCES[name]:
            if column in known[table].field_names:
                out[column] = known[table].field(column).get("description", "")
                break
        else:
            out[column] = ADDED.get(column, "")
    return out


def views() -> list[str]:
    """The names of the views, in name order.

    >>> views()[:3]
    ['agreement_parties_named', 'co_mentions', 'conflicts']
    """
    return sorted(VIEWS)


def view(name: str, load: Loader | None = None) -> Any:
    """The Arrow table of view `name`, computed from the tables `load` gives (default: the shipped package)."""
    if name not in VIEWS:
        raise KeyError(f"no view {str(name)[:60]!r}; the views are: {', '.join(views())}")
    return (load or Loader()).once(VIEWS[name])


def description(name: str) -> str:
    """The first line of a view's docstring: what one row is."""
    doc = VIEWS[name].__doc__ or ""
    return " ".join(doc.split("\n\n")[0].split())
