"""The SQLite export and Datasette: every table with its keys, the views, full-text search, metadata from the
schemas, and a server on loopback that a browser can read."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import caucasus_data as cd
from caucasus_data.export.datasette import QUERIES, metadata
from caucasus_data.export.serve import datasette_command, have_datasette, prepare
from caucasus_data.model.locate import installed_root
from caucasus_data.reader.views import VIEWS


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    return cd.export_sqlite(tmp_path_factory.mktemp("sqlite") / "caucasus.db")


def test_every_table_and_view_has_the_packages_rows(database):
    db = sqlite3.connect(database)
    for name in [*cd.tables(), *VIEWS]:
        arrow = cd.load(name)
        assert [r[1] for r in db.execute(f"pragma table_info({name})")] == arrow.column_names, name
        assert db.execute(f"select count(*) from {name}").fetchone()[0] == arrow.num_rows, name
    # dates as ISO text, booleans as 0 and 1
    row = db.execute(
        "select published_date, published_date_inferred from articles where article_id = '000_8730724a31ace38e'"
    ).fetchone()
    assert row == ("2024-06-05", 1)


def test_keys_are_declared_and_hold(database):
    db = sqlite3.connect(database)
    primary = [r[1] for r in db.execute("pragma table_info(quote_overrides)") if r[5]]
    assert primary == ["article_id", "char_start"]
    references = {(r[3], r[2], r[4]) for r in db.execute("pragma foreign_key_list(evidence)")}
    assert references == {("article_id", "articles", "article_id"), ("source_id", "sources", "source_id")}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    db.execute("pragma foreign_keys = on")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "insert into events (event_id, name, event_type, status, place_id) values ('x', 'x', 'AID', 'occurred', 'nowhere')"
        )


def test_full_text_search_over_articles_and_quotes(database):
    db = sqlite3.connect(database)
    articles = db.execute(
        "select a.article_id from articles_fts f join articles a on a.rowid = f.rowid "
        "where articles_fts match 'peacekeeping' order by a.article_id"
    ).fetchall()
    assert articles == [("000_8730724a31ace38e",), ("004_688db0f7b6e2a534",)]
    texts = {r[0] for r in db.execute("select article_id from articles where text like '%peacekeeping%'")}
    assert {a for (a,) in articles} == texts
    quotes = db.execute(
        "select q.quote_id, q.quote_type from quotes_fts f join quotes q on q.rowid = f.rowid "
        "where quotes_fts match 'Zangezur OR reconciliation' order by q.quote_id"
    ).fetchall()
    like = "select quote_id, quote_type from quotes where text like '%Zangezur%' or text like '%reconciliation%'"
    assert quotes == sorted(db.execute(like).fetchall()) and ("term" in {t for _, t in quotes})


def test_a_failed_export_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "caucasus.db"
    out.write_bytes(b"old")
    from caucasus_data.export import sqlite as module

    def broken(*args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(module, "_full_text", broken)
    with pytest.raises(RuntimeError):
        cd.export_sqlite(out)
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["caucasus.db"]


def test_the_command_writes_the_file_and_metadata(tmp_path):
    out, meta = tmp_path / "c.db", tmp_path / "metadata.json"
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "export", "sqlite", str(out), "--metadata", str(meta)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(out).execute("select count(*) from people").fetchone()[0] == cd.load("people").num_rows
    assert json.loads(meta.read_text(encoding="utf-8")) == metadata()
    missing = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "export", "sqlite", str(tmp_path / "no" / "c.db")],
        capture_output=True,
        text=True,
    )
    assert (
        missing.returncode == 1 and missing.stderr.startswith("error: no folder") and "Traceback" not in missing.stderr
    )


@pytest.mark.parametrize("command", [["export", "sqlite", "c.db"], ["serve", "--port", "1"]])
def test_a_download_whose_resource_name_is_no_table_name_is_an_error_not_a_bug(tmp_path, command):
    root = tmp_path / "download"
    if command[0] == "serve" and not have_datasette():
        pytest.skip("serve needs datasette")
    shutil.copytree(installed_root(), root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["name"] = "../people"
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", *command, "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().endswith("resource name '../people' is no table name"), result.stderr
    assert not (tmp_path / "c.db").exists()


def test_metadata_describes_every_table_and_column_from_the_schemas():
    meta = metadata()
    tables = meta["databases"]["caucasus"]["tables"]
    for name in cd.tables():
        schema = cd.schema(name)
        assert tables[name]["columns"] == {f["name"]: f["description"] for f in schema["fields"]}
    for name in VIEWS:
        columns = tables[name]["columns"]
        assert list(columns) == cd.load(name).column_names and all(columns.values()), name
    assert meta["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "publishers" in tables["articles"]["description"]
    assert tables["articles"]["fts_table"] == "articles_fts"


def test_canned_queries_run_on_the_export(database):
    db = sqlite3.connect(database)
    galuzin = db.execute(QUERIES["quotes_by_speaker"]["sql"], {"speaker": "Galuzin"}).fetchall()
    assert len(galuzin) == 10 and {r[1] for r in galuzin} == {"TASS", "ARMENPRESS", "Mediamax"}
    evidence = db.execute(QUERIES["evidence_for_id"]["sql"], {"id": "almaty-talks-2024-05"}).fetchall()
    assert ("date_edtf", "2024-05-10/2024-05-11", "On 10-11 May 2024") in [r[:3] for r in evidence]
    events = db.execute(QUERIES["events_in_order"]["sql"]).fetchall()
    assert len(events) == cd.load("events").num_rows and events[0][2] == "Adoption of the Zheleznovodsk Declaration"
    russia = db.execute(QUERIES["agreements_involving"]["sql"], {"state": "russia"}).fetchall()
    assert {r[0] for r in russia} == {
        "zheleznovodsk-declaration-1991",
        "trilateral-statement-2020-11",
        "rail-communication-understanding-2023",
        "trilateral-agreements-2020-2022",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not have_datasette():
        pytest.skip("datasette is not installed (the serve extra)")
    database, meta = prepare(tmp_path_factory.mktemp("serve"))
    port = _free_port()
    process = subprocess.Popen(
        datasette_command(database, meta, port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # at most 20 s for the server to answer
            try:
                _get(url + "/-/versions.json")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stderr.read().decode() if process.stderr else "datasette exited")
                time.sleep(0.2)
        else:
            pytest.fail("datasette did not answer within 20 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_datasette_serves_tables_with_the_schemas_descriptions(server):
    page = _get(server + "/caucasus/people")
    assert "Mikhail Galuzin" in page
    description = cd.schema("people")["description"]
    assert description.split(".")[0] in page.replace("&#39;", "'")
    rows = json.loads(_get(server + "/caucasus/evidence_for_id.json?id=almaty-talks-2024-05&_shape=array"))
    assert {r["quote"] for r in rows if r["property"] == "date_edtf"} == {"On 10-11 May 2024", "the May 10-11 meeting"}
    search = json.loads(_get(server + "/caucasus/articles.json?_search=peacekeeping&_shape=array&_col=article_id"))
    assert sorted(r["article_id"] for r in search) == ["000_8730724a31ace38e", "004_688db0f7b6e2a534"]


@pytest.mark.slow
def test_a_headless_browser_renders_a_table_page(server, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        pytest.skip("no Chromium on this machine")
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--user-data-dir=" + str(tmp_path / "profile"),
            "--virtual-time-budget=5000",
            "--dump-dom",
            server + "/caucasus/quotes_named?speaker_name=Mikhail+Galuzin",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<table" in dom and "Mikhail Galuzin" in dom and "10 rows" in dom


@pytest.mark.slow
def test_the_serve_command_serves_on_loopback_and_stops_with_its_server(tmp_path):
    if not have_datasette():
        pytest.skip("datasette is not installed (the serve extra)")
    import signal

    port = _free_port()
    command = subprocess.Popen(
        [sys.executable, "-m", "caucasus_data", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(150):  # at most 30 s: the export, then the server
            try:
                meta = json.loads(_get(f"http://127.0.0.1:{port}/-/metadata.json"))
                break
            except OSError:
                assert command.poll() is None, "caucasus-data serve exited"
                time.sleep(0.2)
        else:
            pytest.fail("caucasus-data serve did not answer within 30 s")
        assert meta["databases"]["caucasus"]["tables"]["people"]["columns"] == {
            f["name"]: f["description"] for f in cd.schema("people")["fields"]
        }
    finally:
        command.send_signal(signal.SIGTERM)
        code = command.wait(timeout=20)
    assert code == 130
    # its server went with it: nothing answers on the port
    with pytest.raises(urllib.error.URLError, match="refused"):
        _get(f"http://127.0.0.1:{port}/-/versions.json")
