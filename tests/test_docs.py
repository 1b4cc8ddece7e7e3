"""The generated documents (data dictionary, command reference) say everything the schemas say, and are fresh."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from caucasus_data.cli import parser
from caucasus_data.documents import stale_docs
from caucasus_data.documents.dictionary import render_dictionary
from caucasus_data.model.schema import read_schemas


def test_generated_docs_are_up_to_date():
    assert stale_docs(REPO, parser()) == [], "stale; run `caucasus-data docs`"


def test_dictionary_says_which_columns_a_contributor_types():
    text = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    evidence = text.split("\n## evidence\n", 1)[1].split("\n## ", 1)[0]
    assert (
        "- Columns of the curated file: `subject_id`, `property`, `value`, `article_id`, `quote`, `source_id`, "
        "`note`, `occurrence`" in evidence
    )
    assert "- Computed by the build (not typed): `evidence_id`, `char_start`, `char_end`" in evidence


def test_dictionary_names_every_table_field_type_constraint_and_key():
    text = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    for name, schema in read_schemas(REPO).items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert "Primary key: " + ", ".join(f"`{k}`" for k in schema.primary_key) in section
        for field, table, target in schema.foreign_keys():
            assert f"`{field}` → [`{table}.{target}`](#{table})" in section
        for field, tables in schema.polymorphic_keys():
            assert f"`{field}` → the primary key of a row in " in section and all(f"`{t}`" in section for t in tables)
        for field in schema.fields:
            row = next(line for line in section.splitlines() if line.startswith(f"| `{field['name']}` |"))
            assert f"| {field['type']}" in row
            assert ("| yes |" in row) == bool(field.get("constraints", {}).get("required"))
            for value in field.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in row
            assert " ".join(field["description"].split()) in row


@pytest.mark.slow
def test_docs_check_fails_on_a_changed_schema_and_docs_fixes_it(tmp_path):
    for part in ("schemas", "docs", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    for name in ("datapackage.json", ".zenodo.json"):
        shutil.copy2(REPO / name, tmp_path / name)
    path = tmp_path / "schemas" / "people.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][1]["description"] = "Full name in English, as the sources write it."
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "caucasus_data", "docs", "--root", str(tmp_path), *args],
            capture_output=True,
            text=True,
        )

    check = run("--check")
    assert check.returncode == 1
    assert check.stdout == "docs/data-dictionary.md: stale; run `caucasus-data docs`\n"
    assert run().returncode == 0
    assert run("--check").returncode == 0
    assert "Full name in English, as the sources write it." in (tmp_path / "docs" / "data-dictionary.md").read_text()


def test_pipes_in_a_pattern_do_not_break_the_table():
    schemas = read_schemas(REPO)
    people = schemas["people"]
    people.descriptor["fields"][0]["constraints"]["pattern"] = "^(a|b)$"
    row = next(line for line in render_dictionary({"people": people}).splitlines() if line.startswith("| `person_id`"))
    assert "`^(a\\|b)$`" in row and row.count(" | ") == 4
