"""The curation rules as DuckDB queries: none fires on the published tables, each fires on a broken copy
at the exact row, and `caucasus-data validate` refuses such a row."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, copy_package

from caucasus_data.pipeline.curation_rules import RULES, TABLES, Rule, load, run

Rows = list[dict[str, str]]


def read(root: Path, table: str) -> tuple[list[str], Rows]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(root: Path, table: str, header: list[str], rows: Rows) -> None:
    with (root / "data" / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def findings_of(root: Path, rule: Rule) -> list[tuple[int, str]]:
    con = duckdb.connect()
    load(con, root)
    return [(f.row, f.field) for f in run(con, rule)]


def rule(kind: str, table: str, field: str) -> Rule:
    (found,) = [r for r in RULES if (r.kind, r.table, r.field) == (kind, table, field)]
    return found


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    for table in TABLES:
        shutil.copy(REPO / "data" / f"{table}.csv", tmp_path / "data")
    return tmp_path


def test_no_rule_fires_on_the_published_tables():
    con = duckdb.connect()
    load(con, REPO)
    assert con.execute("select count(*) from events").fetchone() == (len(read(REPO, "events")[1]),)
    found = {(r.kind, r.table, r.field): run(con, r) for r in RULES}
    assert {key: value for key, value in found.items() if value} == {}


def test_rows_are_numbered_as_in_the_file_with_empty_cells_null():
    con = duckdb.connect()
    load(con, REPO)
    _, events = read(REPO, "events")
    number = next(i for i, row in enumerate(events, start=2) if row["event_id"] == "villages-transfer-2024")
    assert con.execute("select _row, end_date from events where event_id = 'villages-transfer-2024'").fetchone() == (
        number,
        None,
    )


def edit(table: str, key: str, ident: str, /, **changes: str) -> Callable[[Path], tuple[str, str]]:
    """Change one row; the row is then found again by (key, ident) to learn its number."""

    def apply(root: Path) -> tuple[str, str]:
        header, rows = read(root, table)
        (row,) = [r for r in rows if r[key] == ident]
        row.update(changes)
        write(root, table, header, rows)
        return key, ident

    return apply


def delete(table: str, key: str, value: str, then: tuple[str, str]) -> Callable[[Path], tuple[str, str]]:
    """Delete one row; the finding is on the row `then` (key, value) of the same table."""

    def apply(root: Path) -> tuple[str, str]:
        header, rows = read(root, table)
        write(root, table, header, [r for r in rows if r[key] != value])
        return then

    return apply


def add(table: str, key: str, /, **cells: str) -> Callable[[Path], tuple[str, str]]:
    """Append one row (the other cells empty)."""

    def apply(root: Path) -> tuple[str, str]:
        header, rows = read(root, table)
        write(root, table, header, [*rows, {name: cells.get(name, "") for name in header}])
        return key, cells[key]

    return apply


BROKEN = [
    # An alias that is another entity's name.
    ("alias-collision", "aliases", "alias", edit("aliases", "alias_id", "karabakh--artsakh", alias="Armenia")),
    (
        "parent-cycle",
        "organisations",
        "parent_id",
        edit("organisations", "organisation_id", "russia", parent_id="russia"),
    ),
    ("parent-cycle", "places", "parent_id", edit("places", "place_id", "almaty", parent_id="almaty")),
    # A date changed without its evidence: the article says May 2023.
    (
        "evidence-for-date",
        "events",
        "date_edtf",
        edit("events", "event_id", "moscow-talks-2023-05", date_edtf="2023-06"),
    ),
    (
        "evidence-for-date",
        "agreements",
        "date_edtf",
        edit("agreements", "agreement_id", "trilateral-agreements-2020-2022", date_edtf="2020/2023"),
    ),
    *(
        (
            "evidence-for-date",
            "memberships",
            name,
            edit("memberships", "membership_id", "hikmet-hajiyev--presidential-aide", **{name: "2024-04-17"}),
        )
        for name in ("start_date", "end_date", "attested_date")
    ),
    # A PA-X stage no evidence gives, a sub-stage PA-X's page does not show, an AgtId nobody cited.
    (
        "evidence-for-code",
        "agreements",
        "stage",
        edit("agreements", "agreement_id", "rail-communication-understanding-2023", stage="SubPar"),
    ),
    (
        "evidence-for-code",
        "agreements",
        "substage",
        edit("agreements", "agreement_id", "trilateral-statement-2020-11", substage="Ceas"),
    ),
    (
        "evidence-for-code",
        "agreements",
        "pax_agt_id",
        edit("agreements", "agreement_id", "delimitation-provisional-agreement-2024-04", pax_agt_id="9999"),
    ),
    # An identifier or a coordinate no cited source gives (no article gives one).
    (
        "evidence-for-code",
        "people",
        "wikidata_id",
        edit("people", "person_id", "ararat-mirzoyan", wikidata_id="Q999999999"),
    ),
    (
        "evidence-for-code",
        "organisations",
        "wikidata_id",
        edit("organisations", "organisation_id", "armenia", wikidata_id="Q999999999"),
    ),
    *(
        ("evidence-for-code", "places", name, edit("places", "place_id", "almaty", **{name: value}))
        for name, value in (("latitude", "43.25"), ("longitude", "76.95"), ("geonames_id", "999999999"))
    ),
    # Days that have not come.
    ("future-date", "sources", "accessed_date", edit("sources", "source_id", "pax-2324", accessed_date="2999-01-01")),
    (
        "future-date",
        "memberships",
        "attested_date",
        edit("memberships", "membership_id", "hikmet-hajiyev--presidential-aide", attested_date="2999-01-01"),
    ),
    (
        "future-date",
        "article_metadata",
        "published_date",
        add("article_metadata", "seed_file", seed_file="seeds/000_8730724a31ace38e.txt", published_date="2999-01-01"),
    ),
    (
        "evidence-property",
        "evidence",
        "property",
        edit("evidence", "evidence_id", "ev-8ae00fee63bf", property="country"),
    ),
    # ISO 3166-2 puts Bishkek in KG; KZ is no alternative anyone documented.
    ("evidence-value", "evidence", "value", edit("evidence", "evidence_id", "ev-8ae00fee63bf", value="KZ")),
    # One fact listed twice under two ids.
    (
        "duplicate-link",
        "event_participants",
        "participant_id",
        add(
            "event_participants",
            "event_participant_id",
            event_participant_id="almaty-talks-2024-05--ararat-mirzoyan-2",
            event_id="almaty-talks-2024-05",
            participant_id="ararat-mirzoyan",
            role="participant",
        ),
    ),
    (
        "duplicate-link",
        "agreement_parties",
        "party_id",
        add(
            "agreement_parties",
            "agreement_party_id",
            agreement_party_id="armenia-azerbaijan-peace-agreement--armenia-2",
            agreement_id="armenia-azerbaijan-peace-agreement",
            party_id="armenia",
            role="party",
        ),
    ),
    ("source-access-date", "sources", "accessed_date", edit("sources", "source_id", "pax-2324", accessed_date="")),
    (
        "role-for-event-kind",
        "event_participants",
        "role",
        edit("event_participants", "event_participant_id", "almaty-talks-2024-05--kazakhstan", role="source"),
    ),
    (
        "statement-speaks-for",
        "event_participants",
        "role",
        delete(
            "event_participants",
            "event_participant_id",
            "mirzoyan-thanks-kazakhstan-2024-05--armenia",
            then=("event_participant_id", "mirzoyan-thanks-kazakhstan-2024-05--ararat-mirzoyan"),
        ),
    ),
    ("plover-mode", "events", "event_mode", edit("events", "event_id", "almaty-talks-2024-05", event_mode="withdraw")),
    # A future handover coded as the handover.
    (
        "plover-modality",
        "events",
        "event_type",
        edit("events", "event_id", "villages-transfer-2024", event_type="RETREAT"),
    ),
    (
        "status-for-open-end",
        "events",
        "status",
        edit("events", "event_id", "peacekeepers-deployment-2020", status="occurred"),
    ),
    (
        "stage-of-agreed-text",
        "agreements",
        "stage",
        edit("agreements", "agreement_id", "armenia-azerbaijan-peace-agreement", stage="SubComp"),
    ),
    (
        "agreement-date-from-event",
        "agreements",
        "date_edtf",
        edit("agreements", "agreement_id", "delimitation-provisional-agreement-2024-04", date_edtf="2024-04-19"),
    ),
]


@pytest.mark.parametrize(("kind", "table", "field", "breaking"), BROKEN, ids=[f"{k}-{t}-{f}" for k, t, f, _ in BROKEN])
def test_each_rule_fires_on_the_row_that_breaks_it(package: Path, kind, table, field, breaking):
    key, value = breaking(package)
    _, rows = read(package, table)
    row = next(number for number, r in enumerate(rows, start=2) if r[key] == value)
    assert findings_of(package, rule(kind, table, field)) == [(row, field)]


def test_an_alias_given_to_two_entities_is_found_on_both_rows(package: Path):
    """ "Galuzin" added as someone else's alias would give Galuzin's quotes to them: both rows are named."""
    edit("aliases", "alias_id", "karabakh--artsakh", alias="galuzin")(package)
    _, rows = read(package, "aliases")
    numbers = {r["alias_id"]: n for n, r in enumerate(rows, start=2)}
    found = run(_loaded(package), rule("alias-collision", "aliases", "alias"))
    assert sorted((f.row, f.message) for f in found) == [
        (
            numbers["karabakh--artsakh"],
            "galuzin is also a name or alias of mikhail-galuzin: one name for two entities would give its mentions "
            "and quotes to the wrong one",
        ),
        (
            numbers["mikhail-galuzin--galuzin"],
            "Galuzin is also a name or alias of karabakh: one name for two entities would give its mentions and "
            "quotes to the wrong one",
        ),
    ]


def _loaded(root: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    load(con, root)
    return con


def test_a_cycle_of_two_organisations_is_found_on_both(package: Path):
    edit("organisations", "organisation_id", "russia", parent_id="russia-ministry-of-defense")(package)
    _, rows = read(package, "organisations")
    numbers = {r["organisation_id"]: n for n, r in enumerate(rows, start=2)}
    found = findings_of(package, rule("parent-cycle", "organisations", "parent_id"))
    assert sorted(found) == sorted(
        [(numbers["russia"], "parent_id"), (numbers["russia-ministry-of-defense"], "parent_id")]
    )


def test_every_rule_has_a_broken_example():
    assert {(r.kind, r.table, r.field) for r in RULES} == {(k, t, f) for k, t, f, _ in BROKEN}


def test_a_statement_is_no_material_act(package: Path):
    edit("events", "event_id", "galuzin-tass-interview-2024-06-05", event_type="AID")(package)
    _, events = read(package, "events")
    row = next(n for n, r in enumerate(events, start=2) if r["event_id"] == "galuzin-tass-interview-2024-06-05")
    con = duckdb.connect()
    load(con, package)
    (finding,) = run(con, rule("plover-modality", "events", "event_type"))
    assert (finding.row, finding.message) == (
        row,
        "AID is a material act, but the event is a statement (it has a speaker): a statement is coded by what it says",
    )


def test_an_alternative_value_needs_a_note_and_the_rows_own_value_beside_it(package: Path):
    # PA-X's 10 November is kept beside the articles' 9 November; without the latter it is unexplained.
    delete("evidence", "evidence_id", "ev-e3648b46b59d", then=("evidence_id", "ev-ce9b26f718d8"))(package)
    _, evidence = read(package, "evidence")
    row = next(n for n, r in enumerate(evidence, start=2) if r["evidence_id"] == "ev-ce9b26f718d8")
    con = duckdb.connect()
    load(con, package)
    (finding,) = run(con, rule("evidence-value", "evidence", "value"))
    assert finding.row == row
    assert finding.message.startswith(
        "2020-11-10 is not the value of trilateral-statement-2020-11.date_edtf (2020-11-09)"
    )


@pytest.mark.slow
def test_validate_refuses_a_curated_row_that_breaks_a_rule(tmp_path: Path):
    package = copy_package(tmp_path / "package")
    path = package / "curated" / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, events = list(reader.fieldnames or []), list(reader)
    row = next(n for n, r in enumerate(events, start=2) if r["event_id"] == "villages-transfer-2024")
    events[row - 2]["event_type"] = "RETREAT"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(events)
    for command in ("validate", "build"):
        result = subprocess.run(
            [sys.executable, "-m", "caucasus_data", command, *(["--root"] if command == "build" else []), str(package)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert (
            f"curated/events.csv:{row}:event_type: RETREAT is a material act, but the event is planned: a promise or "
            "future act is AGREE or CONCEDE [plover-modality]" in result.stdout.splitlines()
        )
        assert "Traceback" not in result.stderr


def test_an_identifier_from_a_cited_source_passes_and_one_from_an_article_does_not(package: Path):
    """A Wikidata id needs evidence for that field and value, from a `sources` row: an article span is refused."""
    edit("people", "person_id", "ararat-mirzoyan", wikidata_id="Q999999999")(package)
    wikidata = rule("evidence-for-code", "people", "wikidata_id")
    cited = {"subject_id": "ararat-mirzoyan", "property": "wikidata_id", "value": "Q999999999"}
    add("evidence", "evidence_id", evidence_id="ev-000000000000", article_id="000_8730724a31ace38e", **cited)(package)
    assert findings_of(package, wikidata) == [(2, "wikidata_id")]
    add("evidence", "evidence_id", evidence_id="ev-000000000001", source_id="pax-2324", **cited)(package)
    assert findings_of(package, wikidata) == []


def test_today_and_tomorrow_have_come_and_the_day_after_has_not(package: Path):
    import datetime

    ((today,),) = duckdb.sql("select current_date").fetchall()  # the rule's today: the machine's date
    for days, found in ((0, []), (1, []), (2, [(3, "accessed_date")])):
        later = (today + datetime.timedelta(days=days)).isoformat()
        edit("sources", "source_id", "pax-2324", accessed_date=later)(package)
        assert findings_of(package, rule("future-date", "sources", "accessed_date")) == found


def test_a_value_without_a_property_is_found(package: Path):
    """`value` is the value of the field `property` names: without one it supports nothing."""
    edit("evidence", "evidence_id", "ev-8ae00fee63bf", property="", value="Bishkek")(package)
    _, rows = read(package, "evidence")
    row = next(n for n, r in enumerate(rows, start=2) if r["evidence_id"] == "ev-8ae00fee63bf")
    (finding,) = run(_loaded(package), rule("evidence-property", "evidence", "property"))
    assert (finding.row, finding.message) == (
        row,
        "gives the value Bishkek but no property: name the field it is the value of",
    )


def test_one_participant_in_two_roles_is_no_duplicate(package: Path):
    add(
        "event_participants",
        "event_participant_id",
        event_participant_id="almaty-talks-2024-05--ararat-mirzoyan-host",
        event_id="almaty-talks-2024-05",
        participant_id="ararat-mirzoyan",
        role="host",
    )(package)
    assert findings_of(package, rule("duplicate-link", "event_participants", "participant_id")) == []
