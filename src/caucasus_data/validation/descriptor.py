"""The descriptor checks of a data package: `datapackage.json` and each resource's schema (inline, as the build
writes them, or a file of the package), by the package model's rules (model/package.py, model/schema.py).

Frictionless 5 ignores unknown keys without a word (`contraints`, `primarykey`), and ignores the v2 keys
`categories` and `uniqueKeys`; a typo there silently drops a constraint. Every key here must be known, every
path must stay inside the package, and every reference must name a table and field that exist. What passes
is then held to the Data Package 2.0 profiles (profiles/, JSON Schema), which frictionless would apply.

>>> from caucasus_data.model.locate import installed_root
>>> described = describe(installed_root())
>>> described.findings, described.paths["people"], described.schemas["people"].primary_key
([], 'people.csv', ['person_id'])
"""

from __future__ import annotations

import functools
import itertools
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..model.layout import DESCRIPTOR
from ..model.package import (
    MAX_DESCRIPTOR_BYTES,
    MAX_RESOURCES,
    PUBLISHED_RESOURCE_KEYS,
    metadata_problems,
    too_many_resources,
)
from ..model.paths import unsafe_path
from ..model.schema import MAX_SCHEMA_BYTES, TableSchema, load_json, schema_problems, target_problems, unknown_keys

# A resource of any package: what the build writes, and the keys with which frictionless reads a file otherwise.
RESOURCE_KEYS = PUBLISHED_RESOURCE_KEYS | {"dialect", "homepage"}


@dataclass
class Described:
    """A package's descriptor findings, its resources' schemas (by name) and paths inside the package."""

    findings: list[Finding] = field(default_factory=list)
    schemas: dict[str, TableSchema] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)


def describe(root: Path) -> Described:
    """The descriptor of the package at `root`, checked."""
    descriptor, finding = load_json(root, DESCRIPTOR, MAX_DESCRIPTOR_BYTES)
    if finding:
        return Described([finding])
    described = Described(metadata_problems(descriptor))
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    resources = resources if isinstance(resources, list) else []
    if len(resources) > MAX_RESOURCES:
        return Described([too_many_resources(len(resources))])
    names = {r["name"] for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}
    files = {}
    for position, resource in enumerate(resources, start=1):
        name = resource.get("name") if isinstance(resource, dict) else None
        where = f"resource {name!r}" if isinstance(name, str) else f"resource {position}"
        described.findings += unknown_keys(DESCRIPTOR, where, resource, RESOURCE_KEYS, None)
        if not isinstance(resource, dict) or not isinstance(name, str):
            continue
        described.findings += _paths(where, resource)
        if not unsafe_path(resource.get("path")):
            described.paths[name] = resource["path"]
        files[name], schema = _schema(root, resource, described.findings)
        if isinstance(schema, dict):
            described.findings += _inline(where, files[name], schema_problems(files[name], schema, names))
            described.schemas[name] = TableSchema(name, schema)
    for name in described.schemas if not described.findings else ():
        found = target_problems(described.schemas, files[name], of=name)
        described.findings += _inline(f"resource {name!r}", files[name], found)
    if not described.findings:  # the stricter checks say more, and more clearly, when they find something
        described.findings = profile_problems(DESCRIPTOR, descriptor)
        for name, schema in described.schemas.items():
            if files[name] != DESCRIPTOR:  # a schema file (an inline one is part of the descriptor)
                described.findings += profile_problems(files[name], schema.descriptor, "tableschema.json")
    described.schemas = dict(sorted(described.schemas.items()))
    return described


def _inline(where: str, file: str, findings: list[Finding]) -> list[Finding]:
    """Findings on an inline schema name its resource (they all name the descriptor)."""
    if file != DESCRIPTOR:
        return findings
    return [replace(f, message=f"{where} schema: {f.message}") for f in findings]


def profile_problems(file: str, value: Any, profile: str = "datapackage.json") -> list[Finding]:
    """Where `value` breaks the Data Package 2.0 `profile` (the first few places), each a finding.

    >>> profile_problems("datapackage.json", {"name": "x", "resources": []})
    [Finding(file='datapackage.json', row=None, field='resources', kind='profile-error', message='resources: [] has less than 1 item (Data Package 2.0 profile)')]
    """
    findings = []
    for error in itertools.islice(_profile(profile).iter_errors(value), MAX_PROFILE_ERRORS):
        path = [str(part) for part in error.instance_path]
        where = "/".join(path) or "the descriptor"
        message = f"{where}: {_said(error.message)} (Data Package 2.0 profile)"
        findings.append(Finding(file, None, path[-1] if path else None, "profile-error", message))
    return findings


MAX_PROFILE_ERRORS = 10
PROFILES = Path(__file__).parent / "profiles"


@functools.cache
def _profile(name: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.Draft7Validator(json.loads((PROFILES / name).read_text(encoding="utf-8")))


def _said(message: str) -> str:
    """The profile's message without the value it quotes, when that is long (a whole field, say)."""
    if len(message) <= 120:
        return message
    for verb in (" is not ", " is ", " has ", " does not "):
        if verb in message:
            return "the value" + message[message.rindex(verb) :][:120]
    return message[:119] + "…"


def _paths(where: str, resource: dict[str, Any]) -> list[Finding]:
    """An unsafe-path finding for a path (and a schema given by path) that is not a file inside the package."""
    findings = []
    for key in ("path", "schema"):
        value = resource.get(key)
        problem = unsafe_path(value) if key == "path" or isinstance(value, str) else None
        if problem:
            message = f"{where} {key} {str(value)[:60]!r} {problem}"
            findings.append(Finding(DESCRIPTOR, None, None, "unsafe-path", message))
    return findings


def _schema(root: Path, resource: dict[str, Any], findings: list[Finding]) -> tuple[str, Any]:
    """The file a resource's schema is in (the descriptor, for an inline one) and the schema."""
    schema = resource.get("schema")
    if not isinstance(schema, str):
        return DESCRIPTOR, schema
    if unsafe_path(schema):
        return schema, None
    value, finding = load_json(root, schema, MAX_SCHEMA_BYTES)
    findings += [finding] if finding else []
    return schema, value
