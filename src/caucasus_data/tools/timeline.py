"""The events as a timeline figure for papers (`cd.timeline()`, `docs/timeline.svg` and `.png`), with every
dated agreement marked.

Drawn from the published Parquet files (the installed package's, or a checkout's) by `caucasus-data timeline`
or `cd.timeline(start=, end=, event_types=, actors=)`, which returns the matplotlib Figure; needs the `plot`
extra (matplotlib). The figure is deterministic: the same input and the same matplotlib give the same bytes;
SVG text stays text (editable), PDF fonts are embedded as TrueType. Each file records the SHA-256 of what it
was drawn from (`input_hash`), so a check needs no matplotlib:

>>> stale_figures(".")
[]

What is drawn (10 inches wide; the PNG at 300 dots per inch unless told otherwise):

- one row per dated event, ordered by date, labelled in a left column of fixed width with its name and its
  date in words (`9 Nov 2020`, `10–11 May 2024`, `by 9 Oct 2023` for `../2023-10-09`), wrapped;
- on the date axis, a dot for a single day, a bar from start_date to end_date for a range, a lighter bar for a
  month or a year date (its EDTF bounds), an arrow for an open end (`../2024-06-05`);
- the colour is the PLOVER quad class of event_type; a hollow mark is an event not (yet) held (planned,
  proposed, under consideration), a grey cross a cancelled one;
- a row on top for each agreement with a date (its status in words: signed, agreed, provisional, ...), a star
  on its day (hollow unless signed) or a bar over its range, and a dotted line down the figure for a signing;
- the axis covers the period with most of the events (spans closer than GAP_YEARS years chained); an event or
  agreement long before or after it (e.g. the Zheleznovodsk Declaration of 1991) is a triangle at the axis' edge
  with its year; within the period, a stretch of more than BREAK_DAYS days with nothing on it is cut to a narrow
  break (two slanted strokes), so that the busy months are not squeezed;
- the title's years are those the axis shows; undated events and agreements are counted in the note under
  the figure, not drawn.
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
RECIPE = 3
EVENT_COLUMNS = ["event_id", "name", "event_type", "date_edtf", "start_date", "end_date", "date_precision", "status"]
AGREEMENT_COLUMNS = ["agreement_id", "name", "status", "date_edtf", "start_date", "end_date", "date_precision"]
FORMATS = ("svg", "png", "pdf")
DPI, DOCS_DPI = 300, 150  # a paper's figure; the committed docs/timeline.png, kept small in the repository
# A stretch longer than this with nothing drawn on it is cut to BREAK_WIDTH days' width.
BREAK_DAYS, BREAK_WIDTH = 150, 40
# PLOVER quad classes, in Okabe-Ito colours (distinguishable with the common colour-vision deficiencies).
QUADS = {
    "verbal cooperation": ("#0072B2", {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}),
    "material cooperation": ("#009E73", {"COOPERATE", "AID", "RETREAT"}),
    "verbal conflict": ("#E69F00", {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}),
    "material conflict": ("#D55E00", {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}),
}
NOT_HELD = {"planned", "proposed", "under-consideration"}
HASH_PREFIX = "caucasus-data timeline input sha256:"
# The label column, in inches, and its font size in points; events further apart than GAP_YEARS from the
# period with most of them are drawn at the edge of the axis, not on it.
LABEL_WIDTH, LABEL_SIZE, GAP_YEARS = 3.3, 8, 3


def _rows(folder: Path, table: str, columns: list[str]) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(folder / f"{table}.parquet", columns=columns).to_pylist()


def _day(value: datetime.date | str | None, name: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a date (YYYY-MM-DD), not {str(value)[:40]!r}") from None


def timeline_input(
    root: str | Path | None = None,
    start: datetime.date | str | None = None,
    end: datetime.date | str | None = None,
    event_types: list[str] | None = None,
    actors: list[str] | None = None,
) -> dict[str, Any]:
    """What the figure is drawn from: the events and the agreements with a date, as chosen.

    `root` is a published package or a checkout (default: the installed package). `start` and `end` keep what
    overlaps those days; `event_types` keeps those PLOVER types; `actors` keeps the events with one of those
    participants and the agreements with one of those parties, an organisation's parts included (`russia`
    keeps what Russia's ministries took part in).

    >>> sorted(timeline_input("."))
    ['agreements', 'events', 'recipe']
    >>> [e["event_id"] for e in timeline_input(start="2024-05-11", end="2024-05-11", actors=["kazakhstan"])["events"]]
    ['almaty-talks-2024-05', 'galuzin-news-ru-interview-2024-05', 'mirzoyan-thanks-kazakhstan-2024-05']
    """
    from ..reader.sql import published_root

    folder = published_root(root)
    first, last = _day(start, "start"), _day(end, "end")
    events = _rows(folder, "events", EVENT_COLUMNS)
    agreements = [a for a in _rows(folder, "agreements", AGREEMENT_COLUMNS) if a["start_date"] or a["end_date"]]
    if event_types is not None:
        events = [e for e in events if e["event_type"] in set(event_types)]
    if actors is not None:
        involved = _involved(folder, set(actors))
        events = [e for e in events if e["event_id"] in involved]
        agreements = [a for a in agreements if a["agreement_id"] in involved]
    if first or last:
        events = [e for e in events if _within(e, first, last)]
        agreements = [a for a in agreements if _within(a, first, last)]
    return {"recipe": RECIPE, "events": events, "agreements": agreements}


def _involved(folder: Path, actors: set[str]) -> set[str]:
    """The events and agreements with a participant or party among `actors`, or part of one of them."""
    from ..reader.views import Loader, entities

    roots = {r["entity_id"]: r["root_id"] for r in entities(Loader(folder, _schemas(folder))).to_pylist()}
    links = _rows(folder, "event_participants", ["event_id", "participant_id"])
    links += [
        {"event_id": r["agreement_id"], "participant_id": r["party_id"]}
        for r in _rows(folder, "agreement_parties", ["agreement_id", "party_id"])
    ]
    return {
        r["event_id"]
        for r in links
        if r["participant_id"] in actors or roots.get(r["participant_id"], r["participant_id"]) in actors
    }


def _schemas(folder: Path) -> Any:
    from ..reader.sql import _published_schemas

    return _published_schemas(folder)


def _within(item: dict[str, Any], first: datetime.date | None, last: datetime.date | None) -> bool:
    begin, end = item["start_date"] or item["end_date"], item["end_date"] or item["start_date"]
    if begin is None:
        return False
    return (last is None or begin <= last) and (first is None or end >= first)


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
            length = int.from_bytes(data[position : position + 4], "big")
            kind = data[position + 4 : position + 8]
            body = data[position + 8 : position + 8 + length]
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
    """The figures of a checkout (relative to `out`, default `root`) missing or drawn from other data than
    `root`'s."""
    root = Path(root)
    out = Path(out) if out is not None else root
    expected = input_hash(timeline_input(root))
    return [
        relative
        for relative in (SVG, PNG)
        if not (out / relative).is_file() or recorded_hash(out / relative) != expected
    ]


def _quad(event_type: str) -> tuple[str, str]:
    for quad, (colour, types) in QUADS.items():
        if event_type in types:
            return quad, colour
    return "other", "#777777"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EDTF_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)")


def _words(edtf: str | None) -> str:
    """An EDTF date as a reader says it; the EDTF text itself when it is a form this does not know.

    >>> [_words(d) for d in ("2020-11-09", "2023-05", "2021", "2024-05-10/2024-05-11", "2023-09-20/2023-10-09",
    ...                      "2020-11-09/2024-06-05", "../2023-06", "2024-04-19/..", "2023~", "2024-21")]
    ['9 Nov 2020', 'May 2023', '2021', '10–11 May 2024', '20 Sep – 9 Oct 2023', '9 Nov 2020 – 5 Jun 2024', \
'by Jun 2023', 'from 19 Apr 2024', 'c. 2023', '2024-21']
    """
    if not edtf:
        return "undated"

    def part(text: str) -> tuple[str, str | None, str | None, str] | None:
        found = _EDTF_PART.fullmatch(text)
        if not found or (found.group(2) and not 1 <= int(found.group(2)) <= 12):
            return None
        year, month, day, mark = found.groups()
        return (year, MONTHS[int(month) - 1] if month else None, str(int(day)) if day else None, mark)

    def say(p: tuple[str, str | None, str | None, str], year: bool = True, month: bool = True) -> str:
        text = " ".join(x for x in (p[2], p[1] if month else None, p[0] if year else None) if x)
        return {"~": "c. " + text, "?": text + "?", "%": "c. " + text + "?"}.get(p[3], text)

    left, slash, right = edtf.partition("/")
    if not slash:
        single = part(left)
        return say(single) if single else edtf
    lo = None if left in ("", "..") else part(left)
    hi = None if right in ("", "..") else part(right)
    if (lo is None and left not in ("", "..")) or (hi is None and right not in ("", "..")) or not (lo or hi):
        return edtf
    if lo is None:
        return "by " + say(hi) if hi else edtf
    if hi is None:
        return "from " + say(lo)
    same_year = lo[0] == hi[0] and not lo[3] and not hi[3]
    same_month = same_year and lo[1] == hi[1] and lo[2] and hi[2]
    if same_month:
        return f"{lo[2]}–{say(hi)}"
    if same_year and lo[1] and hi[1]:
        return f"{say(lo, year=False)} – {say(hi)}"
    return f"{say(lo)} – {say(hi)}"


def _span(item: dict[str, Any]) -> tuple[datetime.date, datetime.date]:
    """The days an event or signing covers: from the start of its first day to the end of its last."""
    first, last = item["start_date"] or item["end_date"], item["end_date"] or item["start_date"]
    return first, last + datetime.timedelta(days=1)


def _main_period(spans: list[tuple[datetime.date, datetime.date]]) -> tuple[datetime.date, datetime.date]:
    """The period the axis shows: spans closer than GAP_YEARS chained together, the group with the most spans."""
    groups: list[list[Any]] = []
    for first, last in sorted(spans):
        if groups and (first - groups[-1][1]).days <= GAP_YEARS * 365.25:
            groups[-1][1] = max(groups[-1][1], last)
            groups[-1][2] += 1
        else:
            groups.append([first, last, 1])
    first, last, _ = max(groups, key=lambda g: (g[2], g[1]))
    return first, last


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _width(text: str, size: float, weight: str = "normal") -> float:
    """The width in points of one line of `text` in DejaVu Sans of `size` points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    return TextToPath().get_text_width_height_descent(text, font, ismath=False)[0]


def _wrap(text: str, width: float, size: float, weight: str = "normal") -> str:
    """`text` broken into lines at spaces, each at most `width` points wide in DejaVu Sans of `size` points.

    With 5% to spare: the PNG's hinted glyphs are up to 4% wider than their outlines.
    """
    lines: list[str] = []
    for word in text.split(" "):
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _width(trial, size, weight) * 1.05 <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return "\n".join(lines)


def _mark(event: dict[str, Any], first: datetime.date, last: datetime.date) -> str:
    """How an event is drawn: beyond the axis ("before", "after"), a bar ("range", "vague") or a dot ("day", "open")."""
    begin, end = _span(event)
    if end <= first or begin >= last:
        return "before" if end <= first else "after"
    if event["start_date"] and event["end_date"]:
        if event.get("date_precision") not in (None, "day"):
            return "vague"
        return "range" if event["end_date"] > event["start_date"] else "day"
    return "open"


def _draw(data: dict[str, Any]):
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter
    from matplotlib.transforms import blended_transform_factory

    dated = [e for e in data["events"] if e["start_date"] or e["end_date"]]
    undated = len(data["events"]) - len(dated)
    dated.sort(key=lambda e: (e["start_date"] or e["end_date"], e["end_date"] or e["start_date"], e["event_id"]))
    signings = sorted(
        data["agreements"],
        key=lambda a: (a["start_date"] or a["end_date"], a["end_date"] or a["start_date"], a["agreement_id"]),
    )
    rows = len(signings) + len(dated)
    if not rows:
        figure = Figure(figsize=(10, 2.5), layout="constrained")
        axes = figure.add_subplot()
        axes.set_axis_off()
        what = (
            f"None of the {undated} event(s) has a date yet."
            if undated
            else "No events have been curated yet (curated/events.csv has no rows)."
        )
        axes.text(
            0.5,
            0.5,
            what + "\nThis figure is drawn again by `caucasus-data timeline` when they are published.",
            ha="center",
            va="center",
            fontsize=11,
            transform=axes.transAxes,
        )
        figure.suptitle("caucasus-data: timeline of the events", fontsize=12)
        return figure

    # The axis shows the period with most of the events and signings; one far before (after) it is drawn at
    # the left (right) edge as a triangle with its year written beside it.
    items = signings + dated
    first, last = _main_period([_span(item) for item in items])
    marks = [_mark(item, first, last) for item in items]
    pad = datetime.timedelta(days=max(15, round((last - first).days * 0.03)))
    low_day = first - (pad * 3 if "before" in marks else pad)  # room for a triangle and its year
    high_day = last + (pad * 3 if "after" in marks else pad)
    gaps = _gaps(items, marks, low_day, high_day)
    scale = _scale(mdates.date2num(low_day), mdates.date2num(high_day), gaps)

    def at(day: datetime.date) -> float:
        return scale(mdates.date2num(day))

    low, high = at(low_day), at(high_day)

    # Layout, in inches: the title, subtitle and legend rows; then a fixed left column for the labels (the
    # name and the date in words, wrapped) beside the plot, one row each; then the date axis and the notes.
    width, margin, size = 10.0, 0.2, LABEL_SIZE

    def label(name: str, edtf: str | None, weight: str = "normal") -> str:
        when = _words(edtf).replace(" ", "\u00a0")  # no-break spaces: the date stays on one line
        return _wrap(f"{name}\u00a0·\u00a0{when}", LABEL_WIDTH * 72, size, weight)

    labels = [label(f"{_status(a['status'])}: {a['name']}", a["date_edtf"], "bold") for a in signings]
    labels += [label(e["name"], e["date_edtf"]) for e in dated]
    row = 0.1 + 0.13 * max(text.count("\n") + 1 for text in labels)

    grey = "#555555"
    colours = [
        Patch(color=colour, label=quad)
        for quad, (colour, _) in QUADS.items()
        if any(_quad(e["event_type"])[0] == quad for e in dated)
    ]
    if any(_quad(e["event_type"])[0] == "other" for e in dated):
        colours.append(Patch(color="#777777", label="other type"))
    kinds = set(marks[len(signings) :])  # the kinds of mark drawn
    for agreement, mark in zip(signings, marks):
        kinds.add(mark if mark in ("before", "after", "range", "vague") else "signed")
        if agreement["status"] != "signed" and mark not in ("before", "after", "range", "vague"):
            kinds.add("agreed")
    if any(e["status"] in NOT_HELD for e in dated):
        kinds.add("hollow")
    if any(e["status"] == "cancelled" for e in dated):
        kinds.add("cancelled")
    legend = {
        "day": Line2D([], [], marker="o", linestyle="none", color=grey, label="a day"),
        "range": Patch(color=grey, label="days from–to"),
        "vague": Patch(color=grey, alpha=0.5, label="a month or a year"),
        "open": Line2D(
            [], [], marker=r"$\leftarrow$", markersize=11, linestyle="none", color=grey, label="open start or end"
        ),
        "hollow": Line2D(
            [], [], marker="o", linestyle="none", color=grey, markerfacecolor="white", label="not (yet) held"
        ),
        "cancelled": Line2D([], [], marker="x", linestyle="none", color="#999999", label="cancelled"),
        "signed": Line2D(
            [], [], marker="*", linestyle="none", color="#444444", markersize=11, label="agreement signed"
        ),
        "agreed": Line2D(
            [],
            [],
            marker="*",
            linestyle="none",
            color="#444444",
            markerfacecolor="white",
            markersize=11,
            label="agreed, not signed",
        ),
        "before": Line2D([], [], marker="<", linestyle="none", color=grey, label="long before: its year"),
        "after": Line2D([], [], marker=">", linestyle="none", color=grey, label="long after: its year"),
    }
    # The legend: what the colours say, then what the marks say (those drawn only), as many rows as fit.
    legend_rows: list[list[Any]] = []
    for handles in (colours, [handle for kind, handle in legend.items() if kind in kinds]):
        used = width  # inches on the current row: start a new one
        for handle in handles:
            item = (1.6 + 0.5 + 1.6) * 8 / 72 + _width(str(handle.get_label()), 8) / 72  # handle, pad, spacing, text
            if used + item > width - 2 * margin:
                legend_rows.append([])
                used = 0
            legend_rows[-1].append(handle)
            used += item

    notes = [
        "A bar runs from the first to the last day a date can denote; a lighter one is a month or a year "
        "(the date is known only that closely, not an event that long).",
        "An arrow marks an open start (the event is known only to precede that day) or an open end.",
    ]
    for side, edge_name in (("before", "left"), ("after", "right")):
        if side in marks:
            notes.append(
                f"{_plural(marks.count(side), 'row')} long {side} the period shown: a triangle at the "
                f"{edge_name} edge, with the year."
            )
    if gaps:
        notes.append(
            f"A cut (//) in the axis leaves out {_plural(len(gaps), 'stretch')} of more than {BREAK_DAYS} days "
            "with nothing drawn on it."
        )
    if undated:
        notes.append(f"{_plural(undated, 'undated event')} not drawn.")
    if data.get("undated_agreements"):
        notes.append(f"{_plural(data['undated_agreements'], 'undated agreement')} not drawn.")
    note = (
        _wrap(" ".join(notes), (width - 2 * margin) * 72, 7)
        + "\nSource: caucasus-data (tables events and agreements), drawn by caucasus-data timeline."
    )

    top = 0.62 + 0.24 * len(legend_rows) + 0.1
    bottom = 0.42 + 0.15 * (note.count("\n") + 1) + 0.05
    height = top + rows * row + bottom
    left, right = margin + LABEL_WIDTH + 0.1, width - 0.3
    figure = Figure(figsize=(width, height))

    # The title says the years the axis shows; rows beyond them are said apart.
    shown = [_span(i) for i, m in zip(items, marks) if m not in ("before", "after")]
    span = sorted({b.year for b, _ in shown} | {(e - datetime.timedelta(days=1)).year for _, e in shown})
    years = f"{span[0]}–{span[-1]}" if span[0] != span[-1] else f"{span[0]}"
    beyond_rows = marks.count("before") + marks.count("after")
    if beyond_rows:
        years += f" (and {_plural(beyond_rows, 'row')} outside those years)"
    figure.text(
        margin / width,
        1 - 0.18 / height,
        f"Armenia–Azerbaijan peace process: events, {years}",
        fontsize=13,
        fontweight="bold",
        va="top",
        color="#222222",
    )
    figure.text(
        margin / width,
        1 - 0.44 / height,
        f"{_plural(len(dated), 'dated event')}, one row each, by date"
        + (f"; {_plural(len(signings), 'agreement')} on top" if signings else "")
        + ". Colour: the PLOVER quad class of the event type.",
        fontsize=9,
        va="top",
        color="#444444",
    )
    for n, handles in enumerate(legend_rows):
        figure.legend(
            handles=handles,
            loc="upper left",
            ncol=len(handles),
            bbox_to_anchor=(margin / width, 1 - (0.62 + 0.24 * n) / height),
            fontsize=8,
            frameon=False,
            handlelength=1.6,
            handletextpad=0.5,
            columnspacing=1.6,
            borderaxespad=0,
        )
    figure.text(margin / width, (bottom - 0.42) / height, note, fontsize=7, va="top", color=grey, linespacing=1.5)

    box = (left / width, bottom / height, (right - left) / width, rows * row / height)
    # Shading every other row, under the labels too, leads the eye from a label to its marks.
    shade = figure.add_axes((0.1 / width, box[1], (right - 0.1) / width, box[3]), zorder=0)
    shade.set_axis_off()
    shade.set_xlim(0, 1)
    shade.set_ylim(rows - 0.5, -0.5)
    for y in range(0, rows, 2):
        shade.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", linewidth=0)
    axes = figure.add_axes(box, zorder=1)
    axes.set_facecolor("none")
    edge = blended_transform_factory(axes.transAxes, axes.transData)

    def beyond(item: dict[str, Any], mark: str, y: int, colour: str, hollow: bool, alpha: float) -> None:
        begin, end = _span(item)
        years = sorted({begin.year, (end - datetime.timedelta(days=1)).year})
        x = 0.01 if mark == "before" else 0.99
        axes.plot(
            [x],
            [y],
            marker="<" if mark == "before" else ">",
            markersize=9,
            color=colour,
            alpha=alpha,
            markerfacecolor="white" if hollow else colour,
            linestyle="none",
            transform=edge,
            clip_on=False,
        )
        axes.annotate(
            "–".join(map(str, years)),
            (x, y),
            xycoords=edge,
            xytext=(8 if mark == "before" else -8, 0),
            textcoords="offset points",
            ha="left" if mark == "before" else "right",
            va="center",
            fontsize=size,
            color=colour,
        )

    for y, (agreement, mark) in enumerate(zip(signings, marks)):
        signed = agreement["status"] == "signed"
        if mark in ("before", "after"):
            beyond(agreement, mark, y, "#444444", not signed, 1)
            continue
        if mark in ("range", "vague"):
            begin, finish = _span(agreement)
            axes.barh(
                y,
                at(finish) - at(begin),
                left=at(begin),
                height=0.5,
                color="#444444",
                alpha=0.45 if mark == "vague" else 0.9,
                linewidth=0,
                zorder=2,
            )
            continue
        day = agreement["start_date"] or agreement["end_date"]
        x = at(day) + 0.5
        if signed and agreement["start_date"]:
            axes.axvline(x, color="#444444", linestyle=":", linewidth=1, zorder=1)
        axes.plot(
            [x],
            [y],
            marker="*",
            markersize=13,
            color="#444444",
            markerfacecolor="#444444" if signed else "white",
            linestyle="none",
            zorder=3,
        )
        if mark == "open":
            _arrow(axes, figure, x, y, agreement["start_date"] is None, "#444444")
    if signings:
        axes.axhline(len(signings) - 0.5, color="#aaaaaa", linewidth=0.8)

    for y, (event, mark) in enumerate(zip(dated, marks[len(signings) :]), start=len(signings)):
        colour = "#999999" if event["status"] == "cancelled" else _quad(event["event_type"])[1]
        start, end = event["start_date"], event["end_date"]
        hollow = event["status"] in NOT_HELD
        # A month or year date is a span of uncertainty, not a long event: drawn lighter.
        alpha = 0.5 if event["date_precision"] not in (None, "day") else 1
        if mark in ("before", "after"):
            beyond(event, mark, y, colour, hollow, alpha)
        elif mark in ("range", "vague"):
            begin, finish = _span(event)
            axes.barh(
                y,
                at(finish) - at(begin),
                left=at(begin),
                height=0.5,
                color="white" if hollow else colour,
                edgecolor=colour,
                alpha=alpha,
                hatch="//" if hollow else None,
                linewidth=1.2,
                zorder=2,
            )
        else:
            day = start or end
            marker = "x" if event["status"] == "cancelled" else "o"
            axes.plot(
                [at(day) + 0.5],
                [y],
                marker=marker,
                markersize=7,
                color=colour,
                alpha=alpha,
                markerfacecolor="white" if hollow else colour,
                linestyle="none",
                zorder=3,
            )
            if mark == "open":
                _arrow(axes, figure, at(day) + 0.5, y, not start, colour)

    axes.set_yticks(range(rows), labels, fontsize=size, color="#222222")
    for text in axes.get_yticklabels()[: len(signings)]:
        text.set_fontweight("bold")
    axes.tick_params(axis="y", length=0, pad=6)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xlim(low, high)

    # Years on the axis; over a short period the months between them too (their names, not the locale's).
    length = (high - low) / 365.25  # the years the axis shows, the cuts left out
    step = 1 if length <= 12 else 2 if length <= 24 else 5 if length <= 60 else 10
    all_years = range(low_day.year, high_day.year + 1)

    def ticks(days: list[datetime.date]) -> list[float]:
        """Where the days are on the axis, those inside a cut left out."""
        inside = [d for d in days if low_day <= d <= high_day]
        return [at(d) for d in inside if not any(a < mdates.date2num(d) < b for a, b in gaps)]

    january = ticks([datetime.date(y, 1, 1) for y in all_years if y % step == 0])
    months = () if length > 8 else (4, 7, 10) if length > 2 else range(2, 13)
    between = ticks([datetime.date(y, m, 1) for y in all_years for m in months])
    unscale = _unscale(mdates.date2num(low_day), mdates.date2num(high_day), gaps)
    axes.xaxis.set_major_locator(FixedLocator(january))
    axes.xaxis.set_minor_locator(FixedLocator(between))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: str(mdates.num2date(unscale(x)).year)))

    # A month says its year when no January of that year is on the axis (none shown, or it is in a cut).
    labelled = {mdates.num2date(unscale(x)).year for x in january}
    month_labels = {}
    for x in between:
        day = mdates.num2date(unscale(x))
        month_labels[round(x)] = MONTHS[day.month - 1] + ("" if day.year in labelled else f" {day.year}")
        labelled.add(day.year)

    def month_label(x: float, position: int | None) -> str:
        return month_labels.get(round(x), "")

    axes.xaxis.set_minor_formatter(FuncFormatter(month_label))
    axes.tick_params(axis="x", which="major", labelsize=9, length=5, color="#888888")
    axes.tick_params(axis="x", which="minor", labelsize=7, labelcolor="#666666", length=3, color="#aaaaaa")
    axes.grid(axis="x", which="major", color="#c8c8c8", linewidth=0.9)
    axes.grid(axis="x", which="minor", color="#e2e2e2", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color("#888888")
    for a, b in gaps:  # a cut: a pale band, and two strokes on the axis
        axes.axvspan(scale(a), scale(b), color="#fbfbfb", linewidth=0, zorder=0)
        axes.text(
            (scale(a) + scale(b)) / 2,
            0,
            "//",
            transform=blended_transform_factory(axes.transData, axes.transAxes),
            ha="center",
            va="center",
            fontsize=9,
            color="#666666",
            backgroundcolor="white",
            zorder=4,
        )
    return figure


def _status(status: str) -> str:
    return status.replace("-", " ").capitalize()


def _arrow(axes: Any, figure: Any, x: float, y: float, open_start: bool, colour: str) -> None:
    """An arrow from the mark towards the unknown side of an open date."""
    from matplotlib.transforms import offset_copy

    tip = offset_copy(axes.transData, fig=figure, x=-28 if open_start else 28, units="points")
    axes.annotate(
        "",
        xy=(x, y),
        xycoords=tip,
        xytext=(x, y),
        textcoords="data",
        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2},
    )


def _gaps(
    items: list[dict[str, Any]], marks: list[str], low: datetime.date, high: datetime.date
) -> list[tuple[float, float]]:
    """The stretches of the axis longer than BREAK_DAYS with nothing drawn on them but a month or year bar, as
    date numbers (a stretch is cut a fortnight short of what borders it)."""
    import matplotlib.dates as mdates

    occupied = []
    for item, mark in zip(items, marks):
        begin, end = _span(item)
        if mark == "vague":  # a month or year is uncertainty, not the event's length: its ends alone count
            occupied += [(begin, begin + datetime.timedelta(days=1)), (end - datetime.timedelta(days=1), end)]
        elif mark not in ("before", "after"):
            occupied.append((begin, end))
    occupied.sort()
    gaps = []
    if not occupied:
        return []
    edge, margin = occupied[0][0], datetime.timedelta(days=14)
    for begin, end in occupied:
        if (begin - edge).days > BREAK_DAYS:
            gaps.append((mdates.date2num(edge + margin), mdates.date2num(begin - margin)))
        edge = max(edge, end)
    return gaps


def _scale(low: float, high: float, gaps: list[tuple[float, float]]) -> Any:
    """Date numbers -> positions on the axis: one day a day, each cut BREAK_WIDTH days wide."""
    import numpy as np

    days, xs = _knots(low, high, gaps)
    return lambda num: float(np.interp(num, days, xs))


def _unscale(low: float, high: float, gaps: list[tuple[float, float]]) -> Any:
    import numpy as np

    days, xs = _knots(low, high, gaps)
    return lambda x: float(np.interp(x, xs, days))


def _knots(low: float, high: float, gaps: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    days, xs, shift = [low], [low], 0.0
    for a, b in gaps:
        days += [a, b]
        xs += [a - shift, a - shift + BREAK_WIDTH]
        shift += (b - a) - BREAK_WIDTH
    return [*days, high], [*xs, high - shift]


# A fixed hash salt, no dates and embedded TrueType fonts make every file the same bytes on every run and
# machine; SVG text stays text, so that a figure can be edited for a paper.
SETTINGS = {
    "svg.hashsalt": "caucasus-data",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "font.family": "DejaVu Sans",
    "axes.unicode_minus": True,
}


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ImportError(f"caucasus-data timeline needs matplotlib: pip install 'caucasus-data[{EXTRA}]'") from None
    return matplotlib


def timeline(
    start: datetime.date | str | None = None,
    end: datetime.date | str | None = None,
    event_types: list[str] | None = None,
    actors: list[str] | None = None,
    root: str | Path | None = None,
) -> Any:
    """The timeline as a matplotlib Figure, of the events and agreements chosen (see `timeline_input`).

    >>> figure = timeline(start="2024-01-01", event_types=["CONSULT", "AGREE"])
    >>> figure.texts[0].get_text()
    'Armenia–Azerbaijan peace process: events, 2024'

    Save it with `figure.savefig("timeline.pdf")`; needs the `plot` extra (matplotlib).
    """
    matplotlib = _matplotlib()
    data = timeline_input(root, start, end, event_types, actors)
    with matplotlib.rc_context(SETTINGS):
        return _draw(data)


def save(data: dict[str, Any], paths: list[Path], dpi: int = DPI) -> list[Path]:
    """Draw `data` into each of `paths` (the format from the suffix: .svg, .png or .pdf)."""
    matplotlib = _matplotlib()
    description = HASH_PREFIX + input_hash(data)
    with matplotlib.rc_context(SETTINGS):
        figure = _draw(data)
        for path in paths:
            kind = path.suffix.lstrip(".")
            if kind not in FORMATS:
                raise ValueError(f"a figure is .svg, .png or .pdf, not {path.name[:60]!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            metadata: dict[str, Any] = {"Title": "caucasus-data timeline"}
            if kind == "pdf":
                metadata.update(Subject=description, CreationDate=None, ModDate=None)
            else:
                metadata["Description"] = description
            if kind == "svg":
                metadata["Date"] = None
            figure.savefig(path, format=kind, dpi=dpi, metadata=metadata)
    return paths


def render_timeline(
    root: str | Path = ".",
    out: str | Path | None = None,
    formats: tuple[str, ...] = ("svg", "png"),
    dpi: int = DOCS_DPI,
) -> list[str]:
    """Draw a checkout's `docs/timeline.svg` and `docs/timeline.png` (or the `formats` asked) under `out`
    (default `root`) from `root`'s data; returns the paths written, relative to `out`."""
    _matplotlib()
    root = Path(root)
    out = Path(out) if out is not None else root
    relative = [f"docs/timeline.{kind}" for kind in formats]
    save(timeline_input(root), [out / r for r in relative], dpi)
    return relative
