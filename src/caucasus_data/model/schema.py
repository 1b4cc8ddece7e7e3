"""Table Schemas (`schemas/<table>.json`): the one definition of every published table, checked as it is read.

A schema is read once, checked key by key and type by type (a contribution may hold any JSON), and then used by
the pipeline, the validation, the reader and the documents. Besides Frictionless' own keys it declares, with
`x-` keys, what Frictionless has no word for:

- `x-kind`: `curated` (people type its rows into `curated/<table>.csv`) or `generated` (the build makes them);
- `x-evidence-required`: every row of the table needs an evidence row;
- `x-references` on a field: its value is the primary key of a row of one of these tables;
- `x-derived` on a field: the build computes it (EDTF bounds, evidence offsets and ids), so it is not typed;
- `x-multiline` on a field: its values may hold line breaks (article texts, the words of a quotation);
- `x-input-fields`: fields that are typed in the curated file but not published (which occurrence of a quote).

>>> from caucasus_data.model.locate import checkout_root
>>> schema = read_schemas(checkout_root())["evidence"]
>>> schema.primary_key, schema.derived_fields
(['evidence_id'], ['evidence_id', 'char_start', 'char_end'])
>>> schema.input_field_names
['subject_id', 'property', 'value', 'article_id', 'quote', 'source_id', 'note', 'occurrence']
"""

from __future__ import annotations

import difflib
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding
from .paths import InputError, list_folder, read_input

SCHEMA_KEYS = {"$schema", "title", "description", "fields", "primaryKey", "foreignKeys", "missingValues"}
SCHEMA_EXTENSIONS = {"x-kind", "x-evidence-required", "x-input-fields"}
FIELD_KEYS = {"name", "title", "description", "type", "format", "constraints", "example", "trueValues", "falseValues"}
FIELD_EXTENSIONS = {"x-references", "x-derived", "x-multiline"}
CONSTRAINT_KEYS = {
    "required",
    "unique",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "pattern",
    "enum",
}
FIELD_TYPES = {"string", "integer", "number", "boolean", "date"}
KINDS = ("curated", "generated")
# Keys that frictionless 5 reads as nothing: refused, with what to use instead.
IGNORED_BY_FRICTIONLESS = {"categories": "use constraints.enum", "uniqueKeys": "use constraints.unique"}
# A schema is a few kilobytes; a larger file is a mistake or an attack, and is not parsed.
MAX_SCHEMA_BYTES = 256 * 1024
MAX_NESTING = 16


@dataclass(frozen=True)
class TableSchema:
    """One table's schema as written in `schemas/<name>.json` (checked: `descriptor` is well-typed)."""

    name: str
    descriptor: dict[str, Any]

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.descriptor["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return _names(self.descriptor.get("primaryKey", []))

    @property
    def is_generated(self) -> bool:
        return self.descriptor.get("x-kind") == "generated"

    @property
    def is_curated(self) -> bool:
        return not self.is_generated

    @property
    def evidence_required(self) -> bool:
        return bool(self.descriptor.get("x-evidence-required"))

    @property
    def derived_fields(self) -> list[str]:
        """The fields the build computes: not typed in the curated file."""
        return [f["name"] for f in self.fields if f.get("x-derived")]

    @property
    def input_fields(self) -> list[dict[str, Any]]:
        """The columns of `curated/<name>.csv`: the published fields people type, then the input-only ones."""
        return [f for f in self.fields if not f.get("x-derived")] + list(self.descriptor.get("x-input-fields", []))

    @property
    def input_field_names(self) -> list[str]:
        return [f["name"] for f in self.input_fields]

    def field(self, name: str) -> dict[str, Any]:
        return next(f for f in self.fields if f["name"] == name)

    def foreign_keys(self) -> list[tuple[str, str, str]]:
        """(field, table, field) for each single-field foreign key."""
        out = []
        for fk in self.descriptor.get("foreignKeys", []):
            fields, ref_fields = _names(fk["fields"]), _names(fk["reference"]["fields"])
            if len(fields) == 1:  # a composite key (quote_overrides -> quotes) is checked by frictionless only
                out.append((fields[0], fk["reference"]["resource"], ref_fields[0]))
        return out

    def polymorphic_keys(self) -> list[tuple[str, list[str]]]:
        """(field, tables) for fields whose value is the primary key of a row in any of `tables`."""
        return [(f["name"], f["x-references"]) for f in self.fields if "x-references" in f]

    def input_schema(self, generated: set[str]) -> dict[str, Any]:
        """The Table Schema of `curated/<name>.csv` as people type it: no derived field, and no key that needs a
        derived field or a generated table (the build checks those itself, once it has made them)."""
        names = set(self.input_field_names)
        schema = {k: v for k, v in self.descriptor.items() if k not in ("fields", "primaryKey", "foreignKeys")}
        schema["fields"] = self.input_fields
        if self.primary_key and set(self.primary_key) <= names:
            schema["primaryKey"] = self.primary_key
        foreign = [
            fk
            for fk in self.descriptor.get("foreignKeys", [])
            if set(_names(fk["fields"])) <= names and fk["reference"]["resource"] not in generated
        ]
        if foreign:  # the profile wants at least one, or none listed
            schema["foreignKeys"] = foreign
        return schema


def _names(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def load_json(root: Path, relative: str, limit: int) -> tuple[Any, Finding | None]:
    """The JSON value of a package file, or the finding that says why it cannot be read."""
    try:
        data = read_input(root, relative, limit)
    except InputError as exc:
        return None, exc.finding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Finding(relative, None, None, "encoding-error", f"is not UTF-8: {exc.reason}")
    if _nesting(text) > MAX_NESTING:
        return None, Finding(relative, None, None, "json-error", f"nests more than {MAX_NESTING} levels deep")
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # a lone surrogate (`"\ud800"`) is no text
    except _Refused as exc:
        return None, Finding(relative, None, None, "json-error", str(exc))
    except UnicodeEncodeError:
        message = "holds a lone surrogate escape (such as \\ud800), which is no character; remove it"
        return None, Finding(relative, None, None, "json-error", message)
    except ValueError as exc:
        return None, Finding(relative, getattr(exc, "lineno", None), None, "json-error", f"is not valid JSON: {exc}")
    return value, None


class _Refused(ValueError):
    """JSON that Python reads but that means something else to other readers."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object; a key given twice is refused (Python keeps the last, other readers the first)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Refused(f"gives the key {key[:60]!r} twice in one object; keep one")
        found[key] = value
    return found


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Refused(f"holds the number {text[:30]}, beyond the range of a double; write a smaller one")
    return value


def _no_constant(name: str) -> Any:
    raise _Refused(f"holds {name}, which is not JSON; write a number")


def _nesting(text: str) -> int:
    """How deep brackets nest, ignoring those inside strings: checked before parsing, so that a hostile file
    cannot exhaust the parser's recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def unknown_keys(file: str, where: str, value: Any, allowed: set[str], extensions: set[str] | None) -> list[Finding]:
    """Findings for keys that are neither allowed nor known extensions (a typo there would drop a constraint
    without a word: frictionless ignores unknown keys). With `extensions` None, any `x-` key is allowed."""
    if not isinstance(value, dict):
        return [Finding(file, None, None, "schema-error", f"{where} must be a JSON object")]
    findings = []
    for key in value:
        if key in allowed or (key in extensions if extensions is not None else key.startswith("x-")):
            continue
        if key in IGNORED_BY_FRICTIONLESS:
            hint = IGNORED_BY_FRICTIONLESS[key]
        else:
            known = sorted(allowed | (extensions or set()))
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or [
                k for k in known if k.lower() == key.lower()
            ]
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
        findings.append(Finding(file, None, None, "unknown-key", f"{where} has an unknown key {key[:40]!r}; {hint}"))
    return findings


def _is_names(value: Any) -> bool:
    """A field name or a list of field names, as primaryKey and foreign keys take them."""
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


CONSTRAINT_TYPES: dict[str, tuple[type, ...]] = {
    "required": (bool,),
    "unique": (bool,),
    "minLength": (int,),
    "maxLength": (int,),
    "minimum": (int, float, str),
    "maximum": (int, float, str),
    "exclusiveMinimum": (int, float, str),
    "exclusiveMaximum": (int, float, str),
    "pattern": (str,),
    "enum": (list,),
}


def _field_problems(file: str, field: Any, position: int, tables: set[str]) -> list[Finding]:
    if not isinstance(field, dict):
        return [Finding(file, None, None, "schema-error", f"field {position} must be a JSON object")]
    name = field.get("name")
    if not isinstance(name, str) or not name:
        return [Finding(file, None, None, "schema-error", f"field {position} needs a name (a string)")]
    where = f"field {name!r}"
    findings = unknown_keys(file, where, field, FIELD_KEYS, FIELD_EXTENSIONS)
    if not isinstance(field.get("type"), str) or field["type"] not in FIELD_TYPES:
        findings.append(
            Finding(
                file,
                None,
                name,
                "schema-error",
                f"{where} has type {str(field.get('type'))[:40]!r}; use one of {', '.join(sorted(FIELD_TYPES))}",
            )
        )
    if not isinstance(field.get("description"), str) or not field["description"].strip():
        findings.append(Finding(file, None, name, "schema-error", f"{where} needs a description"))
    for key in ("title", "format"):
        if key in field and not isinstance(field[key], str):
            findings.append(Finding(file, None, name, "schema-error", f"{where} {key} must be a string"))
    for key in ("x-derived", "x-multiline"):
        if key in field and not isinstance(field[key], bool):
            findings.append(Finding(file, None, name, "schema-error", f"{where} {key} must be true or false"))
    constraints = field.get("constraints", {})
    findings += unknown_keys(file, f"{where} constraints", constraints, CONSTRAINT_KEYS, None)
    if isinstance(constraints, dict):
        for key, value in constraints.items():
            expected = CONSTRAINT_TYPES.get(key)
            if expected and (not isinstance(value, expected) or (bool not in expected and isinstance(value, bool))):
                findings.append(
                    Finding(file, None, name, "schema-error", f"{where} constraint {key} has the wrong JSON type")
                )
        pattern = constraints.get("pattern")
        if isinstance(pattern, str) and (problem := pattern_problem(pattern)):
            findings.append(Finding(file, None, name, "schema-error", f"{where} pattern {pattern[:40]!r} {problem}"))
        enum = constraints.get("enum")
        if isinstance(enum, list) and not all(isinstance(v, str | int | float) for v in enum):
            findings.append(
                Finding(file, None, name, "schema-error", f"{where} enum values must be strings or numbers")
            )
    targets = field.get("x-references", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        findings.append(
            Finding(file, None, name, "schema-error", f"{where} x-references must be a list of table names")
        )
    else:
        findings += [
            Finding(file, None, name, "schema-error", f"{where} refers to a table {target!r} that does not exist")
            for target in targets
            if target not in tables
        ]
    return findings


@functools.cache
def _re2() -> Any:
    import duckdb

    return duckdb.connect()


MAX_PATTERN = 1000  # characters; the schemas' own patterns are under 100


@functools.cache  # the same patterns recur in many fields, and the published schemas repeat the curated
def pattern_problem(pattern: str) -> str | None:
    """Why a `pattern` constraint cannot be checked in bounded time, or None.

    Patterns run on RE2 (linear in the cell's length, whatever the pattern), so a pattern RE2 cannot
    compile (look-around, back-references) is refused rather than left to Python's backtracking `re`,
    which can take exponential time; frictionless compiles it with `re`, so it must compile there too.

    >>> pattern_problem("^[a-z0-9-]+$") is None
    True
    >>> pattern_problem("^(?!x)(a+)+$")
    'cannot run in bounded time: RE2, which checks patterns here, refuses it (invalid perl operator: (?!)'
    """
    import re

    import duckdb

    if len(pattern) > MAX_PATTERN:
        return f"is longer than {MAX_PATTERN} characters"
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"is not a valid regular expression: {str(exc)[:80]}"
    try:  # DuckDB's regexp functions are RE2's: compiled here on a null, as the checks compile it
        _re2().cursor().execute("select regexp_matches(NULL::VARCHAR, ?)", [pattern]).fetchall()
    except duckdb.Error as exc:  # no look-around, no back-references, no repetition over 1,000
        reason = str(exc).removeprefix("Invalid Input Error: ")[:80]
        return f"cannot run in bounded time: RE2, which checks patterns here, refuses it ({reason})"
    return None


def schema_problems(file: str, schema: Any, tables: set[str]) -> list[Finding]:
    """Keys and JSON types of one Table Schema, and its fields; references to other tables by name."""
    findings = unknown_keys(file, "the schema", schema, SCHEMA_KEYS, SCHEMA_EXTENSIONS)
    if not isinstance(schema, dict):
        return findings
    for key in ("title", "description"):
        if key in schema and not isinstance(schema[key], str):
            findings.append(Finding(file, None, None, "schema-error", f"the schema's {key} must be a string"))
    if schema.get("x-kind", "curated") not in KINDS:
        findings.append(Finding(file, None, None, "schema-error", "x-kind must be 'curated' or 'generated'"))
    if not isinstance(schema.get("x-evidence-required", False), bool):
        findings.append(Finding(file, None, None, "schema-error", "x-evidence-required must be true or false"))
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [*findings, Finding(file, None, None, "schema-error", "needs a non-empty list of fields")]
    extra = schema.get("x-input-fields", [])
    if not isinstance(extra, list):
        return [*findings, Finding(file, None, None, "schema-error", "x-input-fields must be a list of fields")]
    for position, field in enumerate([*fields, *extra], start=1):
        findings += _field_problems(file, field, position, tables)
    if findings:
        return findings  # the keys below name fields: they need well-formed fields
    names = [f["name"] for f in fields]
    findings += [
        Finding(file, None, name, "schema-error", f"field {name!r} is defined twice")
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    key = schema.get("primaryKey", [])
    if not _is_names(key):
        findings.append(Finding(file, None, None, "schema-error", "primaryKey must be a field name or a list of them"))
    else:
        findings += [
            Finding(file, None, None, "schema-error", f"primaryKey names a missing field {name!r}")
            for name in _names(key)
            if name not in names
        ]
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        return [*findings, Finding(file, None, None, "schema-error", "foreignKeys must be a list")]
    for fk in foreign:
        findings += _foreign_key_problems(file, fk, set(names), tables)
    return findings


def _foreign_key_problems(file: str, fk: Any, names: set[str], tables: set[str]) -> list[Finding]:
    if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
        return [Finding(file, None, None, "schema-error", "a foreign key needs fields and a reference")]
    findings = unknown_keys(file, "a foreign key", fk, {"fields", "reference"}, None)
    findings += unknown_keys(file, "a foreign key reference", fk["reference"], {"resource", "fields"}, None)
    own, target, ref = fk.get("fields"), fk["reference"].get("resource"), fk["reference"].get("fields")
    if not isinstance(own, str | list) or not isinstance(ref, str | list) or not _is_names(own) or not _is_names(ref):
        return [
            *findings,
            Finding(file, None, None, "schema-error", "a foreign key's fields and reference must name fields"),
        ]
    if not isinstance(target, str):
        return [
            *findings,
            Finding(file, None, None, "schema-error", "a foreign key's fields and reference must name fields"),
        ]
    findings += [
        Finding(file, None, name, "schema-error", f"a foreign key names a missing field {name!r}")
        for name in _names(own)
        if name not in names
    ]
    if target not in tables:
        findings.append(
            Finding(file, None, None, "schema-error", f"a foreign key refers to a table {target!r} that does not exist")
        )
    elif len(_names(own)) != len(_names(ref)):
        findings.append(Finding(file, None, None, "schema-error", "a foreign key names as many fields as it refers to"))
    return findings


def target_problems(schemas: dict[str, TableSchema], file: str | None = None, of: str | None = None) -> list[Finding]:
    """Foreign keys that name a missing field of the table they refer to (each schema read already): of every
    schema, or of the one named `of`; the findings name `file` (by default `schemas/<table>.json`)."""
    findings = []
    for schema in [schemas[of]] if of else schemas.values():
        for fk in schema.descriptor.get("foreignKeys", []):
            target = schemas.get(fk["reference"]["resource"])
            if target is None:
                continue
            for name in _names(fk["reference"]["fields"]):
                if name not in target.field_names:
                    findings.append(
                        Finding(
                            file or f"schemas/{schema.name}.json",
                            None,
                            None,
                            "schema-error",
                            f"a foreign key refers to a missing field {name!r} of {target.name}",
                        )
                    )
    return findings


def schema_names(root: Path) -> list[str]:
    """The tables: one per `schemas/<table>.json`."""
    return [name[: -len(".json")] for name in list_folder(root, "schemas") if name.endswith(".json")]


def load_schemas(root: Path) -> tuple[dict[str, TableSchema], list[Finding]]:
    """Every table's schema, by table name in name order, and the findings on them (empty when all are sound)."""
    tables = set(schema_names(root))
    schemas: dict[str, TableSchema] = {}
    findings: list[Finding] = []
    for name in sorted(tables):
        relative = f"schemas/{name}.json"
        data, finding = load_json(root, relative, MAX_SCHEMA_BYTES)
        problems = [finding] if finding else schema_problems(relative, data, tables)
        findings += problems
        if not problems:
            schemas[name] = TableSchema(name, data)
    if not findings:
        findings = target_problems(schemas)
    return schemas, findings


def read_schemas(root: Path) -> dict[str, TableSchema]:
    """Every table's schema of a checkout, which must be sound (the pipeline and the tools check it first)."""
    schemas, findings = load_schemas(root)
    if findings:
        raise InputError(findings[0])
    return schemas
