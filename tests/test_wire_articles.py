"""The build on articles in outlets' forms, added to a copy of the package: dates from their furniture,
speakers through the real curated tables, truncated quotes flagged, each unresolved speaker warned of."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from conftest import read_rows

from caucasus_data.pipeline import build

ARTICLES = Path(__file__).parent / "articles"
TODAY = datetime.date(2026, 1, 1)
WIRE = {
    "201_turan": "turan_truncated.txt",
    "202_menafn": "trend_variants.txt",
    "203_reuters": "reuters_bodies.txt",
}


def _build(package):
    for stem, name in WIRE.items():
        shutil.copy(ARTICLES / name, package / "seeds" / f"{stem}.txt")
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    return report


def test_articles_dated_from_their_furniture_and_datelines(package):
    _build(package)
    rows = {r["article_id"]: r for r in read_rows(package, "articles")}
    assert [
        (
            rows[a]["published_date"],
            rows[a]["published_date_method"],
            rows[a]["outlet_name"],
            rows[a]["dateline_place_id"],
        )
        for a in WIRE
    ] == [
        ("2023-12-13", "read from the dateline", "Turan", "baku"),
        ("2024-02-06", "read from the page date above the dateline", "Trend News Agency", "baku"),
        ("2025-03-13", "read from the date line above the dateline", "Reuters", ""),
    ]


def test_speakers_through_the_curated_tables(package):
    report = _build(package)
    quotes = [q for q in read_rows(package, "quotes") if q["article_id"] in WIRE]
    assert [(q["article_id"], q["speaker_id"], q["truncated"]) for q in quotes] == [
        ("201_turan", "jeyhun-bayramov", "false"),  # Ceyhun Bayramov, by transliteration
        ("201_turan", "jeyhun-bayramov", "true"),  # the text ends inside it
        ("202_menafn", "hikmet-hajiyev", "false"),  # Hikmat Hajiyev
        ("202_menafn", "jeyhun-bayramov", "false"),
        ("202_menafn", "jeyhun-bayramov", "false"),
        ("203_reuters", "armenia-ministry-of-foreign-affairs", "false"),  # `the ministry`, Armenia's
        ("203_reuters", "azerbaijan-ministry-of-foreign-affairs", "false"),
        ("203_reuters", "azerbaijan", "false"),  # `the Azerbaijani side`
        ("203_reuters", "armenia", "false"),  # `Yerevan said`
        ("203_reuters", "", "false"),  # `the ministry` after the Kremlin: not guessed
    ]
    start = next(q["char_start"] for q in quotes if q["article_id"] == "203_reuters" and not q["speaker_id"])
    assert (
        f"seeds/203_reuters.txt: the speaker of the quote at {start} ('We have always supported a settlement,') "
        "(attribution: 'the ministry said') is not resolved ('the ministry' may stand for 'Kremlin'); add the "
        "person to curated/people.csv or curated/aliases.csv, or set speaker_id in curated/quote_overrides.csv for "
        f"article_id 203_reuters, char_start {start}"
    ) in report.warnings
    cut = next(q for q in quotes if q["truncated"] == "true")
    assert (
        f"seeds/201_turan.txt: the quote at {cut['char_start']} ('We are ready to go wherever the talks ar') is "
        "cut off: the text ends before the quotation closes (truncated: true)"
    ) in report.warnings


def test_warnings_on_the_quotes_of_one_article_are_bounded(package):
    text = "MOSCOW, June 5. /TASS/. Officials spoke on Wednesday. Talks were held in July 2023.\n"
    (package / "seeds" / "204_many.txt").write_text(text + '"We will see," an official said. ' * 60, encoding="utf-8")
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    mine = [w for w in report.warnings if w.startswith("seeds/204_many.txt") and "quote" in w]
    assert len(mine) == 51
    assert mine[0].endswith(
        "(attribution: 'an official said') is not resolved ('an official' is somebody the "
        "text does not name); add the person to curated/people.csv or curated/aliases.csv, or set "
        "speaker_id in curated/quote_overrides.csv for article_id 204_many, char_start 85"
    )
    assert mine[-1] == (
        "seeds/204_many.txt: 10 more of its quotes lack a speaker or are cut off; they are not listed here: see "
        "data/quotes.csv (speaker_id empty, truncated true), article_id 204_many"
    )
