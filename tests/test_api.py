"""The accessor API returns the real rows, typed, from the shipped package."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest
from conftest import REPO
from pydantic import ValidationError

import caucasus_data as cd


def test_tables_are_the_schemas():
    assert cd.tables() == sorted(p.stem for p in (REPO / "schemas").glob("*.json"))
    assert {"articles", "people", "events", "evidence", "quotes", "mentions"} <= set(cd.tables())


def test_load_pyarrow_has_galuzin():
    people = cd.load("people", backend="pyarrow")
    row = next(r for r in people.to_pylist() if r["person_id"] == "mikhail-galuzin")
    assert row["name"] == "Mikhail Galuzin"
    assert row["country_code"] == "RU"


def test_load_pandas_and_polars_agree_with_pyarrow():
    arrow = cd.load("articles", backend="pyarrow")
    frame = cd.load("articles", backend="pandas")
    polars_frame = cd.load("articles", backend="polars")
    assert list(frame["article_id"]) == arrow.column("article_id").to_pylist() == polars_frame["article_id"].to_list()
    assert polars_frame["published_date"].to_list() == [
        datetime.date(2024, 6, 5),
        datetime.date(2024, 5, 15),
        datetime.date(2023, 10, 9),
    ]


def test_records_are_typed_models():
    articles = {a.article_id: a for a in cd.records("articles")}
    tass = articles["000_8730724a31ace38e"]
    assert tass.published_date == datetime.date(2024, 6, 5)
    assert tass.published_date_inferred is True
    assert tass.outlet_id == "tass"
    assert isinstance(tass.char_count, int)
    with pytest.raises(ValidationError, match="frozen"):
        tass.outlet_id = "x"


def test_records_reject_values_outside_the_schema():
    model = type(cd.records("quotes")[0])
    with pytest.raises(ValidationError, match="quote_type"):
        model(quote_id="x", article_id="a", text="t", char_start=0, char_end=1, quote_type="rumour")


def test_records_leave_the_cycle_collector_as_they_found_it():
    import gc

    assert gc.isenabled()
    assert [p.name for p in cd.records("people") if p.person_id == "mikhail-galuzin"] == ["Mikhail Galuzin"]
    assert gc.isenabled()
    gc.disable()
    try:
        cd.records("people")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_unknown_table_and_backend_are_clear_errors():
    with pytest.raises(KeyError, match="no table 'person'"):
        cd.load("person")
    with pytest.raises(ValueError, match="backend must be"):
        cd.load("people", backend="excel")


def test_schema_and_package():
    assert cd.schema("people")["primaryKey"] == ["person_id"]
    descriptor = cd.package()
    assert descriptor == json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    # The published descriptor carries the schemas inline, exactly as written in schemas/.
    people = next(r for r in descriptor["resources"] if r["name"] == "people")
    assert people["schema"] == json.loads((REPO / "schemas" / "people.json").read_text(encoding="utf-8"))
    assert people["path"] == "people.csv"
    hand_written = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert cd.DATA_VERSION == descriptor["version"] == hand_written["version"] == cd.__version__


def test_validate_call_returns_no_findings():
    report = cd.validate(REPO)
    assert report.ok, [str(f) for f in report.findings]


def test_import_loads_no_heavy_library():
    code = (
        "import sys, caucasus_data as cd; cd.tables(); "
        "print(sorted(m for m in ('pandas', 'polars', 'frictionless', 'pyarrow', 'pydantic', 'duckdb') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_missing_extra_is_named(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_polars(name, *args, **kwargs):
        if name == "polars":
            raise ImportError("No module named 'polars'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_polars)
    with pytest.raises(ImportError, match=r"pip install 'caucasus-data\[polars\]'"):
        cd.load("people", backend="polars")
