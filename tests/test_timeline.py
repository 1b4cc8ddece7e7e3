"""The timeline figure: drawn from the published events, deterministic, and known stale when the events change."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import REPO, copy_package
from sample_tables import EVENTS, write_samples, write_table

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
