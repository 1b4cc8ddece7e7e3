"""The joined views: the same rows in every backend, and the tasks a researcher asks for, each in one call
(pandas) or one query (DuckDB), on the real package."""

from __future__ import annotations

import datetime

import pandas as pd
import pyarrow as pa
import pytest
from conftest import copy_package
from sample_tables import write_samples

import caucasus_data as cd
from caucasus_data.reader.views import VIEWS, Loader, view

duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def con():
    return cd.connect()


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_every_view_has_the_same_rows_in_every_backend(con, name):
    arrow = cd.load(name)
    assert isinstance(arrow, pa.Table) and arrow.num_rows > 0
    rows = arrow.to_pylist()
    frame = cd.load(name, backend="pandas")
    assert list(frame.columns) == arrow.column_names
    assert [{k: (None if v is pd.NA else v) for k, v in r.items()} for r in frame.to_dict("records")] == rows
    assert cd.load(name, backend="polars").to_dicts() == rows
    relation = cd.load(name, backend="duckdb")
    assert relation.columns == arrow.column_names and relation.fetchall() == [tuple(r.values()) for r in rows]
    assert con.sql(f"select * from {name}").fetchall() == [tuple(r.values()) for r in rows]


def test_no_view_repeats_a_column_name():
    for name in VIEWS:
        columns = cd.load(name).column_names
        assert len(set(columns)) == len(columns) and not [c for c in columns if c.endswith(("_x", "_y"))], name


def test_pandas_has_one_missing_value_kind():
    frame = cd.load("event_participants_named", backend="pandas")
    assert {str(t).endswith("[pyarrow]") for t in frame.dtypes} == {True}
    cessation = frame[frame.event_id == "cessation-of-hostilities-2023-09-20"].iloc[0]
    assert cessation.participant_id is pd.NA and cessation.participant_name is pd.NA
    # A DuckDB result read through Arrow has the same types, so the frames merge on a date column.
    dates = cd.connect().sql("select distinct event_id, sort_date from event_participants_named")
    merged = frame.merge(pa.table(dates).to_pandas(types_mapper=pd.ArrowDtype), on=["event_id", "sort_date"])
    assert len(merged) == len(frame)


def test_events_in_date_order_with_participants_including_events_without(con):
    """Task 1: events in date order with the participants' names, events without participants included."""
    frame = cd.load("event_participants_named", backend="pandas")
    events = list(dict.fromkeys(frame.event_id))
    assert events[:3] == [
        "zheleznovodsk-declaration-adoption-1991",
        "peacekeepers-deployment-2020",
        "trilateral-statement-signing-2020-11",
    ]
    assert {"cessation-of-hostilities-2023-09-20", "protests-tavush-2024", "protests-yerevan-2024"} <= set(
        frame[frame.participant_id.isna()].event_id
    )
    assert len(events) == cd.load("events").num_rows  # every event, once or once a participant
    almaty = frame[frame.event_id == "almaty-talks-2024-05"]
    assert sorted(almaty.participant_name) == ["Ararat Mirzoyan", "Jeyhun Bayramov", "Kazakhstan"]
    assert set(almaty.place_name) == {"Almaty"}
    sql = con.sql(
        "select distinct event_id, sort_date from event_participants_named order by sort_date, event_id"
    ).fetchall()
    assert [e for e, _ in sql][:3] == events[:3]
    # an open start sorts by its end, not last
    ends = dict(sql)
    assert ends["border-commissions-meeting-2024-04"] == datetime.date(2024, 4, 19)
    assert events.index("border-commissions-meeting-2024-04") < events.index("almaty-talks-2024-05")


def test_quotes_by_galuzin_with_outlet_and_date(con):
    """Task 2: every quotation of Mikhail Galuzin with its outlet and date."""
    frame = cd.load("quotes_named", backend="pandas")
    galuzin = frame[frame.speaker_name == "Mikhail Galuzin"]
    counts = galuzin.groupby(["outlet_name", "published_date"]).size().to_dict()
    assert counts == {
        ("Mediamax", datetime.date(2023, 10, 9)): 5,
        ("ARMENPRESS", datetime.date(2024, 5, 15)): 2,
        ("TASS", datetime.date(2024, 6, 5)): 3,
    }
    sql = con.sql(
        "select outlet_name, published_date, count(*) from quotes_named where speaker_name = 'Mikhail Galuzin' "
        "group by all order by published_date"
    ).fetchall()
    assert sql == sorted(((o, d, n) for (o, d), n in counts.items()), key=lambda r: r[1])


def test_agreements_involving_russia_and_its_ministries(con):
    """Task 3: agreements with Russia, or any organisation under it, as a party."""
    frame = cd.load("agreement_parties_named", backend="pandas")
    found = sorted(set(frame[frame.party_root_id == "russia"].agreement_id))
    assert found == [
        "rail-communication-understanding-2023",  # through the tripartite working group, in which it agreed
        "trilateral-agreements-2020-2022",
        "trilateral-statement-2020-11",
        "zheleznovodsk-declaration-1991",
    ]
    sql = con.sql("select distinct agreement_id from agreement_parties_named where party_root_id = 'russia' order by 1")
    assert [r[0] for r in sql.fetchall()] == found
    roots = dict(con.sql("select entity_id, root_id from entities where entity_table = 'organisations'").fetchall())
    assert roots["russia-ministry-of-foreign-affairs"] == roots["russia"] == "russia"
    assert roots["armenia-border-demarcation-commission"] == "armenia"


def test_evidence_behind_an_events_date(con):
    """Task 4: the spans that support the date of the Almaty talks, with context, outlet and date."""
    rows = cd.evidence("almaty-talks-2024-05", property="date_edtf").to_pylist()
    assert [(r["quote"], r["outlet_name"], r["published_date"]) for r in rows] == [
        ("On 10-11 May 2024", "ARMENPRESS", datetime.date(2024, 5, 15)),
        ("the May 10-11 meeting", "TASS", datetime.date(2024, 6, 5)),
    ]
    for row in rows:
        text = cd.load("articles").filter(pa.compute.equal(cd.load("articles")["article_id"], row["article_id"]))
        article = text.column("text")[0].as_py()
        assert article[row["char_start"] : row["char_end"]] == row["quote"]
        assert row["quote"] in row["context"] and len(row["context"]) <= len(row["quote"]) + 160
        assert row["subject_name"] == "Talks of the foreign ministers of Armenia and Azerbaijan in Almaty"
    frame = cd.evidence("almaty-talks-2024-05", property="date_edtf", backend="pandas")
    assert list(frame.quote) == [r["quote"] for r in rows]
    sql = con.sql(
        "select quote from evidence_named where subject_id = 'almaty-talks-2024-05' and property = 'date_edtf' "
        "order by published_date"
    ).fetchall()
    assert [r[0] for r in sql] == [r["quote"] for r in rows]


def test_evidence_from_a_source_carries_its_title_and_url():
    rows = cd.evidence("trilateral-statement-2020-11", "date_edtf").to_pylist()
    assert [(r["value"], r["source_id"]) for r in rows] == [("2020-11-09", None), ("2020-11-10", "pax-2324")]
    source = next(r for r in cd.records("sources") if r.source_id == "pax-2324")
    assert (rows[1]["source_title"], rows[1]["source_url"]) == (source.title, source.url)


def test_evidence_of_an_unknown_id_is_a_clear_error():
    with pytest.raises(KeyError, match="no curated row has the id 'nobody'"):
        cd.evidence("nobody")
    with pytest.raises(KeyError, match=r"^\"no curated row has the id 'xxxxxxxxxx"):
        cd.evidence("x" * 10_000)


def test_wrong_arguments_say_what_is_wrong():
    with pytest.raises(TypeError, match="property must be a field name"):
        cd.evidence("almaty-talks-2024-05", property=5)
    with pytest.raises(KeyError, match="is a view: load"):
        cd.records("quotes_named")
    with pytest.raises(KeyError, match="no table 'nothing'"):
        cd.load("nothing")


def test_co_mentions_by_article(con):
    """Task 5: entities mentioned together, by article."""
    frame = cd.load("co_mentions", backend="pandas")
    armenpress = frame[frame.article_id == "003_ed509b88b2911dd7"]
    pair = armenpress[(armenpress.entity_id == "armenia") & (armenpress.other_id == "azerbaijan")].iloc[0]
    mentions = cd.load("mentions", backend="pandas")
    in_article = mentions[mentions.article_id == "003_ed509b88b2911dd7"].entity_id.value_counts()
    assert (pair.mentions, pair.other_mentions) == (in_article["armenia"], in_article["azerbaijan"])
    assert (frame.entity_id < frame.other_id).all()
    sql = con.sql("select count(*) from co_mentions where article_id = '003_ed509b88b2911dd7'").fetchall()[0][0]
    distinct = in_article.size
    assert sql == len(armenpress) == distinct * (distinct - 1) // 2


def test_conflicts_list_disagreeing_sources_with_each_value():
    rows = cd.load("conflicts").to_pylist()
    found = {(r["subject_id"], r["property"], r["value"], r["source_id"] or r["article_id"]) for r in rows}
    assert found == {
        ("trilateral-statement-2020-11", "date_edtf", "2020-11-09", "000_8730724a31ace38e"),
        ("trilateral-statement-2020-11", "date_edtf", "2020-11-10", "pax-2324"),
        ("trilateral-statement-signing-2020-11", "date_edtf", "2020-11-09", "000_8730724a31ace38e"),
        ("trilateral-statement-signing-2020-11", "date_edtf", "2020-11-10", "pax-2324"),
    }
    assert {r["published_value"] for r in rows} == {"2020-11-09"}
    # a year and a day inside it agree (Zheleznovodsk: 1991 and PA-X's 1991-09-23), and so do two open ends
    assert not {r["subject_id"] for r in rows} & {"zheleznovodsk-declaration-1991", "galuzin-rbc-interview-2023-10"}


def test_views_follow_the_tables_of_another_package(tmp_path):
    root = write_samples(copy_package(tmp_path / "package"))
    con = cd.connect(root=root)
    participants = con.sql(
        "select event_id, participant_name, participant_table, role from event_participants_named "
        "order by sort_date, event_id, participant_id"
    ).fetchall()
    assert ("almaty-talks-2024-05", "Kazakhstan", "organisations", "host") in participants
    # the proposal without a date sorts last; the events without participants keep a row
    assert participants[-1] == ("peace-treaty-signing", None, None, None)
    assert ("moscow-talks-2023-05", None, None, None) in participants
    loaded = view("event_participants_named", Loader(root / "data", None)).num_rows
    assert loaded == len(participants)


def test_path_gives_each_shipped_file():
    assert cd.path("events").read_bytes()[:4] == b"PAR1"
    assert cd.path("events", format="csv").read_text(encoding="utf-8").startswith("event_id,name,")
    with pytest.raises(ValueError, match="format must be 'parquet' or 'csv'"):
        cd.path("events", format="xlsx")
    with pytest.raises(KeyError, match="is a view"):
        cd.path("quotes_named")
    with pytest.raises(KeyError, match="no table 'event'"):
        cd.path("event")


def test_default_load_is_arrow_and_needs_no_extra(monkeypatch):
    import sys

    for name in ("pandas", "polars", "duckdb"):
        monkeypatch.setitem(sys.modules, name, None)
    assert cd.load("people").num_rows == len(cd.records("people"))
    assert cd.load("quotes_named").num_rows == cd.load("quotes").num_rows


def test_public_names_are_listed_for_completion():
    names = dir(cd)
    assert {"load", "records", "connect", "path", "views", "evidence", "export_sqlite", "timeline"} <= set(names)
    assert cd.views() == sorted(VIEWS)
