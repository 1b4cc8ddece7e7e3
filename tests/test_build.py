"""The build: deterministic, `--check` catches stale files, and a failed build writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import snapshot

from caucasus_data.pipeline import build


def test_published_files_are_up_to_date(repo):
    report = build(repo, check=True)
    assert report.findings == []
    assert report.files == [], f"stale: {report.files}; run `caucasus-data build`"


def test_build_is_byte_identical_on_rerun(package):
    first = build(package)
    assert first.ok, first.findings
    before = snapshot(package)
    second = build(package)
    assert second.ok and second.files == []
    assert snapshot(package) == before


@pytest.mark.slow
def test_build_is_identical_whatever_the_hash_seed(package):
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "LC_ALL": "C"}
        subprocess.run(
            [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)],
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(snapshot(package))
    assert outputs[0] == outputs[1]


def test_check_names_the_published_files_an_input_edit_makes_stale(package):
    people = package / "curated" / "people.csv"
    edited = people.read_text(encoding="utf-8").replace(
        "Russian Deputy Foreign Minister.", "Deputy Foreign Minister of Russia."
    )
    people.write_text(edited, encoding="utf-8")
    report = build(package, check=True)
    assert report.ok
    assert report.files == ["data/people.csv", "data/datapackage.json", "data/people.parquet"]
    build(package)
    # The build writes data/ only: the contributor's file is as they left it.
    assert people.read_text(encoding="utf-8") == edited
    assert build(package, check=True).files == []


def test_curated_rows_in_any_order_publish_the_same_files(package):
    people = package / "curated" / "people.csv"
    header, *rows = people.read_text(encoding="utf-8").splitlines(keepends=True)
    people.write_text(header + "".join(reversed(rows)), encoding="utf-8")
    report = build(package, check=True)
    assert report.ok
    assert report.files == []


def test_check_exits_1_and_changes_nothing(package):
    people = package / "curated" / "people.csv"
    people.write_text(people.read_text(encoding="utf-8") + "ruben-test,Ruben Test,AM,,\n", encoding="utf-8")
    before = snapshot(package)
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "build", "--check", "--root", str(package)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "curated/people.csv: stale" not in result.stdout  # the row has no evidence: invalid, not just stale
    assert "curated/people.csv:7:person_id: 'ruben-test' has no evidence row" in result.stdout
    assert snapshot(package) == before


def test_failed_build_leaves_published_files_as_they_were(package):
    events = package / "curated" / "people.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "mikhail-galuzin,Mikhail Galuzin,RU", "mikhail-galuzin,Mikhail Galuzin,XX"
        ),
        encoding="utf-8",
    )
    before = snapshot(package)
    report = build(package)
    assert not report.ok
    assert [str(f) for f in report.findings if f.kind == "country-code"] == [
        "curated/people.csv:5:country_code: 'XX' is not an ISO 3166-1 alpha-2 country code [country-code]"
    ]
    assert snapshot(package) == before
    assert not (package / ".caucasus-data-staging").exists()


def test_findings_point_at_the_row_the_contributor_wrote(package):
    # The build sorts rows; a finding must still name the row as written (row 2 here, sorted last).
    places = package / "curated" / "places.csv"
    lines = places.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, "zzz-nowhere,Nowhere,city,ZZ,,,,,\n")
    places.write_text("".join(lines), encoding="utf-8")
    report = build(package)
    assert any(str(f).startswith("curated/places.csv:2:country_code: 'ZZ'") for f in report.findings), report.findings
