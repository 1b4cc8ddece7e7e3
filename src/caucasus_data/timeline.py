"""The events as a timeline figure (`docs/timeline.svg` and `.png`), with agreement signings marked.

Drawn from the published Parquet files by `caucasus-data timeline`; needs the `plot` extra (matplotlib).
The figure is deterministic: the same input and the same matplotlib give the same bytes. Each file records
the SHA-256 of what it was drawn from (`input_hash`), so a check needs no matplotlib:

>>> stale_figures(".")
[]

What is drawn:

- one row per dated event, ordered by date: a dot for a single day, a bar from start_date to end_date for a
  range or a month or year date (its EDTF bounds), an arrow for an open end (`../2024-06-05`);
- the colour is the PLOVER quad class of event_type; a hollow mark is an event not (yet) held (planned,
  proposed, under consideration), a grey cross a cancelled one;
- a star on the top row and a dotted line for each signed agreement with a start_date;
- undated events are counted in the note under the figure, not drawn.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import zlib
from pathlib import Path
from typing import Any

EXTRA = "plot"
SVG, PNG = "docs/timeline.svg", "docs/timeline.png"
# Bump when the drawing changes, so that the committed figures count as stale and are drawn again.
RECIPE = 1
EVENT_COLUMNS = ["event_id", "name", "event_type", "date_edtf", "start_date", "end_date", "date_precision", "status"]
AGREEMENT_COLUMNS = ["agreement_id", "name", "status", "date_edtf", "start_date", "end_date"]
# PLOVER quad classes, in Okabe-Ito colours (distinguishable with the common colour-vision deficiencies).
QUADS = {
    "verbal cooperation": ("#0072B2", {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}),
    "material cooperation": ("#009E73", {"COOPERATE", "AID", "RETREAT"}),
    "verbal conflict": ("#E69F00", {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}),
    "material conflict": ("#D55E00", {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}),
}
NOT_HELD = {"planned", "proposed", "under-consideration"}
HASH_PREFIX = "caucasus-data timeline input sha256:"


def _rows(root: Path, table: str, columns: list[str]) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(root / "data" / f"{table}.parquet", columns=columns).to_pylist()


def timeline_input(root: str | Path = ".") -> dict[str, Any]:
    """What the figure is drawn from: the events, and the signed agreements with a start date.

    >>> sorted(timeline_input("."))
    ['agreements', 'events', 'recipe']
    """
    root = Path(root)
    agreements = [a for a in _rows(root, "agreements", AGREEMENT_COLUMNS)
                  if a["status"] == "signed" and a["start_date"] is not None]
    return {"recipe": RECIPE, "events": _rows(root, "events", EVENT_COLUMNS), "agreements": agreements}


def input_hash(data: dict[str, Any]) -> str:
    """SHA-256 of the figure's input, in hex: dates as ISO strings, keys sorted.

    >>> input_hash({"recipe": 1, "events": [], "agreements": []})[:12]
    '2bba870734f8'
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=datetime.date.isoformat)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recorded_hash(path: str | Path) -> str | None:
    """The input hash a rendered SVG or PNG records in its metadata, or None."""
    data = Path(path).read_bytes()
    if data.startswith(b"\x89PNG"):
        texts = []
        position = 8
        while position + 8 <= len(data):  # PNG chunks: length, type, data, CRC
            length = int.from_bytes(data[position:position + 4], "big")
            kind = data[position + 4:position + 8]
            body = data[position + 8:position + 8 + length]
            if kind == b"tEXt":
                texts.append(body.split(b"\0", 1)[-1].decode("latin-1"))
            elif kind == b"zTXt":
                texts.append(zlib.decompress(body.split(b"\0", 1)[-1][1:]).decode("latin-1"))
            elif kind == b"iTXt":
                texts.append(body.split(b"\0", 5)[-1].decode("utf-8", "replace"))
            position += 12 + length
        text = "\n".join(texts)
    else:
        text = data.decode("utf-8", "replace")
    found = re.search(re.escape(HASH_PREFIX) + r"([0-9a-f]{64})", text)
    return found.group(1) if found else None


def stale_figures(root: str | Path = ".", out: str | Path | None = None) -> list[str]:
    """The figures (relative to `out`, default `root`) missing or drawn from other data than `root`'s."""
    root = Path(root)
    out = Path(out) if out is not None else root
    expected = input_hash(timeline_input(root))
    return [relative for relative in (SVG, PNG)
            if not (out / relative).is_file() or recorded_hash(out / relative) != expected]


def _quad(event_type: str) -> tuple[str, str]:
    for quad, (colour, types) in QUADS.items():
        if event_type in types:
            return quad, colour
    return "other", "#777777"


def _draw(data: dict[str, Any]):
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.transforms import offset_copy

    one_day = datetime.timedelta(days=1)
    dated = [e for e in data["events"] if e["start_date"] or e["end_date"]]
    undated = len(data["events"]) - len(dated)
    dated.sort(key=lambda e: (e["start_date"] or e["end_date"], e["end_date"] or e["start_date"], e["event_id"]))
    signings = sorted(data["agreements"], key=lambda a: (a["start_date"], a["agreement_id"]))
    rows = len(dated) + (1 if signings else 0)
    figure = Figure(figsize=(10, 1.8 + 0.32 * max(rows, 1)), layout="constrained")
    axes = figure.add_subplot()
    if not rows:
        axes.set_axis_off()
        what = (f"None of the {undated} event(s) has a date yet." if undated
                else "No events have been curated yet (data/events.csv has no rows).")
        axes.text(0.5, 0.5, what + "\nThis figure is drawn again by `caucasus-data timeline` when they are published.",
                  ha="center", va="center", fontsize=11, transform=axes.transAxes)
        figure.suptitle("caucasus-data: timeline of the events", fontsize=12)
        return figure

    labels = []
    for y, event in enumerate(dated, start=1 if signings else 0):
        quad, colour = _quad(event["event_type"])
        start, end = event["start_date"], event["end_date"]
        hollow = event["status"] in NOT_HELD
        if event["status"] == "cancelled":
            colour = "#999999"
        if start and end and end > start or (start and end and event["date_precision"] != "day"):
            # A span covers whole days: from the start of its first day to the end of its last.
            # A month or year date is a span of uncertainty, not a long event: drawn lighter.
            vague = event["date_precision"] not in (None, "day")
            axes.barh(y, mdates.date2num(end + one_day) - mdates.date2num(start), left=mdates.date2num(start),
                      height=0.5, color="white" if hollow else colour, edgecolor=colour,
                      alpha=0.5 if vague else 1, hatch="//" if hollow else None, linewidth=1.2)
        else:
            day = start or end
            marker = "x" if event["status"] == "cancelled" else "o"
            axes.plot([mdates.date2num(day) + 0.5], [y], marker=marker, markersize=8, color=colour,
                      markerfacecolor="white" if hollow else colour, linestyle="none")
            if not start or not end:  # an open interval: the arrow points to the unknown side
                tip = offset_copy(axes.transData, fig=figure, x=-30 if not start else 30, units="points")
                axes.annotate("", xy=(mdates.date2num(day) + 0.5, y), xycoords=tip,
                              xytext=(mdates.date2num(day) + 0.5, y), textcoords="data",
                              arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2})
        labels.append(f"{event['name']} ({event['date_edtf']})")

    ticks = list(range(rows))
    if signings:
        labels.insert(0, "agreements signed")
        for agreement in signings:
            x = mdates.date2num(agreement["start_date"]) + 0.5
            axes.axvline(x, color="#444444", linestyle=":", linewidth=1)
            axes.plot([x], [0], marker="*", markersize=13, color="#444444", linestyle="none")
            axes.annotate(agreement["name"], (x, 0), xytext=(6, 0), textcoords="offset points", va="center",
                          fontsize=8, color="#444444")
    axes.set_yticks(ticks, labels, fontsize=9)
    axes.set_ylim(rows - 0.5, -0.5)
    locator = mdates.AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)

    used = [q for q in QUADS if any(_quad(e["event_type"])[0] == q for e in dated)]
    handles = [Line2D([], [], marker="o", linestyle="none", color=QUADS[q][0], label=q) for q in used]
    if any(e["status"] in NOT_HELD for e in dated):
        handles.append(Line2D([], [], marker="o", linestyle="none", color="#555555", markerfacecolor="white",
                              label="planned or proposed"))
    if any(e["status"] == "cancelled" for e in dated):
        handles.append(Line2D([], [], marker="x", linestyle="none", color="#999999", label="cancelled"))
    if signings:
        handles.append(Line2D([], [], marker="*", linestyle="none", color="#444444", markersize=11,
                              label="agreement signed"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    note = ("Bars span the EDTF bounds of a date (start_date to end_date), lighter for a month or a year; "
            "arrows mark an open end.")
    if undated:
        note += f" {undated} undated event(s) not drawn."
    # supxlabel, not figure.text: the constrained layout makes room for it under the date axis.
    figure.supxlabel(note + "\nSource: caucasus-data, tables events and agreements.", fontsize=7,
                     color="#555555")
    figure.suptitle(f"caucasus-data: {len(dated)} dated event(s) and {len(signings)} agreement signing(s)",
                    fontsize=12)
    return figure


def render_timeline(root: str | Path = ".", out: str | Path | None = None) -> list[str]:
    """Draw `docs/timeline.svg` and `docs/timeline.png` under `out` (default `root`) from `root`'s data.

    Returns the paths written, relative to `out`. Needs matplotlib: `pip install 'caucasus-data[plot]'`.
    """
    try:
        import matplotlib
    except ImportError:
        raise ImportError(f"caucasus-data timeline needs matplotlib: pip install 'caucasus-data[{EXTRA}]'") from None
    root = Path(root)
    out = Path(out) if out is not None else root
    data = timeline_input(root)
    description = HASH_PREFIX + input_hash(data)
    # A fixed hash salt, no date and paths for text make the SVG the same bytes on every run and machine.
    settings = {"svg.hashsalt": "caucasus-data", "svg.fonttype": "path", "font.family": "DejaVu Sans",
                "axes.unicode_minus": True}
    with matplotlib.rc_context(settings):
        figure = _draw(data)
        (out / SVG).parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(out / SVG, format="svg",
                       metadata={"Date": None, "Title": "caucasus-data timeline", "Description": description})
        figure.savefig(out / PNG, format="png", dpi=120,
                       metadata={"Title": "caucasus-data timeline", "Description": description})
    return [SVG, PNG]
