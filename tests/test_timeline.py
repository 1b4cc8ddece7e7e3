"""The timeline figure: drawn from the published events, deterministic, and known stale when the events change."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import REPO, copy_package
from sample_tables import EVENTS, write_samples, write_table

import caucasus_data as cd
from caucasus_data.tools import timeline
from caucasus_data.tools.timeline import (
    PNG,
    SVG,
    input_hash,
    recorded_hash,
    render_timeline,
    stale_figures,
    timeline_input,
)


def _cli(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "caucasus_data", "timeline", *args], capture_output=True, text=True, **kwargs
    )


def test_committed_figures_are_drawn_from_the_published_data():
    assert stale_figures(REPO) == [], "stale; run `caucasus-data timeline`"
    assert _cli("--check", "--root", str(REPO)).returncode == 0


def test_committed_figures_are_the_bytes_this_matplotlib_draws(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    drawn_by = re.search(r"Matplotlib v([^,<]+)", (REPO / SVG).read_text(encoding="utf-8")).group(1)
    if drawn_by != matplotlib.__version__:
        pytest.skip(f"the committed figures were drawn by matplotlib {drawn_by}, not {matplotlib.__version__}")
    render_timeline(REPO, tmp_path)
    assert (tmp_path / SVG).read_bytes() == (REPO / SVG).read_bytes()
    assert (tmp_path / PNG).read_bytes() == (REPO / PNG).read_bytes()


def test_new_events_make_the_committed_figures_stale(tmp_path):
    root = write_samples(copy_package(tmp_path / "package"), ["events", "agreements"])
    assert stale_figures(root, out=REPO) == [SVG, PNG]
    check = _cli("--check", "--root", str(root), "--out", str(REPO))
    assert check.returncode == 1
    assert check.stdout == f"{SVG}: stale; run `caucasus-data timeline`\n{PNG}: stale; run `caucasus-data timeline`\n"


@pytest.mark.slow
def test_drawing_is_deterministic_and_records_its_input(tmp_path):
    pytest.importorskip("matplotlib")
    root = copy_package(tmp_path / "package")
    write_samples(root, ["agreements"])
    # Every kind of mark: a planned day, a cancelled day, a proposed range, plus the samples' kinds.
    extra = [
        {
            "event_id": "planned-day",
            "name": "A planned meeting",
            "event_type": "CONSULT",
            "date_edtf": "2024-07-01",
            "start_date": "2024-07-01",
            "end_date": "2024-07-01",
            "date_precision": "day",
            "status": "planned",
        },
        {
            "event_id": "cancelled-day",
            "name": "A cancelled meeting",
            "event_type": "CONSULT",
            "date_edtf": "2024-08-01",
            "start_date": "2024-08-01",
            "end_date": "2024-08-01",
            "date_precision": "day",
            "status": "cancelled",
        },
        {
            "event_id": "proposed-range",
            "name": "A proposed protest",
            "event_type": "PROTEST",
            "date_edtf": "2024-09",
            "start_date": "2024-09-01",
            "end_date": "2024-09-30",
            "date_precision": "month",
            "status": "proposed",
        },
    ]
    write_table(root, "events", EVENTS + extra)
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        assert _cli("--root", str(root), "--out", str(out), env=env).returncode == 0
        runs.append(((out / SVG).read_bytes(), (out / PNG).read_bytes()))
        expected = input_hash(timeline_input(root))
        assert recorded_hash(out / SVG) == recorded_hash(out / PNG) == expected
        assert stale_figures(root, out) == []
    assert runs[0] == runs[1]


def test_no_events_is_said_in_the_figure():
    pytest.importorskip("matplotlib")
    figure = timeline._draw({"recipe": timeline.RECIPE, "events": [], "agreements": []})
    assert "No events have been curated yet" in figure.axes[0].texts[0].get_text()


def test_missing_matplotlib_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now raises ImportError
    with pytest.raises(
        ImportError,
        match=r"^caucasus-data timeline needs matplotlib: "
        r"pip install 'caucasus-data\[plot\]'$",
    ):
        render_timeline(REPO, tmp_path)
    assert stale_figures(REPO) == []  # the check itself needs no matplotlib


@pytest.mark.slow
def test_svg_text_stays_text_and_pdf_records_its_input(tmp_path):
    pytest.importorskip("matplotlib")
    svg = (REPO / SVG).read_text(encoding="utf-8")
    assert "Talks of the foreign ministers of Armenia and Azerbaijan" in svg and "<text" in svg
    assert 'id="DejaVuSans-' not in svg  # glyphs are not drawn as paths
    result = _cli("--format", "pdf", "--format", "png", "--dpi", "100", "--start", "2024-01-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = timeline_input(None, start="2024-01-01")
    assert recorded_hash(tmp_path / "timeline.pdf") == input_hash(data) == recorded_hash(tmp_path / "timeline.png")
    png = (tmp_path / "timeline.png").read_bytes()
    assert int.from_bytes(png[16:20], "big") == 1000  # 10 inches at 100 dpi


def test_every_dated_agreement_is_marked_and_the_title_says_the_years_shown():
    pytest.importorskip("matplotlib")
    figure = timeline.timeline()
    labels = [t.get_text().replace("\n", " ").replace("\u00a0", " ") for t in figure.axes[1].get_yticklabels()]
    dated = [a for a in cd.records("agreements") if a.start_date or a.end_date]
    assert len(dated) == 5  # the draft peace agreement has no date
    for agreement in dated:
        assert any(agreement.name in label for label in labels[: len(dated)]), agreement.name
    assert labels[0].startswith("Signed: Zheleznovodsk Declaration")
    # the Zheleznovodsk rows (1991) are at the axis' edge; the title says the years the axis shows
    assert (
        figure.texts[0].get_text()
        == "Armenia–Azerbaijan peace process: events, 2020–2024 (and 2 rows outside those years)"
    )


def test_long_empty_stretches_are_cut_and_nothing_drawn_is_in_a_cut():
    pytest.importorskip("matplotlib")
    import datetime

    import matplotlib.dates as mdates

    data = timeline_input(REPO)
    items = data["agreements"] + [e for e in data["events"] if e["start_date"] or e["end_date"]]
    first, last = timeline._main_period([timeline._span(i) for i in items])
    marks = [timeline._mark(i, first, last) for i in items]
    gaps = timeline._gaps(items, marks, first, last)
    cuts = [(mdates.num2date(a).date(), mdates.num2date(b).date()) for a, b in gaps]
    # between the last event of October 2023 (13 Oct) and the first of April 2024 (17 Apr), a fortnight spared
    assert (datetime.date(2023, 10, 28), datetime.date(2024, 4, 3)) in cuts
    for item, mark in zip(items, marks):
        if mark in ("range", "day", "open"):
            begin, end = timeline._span(item)
            assert not any(a < begin and end <= b for a, b in cuts if (b - a).days > 1), item
    scale = timeline._scale(mdates.date2num(first), mdates.date2num(last), gaps)
    axis = scale(mdates.date2num(last)) - scale(mdates.date2num(first))
    busy = scale(mdates.date2num(datetime.date(2024, 6, 6))) - scale(mdates.date2num(datetime.date(2024, 4, 17)))
    assert busy / axis > 1.5 * (50 / (last - first).days)  # the busy weeks get at least half again their share


def test_filters_choose_the_events_and_agreements():
    only = timeline_input(None, start="2024-05-01", end="2024-05-31", event_types=["CONSULT"])
    assert sorted(e["event_id"] for e in only["events"]) == ["almaty-talks-2024-05", "nurtleu-meetings-2024-05"]
    russia = timeline_input(None, actors=["russia"])
    assert {a["agreement_id"] for a in russia["agreements"]} == {
        "rail-communication-understanding-2023",
        "trilateral-agreements-2020-2022",
        "trilateral-statement-2020-11",
        "zheleznovodsk-declaration-1991",
    }
    # the ministries count as Russia: the Galuzin interviews have the ministry, not the state, as a participant
    participants = {
        p.event_id for p in cd.records("event_participants") if p.participant_id == "russia-ministry-of-foreign-affairs"
    }
    assert participants and participants <= {e["event_id"] for e in russia["events"]}
    with pytest.raises(ValueError, match="start must be a date"):
        timeline_input(None, start="last spring")
    bad = _cli("--start", "last spring", "--format", "svg")
    assert (
        bad.returncode == 1 and bad.stderr.startswith("error: start must be a date") and "Traceback" not in bad.stderr
    )
