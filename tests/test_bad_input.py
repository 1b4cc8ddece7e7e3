"""Every bad contribution gets a precise finding (file, row, field, kind), exit 1, and nothing is written."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from conftest import snapshot

from caucasus_data.checkout import validate as checkout_validate
from caucasus_data.findings import total
from caucasus_data.pipeline import build
from caucasus_data.validation import validate

GALUZIN = "mikhail-galuzin,Mikhail Galuzin,RU,,Russian Deputy Foreign Minister."


def findings_of(report):
    return [(f.file, f.row, f.field, f.kind) for f in report.findings]


def failed_build(package):
    """Build, assert that it failed and wrote nothing; return its findings."""
    before = snapshot(package)
    report = build(package)
    assert not report.ok
    assert snapshot(package) == before
    return findings_of(report)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path, line):
    """Append a CSV line; return the row number it gets (the header is row 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(line)
    return rows + 1


def row_of(path, row_id):
    """The row number of the row whose first cell is `row_id`."""
    with path.open(encoding="utf-8", newline="") as handle:
        return next(n for n, cells in enumerate(csv.reader(handle), start=1) if cells and cells[0] == row_id)


# --- CSV files -----------------------------------------------------------------------------------


def test_ragged_row(package):
    append(package / "curated/people.csv", "ruben-x,Ruben X,AM\n")
    assert failed_build(package) == [("curated/people.csv", 7, None, "row-length")]


def test_unclosed_quote(package):
    append(package / "curated/people.csv", 'ruben-x,"Ruben X,AM,,\n')
    assert failed_build(package) == [("curated/people.csv", 7, None, "csv-error")]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("person_id,name,country_code,wikidata_id", "missing column description"),
        ("person_id,name,country_code,wikidata_id,description,notes", "unexpected column 'notes'"),
        (
            "person_id,full_name,country_code,wikidata_id,description",
            "missing column name; unexpected column 'full_name'",
        ),
        ("person_id,country_code,name,wikidata_id,description", "columns are out of order"),
    ],
)
def test_header_problems(package, header, message):
    edit(package / "curated/people.csv", "person_id,name,country_code,wikidata_id,description", header)
    before = snapshot(package)
    report = build(package)
    assert findings_of(report) == [("curated/people.csv", 1, None, "header")]
    assert report.findings[0].message.startswith(message)
    assert snapshot(package) == before


@pytest.mark.slow
def test_bom_and_crlf_are_accepted_and_left_as_typed(package):
    people = package / "curated/people.csv"
    typed = b"\xef\xbb\xbf" + people.read_bytes().replace(b"\n", b"\r\n")
    people.write_bytes(typed)
    before = snapshot(package)
    report = build(package)
    assert report.ok, report.findings
    assert people.read_bytes() == typed  # the build never writes the inputs
    assert snapshot(package) == before  # and the published files are the same as from the plain file


def test_blank_line(package):
    row = row_of(package / "curated/people.csv", "mikhail-galuzin") + 1
    edit(package / "curated/people.csv", GALUZIN + "\n", GALUZIN + "\n\n")
    assert failed_build(package) == [("curated/people.csv", row, None, "blank-row")]


def test_a_run_of_blank_lines_is_one_finding_and_runs_apart_are_two(package):
    """Empty lines typed at the end of a file are one slip: one finding, at the first, that counts the rest."""
    people = package / "curated/people.csv"
    row = row_of(people, "mikhail-galuzin") + 1
    edit(people, GALUZIN + "\n", GALUZIN + "\n\n,,,,\n\n")
    people.write_text(people.read_text(encoding="utf-8") + "\n" * 5000, encoding="utf-8")
    last = len(people.read_text(encoding="utf-8").splitlines())
    report = build(package)
    assert [(f.row, f.kind, f.message) for f in report.findings] == [
        (row, "blank-row", f"the row is blank, as are the 2 after it (to line {row + 2}); delete them"),
        (last - 4999, "blank-row", f"the row is blank, as are the 4,999 after it (to line {last}); delete them"),
    ]
    assert findings_of(checkout_validate(package)) == findings_of(report)


def test_trailing_whitespace_in_an_id(package):
    row = row_of(package / "curated/people.csv", "mikhail-galuzin")
    edit(package / "curated/people.csv", "mikhail-galuzin,", "mikhail-galuzin ,")
    assert failed_build(package) == [("curated/people.csv", row, "person_id", "whitespace")]


def test_a_hidden_character_in_a_required_cell_is_one_finding(package):
    """The cell is emptied to go on; the staged package's "required" error on it is not reported as well."""
    row = row_of(package / "curated/people.csv", "mikhail-galuzin")
    edit(package / "curated/people.csv", "Mikhail Galuzin,", "Mikhail \x1b[31mGaluzin,")
    assert failed_build(package) == [("curated/people.csv", row, "name", "bad-character")]


def test_nfd_text(package):
    edit(package / "curated/places.csv", "negotiated", "ne\u0301gotiated")
    row = row_of(package / "curated/places.csv", "almaty")
    assert failed_build(package) == [("curated/places.csv", row, "description", "unicode-normalisation")]


def test_non_utf8_bytes(package):
    people = package / "curated/people.csv"
    people.write_bytes(people.read_bytes() + b"ruben-x,R\xe9ben X,AM,,\n")
    assert failed_build(package) == [("curated/people.csv", 7, None, "encoding-error")]


def test_file_of_no_table_in_curated(package):
    """A CSV under a name that is no table's is neither read nor published: the build says so, with the
    other findings of the run."""
    (package / "curated/organizations.csv").write_text("organisation_id,name\nosce,OSCE\n", encoding="utf-8")
    edit(package / "curated/people.csv", "mikhail-galuzin,", "mikhail-galuzin ,")
    row = row_of(package / "curated/people.csv", "mikhail-galuzin ")
    before = snapshot(package)
    report = build(package)
    assert snapshot(package) == before
    assert sorted(findings_of(report), key=str) == [
        ("curated/organizations.csv", None, None, "unknown-file"),
        ("curated/people.csv", row, "person_id", "whitespace"),
    ]
    message = next(f.message for f in report.findings if f.kind == "unknown-file")
    assert message == (
        "is no curated table's file (did you mean curated/organisations.csv?); move its rows into a table's "
        "file, add schemas/organizations.json to make it a table, or delete it"
    )


def test_a_curated_file_for_a_generated_table_is_refused(package):
    (package / "curated/quotes.csv").write_text("quote_id\n", encoding="utf-8")
    assert failed_build(package) == [("curated/quotes.csv", None, None, "unknown-file")]


@pytest.mark.slow
def test_a_stray_file_in_data_is_not_published(package):
    """data/ is the build's: a file put there by hand is not part of the package, and the build removes it."""
    (package / "data/organizations.csv").write_text("organisation_id,name\nosce,OSCE\n", encoding="utf-8")
    assert build(package, check=True).files == ["data/organizations.csv"]
    assert build(package).ok
    assert not (package / "data/organizations.csv").exists()


@pytest.mark.parametrize("damage", ["cut", "pointer", "empty"])
def test_a_damaged_parquet_file_in_data_is_found_by_validate(package, damage):
    """A cut download, a Git LFS pointer in place of the file, an empty file."""
    path = package / "data/articles.parquet"
    if damage == "cut":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "pointer":
        path.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 1\n", encoding="utf-8")
    else:
        path.write_bytes(b"")
    assert findings_of(checkout_validate(package)) == [("data/articles.parquet", None, None, "parquet-error")]
    assert build(package).ok and checkout_validate(package).ok  # the build writes it again


def test_checkout_without_data_folder_builds_it(package):
    import shutil

    before = snapshot(package)
    shutil.rmtree(package / "data")
    assert build(package).ok
    assert snapshot(package) == before


def test_checkout_without_curated_folder(package):
    import shutil

    shutil.rmtree(package / "curated")
    findings = build(package).findings
    assert findings and {(f.kind, f.row, f.field) for f in findings} == {("missing-file", None, None)}
    assert "curated/people.csv" in {f.file for f in findings}


# --- values ---------------------------------------------------------------------------------------


def test_wrong_type(package):
    edit(package / "curated/places.csv", "almaty,Almaty,city,KZ,,,", "almaty,Almaty,city,KZ,,north,")
    assert failed_build(package) == [
        ("curated/places.csv", row_of(package / "curated/places.csv", "almaty"), "latitude", "type-error")
    ]


@pytest.mark.parametrize(
    ("value", "char"),
    [("٤٣", "ARABIC-INDIC DIGIT FOUR"), ("４３", "FULLWIDTH DIGIT FOUR"), ("४३.५", "DEVANAGARI DIGIT FOUR")],
)
def test_a_number_in_other_digits_than_ascii(package, value, char):
    """Python (and frictionless) read these as 43: the CSV would publish other digits than the Parquet."""
    edit(package / "curated/places.csv", "almaty,Almaty,city,KZ,,,", f"almaty,Almaty,city,KZ,,{value},")
    row = row_of(package / "curated/places.csv", "almaty")
    assert failed_build(package) == [("curated/places.csv", row, "latitude", "not-ascii")]
    assert char in checkout_validate(package).findings[0].message


def test_an_integer_beyond_64_bits(package):
    """frictionless accepts any integer; the Parquet column holds 64 bits."""
    path = package / "curated/agreements.csv"
    row = append(path, "x-agreement,X,,,draft,,99999999999999999999,,A test agreement.\n")
    assert failed_build(package) == [("curated/agreements.csv", row, "pax_agt_id", "out-of-range")]


MEMBERSHIP = (
    "mikhail-galuzin--deputy-foreign-minister,mikhail-galuzin,russia-ministry-of-foreign-affairs,russia,"
    "Deputy Minister of Foreign Affairs,,,2024-06-05"
)


def test_impossible_date(package):
    edit(package / "curated/memberships.csv", MEMBERSHIP, MEMBERSHIP.replace(",,,2024-06-05", ",,,2024-02-30"))
    row = row_of(package / "curated/memberships.csv", "mikhail-galuzin--deputy-foreign-minister")
    assert failed_build(package) == [("curated/memberships.csv", row, "attested_date", "type-error")]


def test_impossible_published_date_in_article_metadata(package):
    """A text cell with a date's pattern: `validate` finds a day that does not exist, as the build does."""
    row = append(package / "curated/article_metadata.csv", "seeds/000_8730724a31ace38e.txt,,2024-02-30,,,,,\n")
    expected = [("curated/article_metadata.csv", row, "published_date", "type-error")]
    assert findings_of(checkout_validate(package)) == expected
    assert failed_build(package) == expected


@pytest.mark.parametrize("value", ["٢٠٢٤-05-10/2024-05-11", "２０２４-05-10"])
def test_a_date_in_other_digits_than_ascii(package, value):
    edit(package / "curated/events.csv", ",2024-05-10/2024-05-11,", f",{value},")
    row = row_of(package / "curated/events.csv", "almaty-talks-2024-05")
    assert failed_build(package) == [("curated/events.csv", row, "date_edtf", "not-ascii")]


def test_a_long_bad_cell_is_quoted_by_its_start_and_length(package):
    """frictionless quotes the whole cell; a finding quotes its first 80 characters, the same with --reference."""
    edit(
        package / "curated/memberships.csv", MEMBERSHIP, MEMBERSHIP.replace(",,,2024-06-05", ",,,2024-" + "9" * 10_000)
    )
    row = row_of(package / "curated/memberships.csv", "mikhail-galuzin--deputy-foreign-minister")
    fast, reference = (checkout_validate(package, reference=r).findings for r in (False, True))
    assert [(f.file, f.row, f.field, f.kind) for f in fast] == [
        ("curated/memberships.csv", row, "attested_date", "type-error")
    ]
    assert fast == reference and len(str(fast[0])) < 300 and "(10,005 characters)" in fast[0].message


def test_impossible_edtf_date(package):
    edit(package / "curated/events.csv", ",2024-05-10/2024-05-11,", ",2024-02-30,")
    row = row_of(package / "curated/events.csv", "almaty-talks-2024-05")
    assert failed_build(package) == [("curated/events.csv", row, "date_edtf", "edtf-error")]


@pytest.mark.parametrize("value", ["10 May 2024", "2024-05-32", "2024-13", "2024/05/10"])
def test_invalid_edtf(package, value):
    edit(package / "curated/events.csv", ",2024-05-10/2024-05-11,", f",{value},")
    row = row_of(package / "curated/events.csv", "almaty-talks-2024-05")
    assert failed_build(package) == [("curated/events.csv", row, "date_edtf", "edtf-error")]


def test_edtf_range_that_ends_before_it_starts(package):
    edit(package / "curated/events.csv", ",2024-05-10/2024-05-11,", ",2024-05-11/2024-05-10,")
    row = row_of(package / "curated/events.csv", "almaty-talks-2024-05")
    findings = failed_build(package)
    assert findings == [("curated/events.csv", row, "date_edtf", "edtf-error")]


def test_end_date_before_start_date(package):
    edit(
        package / "curated/memberships.csv",
        MEMBERSHIP,
        MEMBERSHIP.replace(",,,2024-06-05", ",2024-05-01,2024-04-01,2024-06-05"),
    )
    row = row_of(package / "curated/memberships.csv", "mikhail-galuzin--deputy-foreign-minister")
    assert failed_build(package) == [("curated/memberships.csv", row, "end_date", "date-order")]


def test_value_outside_its_enum(package):
    edit(package / "curated/places.csv", "almaty,Almaty,city,", "almaty,Almaty,town,")
    assert failed_build(package) == [
        ("curated/places.csv", row_of(package / "curated/places.csv", "almaty"), "place_type", "constraint-error")
    ]


def test_invalid_country_code(package):
    edit(package / "curated/places.csv", "almaty,Almaty,city,KZ,", "almaty,Almaty,city,KX,")
    assert failed_build(package) == [
        ("curated/places.csv", row_of(package / "curated/places.csv", "almaty"), "country_code", "country-code")
    ]


def test_malformed_wikidata_id(package):
    edit(package / "curated/people.csv", GALUZIN, GALUZIN.replace("RU,,", "RU,Q0123,"))
    assert failed_build(package) == [
        (
            "curated/people.csv",
            row_of(package / "curated/people.csv", "mikhail-galuzin"),
            "wikidata_id",
            "constraint-error",
        )
    ]


def test_duplicate_primary_key(package):
    append(package / "curated/people.csv", GALUZIN + "\n")
    assert ("curated/people.csv", 7, None, "primary-key") in failed_build(package)


def test_id_used_in_two_tables(package):
    row = append(package / "curated/places.csv", "armenia,Armenia,territory,AM,,,,,\n")
    append(package / "curated/evidence.csv", "armenia,,,000_8730724a31ace38e,Russia confirms,,,\n")
    assert failed_build(package) == [("curated/places.csv", row, "place_id", "duplicate-id")]


def test_dangling_reference(package):
    row = append(package / "curated/aliases.csv", "nowhere--x,nowhere,X,en,short-name\n")
    append(package / "curated/evidence.csv", "nowhere--x,,,000_8730724a31ace38e,Russia confirms,,,\n")
    assert failed_build(package) == [("curated/aliases.csv", row, "entity_id", "foreign-key")]


def test_messages_name_the_rows_as_written_not_as_sorted(package):
    """The build sorts curated rows before frictionless checks them; its messages' row numbers are mapped
    back to the contributor's file, like the findings' own."""
    galuzin = row_of(package / "curated/people.csv", "mikhail-galuzin")
    copy = append(package / "curated/people.csv", GALUZIN + "\n")
    message = next(f.message for f in build(package).findings if f.kind == "primary-key")
    assert message == f'Row at position "{copy}" violates the primary key: the same as in the row at position {galuzin}'


def test_an_id_off_its_pattern_is_one_finding_not_also_one_of_missing_evidence(package):
    """The id is the mistake; that no evidence row names it follows from it (the evidence names the old one)."""
    row = append(package / "curated/aliases.csv", "armenia--ARMENIA,armenia,ARMENIA,en,short-name\n")
    expected = [("curated/aliases.csv", row, "alias_id", "constraint-error")]
    assert findings_of(checkout_validate(package)) == expected
    assert failed_build(package) == expected


def test_row_without_evidence(package):
    append(package / "curated/people.csv", "ruben-x,Ruben X,AM,,\n")
    assert failed_build(package) == [("curated/people.csv", 7, "person_id", "no-evidence")]


def test_evidence_of_an_unknown_article(package):
    row = append(package / "curated/evidence.csv", "mikhail-galuzin,,,999_nope,MOSCO,,,\n")
    report = build(package)
    assert findings_of(report) == [("curated/evidence.csv", row, "article_id", "reference")]
    assert report.findings[0].message == "no article '999_nope' in seeds/"


def test_evidence_words_not_in_the_article(package):
    row = append(package / "curated/evidence.csv", "russia,,,000_8730724a31ace38e,Russia denies,,,\n")
    assert failed_build(package) == [("curated/evidence.csv", row, "quote", "span")]


@pytest.mark.parametrize("occurrence", ["5", "0", "x"])
def test_evidence_occurrence_past_the_words_occurrences(package, occurrence):
    row = append(package / "curated/evidence.csv", f"mikhail-galuzin,,,000_8730724a31ace38e,Galuzin,,,{occurrence}\n")
    findings = failed_build(package)
    kind = {"5": "span", "0": "constraint-error", "x": "type-error"}[occurrence]
    assert findings[-1] == ("curated/evidence.csv", row, "occurrence", kind)


def test_evidence_without_words_or_source(package):
    row = append(package / "curated/evidence.csv", "russia,,,000_8730724a31ace38e,,,,\n")
    assert failed_build(package) == [("curated/evidence.csv", row, "quote", "evidence")]
    row = append(package / "curated/evidence.csv", "russia,,,,,,,\n")
    assert ("curated/evidence.csv", row, "article_id", "evidence") in failed_build(package)


def test_the_same_evidence_twice(package):
    with (package / "curated/evidence.csv").open(encoding="utf-8") as handle:
        first = handle.read().splitlines()[1]
    row = append(package / "curated/evidence.csv", first + "\n")
    assert failed_build(package) == [("curated/evidence.csv", row, "subject_id", "duplicate")]


# --- spreadsheet formulas ----------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t="])
def test_formula_like_free_text_is_refused(package, start):
    edit(package / "curated/people.csv", "Azerbaijani presidential aide.", f'"{start}HYPERLINK(""x"")"')
    assert failed_build(package) == [
        (
            "curated/people.csv",
            row_of(package / "curated/people.csv", "hikmet-hajiyev"),
            "description",
            "formula-injection",
        )
    ]


# --- descriptor and schemas --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["../people.csv", "/etc/passwd", "~/people.csv", "https://example.org/x.csv"])
def test_resource_path_that_escapes_the_package(package, path):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = path
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert ("datapackage.json", None, None, "unsafe-path") in findings_of(validate(package))


@pytest.mark.parametrize(("typo", "near"), [("contraints", "constraints"), ("primarykey", "primaryKey")])
def test_misspelled_schema_key(package, typo, near):
    schema_path = package / "schemas/people.json"
    text = schema_path.read_text(encoding="utf-8")
    schema_path.write_text(text.replace(f'"{near}"', f'"{typo}"', 1), encoding="utf-8")
    report = build(package)
    assert findings_of(report) == [("schemas/people.json", None, None, "unknown-key")]
    assert f"did you mean {near!r}" in report.findings[0].message


@pytest.mark.parametrize("version", ["1.0", "v0.2.0", "0.2", "01.2.3"])
def test_version_that_is_not_semver(package, version):
    edit(package / "datapackage.json", '"version": "0.1.0"', f'"version": "{version}"')
    assert failed_build(package) == [("datapackage.json", None, "version", "descriptor-error")]
    assert findings_of(validate(package)) == [("datapackage.json", None, "version", "descriptor-error")]


def test_schema_that_no_longer_matches_its_csv(package):
    schema_path = package / "schemas/people.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"].insert(2, {"name": "gender", "type": "string", "description": "Gender."})
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    assert failed_build(package) == [("curated/people.csv", 1, None, "header")]


def test_foreign_key_to_a_missing_table(package):
    schema_path = package / "schemas/memberships.json"
    edit(schema_path, '"resource": "people"', '"resource": "persons"')
    assert failed_build(package) == [("schemas/memberships.json", None, None, "schema-error")]


def test_invalid_json_schema(package):
    (package / "schemas/people.json").write_text('{"fields": [', encoding="utf-8")
    assert failed_build(package) == [("schemas/people.json", 1, None, "json-error")]


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        ("datapackage.json", '"version": ', '"version": "9.9.9", "version": ', "gives the key 'version' twice"),
        ("datapackage.json", '"title": "', '"title": "\\ud800', "lone surrogate"),
        ("schemas/places.json", '"maximum": 90', '"maximum": 1e400', "1e400, beyond the range of a double"),
        ("schemas/places.json", '"maximum": 90', '"maximum": NaN', "holds NaN, which is not JSON"),
    ],
)
def test_json_that_python_reads_otherwise_than_other_readers(package, file, old, new, words):
    """Python keeps the last of two equal keys (others the first), and reads NaN, 1e400 (as infinity) and lone
    surrogates, which then fail to write: each is one finding on the file."""
    edit(package / file, old, new)
    assert failed_build(package) == [(file, None, None, "json-error")]
    assert words in checkout_validate(package).findings[0].message


# --- all at once, no traceback ------------------------------------------------------------------------


def test_every_finding_is_reported_at_once_without_traceback(package):
    galuzin = row_of(package / "curated/people.csv", "mikhail-galuzin")
    edit(package / "curated/people.csv", "mikhail-galuzin,", "mikhail-galuzin ,")
    edit(package / "curated/places.csv", "almaty,Almaty,city,", "almaty,Almaty,town,")
    acme = append(package / "curated/organisations.csv", "acme,ACME,other,,,,\n")
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert [line.rsplit(" [", 1)[1] for line in result.stdout.splitlines()] == [
        "whitespace]",
        "no-evidence]",
        "constraint-error]",
    ]  # one finding per mistake, all in one run
    assert result.stdout.splitlines()[0].startswith(f"curated/people.csv:{galuzin}:person_id: 'mikhail-galuzin ' has")
    assert result.stdout.splitlines()[1].startswith(f"curated/organisations.csv:{acme}:organisation_id: 'acme' has no")


def test_findings_are_limited_per_file(package):
    rows = "".join(f"person-{i},Person {i},XX,,\n" for i in range(60))
    append(package / "curated/people.csv", rows)
    report = build(package)
    people = [f for f in report.findings if f.file == "curated/people.csv"]
    assert len(people) == 51
    assert people[-1].kind == "more" and people[-1].message.startswith("70 more finding(s)")
    summary = checkout_validate(package).summary()  # it counts what is not shown too
    assert summary.startswith(f"invalid: {total(report.findings)} finding(s)") and total(people) == 120


@pytest.mark.slow
def test_validate_lists_every_finding_with_limit_0(package):
    rows = "".join(f"person-{i},Person {i},XX,,\n" for i in range(60))
    append(package / "curated/people.csv", rows)
    lines = {}
    for limit in ("50", "0"):
        result = subprocess.run(
            [sys.executable, "-m", "caucasus_data", "validate", "--limit", limit, str(package)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        lines[limit] = [line for line in result.stdout.splitlines() if line.startswith("curated/people.csv:")]
    assert len(lines["50"]) == 51 and lines["50"][-1].endswith("more finding(s) in this file not shown [more]")
    # 60 country codes are not ISO codes, in 60 rows without evidence
    assert len(lines["0"]) == 120 and lines["0"][:50] == lines["50"][:50]


# --- seeds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("010_empty.txt", b"", "seed-empty"),
        ("010_blank.txt", b" \n\n", "seed-empty"),
        ("010_latin1.txt", "MOSCOW, June 5. /TASS/. Caf\xe9".encode("latin-1"), "encoding-error"),
        (".hidden.txt", b"MOSCOW, June 5. /TASS/. Text.", "seed-name"),
        ("Article One.txt", b"MOSCOW, June 5. /TASS/. Text.", "seed-name"),
        ("010_notes.md", b"MOSCOW, June 5. /TASS/. Text.", "seed-name"),
        ("010_big.txt", b"MOSCOW, June 5. /TASS/. " + b"x" * (1024 * 1024), "seed-size"),
        ("010_bom.txt", b"\xef\xbb\xbfMOSCOW, June 5. /TASS/. Text.", "seed-character"),
        ("010_nul.txt", b"MOSCOW, June 5. /TASS/. Text.\x00", "seed-character"),
        ("010_escape.txt", b"MOSCOW, June 5. /TASS/.\n\x1b]0;title\x07 Text.", "seed-character"),
        ("010_formula.txt", b"@SUM(1+1) MOSCOW, June 5. /TASS/. Text.", "formula-injection"),
    ],
)
def test_bad_seed_file(package, name, data, kind):
    (package / "seeds" / name).write_bytes(data)
    lines = {"010_latin1.txt": 1, "010_bom.txt": 1, "010_nul.txt": 1, "010_escape.txt": 2, "010_formula.txt": 1}
    assert failed_build(package) == [(f"seeds/{name}", lines.get(name), None, kind)]


def test_seed_in_a_subfolder(package):
    (package / "seeds" / "more").mkdir()
    (package / "seeds" / "more" / "010_x.txt").write_text("MOSCOW, June 5. /TASS/. Text.", encoding="utf-8")
    assert failed_build(package) == [("seeds/more", None, None, "seed-name")]


def test_upper_case_seed_name_gives_a_lower_case_id(package):
    (package / "seeds" / "010_AbC.txt").write_text("MOSCOW, June 5, 2024. /TASS/. Russia said so.", encoding="utf-8")
    report = build(package)
    assert report.ok, report.findings
    assert [r["article_id"] for r in report.tables["articles"] if r["seed_file"] == "seeds/010_AbC.txt"] == ["010_abc"]


def test_seed_names_that_differ_only_in_case(package):
    (package / "seeds" / "010_abc.txt").write_text("MOSCOW, June 5, 2024. /TASS/. One.", encoding="utf-8")
    (package / "seeds" / "010_ABC.txt").write_text("MOSCOW, June 5, 2024. /TASS/. Two.", encoding="utf-8")
    assert failed_build(package) == [("seeds/010_abc.txt", None, None, "seed-name")]


def test_duplicate_seed(package):
    original = (package / "seeds" / "003_ed509b88b2911dd7.txt").read_bytes()
    (package / "seeds" / "005_copy.txt").write_bytes(original.replace(b"\n", b"\r\n"))
    findings = failed_build(package)
    assert findings == [("seeds/005_copy.txt", None, None, "seed-duplicate")]
