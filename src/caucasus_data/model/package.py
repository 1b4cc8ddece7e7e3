"""The package model: the checkout's descriptor (`datapackage.json`) and its Table Schemas, read and checked once.

The descriptor at the root is written by hand: the package's name, title, version, licences, sources and
contributors, and one resource per table (`data/<table>.csv` with `schemas/<table>.json`). The build turns it
into the published descriptor, `data/datapackage.json`, which adds each file's size and hash and carries the
schemas inline, so that `data/` is a whole package by itself.

>>> from caucasus_data.model.locate import checkout_root
>>> package, findings = load_package(checkout_root())
>>> findings, package.version == package.descriptor["version"], "people" in package.curated
([], True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding
from . import layout
from .paths import unsafe_path
from .schema import TableSchema, load_json, load_schemas, unknown_keys

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
# A hand-written resource names its table and file; the build adds the rest (sizes, hashes, the schema inline).
RESOURCE_KEYS = {"$schema", "name", "path", "schema", "title", "description", "licenses", "sources", "format"}
PUBLISHED_RESOURCE_KEYS = RESOURCE_KEYS | {"type", "scheme", "mediatype", "encoding", "bytes", "hash"}
# semver.org's pattern: MAJOR.MINOR.PATCH, then an optional pre-release and build metadata.
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)
MAX_DESCRIPTOR_BYTES = 1024 * 1024
# The package has 16 tables. Each is a few DuckDB tables and views, whose catalog no memory limit bounds: 7,500
# resources of a 1 MiB descriptor took 100 s and 4.6 GB to validate before DuckDB ran out of memory.
MAX_RESOURCES = 200


@dataclass(frozen=True)
class Package:
    """A checkout's package: its descriptor as written and its schemas, both checked."""

    root: Path
    descriptor: dict[str, Any]
    schemas: dict[str, TableSchema]

    @property
    def version(self) -> str:
        return self.descriptor["version"]

    @property
    def metadata(self) -> dict[str, Any]:
        """The descriptor without its resources."""
        return {key: value for key, value in self.descriptor.items() if key != "resources"}

    @property
    def curated(self) -> list[str]:
        return [name for name, schema in self.schemas.items() if schema.is_curated]

    @property
    def generated(self) -> list[str]:
        return [name for name, schema in self.schemas.items() if schema.is_generated]

    def resource(self, table: str) -> dict[str, Any]:
        return next(r for r in self.descriptor["resources"] if r["name"] == table)

    def input_descriptor(self) -> dict[str, Any]:
        """A descriptor of the curated inputs as people type them: `curated/<table>.csv` with the schema of its
        typed columns inline, for validating the inputs before anything is derived or sorted."""
        generated = set(self.generated)
        # Typed as UTF-8 CSV, as published: the fast checks read such files themselves (without these
        # keys frictionless would guess, and validate every input its own, slower way).
        resources = [
            {
                "name": name,
                "type": "table",
                "path": layout.curated_path(name),
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": self.schemas[name].input_schema(generated),
            }
            for name in self.curated
        ]
        return {**self.metadata, "name": f"{self.descriptor['name']}-inputs", "resources": resources}


def descriptor_problems(descriptor: Any, tables: set[str]) -> list[Finding]:
    """Keys and JSON types of the hand-written descriptor, and its resources against the schemas."""
    findings = metadata_problems(descriptor)
    if not isinstance(descriptor, dict):
        return findings
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return findings  # said by metadata_problems
    if len(resources) > MAX_RESOURCES:
        return [too_many_resources(len(resources))]
    return findings + _resource_problems(resources, tables)


def too_many_resources(count: int) -> Finding:
    message = f"has {count:,} resources; a package has at most {MAX_RESOURCES}"
    return Finding(layout.DESCRIPTOR, None, "resources", "file-size", message)


def metadata_problems(descriptor: Any) -> list[Finding]:
    """Keys and JSON types of a package's own metadata (any package: the hand-written descriptor, the
    published one), and that it lists its resources."""
    file = layout.DESCRIPTOR
    findings = unknown_keys(file, "the package", descriptor, PACKAGE_KEYS, None)
    if not isinstance(descriptor, dict):
        return findings
    for key in ("name", "title", "description"):
        if not isinstance(descriptor.get(key), str) or not descriptor[key]:
            findings.append(Finding(file, None, key, "descriptor-error", f"{key} must be a non-empty string"))
    version = descriptor.get("version")
    if not isinstance(version, str) or not SEMVER.fullmatch(version):
        findings.append(
            Finding(
                file,
                None,
                "version",
                "descriptor-error",
                f"version {str(version)[:40]!r} is not a semantic version: MAJOR.MINOR.PATCH, e.g. 0.2.0",
            )
        )
    for key in ("keywords", "licenses", "sources", "contributors"):
        if key in descriptor and not isinstance(descriptor[key], list):
            findings.append(Finding(file, None, key, "descriptor-error", f"{key} must be a list"))
    if not isinstance(descriptor.get("resources"), list):
        findings.append(Finding(file, None, "resources", "descriptor-error", "resources must be a list"))
    return findings


def _resource_problems(resources: list[Any], tables: set[str]) -> list[Finding]:
    file, findings, seen = layout.DESCRIPTOR, [], set()
    for position, resource in enumerate(resources, start=1):
        name = resource.get("name") if isinstance(resource, dict) else None
        where = f"resource {name!r}" if isinstance(name, str) else f"resource {position}"
        findings += unknown_keys(file, where, resource, RESOURCE_KEYS, None)
        if not isinstance(resource, dict):
            continue
        if not isinstance(name, str) or name not in tables:
            findings.append(
                Finding(file, None, None, "descriptor-error", f"{where} names no table with a schema in schemas/")
            )
            continue
        if name in seen:
            findings.append(Finding(file, None, None, "descriptor-error", f"{where} is listed twice"))
        seen.add(name)
        for key, expected in (("path", layout.data_path(name)), ("schema", layout.schema_path(name))):
            value = resource.get(key)
            problem = unsafe_path(value)
            if problem or value != expected:
                why = f"{problem}; " if problem else ""
                findings.append(
                    Finding(
                        file,
                        None,
                        None,
                        "unsafe-path" if problem else "descriptor-error",
                        f"{where} {key} {str(value)[:60]!r} {why}must be {expected!r}",
                    )
                )
    for name in sorted(tables - seen):
        findings.append(
            Finding(
                file,
                None,
                None,
                "descriptor-error",
                f"schemas/{name}.json has no resource: add "
                f'{{"name": "{name}", "path": "{layout.data_path(name)}", "schema": "{layout.schema_path(name)}"}}',
            )
        )
    return findings


def load_package(root: Path) -> tuple[Package | None, list[Finding]]:
    """The checkout's package, or None and the findings that say what is wrong with its descriptor or schemas."""
    schemas, findings = load_schemas(root)
    descriptor, finding = load_json(root, layout.DESCRIPTOR, MAX_DESCRIPTOR_BYTES)
    findings += [finding] if finding else descriptor_problems(descriptor, set(schemas) | _unreadable(findings))
    if findings:
        return None, findings
    return Package(root, descriptor, schemas), []


def _unreadable(findings: list[Finding]) -> set[str]:
    """Tables whose schema has findings: their resources are not reported again as naming no table."""
    return {f.file.removeprefix("schemas/").removesuffix(".json") for f in findings if f.file.startswith("schemas/")}
