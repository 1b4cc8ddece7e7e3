"""CITATION.cff is valid Citation File Format 1.2.0, and every version number is the descriptor's."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from conftest import REPO

VERSION = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def citation() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_is_valid_cff_1_2_0():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "tests" / "reference" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    document = citation()
    # The schema checks dates as strings; YAML would read an unquoted date as a date object.
    jsonschema.validate(
        json.loads(json.dumps(document, default=str)), schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    assert {"cff-version", "message", "title", "authors"} <= set(document)


def test_the_schema_refuses_a_broken_citation():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "tests" / "reference" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    broken = {**citation(), "licence": "CC-BY-4.0"}
    del broken["authors"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_version_is_semver_and_written_once():
    assert SEMVER.match(VERSION), VERSION
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "datapackage.json"


def test_citation_version_is_the_data_version():
    assert str(citation()["version"]) == VERSION


def test_changelog_newest_entry_is_the_data_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", text, flags=re.MULTILINE)
    assert entries, "CHANGELOG.md has no `## [x.y.z]` entry"
    assert entries[0] == VERSION, f"newest CHANGELOG entry {entries[0]}, datapackage.json {VERSION}"
    ordered = [tuple(map(int, entry.split("."))) for entry in entries]
    assert ordered == sorted(ordered, reverse=True), "entries must be newest first"
