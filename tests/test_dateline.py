"""Datelines: the seeds' three forms, the other agency forms, any case, abbreviations, below furniture."""

from __future__ import annotations

import pytest
from conftest import ARMENPRESS, MEDIAMAX, TASS, seed_text

from caucasus_data.parse.dateline import find_dateline, month_number
from caucasus_data.parse.furniture import headline


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (TASS, (0, 23, "MOSCOW, June 5. /TASS/.", "MOSCOW", "TASS", None, 6, 5, "dateline")),
        (ARMENPRESS, (0, 28, "YEREVAN, MAY 15, ARMENPRESS.", "YEREVAN", "ARMENPRESS", None, 5, 15, "dateline")),
        (MEDIAMAX, (1, 36, "date 2023-10-09 Yerevan /Mediamax/.", "Yerevan", "Mediamax", 2023, 10, 9, "dateline")),
    ],
)
def test_seed_datelines(stem, expected):
    text = seed_text(stem)
    d = find_dateline(text)
    assert (d.start, d.end, d.text, d.place, d.outlet, d.year, d.month, d.day, d.source) == expected
    assert text[d.start : d.end] == d.text
    assert headline(text, d.start) == ""


# (article start, dateline text, place, outlet, year, month, day)
FORMS = [
    # place, month day. /agency/.
    ("MOSCOW, June 5. /TASS/. Russia is ready.", "MOSCOW, June 5. /TASS/.", "MOSCOW", "TASS", None, 6, 5),
    ("moscow, june 5. /tass/. Russia is ready.", "moscow, june 5. /tass/.", "moscow", "tass", None, 6, 5),
    ("Moscow, Jun. 5 /TASS/ Russia is ready.", "Moscow, Jun. 5 /TASS/", "Moscow", "TASS", None, 6, 5),
    # place, month day, agency.
    (
        "YEREVAN, MAY 15, ARMENPRESS. Russia welcomes.",
        "YEREVAN, MAY 15, ARMENPRESS.",
        "YEREVAN",
        "ARMENPRESS",
        None,
        5,
        15,
    ),
    ("Baku, Sept. 21, AZERTAC: Talks resumed.", "Baku, Sept. 21, AZERTAC", "Baku", "AZERTAC", None, 9, 21),
    ("Baku, March 14, AZERTAC\nPresident Ilham Aliyev met.", "Baku, March 14, AZERTAC", "Baku", "AZERTAC", None, 3, 14),
    ("YEREVAN, MAY 15, ARMENPRESS. Talks.", "YEREVAN, MAY 15, ARMENPRESS.", "YEREVAN", "ARMENPRESS", None, 5, 15),
    ("Yerevan, May 15, News.am. Talks.", "Yerevan, May 15, News.am.", "Yerevan", "News.am", None, 5, 15),
    # date ISO place /agency/.
    (
        " date 2023-10-09 Yerevan /Mediamax/. Galuzin said.",
        "date 2023-10-09 Yerevan /Mediamax/.",
        "Yerevan",
        "Mediamax",
        2023,
        10,
        9,
    ),
    (
        "2023-10-09 YEREVAN /MEDIAMAX/. Galuzin said.",
        "2023-10-09 YEREVAN /MEDIAMAX/.",
        "YEREVAN",
        "MEDIAMAX",
        2023,
        10,
        9,
    ),
    # CITY, Month D (Agency) -
    ("BAKU, March 3 (Reuters) - Azerbaijan said.", "BAKU, March 3 (Reuters)", "BAKU", "Reuters", None, 3, 3),
    ("baku, mar 3 (reuters) — Azerbaijan said.", "baku, mar 3 (reuters)", "baku", "reuters", None, 3, 3),
    ("Baku, Dec. 3 (AP) -- Azerbaijan said.", "Baku, Dec. 3 (AP)", "Baku", "AP", None, 12, 3),
    ("BAKU, Azerbaijan, March 3 (AP) — Talks.", "BAKU, Azerbaijan, March 3 (AP)", "BAKU", "AP", None, 3, 3),
    (
        "ST. PETERSBURG, Oct 7 (Reuters): Talks.",
        "ST. PETERSBURG, Oct 7 (Reuters)",
        "ST. PETERSBURG",
        "Reuters",
        None,
        10,
        7,
    ),
    # CITY, D Month (Agency) -  and  CITY, D Month YYYY, Agency -
    ("TBILISI, 3 March (AFP) - Georgia said.", "TBILISI, 3 March (AFP)", "TBILISI", "AFP", None, 3, 3),
    ("TBILISI, 3 March 2024, AFP - Georgia said.", "TBILISI, 3 March 2024, AFP", "TBILISI", "AFP", 2024, 3, 3),
    ("tbilisi, 3 mar 2024, afp – Georgia said.", "tbilisi, 3 mar 2024, afp", "tbilisi", "afp", 2024, 3, 3),
    # City, Month D, YYYY - Agency
    ("Baku, March 3, 2024 - Trend. Azerbaijan said.", "Baku, March 3, 2024 - Trend.", "Baku", "Trend", 2024, 3, 3),
    ("BAKU, FEB 29, 2024 - TREND\nAzerbaijan said.", "BAKU, FEB 29, 2024 - TREND", "BAKU", "TREND", 2024, 2, 29),
    ("baku, march 3, 2024 - trend. Talks.", "baku, march 3, 2024 - trend.", "baku", "trend", 2024, 3, 3),
    (
        "Bishkek, May 3, 2024 - AKIpress News Agency\nTalks.",
        "Bishkek, May 3, 2024 - AKIpress News Agency",
        "Bishkek",
        "AKIpress News Agency",
        2024,
        5,
        3,
    ),
    # a full stop after the place
    ("MOSCOW. June 5 (Interfax) - Russia said.", "MOSCOW. June 5 (Interfax)", "MOSCOW", "Interfax", None, 6, 5),
    # no agency: the outlet stays unknown, and the story's first words are not taken for one
    ("BAKU, Azerbaijan, May 15. By Anna Petrova", "BAKU, Azerbaijan, May 15.", "BAKU", "", None, 5, 15),
    ("Baku, March 3, 2024 - The talks resumed.", "Baku, March 3, 2024", "Baku", "", 2024, 3, 3),
    ("Baku, 15 May 2024 - The talks resumed.", "Baku, 15 May 2024", "Baku", "", 2024, 5, 15),
    # no date
    ("YEREVAN, Armenia (AP) — Talks resumed.", "YEREVAN, Armenia (AP)", "YEREVAN", "AP", None, None, None),
    ("MOSCOW (Reuters) - Talks resumed.", "MOSCOW (Reuters)", "MOSCOW", "Reuters", None, None, None),
]


@pytest.mark.parametrize(("article", "text", "place", "outlet", "year", "month", "day"), FORMS)
def test_forms(article, text, place, outlet, year, month, day):
    d = find_dateline(article)
    assert (d.text, d.place, d.outlet, d.year, d.month, d.day, d.source) == (
        text,
        place,
        outlet,
        year,
        month,
        day,
        "dateline",
    )
    assert article[d.start : d.end] == d.text


# (article, dateline text, place, outlet, year, month, day): forms of outlets, under their furniture.
FURNISHED = [
    # MENAFN's copy: the page's date line, a site header, a headline, then the syndicated agency.
    (
        " date 2024-01-18      US      Europe      Asia\nFM receives envoy\n\n\n(MENAFN- Trend News Agency) BAKU, "
        "Azerbaijan, January 18 . The minister received the envoy.",
        "(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 18 .",
        "BAKU",
        "Trend News Agency",
        None,
        1,
        18,
    ),
    # Trend's site: section and date line, headline, the dateline alone, the agency on the byline below.
    (
        "Politics Materials 4 January 2024 12:04 (UTC +04:00)\nTalks resume\n\nBAKU, Azerbaijan, Jan. 4\n\n"
        "By Anna Petrova - Trend:\n\nThe commissions will meet.",
        "BAKU, Azerbaijan, Jan. 4",
        "BAKU",
        "Trend",
        None,
        1,
        4,
    ),
    (
        "BAKU, Azerbaijan, Apr.10\n\nTrend:\n\nThe victory was won.",
        "BAKU, Azerbaijan, Apr.10",
        "BAKU",
        "Trend",
        None,
        4,
        10,
    ),
    # Reuters on line 8, two places.
    (
        "Headline\n\nBy Ana Lopes and Tom Reid\n\n3 min read\n\nOctober 6, 2023 3:12 PM GMT+4\n\n"
        "BAKU/YEREVAN, Oct 6 (Reuters) - Azerbaijan said on Friday.",
        "BAKU/YEREVAN, Oct 6 (Reuters)",
        "BAKU/YEREVAN",
        "Reuters",
        None,
        10,
        6,
    ),
    (
        "Headline\n\nStandfirst\n\nBy Elena Petrova\n\nMOSCOW (AA) - Mirzoyan said.",
        "MOSCOW (AA)",
        "MOSCOW",
        "AA",
        None,
        None,
        None,
    ),
    ("SOCHI (Azatutyun) — The leaders pledged.", "SOCHI (Azatutyun)", "SOCHI", "Azatutyun", None, None, None),
    ("Baku (AFP) – Azerbaijan said.", "Baku (AFP)", "Baku", "AFP", None, None, None),
    # Turan's place/date/agency, the date day first unless it cannot be (12.13.23 is December 13).
    ("Baku/12.13.23/Turan: Mirzoyan spoke.", "Baku/12.13.23/Turan", "Baku", "Turan", 2023, 12, 13),
    ("Baku/27.09.21 / Turan: Cavusoglu spoke.", "Baku/27.09.21 / Turan", "Baku", "Turan", 2021, 9, 27),
    ("Baku. TurkicWorld: Talks were held.", "Baku. TurkicWorld", "Baku", "TurkicWorld", None, None, None),
    # A place in capitals and a dash, the date above (the Astana Times, news.am).
    (
        "Headline\n\nBy Aibek Nurov in Nation on 10 May 2024\n\nASTANA – Kazakhstan said.",
        "ASTANA",
        "ASTANA",
        "",
        None,
        None,
        None,
    ),
    ("January 16\nShow news feed\n\nYEREVAN. – The ministry said.", "YEREVAN.", "YEREVAN", "", None, None, None),
    # Europa Press: day and abbreviated month, or the day alone.
    (
        "MADRID, 25 Oct. (EUROPA PRESS) - The government said.",
        "MADRID, 25 Oct. (EUROPA PRESS)",
        "MADRID",
        "EUROPA PRESS",
        None,
        10,
        25,
    ),
    (
        "MADRID, 17 (EUROPA PRESS) - Pashinyan said.",
        "MADRID, 17 (EUROPA PRESS)",
        "MADRID",
        "EUROPA PRESS",
        None,
        None,
        17,
    ),
]


@pytest.mark.parametrize(("article", "text", "place", "outlet", "year", "month", "day"), FURNISHED)
def test_forms_below_furniture(article, text, place, outlet, year, month, day):
    d = find_dateline(article)
    assert (d.text, d.place, d.outlet, d.year, d.month, d.day) == (text, place, outlet, year, month, day)
    assert article[d.start : d.end] == d.text


def test_a_headline_in_capitals_is_no_dateline():
    article = "UPDATE - Armenian minister says 'ready' to sign\n\nBy Elena Petrova\n\nMOSCOW (AA) - Mirzoyan said."
    assert find_dateline(article).text == "MOSCOW (AA)"


def test_numeric_date_keeps_both_readings():
    d = find_dateline("Baku/01.10.24/Turan: Bayramov spoke on Wednesday.")
    assert (d.year, d.month, d.day, d.readings) == (2024, 10, 1, ((10, 1), (1, 10)))
    assert find_dateline("Baku/12.13.23/Turan: Talks.").readings == ((12, 13),)


def test_weak_forms_only_above_the_story():
    story = "The foreign ministers of the two countries met in Almaty on Friday for a new round of talks."
    # A line of the story below it is not a dateline, though it starts with a place and a date.
    assert find_dateline(f"Headline\n{story}\nBAKU, Azerbaijan, May 15. By Anna Petrova") is None
    # An agency's dateline is found below a standfirst that reads as a sentence.
    d = find_dateline(f"Headline\n{story}\nMOSCOW, June 5. /TASS/. Russia is ready.")
    assert d.text == "MOSCOW, June 5. /TASS/."


def test_no_dateline():
    assert find_dateline("Russia is ready to help, Galuzin said on Wednesday.\nMOSCOW is far.") is None
    assert find_dateline("In May 15, people died.") is None
    assert find_dateline("Yerevan, May 15, the ministers met in Almaty.") is None  # no outlet named "the ministers"
    assert find_dateline("Armenia (updated) - talks resume") is None  # an undated dateline's place is in capitals
    assert find_dateline("") is None
    # Too far down to be a dateline: a dateline stands in the first fifteen lines.
    assert find_dateline("a\n" * 15 + "MOSCOW, June 5. /TASS/. Russia is ready.") is None
    assert find_dateline("a\n" * 14 + "MOSCOW, June 5. /TASS/. Russia is ready.").text == "MOSCOW, June 5. /TASS/."


def test_month_numbers():
    assert [month_number(m) for m in ("Jan", "FEBRUARY", "mar.", "Sept", "sep", "december")] == [1, 2, 3, 9, 9, 12]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "September 21, 2024 — YEREVAN (AP) — Armenia said.",
            ("September 21, 2024 — YEREVAN (AP)", "YEREVAN", "AP", 2024, 9, 21),
        ),
        ("Baku, 3 March 2024 /Trend/ - Azerbaijan said.", ("Baku, 3 March 2024 /Trend/", "Baku", "Trend", 2024, 3, 3)),
        ("Moscow. 5 June. INTERFAX - Russia said.", ("Moscow. 5 June. INTERFAX", "Moscow", "INTERFAX", None, 6, 5)),
        (
            "Baku, Azerbaijan, March 3 (AZERTAC). Azerbaijan said.",
            ("Baku, Azerbaijan, March 3 (AZERTAC)", "Baku", "AZERTAC", None, 3, 3),
        ),
        ("YEREVAN, 21.09.24. ARKA. The talks resumed.", ("YEREVAN, 21.09.24. ARKA", "YEREVAN", "ARKA", 2024, 9, 21)),
        (
            "Baku • 3 March 2024 • Report.az\nThe talks resumed.",
            ("Baku • 3 March 2024 • Report.az", "Baku", "Report.az", 2024, 3, 3),
        ),
        (
            "21 September 2024 10:42\nYerevan /Mediamax/. The talks resumed.",
            ("Yerevan /Mediamax/", "Yerevan", "Mediamax", 2024, 9, 21),
        ),
    ],
)
def test_loose_forms_of_outlets_not_seen_before(text, expected):
    d = find_dateline(text)
    assert (d.text, d.place, d.outlet, d.year, d.month, d.day) == expected
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "text",
    [
        "Talks to resume on March 3 - officials say\nMore text.",
        "No dateline here. Azerbaijan and Armenia met on March 3 in Baku.",
        "By March 3, 2024 (a Sunday) - nothing happened.",
    ],
)
def test_loose_reading_does_not_take_sentences_for_datelines(text):
    assert find_dateline(text) is None


def test_a_dateline_day_before_the_timestamp_above_it_is_warned():
    """The policy of `published`: the date above the dateline is the publication date, the dateline's day
    (the day the story was filed) up to two days before it; a day apart is now warned, both days named."""
    import datetime

    from caucasus_data.parse.published import publication_date

    text = (
        "Baku restates its terms\n\nJanuary 1, 2024 0:40 AM GMT+4\n\n"
        "BAKU, Dec 31 (Example Wire) - Azerbaijan said on Sunday that it was waiting for an answer.\n"
    )
    found = publication_date(text, find_dateline(text), datetime.date(2026, 1, 1))
    assert (found.date, found.method, found.problem) == (
        datetime.date(2024, 1, 1),
        "read from the date line above the dateline",
        None,
    )
    assert found.warnings == (
        "the dateline 'BAKU, Dec 31 (Example Wire)' gives 2023-12-31 but the date line 'January 1, 2024' above "
        "it gives 2024-01-01, which is taken (a dateline gives the day the story was filed; the lead's Sunday is "
        "2023-12-31): if the story's date is 2023-12-31, set published_date in curated/article_metadata.csv",
    )
    dated = " date 2023-10-10 \n2023-10-09 Yerevan /Example/. The envoys met."
    found = publication_date(dated, find_dateline(dated), datetime.date(2026, 1, 1))
    assert (found.date, found.warnings) == (
        datetime.date(2023, 10, 10),
        (
            "the dateline '2023-10-09 Yerevan /Example/.' gives 2023-10-09 but the page date '2023-10-10' above it "
            "gives 2023-10-10, which is taken (a dateline gives the day the story was filed): if the story's date "
            "is 2023-10-09, set published_date in curated/article_metadata.csv",
        ),
    )
    same = "March 13, 2025 4:10 PM GMT+4\n\nBAKU, March 13 (Example Wire) - The envoys met on Thursday.\n"
    assert publication_date(same, find_dateline(same), datetime.date(2026, 1, 1)).warnings == ()
