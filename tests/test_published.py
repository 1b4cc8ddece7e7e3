"""Publication dates of articles written in outlets' forms: read from the furniture or the dateline,
inferred, or refused with the reason; timestamps and date lines above the dateline."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from caucasus_data.parse.dateline import find_dateline
from caucasus_data.parse.furniture import header_dates, headline, story_start
from caucasus_data.parse.published import publication_date

D = datetime.date
TODAY = D(2026, 1, 1)
ARTICLES = Path(__file__).parent / "articles"


def published(text: str, today: datetime.date = TODAY):
    return publication_date(text, find_dateline(text), today)


@pytest.mark.parametrize(
    ("name", "date", "method"),
    [
        ("menafn_page_date.txt", D(2024, 1, 18), "read from the page date above the dateline"),
        ("trend_date_line.txt", D(2024, 1, 4), "read from the date line above the dateline"),
        ("reuters_line8.txt", D(2023, 10, 6), "read from the date line above the dateline"),
        ("aa_undated_dateline.txt", D(2024, 5, 16), "read from the page date above the dateline"),
        ("turkicworld_page_date.txt", D(2024, 3, 5), "read from the page date above the dateline"),
        ("astana_times_byline.txt", D(2024, 5, 10), "read from the date line above the dateline"),
        ("europapress_day_only.txt", D(2023, 9, 17), "read from the page date above the dateline"),
        ("azatutyun_hard_wrapped.txt", D(2024, 1, 17), "read from the date line above the story"),
        ("turan_truncated.txt", D(2023, 12, 13), "read from the dateline"),
        # 01.10.24 is 1 October or January 10; the lead's Wednesday is January 10.
        ("turan_month_first.txt", D(2024, 1, 10), "read from the dateline"),
    ],
)
def test_dates_read_from_the_top_of_the_article(name, date, method):
    found = published((ARTICLES / name).read_text(encoding="utf-8"))
    assert (found.date, found.inferred, found.method, found.problem, found.warnings) == (date, False, method, None, ())


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        # news.am's page gives the day without its year, the dateline no date, the text no year.
        (
            "newsam_no_year.txt",
            "the publication date cannot be made from the date line 'January 16': nothing in the text bounds "
            "the year of 01-16 from below (a Tuesday (named in the lead))",
        ),
        ("armenpress_no_date.txt", "no date was found at the top of the article (no dateline, no date line)"),
        ("aa_uncurated_minister.txt", "the dateline 'ANKARA (AA)' gives no date and no line above it does"),
        # November 10 and Friday, with 1991 as the latest past year: several years fit; 2024 (the year
        # of `from January 1, 2024`) is no candidate.
        (
            "tass_future_year.txt",
            "the publication date cannot be made from the dateline 'YEREVAN, November 10. /TASS/.': 1995, 2000, "
            "2006 or 2017 (and more) fit 11-10 (not before 1991 (the latest year the text mentions as past), a "
            "Friday (named in the lead))",
        ),
    ],
)
def test_articles_that_do_not_give_their_date_are_refused(name, problem):
    found = published((ARTICLES / name).read_text(encoding="utf-8"))
    assert (found.date, found.problem) == (None, problem)


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
        "9/21/2024 5:11:38 AM",
        "Politics Materials 21 September 2024 10:42 (UTC +04:00)",
        "by Lilit September 21, 2024",
        "Published September 21,2024",
    ],
)
def test_a_timestamp_or_date_line_gives_the_year(stamp):
    found = published(f"{stamp}\nYEREVAN, SEPTEMBER 21, ARMENPRESS. Talks resumed.")
    assert (found.date, found.inferred) == (D(2024, 9, 21), False)
    assert found.method == "read from the date line above the dateline"


def test_a_day_above_the_story_without_its_year_is_read_as_a_datelines():
    text = (
        "January 16\nShow news feed\n\nYEREVAN. – The ministry said on Tuesday it had sent its comments, "
        "after the talks held in May 2023."
    )
    found = published(text)
    assert (found.date, found.inferred) == (D(2024, 1, 16), True)
    assert found.method == (
        "year inferred, the only year that fits: not before 2023 (the latest year the text mentions as past), "
        "not before 2023-05-01 (the text reports 'May 2023' as past), a Tuesday (named in the lead)"
    )


def test_the_page_date_wins_over_the_dateline_day_when_near():
    # The dateline says when the story was filed; the timestamp, when it was published.
    assert published("00:15, 22 September 2024\nYEREVAN, SEPTEMBER 21, ARMENPRESS. Talks.").date == D(2024, 9, 22)
    far = published("00:15, 30 September 2024\nYEREVAN, SEPTEMBER 21, ARMENPRESS. Talks.")
    assert (far.date, far.problem) == (
        None,
        "the dateline 'YEREVAN, SEPTEMBER 21, ARMENPRESS.' does not fit the date 2024-09-30 above it",
    )


def test_an_updated_date_is_not_the_publication_date():
    found = published("March 13, 2025 4:10 PM GMT+4 Updated March 14, 2025\nBAKU, March 13 (Reuters) - Talks.")
    assert found.date == D(2025, 3, 13)


def test_dates_above_that_disagree_are_refused():
    found = published(" date 2024-03-01 \n2 March 2024\nHeadline of the story\nBAKU (AFP) - Talks resumed.")
    assert found.problem == "the lines above the story give several dates (2024-03-01, 2024-03-02)"


def test_a_numeric_date_that_could_be_either_is_read_by_the_text_or_by_convention():
    # 01/02/2024: January 2 (a Tuesday) by the US convention of a slash, February 1 otherwise.
    told = published("RFE/RL Armenian Service – 01/02/2024\nBAKU (AFP) - Azerbaijan said on Thursday it was ready.")
    assert (told.date, told.warnings) == (D(2024, 2, 1), ())
    guessed = published("RFE/RL Armenian Service – 01/02/2024\nBAKU (AFP) - Azerbaijan said it was ready.")
    assert (guessed.date, guessed.warnings) == (
        D(2024, 1, 2),
        ("the date '01/02/2024' is read as 2024-01-02 by convention; it may be 2024-02-01",),
    )
    dotted = published("01.02.2024 10:42\nBAKU (AFP) - Azerbaijan said it was ready.")
    assert dotted.date == D(2024, 2, 1)  # a dot: day first


def test_a_dateline_with_its_year_agreeing_with_the_page():
    text = " date 2023-10-09 Yerevan /Mediamax/. Galuzin said the talks would go on."
    assert (published(text).date, published(text).method) == (D(2023, 10, 9), "read from the dateline")
    text = " date 2023-10-12 \n2023-10-09 Yerevan /Mediamax/. Galuzin said."
    assert published(text).problem == "the dateline says 2023-10-09 but the lines above it say 2023-10-12"


def test_an_inferred_year_that_only_the_build_date_makes_unique_warns():
    text = "MOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday. Talks were held in July 2023."
    found = published(text)
    assert (found.date, found.inferred) == (D(2024, 6, 5), True)
    assert found.warnings == (
        "the year of 2024-06-05 is the only one that fits up to the build date; from 2030-06-05 on, 2030 fits "
        "too and a build will refuse the article: set published_date in curated/article_metadata.csv to keep it",
    )


def test_header_dates_and_headlines_of_furniture():
    text = (
        " date 2024-01-04 Politics Materials 4 January 2024 12:04 (UTC +04:00)\n"
        "Baku says talks resume\nBy Anna Petrova\n3 min read\nBAKU, Azerbaijan, January 4\n"
    )
    anchor = text.index("BAKU,")
    assert [(d.text, d.source, d.updated) for d in header_dates(text, anchor)] == [
        ("2024-01-04", "page date", False),
        ("4 January 2024", "date line", False),
    ]
    assert headline(text, anchor) == "Baku says talks resume"
    # A headline that names a date is no date line.
    assert header_dates("Talks were held on 10 May 2024 in Almaty\nYEREVAN, MAY 15, ARMENPRESS.", 41) == []


def test_the_story_starts_at_the_first_sentence_of_some_length():
    text = (
        "Headline\n\nBy Anna Petrova\n\nThe foreign ministers of the two countries met in Almaty on Friday for talks."
    )
    assert text[story_start(text) :].startswith("The foreign ministers")
