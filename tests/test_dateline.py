"""Datelines: the seeds' three forms, the other agency forms, any case, abbreviations, timestamps."""

from __future__ import annotations

import pytest
from conftest import ARMENPRESS, MEDIAMAX, TASS, seed_text

from caucasus_data.parse.dateline import find_dateline, headline, month_number


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
    assert headline(text, d) == ""


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


@pytest.mark.parametrize(
    "stamp",
    [
        "10:42, 21 September 2024",
        "10:42 21 Sep 2024",
        "21 September 2024, 10:42",
        "September 21, 2024 10:42 am",
        "10:42 AM, Sept. 21, 2024",
        "21.09.2024 10:42",
        "2024-09-21",
        "  10:42, 21 SEPTEMBER 2024  ",
    ],
)
def test_timestamp_line_gives_the_year(stamp):
    article = f"{stamp}\nYEREVAN, SEPTEMBER 21, ARMENPRESS. Talks resumed."
    d = find_dateline(article)
    assert (d.year, d.month, d.day, d.source) == (2024, 9, 21, "timestamp")
    assert (d.start, d.text) == (article.index("YEREVAN"), "YEREVAN, SEPTEMBER 21, ARMENPRESS.")


def test_timestamp_date_wins_over_the_dateline_day():
    # The dateline says when the story was filed; the timestamp, when it was published.
    d = find_dateline("00:15, 22 September 2024\nYEREVAN, SEPTEMBER 21, ARMENPRESS. Talks resumed.")
    assert (d.year, d.month, d.day) == (2024, 9, 22)


def test_headline_and_timestamp_above_the_dateline():
    article = "Galuzin: Moscow ready to help\n\n10:42, 5 June 2024\nMOSCOW, June 5. /TASS/. Russia is ready."
    d = find_dateline(article)
    assert (d.start, d.end, d.year, d.source) == (50, 73, 2024, "timestamp")
    assert headline(article, d) == "Galuzin: Moscow ready to help"


def test_undated_dateline_takes_the_timestamp_date():
    d = find_dateline("10:42, 21 September 2024\nYEREVAN, Armenia (AP) — Talks resumed.")
    assert (d.text, d.outlet, d.year, d.month, d.day, d.source) == (
        "YEREVAN, Armenia (AP)",
        "AP",
        2024,
        9,
        21,
        "timestamp",
    )


def test_crlf_and_byte_order_mark():
    article = "\ufeffHeadline\r\n\r\n10:42, 5 June 2024\r\nMOSCOW, June 5. /TASS/. Russia is ready.\r\n"
    d = find_dateline(article)
    assert (d.start, d.text, d.year, d.source) == (33, "MOSCOW, June 5. /TASS/.", 2024, "timestamp")
    assert headline(article, d) == "Headline"
    d = find_dateline("\ufeffYEREVAN, MAY 15, ARMENPRESS. Talks.")
    assert (d.start, d.end, d.text) == (1, 29, "YEREVAN, MAY 15, ARMENPRESS.")


def test_no_dateline():
    assert find_dateline("Russia is ready to help, Galuzin said on Wednesday.\nMOSCOW is far.") is None
    assert find_dateline("In May 15, people died.") is None
    assert find_dateline("Yerevan, May 15, the ministers met in Almaty.") is None  # no outlet named "the ministers"
    assert find_dateline("Armenia (updated) - talks resume") is None  # an undated dateline's place is in capitals
    assert find_dateline("") is None
    # Too far down to be a dateline: a dateline stands in the first lines.
    assert find_dateline("a\nb\nc\nd\nMOSCOW, June 5. /TASS/. Russia is ready.") is None


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
