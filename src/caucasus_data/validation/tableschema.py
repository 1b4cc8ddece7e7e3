"""The Table Schema checks as DuckDB SQL: frictionless' findings, worded and ordered as it words them.

Each resource's CSV is a table of text cells (csvtext.py). Its schema compiles to two queries: one scan
for the cells (missing values, types, constraints, blank rows, missing cells) and one for the keys
(unique fields, the primary key, foreign keys, as typed values written as text). Cells outside the canonical
forms that Python may read otherwise (`+5`, ` 7 `, `2024-1-5`, a line break a pattern's `$` passes, a
non-ASCII letter under `\\w`) are read one by one in Python, as frictionless reads them (cells.py). Rows
are then listed as frictionless lists them, up to its limit of 1,000 errors per file.

A resource this module does not read as frictionless does (another dialect, encoding, field type or
option, or a foreign key to such a resource) is left to frictionless: see `Checked.delegated`. So is the
whole package when frictionless would refuse its descriptor.

>>> import duckdb
>>> from caucasus_data.model.locate import installed_root
>>> checked = check(duckdb.connect(), installed_root())
>>> checked.findings, checked.delegated
([], {})
"""

from __future__ import annotations

import codecs
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..model.paths import InputError, read_input, unsafe_path
from ..model.sqltext import identifier, literal, relation
from . import messages
from .cells import CONSTRAINTS, cell_reader
from .csvtext import CsvText, Scan, Unsupported, scan
from .tabular import LIMIT_ERRORS, STALE_MESSAGE, bounded_findings

KEY_TYPES = {"string", "integer", "date", "boolean", "any"}
BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
# Canonical forms: what DuckDB reads as Python would. Integers up to 18 digits fit BIGINT; numbers with at
# most 15 significant digits compare as DOUBLE exactly as Decimal does.
CANONICAL = {
    "integer": "^-?[0-9]{1,18}$",
    "number": r"^-?[0-9]{1,9}(\.[0-9]{1,6})?$",
    "date": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
# Non-canonical cells that Python may still read as the type: any with a digit (or NaN, Infinity).
MAYBE = r"(?i)\pN|nan|inf"
SQL_TYPES = {"integer": "BIGINT", "number": "DOUBLE", "date": "DATE"}
# Where RE2 and Python's re part ways: Python's \d \w \s \b and case folding know Unicode, RE2's only ASCII.
SHORTHAND = re.compile(r"\\[dDwWsSbB]|\(\?[a-zA-Z]*i")
DEFAULT_TRUE, DEFAULT_FALSE = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]
THREADS = 2  # tables read and checked at once
NAME = re.compile(r"^([-a-z0-9._/])+$")  # the Data Package profile's resource name


@dataclass
class Checked:
    """Findings, the resources left to frictionless (why), and the files read into DuckDB tables."""

    findings: list[Finding]
    delegated: dict[str, str]
    texts: dict[str, CsvText] = field(default_factory=dict)


@dataclass
class Spec:
    """One expected field, by header position: its column `c{index}`, as frictionless reads it."""

    index: int
    name: str
    type: str
    constraints: dict[str, Any]
    missing: list[str]
    field: dict[str, Any]  # the field's descriptor (its true and false values)
    odd_pattern: bool = False  # a pattern Python matches otherwise than RE2 on some cells
    reader: Any = None  # cells.cell_reader, for the cells outside the canonical forms

    @property
    def column(self) -> str:
        return f"c{self.index}"

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass
class _Table:
    name: str
    file: str
    resource: dict[str, Any]
    schema: dict[str, Any]
    text: CsvText
    specs: list[Spec]
    header: list[Finding]
    cells: dict[int, list] = field(default_factory=dict)  # row -> [(spec index, order, kind, cell, note)]
    blank: set[int] = field(default_factory=set)
    missing: dict[int, int] = field(default_factory=dict)  # row -> cells present, short of the specs
    integrity: dict[int, list] = field(default_factory=dict)  # row -> [(phase, detail, number)]
    pending: list[tuple[int, int, int, str]] = field(default_factory=list)  # odd cells: (_i, row, spec, cell)
    keys: set[str] = field(default_factory=set)  # the fields whose keys are compared
    copied: bool = False  # the keys are a table (`_make_keys`), not a view of the cells

    def spec(self, name: str) -> Spec | None:
        return next((s for s in self.specs if s.name == name), None)


def check(con: Any, root: Path) -> Checked:
    """What `frictionless validate datapackage.json` reports on the package at `root`, as findings."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    refused = _refused(descriptor)
    if refused:
        return Checked(bounded_findings(root), {"datapackage.json": refused})
    resources = [dict(r, schema=_schema(root, r)) for r in descriptor["resources"]]
    delegated: dict[str, str] = {}
    tables: dict[str, _Table] = {}
    # Python hashes and scans the files in one thread while DuckDB reads and checks two tables at a time
    # (each read single-threaded, to keep the rows in order), the largest first so that both end together.
    sizes = {r["name"]: (root / r["path"]).stat().st_size for r in resources if _readable(root, r)}
    largest = sorted(resources, key=lambda r: -sizes.get(r["name"], 0))
    with ThreadPoolExecutor(1) as hasher, ThreadPoolExecutor(THREADS) as pool:
        scans = {r["name"]: hasher.submit(scan, root / r["path"], _algorithm(r)) for r in largest if r["name"] in sizes}
        reading = {r["name"]: pool.submit(_table, con, root, r, resources, scans.get(r["name"])) for r in largest}
        for resource in resources:
            try:
                tables[resource["name"]] = reading[resource["name"]].result()
            except Unsupported as exc:
                delegated[resource["name"]] = str(exc)
        made, causes = list(tables.values()), dict(delegated)
        for name in _dependents(resources, set(delegated)):
            delegated.setdefault(name, "a foreign key refers to a file left to frictionless")
            tables.pop(name)
        checked = [t for r in largest if (t := tables.get(r["name"]))]  # the largest first here too
        list(pool.map(lambda t: _read_pending(con.cursor(), t), checked))
        list(pool.map(lambda t: _check_keys(con.cursor(), t, tables), checked))
        for table in made:  # room for the content checks, within the memory limit
            con.execute(f"drop {'table' if table.copied else 'view'} {_keys(table)}")
            con.execute(f"drop table if exists {relation('copied_keys', table.name)}")
        left = [r["name"] for r in resources if r["name"] not in tables]
        reference = bounded_findings(root, only=left, why=causes) if left else []
        findings = []
        for resource in resources:
            if resource["name"] in tables:
                findings += _ordered(tables[resource["name"]], scans[resource["name"]].result())
            else:
                findings += [f for f in reference if f.file == resource.get("path") or f.kind == "timeout"]
    return Checked(findings, delegated, {name: t.text for name, t in tables.items()})


def _table(con: Any, root: Path, resource: dict[str, Any], resources: list[dict[str, Any]], scanned: Any) -> _Table:
    """A resource read into DuckDB, its cells checked and its key table made (before any foreign key reads it)."""
    table = _read(con.cursor(), root, resource, resources, scanned)
    _check_cells(con.cursor(), table)
    _make_keys(con.cursor(), table)
    return table


# --- what is read here ----------------------------------------------------------------------------


def _refused(descriptor: Any) -> str | None:
    """Why frictionless would refuse the descriptor, as far as these checks rely on it (it then says best)."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        return "the descriptor needs resources"
    for r in resources:
        if not isinstance(r, dict) or not isinstance(r.get("name"), str) or not NAME.match(r["name"]):
            return "a resource needs a name of lower-case letters, digits and -._/"
        if not isinstance(r.get("path"), str) or unsafe_path(r["path"]):
            return f"resource {r['name']!r}: the path is not a file inside the package"
        if isinstance(r.get("schema"), str) and unsafe_path(r["schema"]):
            return f"resource {r['name']!r}: the schema is not a file inside the package"
    if len({r["name"] for r in resources}) < len(resources):
        return "two resources have the same name"
    return None


def _schema(root: Path, resource: dict[str, Any]) -> Any:
    schema = resource.get("schema")
    if isinstance(schema, str):
        try:
            return json.loads(read_input(root, schema, 1 << 20))
        except (InputError, ValueError):
            return None  # reported by the descriptor checks
    return schema


def _readable(root: Path, resource: dict[str, Any]) -> bool:
    path = root / resource["path"]
    return path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(root.resolve())


def _dependents(resources: list[dict[str, Any]], left: set[str]) -> set[str]:
    """The resources whose foreign keys lead, step by step, to one of `left`."""
    found, grown = set(left), True
    while grown:
        grown = False
        for r in resources:
            targets = {_target(fk, r["name"]) for fk in _foreign_keys(r["schema"])}
            if r["name"] not in found and targets & found:
                found.add(r["name"])
                grown = True
    return found - left


def _foreign_keys(schema: Any) -> list[dict[str, Any]]:
    keys = schema.get("foreignKeys", []) if isinstance(schema, dict) else []
    return [
        {"fields": _names(fk["fields"]), "reference": {**fk["reference"], "fields": _names(fk["reference"]["fields"])}}
        for fk in keys
    ]


def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _target(fk: dict[str, Any], own: str) -> str:
    return fk["reference"].get("resource") or own


def _read(con: Any, root: Path, resource: dict[str, Any], resources: list[dict[str, Any]], scanned: Any) -> _Table:
    name, schema = resource["name"], resource["schema"]
    if not _readable(root, resource):
        raise Unsupported("the path is not a regular file inside the package")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise Unsupported("no schema with fields")
    encoding = resource.get("encoding", "utf-8")
    if resource.get("format", "csv") != "csv" or not resource["path"].endswith(".csv"):
        raise Unsupported("not a CSV file")
    if not isinstance(encoding, str) or _codec(encoding) != "utf-8":
        raise Unsupported("not UTF-8")
    if resource.get("scheme", "file") != "file" or {"dialect", "compression"} & set(resource):
        raise Unsupported("a dialect, scheme or compression is read by frictionless only")
    if schema.get("fieldsMatch", "exact") != "exact":
        raise Unsupported("fieldsMatch is read by frictionless only")
    types = {r["name"]: {f.get("name"): f.get("type", "string") for f in r["schema"]["fields"]} for r in resources}
    for fk in _foreign_keys(schema):
        target = _target(fk, name)
        if target not in types:
            raise Unsupported(f"a foreign key to a missing resource {target!r}")
        for own, ref in zip(fk["fields"], fk["reference"]["fields"]):
            if own not in types[name] or types[name][own] != types[target].get(ref):
                raise Unsupported("a foreign key between fields of different types")
    text = CsvText.read(con, relation("t", name), root / resource["path"], scanned)
    keys = _key_fields(name, schema, resources)
    specs, header = _expected(resource["path"], schema, text.labels, keys)
    return _Table(name, resource["path"], resource, schema, text, specs, header, keys=keys)


def _codec(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _key_fields(name: str, schema: dict[str, Any], resources: list[dict[str, Any]]) -> set[str]:
    """The fields whose keys are compared: unique, primary, foreign, and those other tables refer to."""
    keys = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")}
    keys |= set(_names(schema.get("primaryKey", [])))
    for r in resources:
        for fk in _foreign_keys(r["schema"]):
            keys |= set(fk["fields"]) if r["name"] == name else set()
            keys |= set(fk["reference"]["fields"]) if _target(fk, r["name"]) == name else set()
    return keys


def _expected(file: str, schema: dict[str, Any], labels: list[str], keys: set[str]) -> tuple[list[Spec], list[Finding]]:
    """The fields frictionless expects in the data, by header position, and the header's findings.

    With `fieldsMatch: exact` labels pair with fields by position: a label beyond the schema's fields gets
    a field of type `any` named after it, fields beyond the labels are dropped.
    """
    fields, missing = schema["fields"], schema.get("missingValues", [""])
    names: list[str] = []
    for i, label in enumerate(labels):
        base = fields[i]["name"] if i < len(fields) else label
        name, suffix = base, 2
        while name in names:  # frictionless.table.label_matching.deduplicate_names
            name, suffix = f"{base}{suffix}", suffix + 1
        names.append(name)
    specs = []
    for i, name in enumerate(names):
        f = fields[i] if i < len(fields) else {"name": name, "type": "any"}
        specs.append(_spec(i, name, f, missing, key=name in keys and i < len(fields)))
    header = []
    for i in range(len(fields), len(labels)):
        header.append(Finding(file, None, "", "extra-label", messages.label_error("extra-label", labels[i], "", i + 1)))
    for i, f in enumerate(fields[len(labels) :], start=len(labels) + 1):
        header.append(
            Finding(file, None, f["name"], "missing-label", messages.label_error("missing-label", "", f["name"], i))
        )
    for i, (f, label) in enumerate(zip(fields, labels)):
        seen = [j + 1 for j, other in enumerate(labels[:i]) if other == label]
        if not label:
            kind, note = "blank-label", ""
        elif seen:
            kind, note = "duplicate-label", 'at position "{}"'.format(", ".join(map(str, seen)))
        elif label != f["name"]:
            kind, note = "incorrect-label", ""
        else:
            continue
        header.append(Finding(file, None, f["name"], kind, messages.label_error(kind, label, f["name"], i + 1, note)))
    return specs, header


def _spec(index: int, name: str, f: dict[str, Any], missing: list[str], key: bool) -> Spec:
    kind, constraints = f.get("type", "string"), dict(f.get("constraints", {}))
    if kind not in CONSTRAINTS or f.get("format", "default") != "default":
        raise Unsupported(f"field {name!r}: type {kind}/{f.get('format')} is read by frictionless only")
    if key and kind not in KEY_TYPES:
        raise Unsupported(f"field {name!r}: a {kind} key is compared by frictionless only")
    if {"bareNumber", "groupChar", "decimalChar", "floatNumber"} & set(f):
        raise Unsupported(f"field {name!r}: its number options are read by frictionless only")
    if set(constraints) - set(CONSTRAINTS[kind]) - {"unique"}:
        raise Unsupported(f"field {name!r}: a constraint checked by frictionless only")
    for bound in set(BOUNDS) & set(constraints):
        value = _typed(kind, constraints[bound])
        if value is None or (kind == "integer" and not -(2**63) < value < 2**63):
            raise Unsupported(f"field {name!r}: bound {bound} is compared by frictionless only")
    odd = "pattern" in constraints and bool(SHORTHAND.search(str(constraints["pattern"])))
    return Spec(index, name, kind, constraints, list(f.get("missingValues", missing)), f, odd)


def _typed(kind: str, value: Any) -> Any:
    """A constraint's value as frictionless reads it for a field of `kind` (None: not of that type)."""
    import datetime

    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else _int(value)
    if kind == "number":
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if kind == "date":
        try:
            return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            return None
    if kind == "boolean":
        return value if isinstance(value, bool) else None
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    try:
        return int(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None


# --- cells --------------------------------------------------------------------------------------------


def _in(column: str, values: list[Any]) -> str:
    return f"{column} in ({', '.join(map(literal, values))})" if values else "false"


def _sql(spec: Spec, value: str | None = None) -> dict[str, str]:
    """SQL for one field: `missing`, `odd` (read by frictionless), `bad` (a type error), `value` (typed),
    `key` (the typed value as text), and one condition per constraint that fails (on `value`, if given: the
    name of a column holding the typed value)."""
    c = spec.column
    trues, falses = spec.field.get("trueValues", DEFAULT_TRUE), spec.field.get("falseValues", DEFAULT_FALSE)
    out = {"missing": f"({c} is null or {_in(c, spec.missing)})", "odd": "false", "bad": "false", "value": c}
    if spec.type in CANONICAL:
        canonical = f"regexp_matches({c}, '{CANONICAL[spec.type]}')"
        value = f"try_cast({c} as {SQL_TYPES[spec.type]})"
        if spec.type == "date":
            canonical = f"({canonical} and {c} not like '0000%')"
            value = f"try_strptime({c}, '%Y-%m-%d')::date"
        out["odd"] = f"(not {canonical} and regexp_matches({c}, '{MAYBE}'))"
        out["bad"] = f"(not {canonical} and not regexp_matches({c}, '{MAYBE}') or {canonical} and {value} is null)"
        out["value"], out["key"] = value, f"case when {canonical} then {value}::varchar end"
    elif spec.type == "boolean":
        out["bad"] = f"not ({_in(c, trues)} or {_in(c, falses)})"
        out["value"] = _in(c, trues)
        out["key"] = f"case when {_in(c, trues)} then 'True' when {_in(c, falses)} then 'False' end"
    else:
        out["key"] = c
        if "pattern" in spec.constraints:
            plain = f"regexp_matches({c}, '^[ -~]*$')" if spec.odd_pattern else "true"
            out["odd"] = f"({c} like '%' || chr(10) or not {plain})"
    out["key"] = f"case when not {out['missing']} and not {out['odd']} and not {out['bad']} then {out['key']} end"
    held = value or out["value"]
    for name, bound in spec.constraints.items():
        if name in BOUNDS:
            typed = _typed(spec.type, bound)
            written = f"date '{typed}'" if spec.type == "date" else literal(typed)
            out[name] = f"not ({held} {BOUNDS[name]} {written})"
        elif name in ("minLength", "maxLength"):
            out[name] = f"length({c}) {'<' if name == 'minLength' else '>'} {int(bound)}"
        elif name == "pattern":
            out[name] = f"not regexp_matches({c}, {literal(chr(92) + 'A(?:^' + bound + '$)')})"
        elif name == "enum":
            members = [_typed(spec.type, v) for v in bound]
            members = [m for m in members if m is not None]
            if spec.type == "date":
                out[name] = f"not {_in(c, [m.isoformat() for m in members])}"
            else:
                out[name] = f"not {_in(held, members)}"
    return out


def _check_cells(con: Any, table: _Table) -> None:
    """Cell errors, blank rows and missing cells, in one scan; odd cells are read as frictionless reads them.

    The query is layered so that each expression is written once (a short query plans fast): each field's
    flags (`m` missing, `o` odd, `b` bad) and typed value `v`, then a column `e<code>` per error that can
    occur, then the rows with any of them."""
    checks: list[tuple[Spec, int, str, str]] = []  # (spec, order, kind, note) by code
    flags, errors, odd = [], [], []
    for spec in table.specs:
        i, sql = spec.index, _sql(spec, value=f"v{spec.index}")
        flags.append(f"{sql['missing']} as m{i}, {sql['odd']} as o{i}, {sql['bad']} as b{i}, {sql['value']} as v{i}")
        # A text cell has no type error, nor an odd reading: the query leaves out what cannot be true.
        typed = sql["bad"] != "false"
        wanted = [(0, "type-error", messages.type_note(spec.type, "default"), f"not m{i} and b{i}")] if typed else []
        readable = (
            f"not m{i}" + (f" and not o{i}" if sql["odd"] != "false" else "") + (f" and not b{i}" if typed else "")
        )
        for order, name in enumerate(CONSTRAINTS[spec.type], start=1):
            if name == "required" and spec.constraints.get("required"):
                wanted.append((order, "constraint-error", "", f"m{i}"))
            elif name in spec.constraints and name != "required":
                wanted.append((order, "constraint-error", "", f"{readable} and {sql[name]}"))
        for order, kind, note, condition in wanted:
            if kind == "constraint-error":
                name = CONSTRAINTS[spec.type][order - 1]
                note = messages.constraint_note(name, spec.constraints[name])
            errors.append(f"coalesce({condition}, false) as e{len(checks)}")
            checks.append((spec, order, kind, note))
        if sql["odd"] != "false":
            odd.append(f"case when not m{i} and o{i} then {i} end")
    columns = ", ".join(s.column for s in table.specs)
    flagged = f"(select _i, {columns}, {', '.join(flags)} from {relation('t', table.name)} where _i > 1)"
    blank = " and ".join(f"m{s.index}" for s in table.specs)
    codes = ", ".join(f"case when e{n} then {n} end" for n in range(len(checks)))
    anything = " or ".join(f"e{n}" for n in range(len(checks))) or "false"
    # Every row with an odd cell, and the rows with errors up to frictionless' limit.
    odds, some, upto = "[]::integer[]", "false", f"order by _i limit {LIMIT_ERRORS + 1}"
    if odd:
        odds, some = f"list_filter([{', '.join(odd)}], lambda x: x is not null)", "len(odd) > 0"
        window = f"count(*) filter ({anything} or blank) over (order by _i)"
        upto = f"qualify {window} <= {LIMIT_ERRORS + 1} or {some} order by _i"
    query = (
        f"select _i, list_filter([{codes}]::integer[], lambda x: x is not null), blank, odd, {columns} from "
        f"(select _i, {columns}, {blank} as blank, {odds} as odd{''.join(', ' + e for e in errors)} from {flagged}) "
        f"where {anything} or blank or {some} {upto}"
    )
    for i, row_codes, is_blank, row_odd, *cells in con.execute(query).fetchall():
        row = table.text.number(i)
        table.pending += [(i, row, index, cells[index]) for index in row_odd]
        if is_blank:
            table.blank.add(row)
        for code in row_codes:
            spec, order, kind, note = checks[code]
            cell = "None" if cells[spec.index] is None else cells[spec.index]
            table.cells.setdefault(row, []).append((spec.index, order, kind, cell, note))
    for row, count in table.text.counts.items():
        if count < len(table.specs):
            table.missing[row] = count
    for row in table.text.empty:
        table.blank.add(row)


def _read_pending(con: Any, table: _Table) -> None:
    """The odd cells read by frictionless; the keys of those in key fields go into the key table (a view's
    keys are copied into one first)."""
    keys = [
        (i, table.specs[index].name, _read_odd(table, row, table.specs[index], cell))
        for i, row, index, cell in table.pending
    ]
    keys = [key for key in keys if key[1] in table.keys]
    copy = _keys(table) if table.copied else relation("copied_keys", table.name)
    if keys and not table.copied:  # rare in a large file: the view becomes one of a copy, which takes them
        con.execute(f"create table {copy} as select * from {_keys(table)}")
        con.execute(f"create or replace view {_keys(table)} as select * from {copy}")
    for name in {name for _, name, _ in keys}:  # one update a field: one a cell took minutes for 100,000 cells
        rows, values = zip(*[(i, key) for i, n, key in keys if n == name])
        con.execute(
            f"update {copy} set {identifier(name)} = u.v "
            f"from (select unnest(?::integer[]) as i, unnest(?::varchar[]) as v) u where {copy}._i = u.i",
            [list(rows), list(values)],
        )


def _read_odd(table: _Table, row: int, spec: Spec, cell: str) -> str | None:
    """A cell outside the canonical forms, read as frictionless reads it (cells.py): its value as a key."""
    if spec.reader is None:
        spec.reader = cell_reader(spec.type, spec.constraints, spec.missing)
    value, notes = spec.reader(cell)
    for name, note in dict(notes or {}).items():
        order, kind = (
            (0, "type-error") if name == "type" else (1 + CONSTRAINTS[spec.type].index(name), "constraint-error")
        )
        table.cells.setdefault(row, []).append((spec.index, order, kind, cell, note))
    return None if value is None else str(value)


# --- keys ---------------------------------------------------------------------------------------------


def _check_keys(con: Any, table: _Table, tables: dict[str, _Table]) -> None:
    """Unique fields, the primary key and foreign keys, as frictionless checks each row in turn."""
    keys = _keys(table)
    repeats: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # a primary key is often a unique field too
    for spec in table.specs:
        if spec.constraints.get("unique"):
            repeats[spec.name,] = _repeats(con, keys, [spec.name], table)
            for row, previous in repeats[spec.name,]:
                table.integrity.setdefault(row, []).append(("unique", spec, previous))
    primary = _names(table.schema.get("primaryKey", []))
    if primary and all(table.spec(n) for n in primary):
        known = repeats.get(tuple(primary))
        for row, previous in _repeats(con, keys, primary, table) if known is None else known:
            table.integrity.setdefault(row, []).append(("primary", messages.same_as_note(previous), None))
        none = " and ".join(f"{identifier(n)} is null" for n in primary)
        found = con.execute(f"select _i from {keys} where {none}").fetchall()
        for row in [table.text.number(i) for (i,) in found] + table.text.empty:
            table.integrity.setdefault(row, []).append(("primary", messages.ALL_NONE_NOTE, None))
    for number, fk in enumerate(_foreign_keys(table.schema)):
        own, target, ref = fk["fields"], tables[_target(fk, table.name)], fk["reference"]["fields"]
        if not all(table.spec(n) for n in own):
            continue
        lookup = _keys(target)
        columns = [identifier(n) if target.spec(n) else "null" for n in ref]
        some = " or ".join(f"{identifier(n)} is not null" for n in own)
        match = " and ".join(f"k.{identifier(n)} is not distinct from l.v{j}" for j, n in enumerate(own))
        query = (
            f"with l as (select distinct {', '.join(f'{c} as v{j}' for j, c in enumerate(columns))} from {lookup}"
            f" where {' or '.join(f'{c} is not null' for c in columns)})\n"
            f"select _i, {', '.join(f'k.{identifier(n)}' for n in own)} from {keys} k where ({some}) and "
            f"not exists (select 1 from l where {match}) order by _i limit {LIMIT_ERRORS}"
        )
        for i, *values in con.execute(query).fetchall():
            shown = ["None" if v is None else v for v in values]
            note = messages.foreign_key_note(own, shown, target.name, ref)
            table.integrity.setdefault(table.text.number(i), []).append(("foreign", note, number))


def _keys(table: _Table) -> str:
    """The table or view of each row's keys as text (`_i` and a column per key field)."""
    return relation("keys", table.name)


def _make_keys(con: Any, table: _Table) -> None:
    fields = len(table.schema["fields"])
    columns = "".join(
        f", {_sql(s)['key']} as {identifier(s.name)}" for s in table.specs if s.name in table.keys and s.index < fields
    )
    table.copied = table.text.path.stat().st_size < COPIED_KEYS
    kind = "table" if table.copied else "view"
    con.execute(f"create {kind} {_keys(table)} as select _i{columns} from {relation('t', table.name)} where _i > 1")


# The keys of a file under this size are a table: its queries plan faster (the real package validated 9%
# faster than with views of the cells). Those of a larger file are a view: as tables they held 100 MiB of a
# 100,000-article package in memory, and made DuckDB spill to disk.
COPIED_KEYS = 4 << 20  # bytes


def _repeats(con: Any, keys: str, names: list[str], table: _Table) -> list[tuple[int, int]]:
    """(row, the previous row with the same key) for every key seen before; keys all None are not keys."""
    columns = ", ".join(map(identifier, names))
    some = " or ".join(f"{identifier(n)} is not null" for n in names)
    query = (
        f"with d as (select {columns} from {keys} where {some} group by all having count(*) > 1),\n"
        f"r as (select _i, lag(_i) over (partition by {columns} order by _i) as p from {keys} semi join d using "
        f"({columns}))\nselect _i, p from r where p is not null order by _i limit {LIMIT_ERRORS}"
    )
    if len(names) > 1:  # a None in a tuple is a value like any other
        query = query.replace(
            f"using ({columns})",
            "on " + " and ".join(f"{keys}.{identifier(n)} is not distinct from d.{identifier(n)}" for n in names),
        )
    return [(table.text.number(i), table.text.number(p)) for i, p in con.execute(query).fetchall()]


# --- ordering and the error limit -------------------------------------------------------------------


def _ordered(table: _Table, facts: Scan) -> list[Finding]:
    """The file's findings in frictionless' order, cut at its error limit, then the stale check."""
    findings = list(table.header)
    if len(findings) >= LIMIT_ERRORS:  # the header alone: frictionless reads no row
        return findings[:LIMIT_ERRORS]
    extra = {row: n for row, n in table.text.counts.items() if n > len(table.specs)}
    rows = set(table.cells) | table.blank | set(extra) | set(table.missing) | set(table.integrity)
    for row in sorted(rows):
        findings.extend(_row_findings(table, row, extra.get(row, 0)))
        if len(findings) >= LIMIT_ERRORS:  # frictionless stops reading here, and skips its end checks
            return findings[:LIMIT_ERRORS]
    return findings + _stale(table, facts)


def _row_findings(table: _Table, row: int, extra: int) -> list[Finding]:
    """One row's findings in the order frictionless lists them.

    frictionless casts the cells of unique, primary key and foreign key fields one by one as it checks
    those keys, and all the other cells at the first key error (or after the keys): the errors of the cells
    cast early come first, then the others in field order, then extra and missing cells (or, for a blank
    row, one blank-row error instead of all of these), then the key errors in the order found.
    """
    file, specs = table.file, table.specs
    phases = ("unique", "primary", "foreign")
    integrity = sorted(
        table.integrity.get(row, []), key=lambda e: (phases.index(e[0]), e[2] if e[0] == "foreign" else 0)
    )
    early = _cast_early(table, integrity)
    out = []
    if row in table.blank:
        out.append(Finding(file, row, None, "blank-row", messages.row_error("blank-row", row)))
    else:
        errors = sorted(table.cells.get(row, []), key=lambda e: (e[0], e[1]))
        for index in early + [s.index for s in specs if s.index not in early]:
            for _, _, kind, cell, note in [e for e in errors if e[0] == index]:
                spec = specs[index]
                message = messages.cell_error(kind, cell, row, spec.name, spec.number, note)
                out.append(Finding(file, row, spec.name, kind, message))
        for number in range(len(specs) + 1, extra + 1):
            out.append(Finding(file, row, "", "extra-cell", messages.cell_error("extra-cell", "", row, "", number)))
        for spec in specs[table.missing.get(row, len(specs)) :]:
            message = messages.cell_error("missing-cell", "", row, spec.name, spec.number)
            out.append(Finding(file, row, spec.name, "missing-cell", message))
    for phase, detail, previous in integrity:
        if phase == "unique":
            note = messages.same_as_note(previous)
            message = messages.cell_error("unique-error", "", row, detail.name, detail.number, note)
            out.append(Finding(file, row, detail.name, "unique-error", message))
        else:
            kind = "primary-key" if phase == "primary" else "foreign-key"
            out.append(Finding(file, row, None, kind, messages.row_error(kind, row, detail)))
    return out


def _cast_early(table: _Table, integrity: list) -> list[int]:
    """Indices of the fields frictionless casts before its first key error in a row, in that order."""
    steps: list[tuple[list[str], Any]] = [
        ([s.name], lambda e, s=s: e[0] == "unique" and e[1] is s) for s in table.specs if s.constraints.get("unique")
    ]
    primary = _names(table.schema.get("primaryKey", []))
    if primary and all(table.spec(n) for n in primary):
        steps.append((primary, lambda e: e[0] == "primary"))
    for number, fk in enumerate(_foreign_keys(table.schema)):
        if all(table.spec(n) for n in fk["fields"]):
            steps.append((fk["fields"], lambda e, number=number: e[0] == "foreign" and e[2] == number))
    order: list[int] = []
    for names, failed in steps:
        order.extend(s.index for n in names if (s := table.spec(n)) and s.index not in order)
        if any(failed(e) for e in integrity):
            break
    return order


def _algorithm(resource: dict[str, Any]) -> str:
    given = str(resource.get("hash") or "")
    return "sha256" if given.startswith("sha256:") else "md5"


def _stale(table: _Table, facts: Scan) -> list[Finding]:
    """frictionless compares the size and the hash the descriptor gives (MD5 unless it names SHA-256)."""
    given, stale = str(table.resource.get("hash") or ""), False
    if given:
        algorithm, expected = given.split(":", 1) if ":" in given else ("md5", given)
        stale = algorithm in ("md5", "sha256") and facts.digest != expected
    if table.resource.get("bytes") and table.resource["bytes"] != facts.size:
        stale = True
    return [Finding(table.file, None, None, "stale", STALE_MESSAGE)] if stale else []
