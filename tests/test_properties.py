"""Property tests: whatever the bytes of a contribution, reading and checking it gives findings, never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caucasus_data.model.dates import EDTFError, bounds
from caucasus_data.model.package import descriptor_problems
from caucasus_data.model.schema import TableSchema, load_json, schema_problems
from caucasus_data.pipeline.read import read_curated

pytestmark = pytest.mark.slow  # hypothesis tries many inputs: the full tier runs them

SCHEMA = TableSchema(
    "people",
    {
        "fields": [
            {"name": "person_id", "type": "string", "description": "Id."},
            {"name": "name", "type": "string", "description": "Name."},
            {"name": "quote", "type": "string", "description": "Words.", "x-multiline": True},
        ]
    },
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)
# Keys a schema or a descriptor has, so that the generated values reach the checks past the first key.
SCHEMA_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "fields": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "name": JSON | st.text(max_size=8),
                    "type": JSON | st.sampled_from(["string", "integer", "date"]),
                    "description": JSON,
                    "constraints": JSON,
                    "x-references": JSON,
                },
            ),
            max_size=3,
        )
        | JSON,
        "primaryKey": JSON,
        "foreignKeys": JSON,
        "x-kind": JSON,
        "x-input-fields": JSON,
    },
)
DESCRIPTOR_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "name": JSON,
        "version": JSON | st.just("0.1.0"),
        "resources": st.lists(JSON | st.fixed_dictionaries({}, optional={"name": JSON, "path": JSON, "schema": JSON})),
        "licenses": JSON,
    },
)
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@QUICK
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_any_bytes_of_a_curated_file_give_findings_not_errors(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("package")
    (root / "curated").mkdir()
    (root / "curated" / "people.csv").write_bytes(b"person_id,name,quote\n" + data)
    rows, findings = read_curated(root, SCHEMA)
    assert all(f.file == "curated/people.csv" for f in findings)
    assert all(set(row) == {"person_id", "name", "quote", "_row"} for row in rows)


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_of_a_json_file_give_a_value_or_a_finding(tmp_path_factory, data):
    root: Path = tmp_path_factory.mktemp("package")
    (root / "x.json").write_bytes(data)
    value, finding = load_json(root, "x.json", 1 << 20)
    assert (finding is None) or (finding.file == "x.json" and value is None)


@QUICK
@given(SCHEMA_LIKE | JSON)
def test_any_json_as_a_schema_gives_findings_not_errors(value):
    findings = schema_problems("schemas/people.json", json.loads(json.dumps(value)), {"people", "places"})
    assert all(f.file == "schemas/people.json" for f in findings)


@QUICK
@given(DESCRIPTOR_LIKE | JSON)
def test_any_json_as_a_descriptor_gives_findings_not_errors(value):
    findings = descriptor_problems(json.loads(json.dumps(value)), {"people"})
    assert all(f.file == "datapackage.json" for f in findings)


@QUICK
@given(st.text(max_size=40) | st.from_regex(r"-?\d{1,5}(-\d{1,2}(-\d{1,2})?)?[?~%]?(/(\.\.|\d{4}(-\d\d)?)?)?"))
def test_any_text_as_an_edtf_date_gives_bounds_or_an_edtf_error(text):
    try:
        found = bounds(text)
    except EDTFError:
        return
    assert found.start is None or found.end is None or found.start <= found.end
