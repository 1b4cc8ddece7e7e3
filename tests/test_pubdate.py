"""Publication dates: read from the dateline or a timestamp, or the year inferred from the text."""

from __future__ import annotations

import datetime

import pytest
from conftest import ARMENPRESS, MEDIAMAX, TASS, seed_text

from caucasus_data.parse.dateline import find_dateline
from caucasus_data.parse.pubdate import DateError, infer_year, lead_weekday, past_dates, past_months, past_years

D = datetime.date
TODAY = D(2026, 1, 1)

TASS_METHOD = (
    "year inferred, the earliest that fits: not before 2023 (the latest year the text mentions as past), "
    "not before 2023-07-01 (the text reports 'July 2023' as past), a Wednesday (named in the lead)"
)
ARMENPRESS_METHOD = (
    "year inferred, the earliest that fits: not before 2024 (the latest year the text mentions as "
    "past), not before 2024-05-11 (the text reports '10-11 May 2024' as past)"
)


def _infer(article: str, today: datetime.date = TODAY):
    d = find_dateline(article)
    return infer_year(d.month, d.day, article, today, d.start)


@pytest.mark.parametrize(
    ("stem", "date", "method"),
    [
        (TASS, D(2024, 6, 5), TASS_METHOD),
        (ARMENPRESS, D(2024, 5, 15), ARMENPRESS_METHOD),
    ],
)
def test_seed_years_are_inferred(stem, date, method):
    found = _infer(seed_text(stem))
    assert (found.date, found.inferred, found.method) == (date, True, method)


@pytest.mark.parametrize("today", [D(2024, 6, 5), D(2026, 11, 22), D(2040, 1, 1)])
def test_seed_years_do_not_depend_on_the_build_date(today):
    assert _infer(seed_text(TASS), today).date == D(2024, 6, 5)
    assert _infer(seed_text(ARMENPRESS), today).date == D(2024, 5, 15)


def test_mediamax_date_is_read():
    d = find_dateline(seed_text(MEDIAMAX))
    assert (d.year, d.month, d.day, d.source) == (2023, 10, 9, "dateline")


def test_a_full_date_reported_as_past_bounds_the_date():
    # 8 May 2024 would precede talks the article reports as held on 10-11 May 2024: the next year fits.
    past = "YEREVAN, MAY 8, ARMENPRESS. Talks went well.\nOn 10-11 May 2024 negotiations were held in Almaty."
    found = _infer(past)
    assert found.date == D(2025, 5, 8)
    assert "not before 2024-05-11 (the text reports '10-11 May 2024' as past)" in found.method
    # The same date announced as a plan bounds nothing but the year.
    plan = "YEREVAN, MAY 8, ARMENPRESS. Talks are near.\nNegotiations will be held on 10-11 May 2024 in Almaty."
    assert _infer(plan).date == D(2024, 5, 8)


def test_weekday_in_the_lead_picks_the_year():
    article = "MOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday. Talks were held in 2019."
    assert _infer(article).date == D(2019, 6, 5)
    article = "MOSCOW, June 5. /TASS/. Galuzin told TASS on Monday. Talks were held in 2019."
    assert _infer(article).date == D(2023, 6, 5)


def test_weekday_is_read_in_the_dateline_paragraph_not_the_headline():
    article = "Friday talks in Baku\nMOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday. Talks were in 2019."
    assert lead_weekday(article, find_dateline(article).start) == 2
    assert _infer(article).date == D(2019, 6, 5)


def test_no_clue_gives_the_latest_date_up_to_the_build_date():
    article = "MOSCOW, June 5. /TASS/. Russia is ready to help."
    assert _infer(article, D(2026, 3, 1)).date == D(2025, 6, 5)
    assert _infer(article, D(2026, 7, 1)).date == D(2026, 6, 5)
    assert "the latest that fits up to the build date 2026-03-01" in _infer(article, D(2026, 3, 1)).method
    # A weekday alone: the latest such date that falls on it.
    assert _infer("MOSCOW, June 5. /TASS/. Galuzin spoke on Wednesday.", D(2026, 3, 1)).date == D(2024, 6, 5)


def test_no_year_fits():
    with pytest.raises(DateError, match="no year up to 2026 fits 03-01"):
        _infer("MOSCOW, March 1. /TASS/. Talks were held on 10 June 2026.", D(2026, 3, 1))


def test_plans_are_not_past_years():
    assert past_years("The treaty will be signed by 2030. Talks were held in 2023 and 1991.") == [2023, 1991]
    assert past_years("the 2020-2022 agreements") == [2020]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Talks were held on 10-11 May 2024.", [(D(2024, 5, 11), "10-11 May 2024")]),
        ("The ministers met on May 10-11, 2024.", [(D(2024, 5, 11), "May 10-11, 2024")]),
        ("They met on 9 and 10 May 2024.", [(D(2024, 5, 10), "9 and 10 May 2024")]),
        ("It was signed on November 9, 2020.", [(D(2020, 11, 9), "November 9, 2020")]),
        ("They met on 2024-05-11.", [(D(2024, 5, 11), "2024-05-11")]),
        ("It was signed on 31 June 2024.", []),  # not a calendar date
        ("Talks will be held on 3 June 2025.", []),  # a plan
    ],
)
def test_past_dates(sentence, expected):
    assert past_dates(sentence) == expected


def test_past_months():
    assert past_months(seed_text(ARMENPRESS)) == [(D(2023, 6, 1), "June 2023"), (D(2024, 5, 1), "May 2024")]
