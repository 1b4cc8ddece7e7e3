"""The curation rules of docs/curation.md that a machine can check, each a DuckDB query.

Every rule names the finding it reports (`kind`), the table and field it reports on, a message, and a
query over relations named like the tables, whose columns are VARCHAR exactly as written in the CSV (an
empty cell is NULL) plus an INTEGER `_row` (the CSV row, the header being row 1). A query selects `_row`,
and may select a `detail` that the message quotes, for each offending row of its table.

>>> from caucasus_data.model.locate import installed_root
>>> findings(installed_root(), {table: f"{table}.csv" for table in TABLES})
[]
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding

__all__ = ["RULES", "Rule", "findings", "load", "run"]


@dataclass(frozen=True)
class Rule:
    """One checkable rule: a finding of `kind` on `table`.`field` for each row the query selects."""

    kind: str
    table: str
    field: str
    message: str  # may name {detail}
    query: str


# The curated tables whose rows evidence supports, with their keys: subjects of evidence.
SUBJECTS = {
    "people": "person_id",
    "organisations": "organisation_id",
    "places": "place_id",
    "aliases": "alias_id",
    "memberships": "membership_id",
    "events": "event_id",
    "event_participants": "event_participant_id",
    "agreements": "agreement_id",
    "agreement_parties": "agreement_party_id",
}
TABLES = (*SUBJECTS, "evidence", "sources", "article_metadata")

# Every field of every subject row, one row each (empty cells as NULL values): what evidence can be for.
FACTS = (
    "with facts as (\n"
    + "\n    union all\n".join(
        f"    select '{table}' as subject_table, {key} as subject_id, property, nullif(value, '') as value\n"
        f"    from (unpivot (select {key}, coalesce(columns(* exclude ({key}, _row)), '') from {table})\n"
        f"          on columns(* exclude ({key})) into name property value value)"
        for table, key in SUBJECTS.items()
    )
    + "\n)\n"
)

# The fields that carry a date or a code each need evidence for that field and value.
DATED = (
    ("events", "date_edtf"),
    ("agreements", "date_edtf"),
    *(("memberships", name) for name in ("start_date", "end_date", "attested_date")),
)
# Codes, identifiers and coordinates: each needs evidence for that field and value, all but an agreement's
# stage from a cited source (an article gives no PA-X id, Wikidata id or coordinate).
CODED = (
    ("agreements", "stage"),
    ("agreements", "substage"),
    ("agreements", "pax_agt_id"),
    ("people", "wikidata_id"),
    ("organisations", "wikidata_id"),
    *(("places", name) for name in ("latitude", "longitude", "geonames_id")),
)
# Days that have come: when a page was read, an article published, a fact last attested.
PAST = (
    ("sources", "accessed_date", "the day the page was read"),
    ("article_metadata", "published_date", "the day the article was published"),
    ("memberships", "attested_date", "the day of the latest article that attests it"),
)


def _bound_of(value: str, date: str) -> str:
    """SQL: `value` is one bound of the interval `date` (`../2024-05-15` or `2024-05-10/..` of
    `2024-05-10/2024-05-15`), given by its own span."""
    return (
        f"({date} like '%/%' and (({value} = '../' || split_part({date}, '/', 2) and split_part({date}, '/', 2) <> '..')"
        f" or ({value} = split_part({date}, '/', 1) || '/..' and split_part({date}, '/', 1) <> '..')))"
    )


def _evidence_for_date(table: str, field: str) -> Rule:
    key = SUBJECTS[table]
    exact = f"exists (select 1 from evidence e where e.subject_id = t.{key} and e.property = '{field}' and e.value = t.{field})"
    bounds = " and ".join(
        f"exists (select 1 from evidence e where e.subject_id = t.{key} and e.property = '{field}' and e.value = {bound})"
        for bound in (f"'../' || split_part(t.{field}, '/', 2)", f"split_part(t.{field}, '/', 1) || '/..'")
    )
    return Rule(
        "evidence-for-date",
        table,
        field,
        f"{{detail}} has no evidence row with property {field} and this value (or one for each of its bounds);"
        " cite the words that give it",
        f"select t._row, t.{field} as detail from {table} t\n"
        f"where t.{field} is not null and not {exact}\n"
        f"  and not (t.{field} like '%/%' and t.{field} not like '../%' and t.{field} not like '%/..' and {bounds})",
    )


def _evidence_for_code(table: str, field: str) -> Rule:
    # Only an agreement's stage may come from an article span; PA-X's values and the rest from a cited source.
    key, from_source = SUBJECTS[table], field != "stage"
    return Rule(
        "evidence-for-code",
        table,
        field,
        f"{{detail}} has no evidence row with property {field} and this value"
        + (" from a cited source (source_id)" if from_source else ""),
        f"select t._row, t.{field} as detail from {table} t\n"
        f"where t.{field} is not null and not exists (select 1 from evidence e\n"
        f"  where e.subject_id = t.{key} and e.property = '{field}' and e.value = t.{field}"
        + (" and e.source_id is not null)" if from_source else ")"),
    )


def _not_after_today(table: str, field: str, what: str) -> Rule:
    """A day after tomorrow by this machine's clock has come nowhere on Earth yet."""
    return Rule(
        "future-date",
        table,
        field,
        f"{{detail}} is after today; {field} is {what}",
        f"select _row, {field} as detail from {table} where try_cast({field} as date) > current_date + 1",
    )


# PLOVER modes by type (the modes this package uses; a type not listed takes none).
MODES = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
}
MATERIAL = ("COOPERATE", "AID", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
NOT_YET = ("planned", "proposed", "under-consideration", "cancelled")
# The roles each kind of event takes: talks are CONSULT events, statements have a speaker, and the
# other events (decisions and acts) have their actors as source and what they act on as target.
ROLES = {
    "talks": ("participant", "host", "mediator", "organiser"),
    "statement": ("speaker", "interviewer", "source", "target"),
    "decision or act": ("source", "target"),
}


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


KIND = (
    "case when ev.event_type = 'CONSULT' then 'talks'\n"
    "     when exists (select 1 from event_participants s where s.event_id = ev.event_id and s.role = 'speaker')"
    " then 'statement'\n"
    "     else 'decision or act' end"
)
ALLOWED = "case " + " ".join(f"when kind = '{kind}' then [{_quoted(roles)}]" for kind, roles in ROLES.items()) + " end"

# Every name and alias of the entities mentions and quotes are resolved to, folded as a reader would match them.
NAMES = (
    "with names as (\n"
    + "\n  union all\n".join(
        f"  select {key} as entity_id, lower(trim(name)) as name from {table}"
        for table, key in SUBJECTS.items()
        if table in ("people", "organisations", "places", "events", "agreements")
    )
    + "\n  union all\n  select entity_id, lower(trim(alias)) from aliases\n)\n"
)


def _parent_cycle(table: str, key: str) -> Rule:
    """A row whose chain of parent_id comes back to it: the chain is followed at most as many steps as the
    table has rows."""
    return Rule(
        "parent-cycle",
        table,
        "parent_id",
        "{detail} is its own parent (following parent_id comes back to it); a parent is a larger unit",
        f"with recursive chain(start_row, start_id, id, steps) as (\n"
        f"  select _row, {key}, parent_id, 1 from {table} where parent_id is not null\n"
        f"  union all\n"
        f"  select c.start_row, c.start_id, t.parent_id, c.steps + 1 from chain c\n"
        f"  join {table} t on t.{key} = c.id\n"
        f"  where t.parent_id is not null and c.id <> c.start_id and c.steps <= (select count(*) from {table})\n"
        f")\n"
        f"select distinct start_row as _row, start_id as detail from chain where id = start_id",
    )


def _repeated_link(table: str, fields: tuple[str, str, str], said: str) -> Rule:
    """A link row that repeats an earlier one in all of `fields` under another id: one fact listed twice."""
    columns = ", ".join(fields)
    return Rule(
        "duplicate-link",
        table,
        fields[1],
        f"{{detail}}: {said}; delete one",
        f"select _row, 'the same as row ' || first_row as detail from (\n"
        f"  select _row, min(_row) over (partition by {columns}) as first_row from {table}\n"
        f"  where {' and '.join(f'{name} is not null' for name in fields)})\n"
        f"where _row > first_row",
    )


RULES: tuple[Rule, ...] = (
    Rule(
        "alias-collision",
        "aliases",
        "alias",
        "{detail}: one name for two entities would give its mentions and quotes to the wrong one",
        NAMES + "select a._row, a.alias || ' is also a name or alias of ' || min(n.entity_id) as detail\n"
        "from aliases a join names n on n.name = lower(trim(a.alias)) and n.entity_id <> a.entity_id\n"
        "group by a._row, a.alias",
    ),
    _parent_cycle("organisations", "organisation_id"),
    _parent_cycle("places", "place_id"),
    *(_evidence_for_date(table, field) for table, field in DATED),
    *(_evidence_for_code(table, field) for table, field in CODED),
    *(_not_after_today(*past) for past in PAST),
    Rule(
        "evidence-property",
        "evidence",
        "property",
        "{detail}",
        FACTS + "select e._row, e.property || ' is no field of ' || e.subject_id || ' (a row of '"
        " || any_value(f.subject_table) || ')' as detail\n"
        "from evidence e join facts f on f.subject_id = e.subject_id\n"
        "where e.property is not null\n"
        "group by e._row, e.property, e.subject_id\n"
        "having not bool_or(f.property = e.property)\n"
        "union all\n"
        "select _row, 'gives the value ' || value || ' but no property: name the field it is the value of'\n"
        "from evidence where property is null and value is not null",
    ),
    Rule(
        "evidence-value",
        "evidence",
        "value",
        "{detail}",
        FACTS + "select e._row, case when e.value is null then 'gives property ' || e.property || ' but no value'\n"
        "  else e.value || ' is not the value of ' || e.subject_id || '.' || e.property || ' ('"
        " || coalesce(f.value, 'empty') || '); an alternative value needs a note and evidence for the row''s own value'"
        " end as detail\n"
        "from evidence e join facts f on f.subject_id = e.subject_id and f.property = e.property\n"
        "where e.value is null or (e.value is distinct from f.value\n"
        f"  and not (e.property = 'date_edtf' and {_bound_of('e.value', 'f.value')})\n"
        "  and not (e.note is not null and exists (select 1 from evidence m\n"
        "    where m.subject_id = e.subject_id and m.property = e.property and m.value = f.value)))",
    ),
    _repeated_link("event_participants", ("event_id", "participant_id", "role"), "one participant in one role twice"),
    _repeated_link("agreement_parties", ("agreement_id", "party_id", "role"), "one party in one role twice"),
    Rule(
        "source-access-date",
        "sources",
        "accessed_date",
        "the source has a url but no access date: give the day the page was read (YYYY-MM-DD)",
        "select _row from sources where url is not null and accessed_date is null",
    ),
    Rule(
        "role-for-event-kind",
        "event_participants",
        "role",
        "{detail}",
        "select _row, role || ' is not a role of a ' || kind || ' event (' || event_id || '); use '"
        " || array_to_string(allowed, ', ') as detail\n"
        f"from (select p._row, p.role, p.event_id, {KIND} as kind from event_participants p\n"
        "      join events ev on ev.event_id = p.event_id)\n"
        f"cross join lateral (select {ALLOWED} as allowed)\n"
        "where not list_contains(allowed, role)",
    ),
    Rule(
        "statement-speaks-for",
        "event_participants",
        "role",
        "the statement {detail} has a speaker but no source that is a state (the state the speaker speaks for)",
        "select p._row, p.event_id as detail from event_participants p\n"
        "where p.role = 'speaker' and not exists (select 1 from event_participants s\n"
        "  join organisations o on o.organisation_id = s.participant_id\n"
        "  where s.event_id = p.event_id and s.role = 'source' and o.classification = 'state')",
    ),
    Rule(
        "plover-mode",
        "events",
        "event_mode",
        "{detail}",
        "select _row, event_mode || ' is no mode of ' || event_type || coalesce(' (its modes: ' || modes || ')',"
        " ' (it takes none)') as detail\n"
        "from events left join (values "
        + ", ".join(f"('{t}', '{', '.join(m)}')" for t, m in MODES.items())
        + ") as m(type, modes) on m.type = event_type\n"
        "where event_mode is not null and (modes is null or not list_contains(string_split(modes, ', '), event_mode))",
    ),
    Rule(
        "plover-modality",
        "events",
        "event_type",
        "{detail}",
        "select _row, case when status in (" + _quoted(NOT_YET) + ") then\n"
        "  event_type || ' is a material act, but the event is ' || status"
        " || ': a promise or future act is AGREE or CONCEDE'\n"
        "  else event_type || ' is a material act, but the event is a statement (it has a speaker):"
        " a statement is coded by what it says' end as detail\n"
        "from events ev where event_type in (" + _quoted(MATERIAL) + ")\n"
        "  and (status in (" + _quoted(NOT_YET) + ") or exists (select 1 from event_participants s\n"
        "       where s.event_id = ev.event_id and s.role = 'speaker'))",
    ),
    Rule(
        "status-for-open-end",
        "events",
        "status",
        "the date {detail} has an open end, so the event is not over: ongoing, planned, proposed or"
        " under-consideration",
        "select _row, date_edtf as detail from events where date_edtf like '%/..' and status in ('occurred', 'cancelled')",
    ),
    Rule(
        "stage-of-agreed-text",
        "agreements",
        "stage",
        "{detail}: a PA-X stage is for an agreed text; leave the stage of a draft or proposal empty",
        "select _row, 'the agreement is ' || status as detail from agreements\n"
        "where stage is not null and status in ('draft', 'under-negotiation', 'proposed')",
    ),
    Rule(
        "agreement-date-from-event",
        "agreements",
        "date_edtf",
        "{detail}",
        "select a._row, coalesce(a.date_edtf, 'empty') || ' is not the date of the event that produced it, '"
        " || e.event_id || ' (' || coalesce(e.date_edtf, 'empty') || ')' as detail\n"
        "from agreements a join events e on e.event_id = a.event_id\n"
        "where a.date_edtf is distinct from e.date_edtf",
    ),
)


def run(con: Any, rule: Rule, file: str | None = None) -> list[Finding]:
    """The findings of one rule on the relations of `con` (a DuckDB connection)."""
    result = con.execute(rule.query)
    names = [d[0] for d in result.description]
    findings = []
    for values in result.fetchall():
        row = dict(zip(names, values))
        message = rule.message.format(detail=_short(row.get("detail")))
        findings.append(Finding(file or f"data/{rule.table}.csv", row["_row"], rule.field, rule.kind, message))
    return findings


def _short(value: object, limit: int = 200) -> str:
    """A value for a message: never more of the input than the message needs."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load(con: Any, root: Path, paths: dict[str, str] | None = None) -> None:
    """Each table's CSV as a relation of VARCHAR columns plus `_row` (the header is row 1)."""
    paths = paths or {table: f"data/{table}.csv" for table in TABLES}
    for table in TABLES:
        path = str(root / paths[table]).replace("'", "''")
        con.execute(
            f"create or replace table {table} as select *, (row_number() over ())::integer + 1 as _row\n"
            f"from read_csv('{path}', all_varchar = true, header = true, parallel = false)"
        )


def findings(root: Path, paths: dict[str, str]) -> list[Finding]:
    """What the curation rules find in the tables at `root/paths[table]` (the curated files as typed, or a
    published package's); nothing when a table is missing or cannot be read, which the other checks report."""
    import duckdb

    from ..validation import connect

    if not all(table in paths and (root / paths[table]).is_file() for table in TABLES):
        return []
    with connect(root, small=True) as con:  # the curated tables: typed by hand, small
        try:
            load(con, root, paths)
            with ThreadPoolExecutor(2) as pool:  # two rules at a time, each on its own cursor
                found = pool.map(lambda rule: run(con.cursor(), rule, paths[rule.table]), RULES)
                return [finding for findings in found for finding in findings]
        except duckdb.Error:
            return []  # an unreadable or misshapen file: the Table Schema checks report it
