"""Hostile and careless contributions: each is one finding naming the file (and row and field where there is
one), exit 1, nothing written, no traceback, nothing of any other file in the output."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TASS, append_rows, snapshot

from caucasus_data.checkout import validate
from caucasus_data.findings import Finding
from caucasus_data.pipeline import build

SECRET = "CAUCASUS_TEST_SECRET_7f3a"


def findings_of(package: Path) -> list[tuple]:
    before = snapshot(package)
    report = build(package)
    assert not report.ok
    assert snapshot(package) == before
    return [(f.file, f.row, f.field, f.kind) for f in report.findings]


def run_cli(package: Path, command: str) -> subprocess.CompletedProcess:
    """The command on the package, with a secret in the environment that no output may show."""
    where = ["--root", str(package)] if command == "build" else [str(package)]
    return subprocess.run(
        [sys.executable, "-m", "caucasus_data", command, *where],
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_TOKEN": SECRET},
        timeout=120,
    )


def validate_published(package: Path, *options: str) -> list[str]:
    """The lines `caucasus-data validate` prints of the package's data/ alone, which must fail cleanly and in time
    (a hang fails the test)."""
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "validate", *options, str(package / "data")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result.stdout.splitlines()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secrets.txt"
    path.parent.mkdir()
    path.write_text(f"MOSCOW, June 5. /TASS/. token={SECRET}\n", encoding="utf-8")
    return path


# --- files that are not regular files inside the package ------------------------------------------


def test_a_seed_that_is_a_link_is_not_followed(package, secret_file):
    (package / "seeds" / "010_link.txt").symlink_to(secret_file)
    assert findings_of(package) == [("seeds/010_link.txt", None, None, "not-a-file")]
    for command in ("build", "validate"):
        result = run_cli(package, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert SECRET not in result.stdout + result.stderr
        assert "010_link.txt::: is a symbolic link; only regular files are read [not-a-file]" in result.stdout


def test_a_seed_linked_to_the_environment_of_the_process(package):
    (package / "seeds" / "010_environ.txt").symlink_to("/proc/self/environ")
    result = run_cli(package, "build")
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "seeds/010_environ.txt::: is a symbolic link" in result.stdout


def test_a_curated_file_that_is_a_link_is_not_read(package, secret_file):
    people = package / "curated" / "people.csv"
    people.unlink()
    people.symlink_to(secret_file)
    assert findings_of(package) == [("curated/people.csv", None, None, "not-a-file")]
    result = run_cli(package, "validate")
    assert result.returncode == 1 and SECRET not in result.stdout + result.stderr


def test_a_published_file_that_is_a_link_is_not_read(package, secret_file):
    """data/ as a contributor's branch may hold it: the link is one finding, its target never shown."""
    (package / "data" / "people.csv").unlink()
    (package / "data" / "people.csv").symlink_to(secret_file)
    result = run_cli(package, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert (
        result.stdout.splitlines()[0]
        == "data/people.csv::: is a symbolic link; only regular files are read [not-a-file]"
    )


def _published_copy(tmp_path: Path, edit) -> Path:
    """A copy of data/ whose descriptor `edit` changed in place."""
    root = tmp_path / "published"
    shutil.copytree(REPO / "data", root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    edit(descriptor)
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return root


def test_a_field_name_written_as_sql_is_a_name_not_a_query(tmp_path, secret_file):
    """The checks' SQL holds the package's field names: quoted, this one is a name, never a query that reads
    the secret (and the DuckDB connection could not open it anyway: it opens no file outside the package)."""
    evil = f'x", (select cast(content as integer) from read_text({str(secret_file)!r})) as "y'

    def rename(descriptor):
        parties = next(r for r in descriptor["resources"] if r["name"] == "agreement_parties")
        parties["schema"]["fields"][0]["name"] = parties["schema"]["primaryKey"] = evil

    root = _published_copy(tmp_path, rename)
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "validate", "--limit", "0", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "internal error" not in result.stderr, result.stderr
    assert SECRET not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith('agreement_parties.csv::x", (select cast(content as integer)')
    assert lines[0].endswith("does not match the field name in the schema [incorrect-label]")
    assert validate(root, per_file_limit=None).findings == validate(root, per_file_limit=None, reference=True).findings


def test_the_validation_connection_opens_no_file_outside_the_package(tmp_path, secret_file):
    import duckdb

    from caucasus_data.validation import connect

    root = _published_copy(tmp_path, lambda descriptor: None)
    with connect(root) as con:
        rows = (root / "people.csv").read_text(encoding="utf-8").count("\n") - 1
        assert con.execute(f"select count(*) from read_csv('{root / 'people.csv'}')").fetchone()[0] == rows
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"select content from read_text('{secret_file}')")
        with pytest.raises(duckdb.Error):
            con.execute("set enable_external_access = true")


def test_resources_named_alike_but_for_case_are_two_tables(tmp_path):
    """DuckDB matches names without regard to case: `Places` beside `places` (and a name with a dash) must each
    be a table of its own, or one file's rows are checked as the other's."""

    def add(descriptor):
        places = next(r for r in descriptor["resources"] if r["name"] == "places")
        for name in ("Places", "places-x"):
            copy = json.loads(json.dumps(places))
            copy.update(name=name, path=f"{name}.csv")
            copy.pop("hash"), copy.pop("bytes")
            copy["schema"].pop("foreignKeys", None)
            descriptor["resources"].append(copy)

    root = _published_copy(tmp_path, add)
    rows = (root / "places.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "Places.csv").write_text(rows[0] + "," + rows[1].split(",", 1)[1], encoding="utf-8")
    (root / "places-x.csv").write_text(rows[0] + rows[2], encoding="utf-8")
    found = validate(root, per_file_limit=None).findings
    assert found == validate(root, per_file_limit=None, reference=True).findings
    assert [(f.file, f.row, f.kind) for f in found] == [
        ("Places.csv", 2, "primary-key"),
        ("Places.csv", 2, "constraint-error"),
        ("places-x.csv", 2, "duplicate-id"),
    ]


def test_a_terminal_escape_in_a_cell_is_printed_escaped(package):
    people = package / "curated" / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("Hikmet Hajiyev,", "Hikmet \x1b[2JHajiyev,"), "utf-8")
    result = run_cli(package, "build")
    assert result.returncode == 1 and "\x1b" not in result.stdout + result.stderr
    assert "U+001B" in result.stdout
    # A message that quotes the cell (frictionless' words) escapes it.
    finding = Finding("curated/people.csv", 3, "name", "constraint-error", 'The cell "Hikmet \x1b[2JHajiyev"')
    assert str(finding) == 'curated/people.csv:3:name: The cell "Hikmet \\x1b[2JHajiyev" [constraint-error]'


def test_a_seed_that_is_a_named_pipe_does_not_hang(package):
    os.mkfifo(package / "seeds" / "010_pipe.txt")
    assert findings_of(package) == [("seeds/010_pipe.txt", None, None, "not-a-file")]


@pytest.mark.parametrize("where", ["", "data"])
def test_a_datapackage_json_that_is_a_named_pipe_is_named_so(package, where):
    """Not "no datapackage.json": the contributor sees what stands in its place."""
    folder = package / where
    (folder / "datapackage.json").unlink()
    os.mkfifo(folder / "datapackage.json")
    findings = validate(folder).findings
    assert [(f.file, f.kind) for f in findings] == [("datapackage.json", "not-a-file")]
    assert "named pipe" in findings[0].message


def test_a_folder_of_seeds_that_is_a_link(package, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    os.replace(package / "seeds", tmp_path / "elsewhere" / "seeds")
    (package / "seeds").symlink_to(tmp_path / "elsewhere" / "seeds", target_is_directory=True)
    assert findings_of(package) == [("seeds", None, None, "not-a-file")]


def test_a_hidden_seed_is_refused(package):
    (package / "seeds" / ".env").write_text(f"TOKEN={SECRET}", encoding="utf-8")
    assert findings_of(package) == [("seeds/.env", None, None, "seed-name")]


# --- descriptor and schemas of any shape -------------------------------------------------------------


def _schema(package: Path, table: str) -> tuple[Path, dict]:
    path = package / "schemas" / f"{table}.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s["fields"][1].update(type=["string"]), "name"),
        (lambda s: s.update(foreignKeys=5), None),
        (lambda s: s["fields"][0].update({"x-references": 5}), "person_id"),
        (lambda s: s["fields"][0].update(constraints={"required": "yes"}), "person_id"),
        (lambda s: s["fields"][0].update(constraints={"enum": [{"a": 1}]}), "person_id"),
        (lambda s: s.update(primaryKey=[1, 2]), None),
        (lambda s: s.update(fields={}), None),
    ],
)
def test_schema_values_of_the_wrong_json_type(package, change, field):
    path, schema = _schema(package, "people")
    change(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")
    found = findings_of(package)
    assert found and {f[0] for f in found} == {"schemas/people.json"}
    assert {f[3] for f in found} == {"schema-error"}
    assert field in {f[2] for f in found}


# --- patterns: RE2 or refused; frictionless' own run bounded in time ------------------------------


def _pattern_on_a_name(package: Path, pattern: str) -> None:
    path, schema = _schema(package, "people")
    schema["fields"][1]["constraints"] = {**schema["fields"][1].get("constraints", {}), "pattern": pattern}
    path.write_text(json.dumps(schema), encoding="utf-8")
    append_rows(package, "people", ["zz-person," + "a" * 34 + "!,,,"])


@pytest.mark.parametrize("pattern", ["^(?!x)(a+)+$", "(a)\\1", "(unclosed["])
def test_a_pattern_re2_cannot_run_is_refused_naming_schema_and_field(package, pattern):
    _pattern_on_a_name(package, pattern)
    assert findings_of(package) == [("schemas/people.json", None, "name", "schema-error")]
    result = run_cli(package, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "schemas/people.json::name: field 'name' pattern" in result.stdout


def test_a_backtracking_pattern_runs_on_re2_in_linear_time(package):
    """`(a+)+` takes Python's re exponential time on 34 a's and a `!`; RE2 answers at once."""
    _pattern_on_a_name(package, "^(a+)+$")
    found = findings_of(package)
    assert ("curated/people.csv", 7, "name", "constraint-error") in found


def _published_with_a_name_pattern(tmp_path, pattern: str):
    """A copy of data/ whose people's names must match `pattern` inline, and a name of 34 a's and a `!`."""
    root = tmp_path / "published"
    shutil.copytree(REPO / "data", root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    people = next(r for r in descriptor["resources"] if r["name"] == "people")
    people["schema"]["fields"][1]["constraints"] = {"pattern": pattern}
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with (root / "people.csv").open("a", encoding="utf-8") as handle:
        handle.write("zz-person," + "a" * 34 + "!,,,\n")
    return root


def test_a_look_ahead_in_a_published_packages_inline_schema_is_refused(tmp_path):
    """A download of data/ has its schemas inline: their patterns are held to RE2 too, before any cell."""
    root = _published_with_a_name_pattern(tmp_path, "^(?!x)(a+)+$")
    for reference in (False, True):
        found = validate(root, reference=reference).findings
        assert [(f.file, f.field, f.kind) for f in found] == [("datapackage.json", "name", "schema-error")]


def _listening():
    """A local server that lists the requests made to it, its address, and an event that stops it."""
    import socket
    import threading

    server, stop, seen = socket.create_server(("127.0.0.1", 0)), threading.Event(), []
    server.settimeout(0.2)

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            seen.append(connection.recv(100))
            connection.close()
        server.close()

    threading.Thread(target=accept, daemon=True).start()
    return seen, f"http://127.0.0.1:{server.getsockname()[1]}/x.json", stop


def test_no_url_in_a_package_is_requested(tmp_path):
    """A profile given by URL is an error of frictionless' (with --reference) and an unknown key, never a
    request; a schema by URL is one unsafe-path finding, and frictionless is not asked."""
    seen, url, stop = _listening()
    root = tmp_path / "published"
    shutil.copytree(REPO / "data", root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["profile"] = url
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    kinds = [f.kind for f in validate(root, reference=True).findings]
    assert kinds == ["metadata-error", "unknown-key"]
    del descriptor["profile"]
    descriptor["resources"][0]["schema"] = url
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for reference in (False, True):
        assert [f.kind for f in validate(root, reference=reference).findings] == ["unsafe-path"]
    stop.set()
    assert seen == []


@pytest.mark.slow
def test_the_reference_run_of_frictionless_is_stopped_in_time(tmp_path):
    from caucasus_data.validation.tabular import bounded_findings

    root = _published_with_a_name_pattern(tmp_path, "^(a+)+$")
    assert [(f.file, f.kind) for f in bounded_findings(root, seconds=5)] == [("datapackage.json", "timeout")]


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        (lambda d: d["resources"][0].update(path=["data/a.csv"]), "unsafe-path"),
        (lambda d: d["resources"].append(dict(d["resources"][0])), "descriptor-error"),
        (lambda d: d["resources"][0].update(path=f"seeds/{TASS}.txt"), "descriptor-error"),
        (lambda d: d.update(resources=5), "descriptor-error"),
        (lambda d: d.update(version=["0.1.0"]), "descriptor-error"),
    ],
)
def test_descriptor_values_of_the_wrong_shape(package, change, kind):
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    found = findings_of(package)
    assert [(f[0], f[3]) for f in found] == [("datapackage.json", kind)]


@pytest.mark.parametrize("target", ["datapackage.json", "schemas/people.json"])
def test_deeply_nested_json_is_refused_before_parsing(package, target):
    (package / target).write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    found = findings_of(package)
    assert (target, None, None, "json-error") in found


def test_a_descriptor_of_50_mb_is_not_read(package):
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["description"] = "x" * (50 * 1024 * 1024)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert findings_of(package) == [("datapackage.json", None, None, "file-size")]


# --- cells that change meaning without showing it -------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("Mikhail Galuzin,RU", "Mikhail\u200b Galuzin,RU", "U+200B"),  # a zero-width space in a name
        ("Mikhail Galuzin,RU", "Mikhail \u202eniz\u202cGaluzin,RU", "U+202E"),  # a right-to-left override
        ("Russian Deputy Foreign Minister.", "Russian Deputy\x00 Foreign Minister.", "U+0000"),  # a NUL
        ("Russian Deputy Foreign Minister.", '"Russian Deputy\rForeign Minister."', "line break"),  # a carriage return
    ],
)
def test_invisible_characters_in_a_cell_are_refused(package, old, new, shown):
    people = package / "curated" / "people.csv"
    text = people.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("mikhail-galuzin,"))
    people.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    report = build(package)
    found = [f for f in report.findings if f.kind == "bad-character"]
    assert [(f.file, f.row) for f in found] == [("curated/people.csv", row)]
    assert shown in found[0].message


def test_a_look_alike_letter_in_an_id_is_named(package):
    people = package / "curated" / "people.csv"
    text = people.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("mikhail-galuzin,"))
    people.write_text(text.replace("mikhail-galuzin,Mikhail", "mikhail-galuz\u0456n,Mikhail", 1), encoding="utf-8")
    report = build(package)
    (finding,) = [f for f in report.findings if f.kind == "bad-character"]
    assert (finding.file, finding.row, finding.field) == ("curated/people.csv", row, "person_id")
    assert "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I" in finding.message


def test_a_cell_of_20_mb_is_refused_with_its_size(package):
    people = package / "curated" / "people.csv"
    with people.open("a", encoding="utf-8") as handle:
        handle.write(f"ruben-x,Ruben X,AM,,{'x' * (20 * 1024 * 1024)}\n")
    assert findings_of(package) == [("curated/people.csv", None, None, "file-size")]
    with people.open("w", encoding="utf-8") as handle:
        handle.write("person_id,name,country_code,wikidata_id,description\n")
        handle.write(f"ruben-x,Ruben X,AM,,{'x' * 200_000}\n")
    found = findings_of(package)
    assert ("curated/people.csv", 2, "description", "bad-character") in found


def test_an_edtf_date_in_year_0(package):
    events = package / "curated" / "events.csv"
    text = events.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("almaty-talks-2024-05,"))
    events.write_text(text.replace(",2024-05-10/2024-05-11,", ",0000-01-01,", 1), encoding="utf-8")
    found = findings_of(package)
    assert ("curated/events.csv", row, "date_edtf", "edtf-error") in found


def test_api_calls_with_wrong_arguments_say_what_is_wrong(tmp_path):
    import caucasus_data as cd

    with pytest.raises(TypeError, match="path is a folder or its datapackage"):
        cd.validate(5)
    with pytest.raises(FileNotFoundError, match="no data package there"):
        cd.connect(root=tmp_path / "missing")


def test_an_offset_of_10_to_the_20_is_named_outside_the_article(package):
    path = package / "data" / "quotes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("char_start")] = str(10**20)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    report = validate(package)
    span = next(f for f in report.findings if f.kind == "span")
    assert (span.file, span.row, span.field) == ("data/quotes.csv", 2, "char_start")
    assert span.message.startswith("offsets 100000000000000000000:")
    assert "outside the article" in span.message


def test_an_offset_that_is_no_integer_is_one_type_error_not_a_span_as_well(package):
    path = package / "data" / "quotes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("char_start")] = "1e400"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = [(f.file, f.row, f.field, f.kind) for f in validate(package).findings if f.file == "data/quotes.csv"]
    assert ("data/quotes.csv", 2, "char_start", "type-error") in found
    assert [f for f in found if f[3] == "span"] == []


def test_a_memory_limit_too_small_for_the_package_is_an_error_that_says_so(package):
    """Not an internal error: DuckDB ran out of the memory it was given, and the message says how to give more."""
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "validate", str(package / "data")],
        capture_output=True,
        text=True,
        env={**os.environ, "CAUCASUS_DATA_MEMORY_LIMIT": "1MB"},
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: DuckDB needs more memory than CAUCASUS_DATA_MEMORY_LIMIT=1MB")


def test_many_empty_lines_between_short_rows_are_numbered_in_bounded_time(package):
    """Each row's number counts the empty lines before it: found once for the file, not once for each row (a
    file of 60,000 rows, each short of a cell and followed by an empty line, took minutes that way)."""
    path = package / "data" / "mentions.csv"
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    path.write_text(header + "\n" + (first.rsplit(",", 1)[0] + "\n\n") * 60_000, encoding="utf-8")
    lines = validate_published(package, "--limit", "0")
    field = header.rsplit(",", 1)[1]
    missing = f'Row at position "2" has a missing cell in field "{field}" at position "6" [missing-cell]'
    assert lines[1] == f"mentions.csv:2:{field}: {missing}"
    assert lines[2] == 'mentions.csv:3:: Row at position "3" is completely blank [blank-row]'
    # frictionless stops at 1,000 errors; the span check reads every row (the last is on line 120,000) but for
    # those whose missing words frictionless named
    named = {line.split(":")[1] for line in lines if line.endswith("[missing-cell]")}
    spans = {line.split(":")[1] for line in lines if line.endswith("[span]")}
    assert len(named) == 167 and not named & spans and len(spans) == 60_000 - len(named)
    assert len(lines) == 1000 + len(spans)
    assert lines[-1].startswith(f"mentions.csv:120000:{field}: is not the article text at 0:6")


def test_many_cells_read_one_by_one_in_a_key_field_take_one_update(package):
    """A line break ending an id is a cell Python's `re` reads otherwise than RE2: each is read in Python, and
    the keys of 150,000 of them go into the key table at once (one update a cell took minutes)."""
    path = package / "data" / "mentions.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for k in range(150_000):
        writer.writerow([f"m{k // 2}\n", *body[k % len(body)][1:]])  # each id twice
    path.write_text(out.getvalue(), encoding="utf-8")
    lines = validate_published(package)
    unique = 'has unique constraint violation in field "mention_id" at position "1": the same as in the row at position'
    assert lines[1] == f'mentions.csv:3:mention_id: Row at position "3" {unique} 2 [unique-error]'
    assert lines[-2] == f'mentions.csv:51:mention_id: Row at position "51" {unique} 50 [unique-error]'
    assert lines[-1] == "mentions.csv::: 950 more finding(s) in this file not shown [more]"  # 1,000 as frictionless


def test_a_header_of_ten_thousand_labels_is_one_finding(package):
    """frictionless stops at its first 1,000 extra labels, after minutes; here the header is counted first."""
    published, curated = package / "data" / "people.csv", package / "curated" / "people.csv"
    for path in (published, curated):
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[0] += "".join(f",x{j}" for j in range(10_000))
        path.write_text("\n".join(lines), encoding="utf-8")
    assert validate_published(package) == [
        "people.csv::: the header has more than 1,000 labels (10,005 counted); the file is not read [header-size]"
    ]
    assert findings_of(package) == [("curated/people.csv", 1, None, "header")]
    report = build(package)
    assert report.findings[0].message.startswith("unexpected column 'x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7',")
    assert "'x9' and 9,990 more; the header must be person_id,name," in report.findings[0].message


def test_a_descriptor_over_its_size_limit_is_one_finding_not_an_internal_error(package):
    """The checks went on past the descriptor's file-size finding, and fell over on the schemas it did not give."""
    path = package / "data" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["description"] = "x" * (1 << 20)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    result = run_cli(package / "data", "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stdout.splitlines() == [
        f"datapackage.json::: is {path.stat().st_size:,} bytes; at most 1,048,576 [file-size]"
    ]


@pytest.mark.parametrize("descriptor", ["datapackage.json", "data/datapackage.json"])
def test_more_resources_than_a_package_has_are_one_finding(package, descriptor):
    """Each resource is a few DuckDB tables, whose catalog no memory limit bounds: 7,500 took 100 s and 4.6 GB."""
    path = package / descriptor
    value = json.loads(path.read_text(encoding="utf-8"))
    smallest = min(value["resources"], key=lambda r: len(json.dumps(r)))
    value["resources"] += [{**smallest, "name": f"copy-{k}"} for k in range(200)]
    path.write_text(json.dumps(value), encoding="utf-8")
    expected = "::resources: has 216 resources; a package has at most 200 [file-size]"
    result = run_cli(package, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [descriptor + expected]
    if descriptor == "datapackage.json":
        assert findings_of(package) == [("datapackage.json", None, "resources", "file-size")]


def test_a_cell_over_python_csvs_default_limit_is_read_as_frictionless_reads_it(package):
    """Python's csv refuses a cell over 128 KiB unless its process-wide limit is raised, as frictionless raises
    it when imported: the file went to frictionless, then the package's own checks failed on it."""
    path = package / "data" / "quotes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("text")] = "words\n" * 50_000
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    for reference in ([], ["--reference"]):
        lines = validate_published(package, *reference)
        assert lines[0].startswith("quotes.csv::: the file's size or hash differs") and lines[0].endswith("[stale]")
        assert lines[1].startswith("quotes.csv:2:text: is not the article text at ")


def test_a_timeout_names_the_file_frictionless_was_reading_and_the_package_checks_wait(package, monkeypatch):
    """Two million empty lines make frictionless take the first empty line for the header: the file is its to
    read, and it reads them slowly. The one finding says which file, and why; no check reports the ids it holds
    as missing elsewhere."""
    from caucasus_data.validation import tabular
    from caucasus_data.validation import validate as validate_package

    monkeypatch.setattr(tabular, "REFERENCE_SECONDS", 1.0)  # plus a second per MiB of CSV
    path = package / "data" / "people.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header + "\n" + "\n" * 2_000_000 + rest, encoding="utf-8")
    findings = validate_package(package / "data", per_file_limit=None).findings
    assert [(f.file, f.kind) for f in findings] == [("datapackage.json", "timeout")]
    assert findings[0].message.startswith("frictionless was stopped after ")  # 1 s plus one a MiB of CSV
    assert " s, reading people (people.csv: frictionless would take row 2 for the header) and " in findings[0].message
