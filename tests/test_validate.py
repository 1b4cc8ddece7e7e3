"""Validation: frictionless finds nothing in the package, and the package's own checks catch what it cannot."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from conftest import REPO

from caucasus_data.checkout import validate


def test_frictionless_alone_finds_the_package_valid():
    from frictionless import Package

    report = Package(str(REPO / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert len(report.tasks) == len(list((REPO / "schemas").glob("*.json")))


@pytest.mark.slow
def test_frictionless_cli_exits_0():
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.slow
def test_frictionless_finds_the_published_folder_valid_by_itself():
    """data/ is a whole package: its descriptor carries the schemas, sizes and hashes."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        cwd=REPO / "data",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_validate_cli_valid_package(repo):
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "validate"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.startswith("valid:")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_dangling_polymorphic_reference(package):
    _edit(
        package / "curated" / "aliases.csv",
        "mikhail-galuzin--galuzin,mikhail-galuzin,",
        "mikhail-galuzin--galuzin,mikhail-galuzhin,",
    )
    found = [str(f) for f in validate(package).findings if f.kind == "foreign-key"]
    row = next(
        i
        for i, line in enumerate((package / "curated/aliases.csv").read_text().splitlines(), start=1)
        if line.startswith("mikhail-galuzin--galuzin,")
    )
    assert found == [
        f"curated/aliases.csv:{row}:entity_id: 'mikhail-galuzhin' is not an id in any of people, "
        "organisations, places, events, agreements [foreign-key]"
    ]


def test_evidence_quote_not_at_its_offsets(package):
    evidence = package / "curated" / "evidence.csv"
    _edit(evidence, "Azerbaijani presidential aide Hikmet Hajiyev", "Azerbaijani presidential aide Hikmet Gajiyev")
    findings = [f for f in validate(package).findings if f.file == "curated/evidence.csv"]
    assert [(f.field, f.kind) for f in findings] == [("quote", "span")]
    assert findings[0].message.startswith("the words are not in 000_8730724a31ace38e; the closest are ")
    assert "'Azerbaijani presidential aide Hikmet Hajiyev'" in findings[0].message


def test_cli_prints_file_row_field_and_exits_1(package):
    _edit(package / "curated" / "people.csv", "hikmet-hajiyev,Hikmet Hajiyev,AZ", "hikmet-hajiyev,Hikmet Hajiyev,Az")
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "validate", str(package)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        'curated/people.csv:3:country_code: The cell "Az" in row at position "3" and field "country_code" at '
        'position "3" does not conform to a constraint: constraint "pattern" is "^[A-Z]{2}$" [constraint-error]',
    ]
    assert result.stderr.startswith("invalid: ")


def test_github_annotations(package):
    _edit(package / "curated" / "people.csv", "hikmet-hajiyev,Hikmet Hajiyev,AZ", "hikmet-hajiyev,Hikmet Hajiyev,ZZ")
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "validate", "--github", str(package)], capture_output=True, text=True
    )
    lines = result.stdout.splitlines()
    assert lines == [
        "curated/people.csv:3:country_code: 'ZZ' is not an ISO 3166-1 alpha-2 country code [country-code]",
        "::error file=curated/people.csv,line=3,title=country-code country_code::"
        "'ZZ' is not an ISO 3166-1 alpha-2 country code",
    ]


def test_the_duckdb_checks_find_nothing_and_read_every_file_themselves():
    import duckdb

    from caucasus_data.validation.tableschema import check

    result = check(duckdb.connect(), REPO / "data")
    assert result.findings == []
    assert result.delegated == {}, "every file of the package should be read without frictionless"
    assert sorted(result.texts) == sorted(p.stem for p in (REPO / "data").glob("*.csv"))


def test_the_everyday_run_imports_neither_frictionless_nor_pandas():
    code = (
        "import sys; from caucasus_data.checkout import validate; assert validate().ok; "
        "print(sorted(m for m in ('frictionless', 'pandas') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "[]"


@pytest.mark.slow
def test_reference_and_fast_validators_print_the_same(package):
    _edit(package / "curated" / "people.csv", "hikmet-hajiyev,Hikmet Hajiyev,AZ", "hikmet-hajiyev,,Az")
    _edit(package / "curated" / "places.csv", "almaty,Almaty,city,", "almaty,Almaty,town,")
    outputs = []
    for flags in ([], ["--reference"]):
        result = subprocess.run(
            [sys.executable, "-m", "caucasus_data", "validate", *flags, str(package)], capture_output=True, text=True
        )
        assert result.returncode == 1
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert "[constraint-error]" in outputs[0]


def test_own_checks_find_the_same_after_the_duckdb_checks_and_after_frictionless(package):
    """The package's own checks query the tables the DuckDB checks read; with --reference frictionless
    reads the files, and the own checks read them again. Both give the same findings."""
    data = package / "data"
    _edit(data / "mentions.csv", "24,30,Russia", "24,30,Rusia")  # words not at the offsets
    _edit(data / "mentions.csv", "000_8730724a31ace38e,tass,", "000_8730724a31ace38e,tassx,")  # no such entity
    _edit(data / "people.csv", "hikmet-hajiyev,Hikmet Hajiyev,", "armenia,Hikmet Hajiyev,")  # an organisation's id
    _edit(data / "evidence.csv", "ev-9bd30668acac,", "ev-000000000000,")  # not the computed id
    fast, reference = validate(package, per_file_limit=None), validate(package, per_file_limit=None, reference=True)
    assert fast.findings == reference.findings
    found = {(f.file, f.field, f.kind) for f in fast.findings}
    assert ("data/mentions.csv", "surface", "span") in found
    assert ("data/mentions.csv", "entity_id", "foreign-key") in found
    assert ("data/people.csv", "person_id", "duplicate-id") in found
    assert ("data/evidence.csv", "evidence_id", "derived-value") in found
    span = next(f for f in fast.findings if f.kind == "span" and f.field == "surface")
    assert span.message == "is not the article text at 24:30 ('Russia'); the words are not in the article"


def test_the_spans_of_quotes_mentions_and_evidence_are_checked_against_the_last_article_with_their_id(package):
    """One join checks the spans of the three tables; a repeated article id names its last row, as a dict keeps."""
    from caucasus_data.validation import validate as validate_package

    data = package / "data"
    _edit(data / "mentions.csv", "24,30,Russia", "24,30,Rusia")
    _edit(data / "quotes.csv", "That meeting provided for", "This meeting provided for")
    articles = (data / "articles.csv").read_text(encoding="utf-8")
    with (data / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, row = rows[0], next(r for r in rows if r[0] == "003_ed509b88b2911dd7")
    text = header.index("text")
    again = list(row)
    again[text] = row[text].replace("in the city of Almaty", "in the town of Almaty")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(again)
    (data / "articles.csv").write_text(articles + out.getvalue(), encoding="utf-8")
    fast = validate_package(data, per_file_limit=None)
    assert fast.findings == validate_package(data, per_file_limit=None, reference=True).findings
    spans = [f for f in fast.findings if f.kind == "span"]
    assert [(f.file, f.row, f.field) for f in spans] == [
        *[("evidence.csv", row, "quote") for row in (2, 4, 78, 170)],  # the words of article 003 "in the city"
        ("mentions.csv", 4, "surface"),
        ("quotes.csv", 2, "text"),
    ]
    assert spans[0].message == (
        "is not the article text at 146:179 ('in the town of Almaty, Kazakhstan'); the words are not in the article"
    )


def test_a_table_the_own_checks_cannot_read_makes_no_reference_to_it_dangle(package):
    """A cell of 3 MB is more than DuckDB reads in a line: frictionless checks the file, the package's own checks
    cannot read it, and the references to people (speakers, parties, participants) are not reported missing."""
    from caucasus_data.validation import validate as validate_package

    data = package / "data"
    _edit(data / "people.csv", "Russian Deputy Foreign Minister.", "x" * 3_000_000)
    found = [(f.file, f.kind) for f in validate_package(data, per_file_limit=None).findings]
    assert found == [("people.csv", "stale")]


def test_an_id_in_three_tables_is_owned_by_the_first_of_them_in_name_order(package):
    from caucasus_data.validation import validate as validate_package

    data = package / "data"
    _edit(data / "organisations.csv", "\narmenia,Armenia,state,", "\nalmaty,Armenia,state,")
    _edit(data / "people.csv", "hikmet-hajiyev,Hikmet Hajiyev,", "almaty,Hikmet Hajiyev,")
    found = [
        (f.file, f.message) for f in validate_package(data, per_file_limit=None).findings if f.kind == "duplicate-id"
    ]
    owned = "id 'almaty' is already used in organisations; ids must be unique across tables"
    assert found == [("people.csv", owned), ("places.csv", owned)]


@pytest.mark.slow
def test_span_checks_find_the_same_whatever_the_order_of_the_rows(package):
    """Rows in reverse order give the same findings as the reference, at their own row numbers."""
    path = package / "data" / "mentions.csv"
    _edit(path, "24,30,Russia", "24,30,Rusia")
    header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(header + "".join(reversed(rows)), encoding="utf-8")
    fast, reference = validate(package, per_file_limit=None), validate(package, per_file_limit=None, reference=True)
    assert fast.findings == reference.findings
    span = next(f for f in fast.findings if f.kind == "span")
    assert (span.file, span.row, span.field) == ("data/mentions.csv", len(rows) - 1, "surface")  # was row 4


@pytest.mark.slow
def test_the_command_exits_0_every_time_of_200(tmp_path):
    """The command's exit code is main()'s and nothing else (no abort in the libraries' teardown), in 200
    runs side by side, two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def run(_: int) -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "caucasus_data", "validate"], cwd=REPO, capture_output=True, text=True
        )
        return done.returncode, done.stderr[-500:]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, range(200)))
    assert [code for code, _ in results] == [0] * 200, [r for r in results if r[0]][:3]


def test_the_command_runs_atexit_handlers(tmp_path):
    """Coverage of the command's subprocesses (and any atexit handler) needs a normal end."""
    marker = tmp_path / "ended"
    code = (
        "import atexit, pathlib, sys; "
        f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes'); "
        "sys.argv = ['caucasus-data', 'tables']; "
        "from caucasus_data.cli import run; run()"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "yes"


def test_a_dateline_is_the_text_at_its_offsets_as_python_slices_it(package):
    """The dateline check slices each text as Python does: an end past the text stops at its end, an end
    before the start gives nothing; only a dateline that is not that slice is a finding."""
    import csv

    path = package / "data" / "articles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    wrong, past_end, reversed_ = rows[:3]
    wrong["dateline"] = wrong["dateline"].lower()
    end = len(past_end["text"])
    past_end["dateline_start"], past_end["dateline_end"] = str(end - 5), str(end + 50)
    past_end["dateline"] = past_end["text"][-5:]
    reversed_["dateline_start"], reversed_["dateline_end"], reversed_["dateline"] = "10", "3", ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    found = [(f.row, f.field, f.message) for f in validate(package).findings if f.kind == "span"]
    assert found == [(2, "dateline", "is not the text at dateline_start:dateline_end")]


def test_the_published_descriptor_is_held_to_the_schema_rules(tmp_path):
    """data/ carries its schemas inline: a typo there (frictionless ignores it, so a constraint would go
    unchecked) and a foreign key to a missing field are findings that name the resource."""
    import json
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    people = next(r for r in descriptor["resources"] if r["name"] == "people")
    field = next(f for f in people["schema"]["fields"] if f["name"] == "person_id")
    field["contraints"] = field.pop("constraints")
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    found = [(f.file, f.kind, f.message) for f in validate(data).findings]
    assert found == [
        (
            "datapackage.json",
            "unknown-key",
            "resource 'people' schema: field 'person_id' has an unknown key 'contraints'; did you mean 'constraints'?",
        ),
    ]
    field["constraints"] = field.pop("contraints")
    memberships = next(r for r in descriptor["resources"] if r["name"] == "memberships")
    memberships["schema"]["foreignKeys"][0]["reference"]["fields"] = "person_key"
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    target = memberships["schema"]["foreignKeys"][0]["reference"]["resource"]
    assert [(f.file, f.kind, f.message) for f in validate(data).findings] == [
        (
            "datapackage.json",
            "schema-error",
            f"resource 'memberships' schema: a foreign key refers to a missing field 'person_key' of {target}",
        )
    ]


def test_what_the_strict_checks_let_through_is_held_to_the_data_package_profile(tmp_path):
    """A licence whose name is a number, roles that are not a list: the key checks let them through, the Data
    Package 2.0 profile refuses them, a finding each that names the place."""
    import json
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["licenses"][0]["name"] = 5
    descriptor["contributors"][0]["roles"] = "creator"
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    found = [(f.file, f.field, f.kind, f.message) for f in validate(data).findings]
    assert found == [
        (
            "datapackage.json",
            "name",
            "profile-error",
            'licenses/0/name: 5 is not of type "string" (Data Package 2.0 profile)',
        ),
        (
            "datapackage.json",
            "roles",
            "profile-error",
            'contributors/0/roles: "creator" is not of type "array" (Data Package 2.0 profile)',
        ),
    ]
