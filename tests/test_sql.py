"""`cd.connect()`: DuckDB views over the shipped Parquet, and convenience views that resolve the link tables."""

from __future__ import annotations

import datetime

import pyarrow.parquet as pq
import pytest
from conftest import copy_package
from sample_tables import write_samples

import caucasus_data as cd
from caucasus_data.model.locate import installed_root
from caucasus_data.reader.sql import VIEWS

pytest.importorskip("duckdb")


def test_every_table_is_a_view_with_the_parquet_rows_and_columns():
    con = cd.connect()
    for name in cd.tables():
        relation = con.sql(f"select * from {name}")
        parquet = pq.read_table(installed_root() / f"{name}.parquet")
        assert relation.columns == parquet.column_names, name
        # fetchall, not .arrow(): its return type differs between DuckDB 1 and 2.
        assert relation.fetchall() == [tuple(row.values()) for row in parquet.to_pylist()], name


def test_dates_integers_and_booleans_keep_their_types():
    relation = cd.connect().sql("select * from articles")
    types = dict(zip(relation.columns, map(str, relation.types)))
    assert types["published_date"] == "DATE"
    assert types["char_count"] == "BIGINT"
    assert types["published_date_inferred"] == "BOOLEAN"


def test_convenience_views_exist_even_while_the_link_tables_are_empty():
    con = cd.connect()
    names = {row[0] for row in con.sql("show tables").fetchall()}
    assert set(VIEWS) | {"entities"} | set(cd.tables()) <= names
    for view in VIEWS:
        con.sql(f"select * from {view}").fetchall()


def test_quotes_named_resolves_speakers_and_articles():
    rows = (
        cd.connect()
        .sql(
            "select quote_id, outlet_name, published_date, speaker_name from quotes_named "
            "where quote_id = '000_8730724a31ace38e-q438'"
        )
        .fetchall()
    )
    assert rows == [("000_8730724a31ace38e-q438", "TASS", datetime.date(2024, 6, 5), "Mikhail Galuzin")]


def test_link_views_resolve_names_when_the_tables_have_rows(tmp_path):
    root = write_samples(copy_package(tmp_path / "package"))
    con = cd.connect(root=root)
    participants = con.sql(
        "select event_name, start_date, participant_name, participant_table, role "
        "from event_participants_named where participant_id is not null order by participant_id"
    ).fetchall()
    assert participants == [
        ("Foreign ministers' talks in Almaty", datetime.date(2024, 5, 10), "Ararat Mirzoyan", "people", "participant"),
        ("Foreign ministers' talks in Almaty", datetime.date(2024, 5, 10), "Jeyhun Bayramov", "people", "participant"),
        ("Foreign ministers' talks in Almaty", datetime.date(2024, 5, 10), "Kazakhstan", "organisations", "host"),
    ]
    parties = con.sql(
        "select agreement_name, status, party_name, party_table from agreement_parties_named "
        "where party_id is not null order by party_id"
    ).fetchall()
    assert parties == [
        ("Trilateral statement of 9 November 2020", "signed", "Armenia", "organisations"),
        ("Trilateral statement of 9 November 2020", "signed", "Russia", "organisations"),
    ]
    entities = dict(con.sql("select entity_id, entity_table from entities").fetchall())
    assert entities["almaty-talks-2024-05"] == "events"
    assert entities["trilateral-statement-2020-11"] == "agreements"


def test_a_database_file_can_be_connected_twice(tmp_path):
    database = str(tmp_path / "caucasus.duckdb")
    cd.connect(database).close()
    con = cd.connect(database)
    assert con.sql("select count(*) from people").fetchall()[0][0] >= 5


def test_a_database_file_holds_the_data_and_names_no_path_of_this_installation(tmp_path):
    import duckdb

    database = tmp_path / "caucasus.duckdb"
    cd.connect(str(database)).close()
    assert str(installed_root()).encode() not in database.read_bytes()
    moved = tmp_path / "elsewhere" / "shared.duckdb"
    moved.parent.mkdir()
    database.rename(moved)
    con = duckdb.connect(str(moved), read_only=True)  # no caucasus_data involved: the file alone
    assert con.sql("select count(*) from quotes_named where speaker_name = 'Mikhail Galuzin'").fetchall() == [(10,)]
    assert con.sql("select count(*) from events").fetchall()[0][0] == cd.load("events").num_rows


def test_missing_duckdb_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "duckdb", None)  # `import duckdb` now raises ImportError
    with pytest.raises(ImportError, match=r"^connect\(\) needs duckdb: pip install 'caucasus-data\[duckdb\]'$"):
        cd.connect()
    with pytest.raises(ImportError, match=r"pip install 'caucasus-data\[duckdb\]'"):
        cd.load("people", backend="duckdb")


@pytest.mark.parametrize(
    "name",
    ["people as select 1; copy (select 42) to 'x.csv'; create view y", "../people", "People", ".hidden"],
)
def test_a_downloaded_package_whose_resource_name_is_no_table_name_is_refused(tmp_path, name):
    """The name becomes a DuckDB table and names the Parquet file read: it is refused, never run as SQL."""
    import json
    import shutil

    root = tmp_path / "download"
    shutil.copytree(installed_root(), root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["name"] = name
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(ValueError, match="is no table name"):
        cd.connect(root=root)
    assert not (tmp_path / "x.csv").exists() and not (root / "x.csv").exists()
