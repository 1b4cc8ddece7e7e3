"""Strict checks of `datapackage.json` and `schemas/*.json`, which frictionless accepts too readily.

Frictionless 5 ignores unknown keys without a word (`contraints`, `primarykey`), and ignores the v2 keys
`categories` and `uniqueKeys`; a typo there silently drops a constraint. Every key here must be known
(custom keys start with `x-`), every resource path must stay inside the package, and every reference must
name a table and field that exist.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..model.schema import pattern_problem

PACKAGE_KEYS = {
    "$schema",
    "name",
    "id",
    "title",
    "description",
    "homepage",
    "version",
    "created",
    "keywords",
    "image",
    "licenses",
    "sources",
    "contributors",
    "resources",
}
RESOURCE_KEYS = {
    "$schema",
    "name",
    "path",
    "type",
    "title",
    "description",
    "homepage",
    "sources",
    "licenses",
    "format",
    "mediatype",
    "encoding",
    "bytes",
    "hash",
    "schema",
    "dialect",
    "scheme",
}
SCHEMA_KEYS = {"$schema", "title", "description", "fields", "primaryKey", "foreignKeys", "missingValues"}
FIELD_KEYS = {"name", "title", "description", "type", "format", "constraints", "example", "trueValues", "falseValues"}
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
# semver.org's pattern: MAJOR.MINOR.PATCH, then an optional pre-release and build metadata.
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)
# Keys that frictionless 5 reads as nothing: refused, with what to use instead.
IGNORED_BY_FRICTIONLESS = {"categories": "use constraints.enum", "uniqueKeys": "use constraints.unique"}


def load_json(root: Path, relative: str) -> tuple[Any, Finding | None]:
    try:
        return json.loads((root / relative).read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return None, Finding(relative, None, None, "missing-file", "the file is missing")
    except UnicodeDecodeError as exc:
        return None, Finding(relative, None, None, "encoding-error", f"is not UTF-8: {exc.reason}")
    except ValueError as exc:
        return None, Finding(relative, getattr(exc, "lineno", None), None, "json-error", f"is not valid JSON: {exc}")


def _unknown_keys(file: str, where: str, value: Any, allowed: set[str]) -> list[Finding]:
    if not isinstance(value, dict):
        return [Finding(file, None, None, "descriptor-error", f"{where} must be a JSON object")]
    findings = []
    for key in value:
        if key.startswith("x-") or key in allowed:
            continue
        if key in IGNORED_BY_FRICTIONLESS:
            hint = IGNORED_BY_FRICTIONLESS[key]
        else:
            close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
            close = close or [k for k in allowed if k.lower() == key.lower()]
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(sorted(allowed))}"
        findings.append(Finding(file, None, None, "unknown-key", f"{where} has an unknown key {key!r}; {hint}"))
    return findings


def unsafe_path(path: Any) -> str | None:
    """Why a resource path is not a safe path inside the package, or None when it is."""
    if not isinstance(path, str) or not path:
        return "must be a relative path such as data/people.csv"
    if "://" in path or path.startswith(("/", "~", "\\")) or path[1:3] == ":\\" or "$" in path:
        return "must be a relative path inside the package, not an absolute path, a URL or a variable"
    if ".." in Path(path).parts or "\\" in path:
        return "must not leave the package ('..') or use backslashes"
    return None


def check_schema(file: str, schema: Any, tables: set[str], fields_of: dict[str, set[str]]) -> list[Finding]:
    """Keys, types and references of one Table Schema."""
    findings = _unknown_keys(file, "the schema", schema, SCHEMA_KEYS)
    if not isinstance(schema, dict):
        return findings
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return [*findings, Finding(file, None, None, "schema-error", "needs a non-empty list of fields")]
    for field in fields:
        name = field.get("name") if isinstance(field, dict) else None
        where = f"field {name!r}"
        findings += _unknown_keys(file, where, field, FIELD_KEYS)
        if not isinstance(field, dict):
            continue
        if field.get("type") not in FIELD_TYPES:
            findings.append(
                Finding(
                    file,
                    None,
                    name,
                    "schema-error",
                    f"{where} has type {field.get('type')!r}; use one of {', '.join(sorted(FIELD_TYPES))}",
                )
            )
        if "constraints" in field:
            findings += _unknown_keys(file, f"{where} constraints", field["constraints"], CONSTRAINT_KEYS)
        if not field.get("description"):
            findings.append(Finding(file, None, name, "schema-error", f"{where} needs a description"))
        for target in field.get("x-references", []):
            if target not in tables:
                findings.append(
                    Finding(
                        file, None, name, "schema-error", f"{where} refers to a table {target!r} that does not exist"
                    )
                )
    findings += pattern_findings(file, schema)
    names = {f.get("name") for f in fields if isinstance(f, dict)}
    key = schema.get("primaryKey", [])
    for name in [key] if isinstance(key, str) else key:
        if name not in names:
            findings.append(Finding(file, None, None, "schema-error", f"primaryKey names a missing field {name!r}"))
    for fk in schema.get("foreignKeys", []):
        findings += _check_foreign_key(file, fk, names, tables, fields_of)
    return findings


def _check_foreign_key(file, fk, names, tables, fields_of) -> list[Finding]:
    if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
        return [Finding(file, None, None, "schema-error", "a foreign key needs fields and a reference")]
    findings = _unknown_keys(file, "a foreign key", fk, {"fields", "reference"})
    findings += _unknown_keys(file, "a foreign key reference", fk["reference"], {"resource", "fields"})
    own = fk.get("fields")
    for name in [own] if isinstance(own, str) else own or []:
        if name not in names:
            findings.append(Finding(file, None, name, "schema-error", f"a foreign key names a missing field {name!r}"))
    target = fk["reference"].get("resource")
    if target not in tables:
        findings.append(
            Finding(file, None, None, "schema-error", f"a foreign key refers to a table {target!r} that does not exist")
        )
        return findings
    ref = fk["reference"].get("fields")
    for name in [ref] if isinstance(ref, str) else ref or []:
        if target in fields_of and name not in fields_of[target]:  # an unreadable schema is reported alone
            findings.append(
                Finding(
                    file, None, None, "schema-error", f"a foreign key refers to a missing field {name!r} of {target}"
                )
            )
    return findings


def pattern_findings(file: str, schema: Any) -> list[Finding]:
    """A schema-error for each `pattern` that cannot run in bounded time (model.schema.pattern_problem)."""
    fields = schema.get("fields") if isinstance(schema, dict) else None
    findings = []
    for field in fields if isinstance(fields, list) else []:
        constraints = field.get("constraints") if isinstance(field, dict) else None
        pattern = constraints.get("pattern") if isinstance(constraints, dict) else None
        if isinstance(pattern, str) and (problem := pattern_problem(pattern)):
            where = f"field {field.get('name')!r}"
            findings.append(
                Finding(file, None, field.get("name"), "schema-error", f"{where} pattern {pattern[:40]!r} {problem}")
            )
    return findings


def check_package(root: Path, resources: bool = True) -> list[Finding]:
    """Findings on datapackage.json and every schema in schemas/ (the build, which writes the
    resources itself, checks only the rest with `resources=False`)."""
    findings: list[Finding] = []
    schemas: dict[str, Any] = {}
    for path in sorted((root / "schemas").glob("*.json")):
        schema, finding = load_json(root, f"schemas/{path.name}")
        if finding:
            findings.append(finding)
        else:
            schemas[path.stem] = schema
    tables = {p.stem for p in (root / "schemas").glob("*.json")}
    fields_of = {
        name: {f["name"] for f in s.get("fields", []) if isinstance(f, dict) and isinstance(f.get("name"), str)}
        for name, s in schemas.items()
        if isinstance(s, dict) and isinstance(s.get("fields"), list)
    }
    for name, schema in schemas.items():
        findings += check_schema(f"schemas/{name}.json", schema, tables, fields_of)
    descriptor, finding = load_json(root, "datapackage.json")
    if finding:
        return [*findings, finding]
    findings += _unknown_keys("datapackage.json", "the package", descriptor, PACKAGE_KEYS)
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    if not isinstance(version, str) or not SEMVER.fullmatch(version):
        findings.append(
            Finding(
                "datapackage.json",
                None,
                "version",
                "descriptor-error",
                f"version {version!r} is not a semantic version: MAJOR.MINOR.PATCH, e.g. 0.2.0",
            )
        )
    listed = descriptor.get("resources", []) if isinstance(descriptor, dict) and resources else []
    for resource in listed:
        where = f"resource {resource.get('name')!r}" if isinstance(resource, dict) else "a resource"
        findings += _unknown_keys("datapackage.json", where, resource, RESOURCE_KEYS)
        if isinstance(resource, dict):
            findings += pattern_findings("datapackage.json", resource.get("schema"))  # an inline schema
            for key in ("path", "schema"):
                problem = (
                    unsafe_path(resource.get(key)) if isinstance(resource.get(key), str) or key == "path" else None
                )
                if problem:
                    findings.append(
                        Finding(
                            "datapackage.json",
                            None,
                            None,
                            "unsafe-path",
                            f"{where} {key} {resource.get(key)!r} {problem}",
                        )
                    )
    return findings
