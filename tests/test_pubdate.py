"""The year of a dateline without one: the years every clue allows, exactly one, or a refusal."""

from __future__ import annotations

import datetime

import pytest
from conftest import ARMENPRESS, MEDIAMAX, TASS, seed_text

from caucasus_data.parse.dateline import find_dateline
from caucasus_data.parse.pubdate import (
    DateError,
    future_dates,
    infer_year,
    lead_weekday,
    past_dates,
    past_months,
    past_years,
)

D = datetime.date
TODAY = D(2026, 1, 1)

TASS_METHOD = (
    "year inferred, the only year that fits: not before 2023 (the latest year the text mentions as past), "
    "not before 2023-07-01 (the text reports 'July 2023' as past), a Wednesday (named in the lead)"
)
ARMENPRESS_METHOD = (
    "year inferred, the only year that fits: not before 2024 (the latest year the text mentions as "
    "past), not before 2024-05-11 (the text reports '10-11 May 2024' as past), before 2025-05-11 (the "
    "lead's 'May 10-11' is the '10-11 May 2024' the text dates)"
)


def _infer(article: str, today: datetime.date = TODAY):
    d = find_dateline(article)
    return infer_year(d.month, d.day, article, today, d.start)


@pytest.mark.parametrize(
    ("stem", "date", "method", "later"),
    [
        (TASS, D(2024, 6, 5), TASS_METHOD, D(2030, 6, 5)),  # from 2030 on, a later Wednesday fits too
        (ARMENPRESS, D(2024, 5, 15), ARMENPRESS_METHOD, None),  # the text bounds it from above
    ],
)
def test_seed_years_are_inferred(stem, date, method, later):
    found = _infer(seed_text(stem))
    assert (found.date, found.inferred, found.method, found.later) == (date, True, method, later)


@pytest.mark.parametrize("today", [D(2024, 6, 5), D(2026, 11, 22), D(2030, 6, 4)])
def test_seed_years_until_another_year_fits(today):
    assert _infer(seed_text(TASS), today).date == D(2024, 6, 5)
    assert _infer(seed_text(ARMENPRESS), today).date == D(2024, 5, 15)


def test_a_build_after_another_year_fits_refuses():
    with pytest.raises(DateError, match=r"^2024 or 2030 fit 06-05"):
        _infer(seed_text(TASS), D(2030, 6, 5))
    assert _infer(seed_text(ARMENPRESS), D(2040, 1, 1)).date == D(2024, 5, 15)


def test_mediamax_date_is_read():
    d = find_dateline(seed_text(MEDIAMAX))
    assert (d.year, d.month, d.day, d.source) == (2023, 10, 9, "dateline")


def test_several_years_fit_and_the_article_is_refused():
    # Talks of 2024 as past: 8 May 2024 and 8 May 2025 both fit; neither is chosen.
    with pytest.raises(DateError, match=r"^2024 or 2025 fit 05-08 \(not before 2024"):
        _infer("YEREVAN, MAY 8, ARMENPRESS. Talks went well.\nNegotiations were held in 2024 in Almaty.")


def test_a_full_date_reported_as_past_bounds_the_date():
    # 8 May 2024 would precede talks the article reports as held on 10-11 May 2024.
    past = (
        "YEREVAN, MAY 8, ARMENPRESS. Talks went well on Thursday.\nOn 10-11 May 2024 negotiations were held in Almaty."
    )
    found = _infer(past)
    assert found.date == D(2025, 5, 8)  # a Thursday; 8 May 2026 is after the build date
    assert "not before 2024-05-11 (the text reports '10-11 May 2024' as past)" in found.method


def test_a_date_after_from_or_by_is_no_past():
    """`dissolving the republic from January 1, 2024` in an article of November 2023: the sentence is past,
    the date it names is not, and must not make the article's year 2024."""
    article = (
        "YEREVAN, November 10. /TASS/. Pashinyan said on Friday he hoped to sign the treaty.\n"
        "In 2019 the two leaders met in Vienna.\n"
        "On September 28, the separatist leader signed a decree dissolving the republic from January 1, 2024."
    )
    assert past_years(article) == [2019]
    with pytest.raises(DateError, match=r"^2023 or 2028 fit 11-10"):
        _infer(article, D(2030, 1, 1))


def test_a_date_announced_as_future_bounds_the_date_from_above():
    article = (
        "BAKU, March 3 (Reuters) - Azerbaijan said the border commissions met.\n"
        "The ministers met in Almaty in May 2021.\n"
        "The next round will be held on 10 January 2023 in Tbilisi."
    )
    found = _infer(article)
    assert found.date == D(2022, 3, 3)
    assert "not after 2023-01-10 (the text announces '10 January 2023')" in found.method
    assert found.later is None


def test_weekday_in_the_lead_picks_the_year():
    article = "MOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday. Talks were held in 2021."
    assert _infer(article).date == D(2024, 6, 5)
    article = "MOSCOW, June 5. /TASS/. Galuzin told TASS on Monday. Talks were held in 2021."
    assert _infer(article).date == D(2023, 6, 5)
    # After 2019 two Wednesdays fall on June 5 up to the build date: no choice between them.
    with pytest.raises(DateError, match=r"^2019 or 2024 fit 06-05"):
        _infer("MOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday. Talks were held in 2019.")


def test_weekday_is_read_in_the_dateline_paragraph_not_the_headline():
    article = "Friday talks in Baku\nMOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday. Talks were in 2021."
    assert lead_weekday(article, find_dateline(article).start) == 2
    assert _infer(article).date == D(2024, 6, 5)


def test_nothing_from_below_is_a_refusal():
    with pytest.raises(DateError, match=r"^nothing in the text bounds the year of 06-05 from below"):
        _infer("MOSCOW, June 5. /TASS/. Russia is ready to help.")
    with pytest.raises(DateError, match=r"nothing in the text bounds .* \(a Wednesday \(named in the lead\)\)"):
        _infer("MOSCOW, June 5. /TASS/. Galuzin spoke on Wednesday.")


def test_no_year_fits():
    with pytest.raises(DateError, match="no year up to 2026 fits 03-01"):
        _infer("MOSCOW, March 1. /TASS/. Talks were held on 10 June 2026.", D(2026, 3, 1))


def test_plans_are_not_past_years():
    assert past_years("The treaty will be signed by 2030. Talks were held in 2023 and 1991.") == [2023, 1991]
    assert past_years("The 2020-2022 agreements were signed.") == [2020]
    assert past_years("the 2020-2022 agreements") == []  # no verb says it is past


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
        ("It was extended until 5 June 2025.", []),  # looks forward
    ],
)
def test_past_dates(sentence, expected):
    assert past_dates(sentence) == expected


def test_future_dates():
    assert future_dates("Talks will be held on 3 June 2025. He said talks will resume on 4 June 2025.") == [
        (D(2025, 6, 3), "3 June 2025")  # the second is reported speech: past and future at once
    ]


def test_past_months():
    # `by June 2023, there was a general understanding`: looks forward from before June 2023.
    assert past_months(seed_text(ARMENPRESS)) == [(D(2024, 5, 1), "May 2024")]


def test_a_document_named_by_its_date_in_a_future_sentence_is_no_plan():
    """`will work under the protocol of 19 April 2024`: the protocol exists; its date bounds nothing from
    above, so 2023 to 2025 all fit and the article is refused."""
    article = (
        "MOSCOW, June 5. /TASS/. The envoys met in Minsk in May 2023.\n"
        "The working group will keep to the protocol of 19 April 2024."
    )
    assert future_dates(article) == []
    with pytest.raises(DateError) as refused:
        _infer(article)
    assert str(refused.value) == (
        "2023, 2024 or 2025 fit 06-05 (not before 2023 (the latest year the text mentions as past), not before "
        "2023-05-01 (the text reports 'May 2023' as past))"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The sides will honour the agreement signed on 19 April 2024.",
        "The sides will honour the 19 April 2024 statement.",
        "The truce in force since 19 April 2024 will hold.",
    ],
)
def test_dates_of_documents_and_earlier_events_are_not_announced(sentence):
    assert future_dates(sentence) == []


def test_a_plan_to_sign_on_a_date_is_still_announced():
    assert future_dates("The document will be signed on 3 June 2025.") == [(D(2025, 6, 3), "3 June 2025")]


@pytest.mark.parametrize(
    "lead",
    [
        "MOSCOW, June 5. /TASS/. Rudenko told TASS that the envoys will meet on Friday. They last met in May 2023.",
        "MOSCOW, June 5. /TASS/. Rudenko said the envoys would meet on Friday. They last met in May 2023.",
        "MOSCOW, June 5. /TASS/. The envoys are to meet on Friday, Rudenko said. They last met in May 2023.",
        "MOSCOW, June 5. /TASS/. Rudenko said the envoys plan to meet next Friday. They last met in May 2023.",
        "MOSCOW, June 5. /TASS/. On Friday the envoys will meet in Minsk. They last met in May 2023.",
    ],
)
def test_a_weekday_of_a_plan_is_not_the_publication_weekday(lead):
    assert lead_weekday(lead) is None
    with pytest.raises(DateError) as refused:
        _infer(lead)
    assert str(refused.value) == (
        "2023, 2024 or 2025 fit 06-05 (not before 2023 (the latest year the text mentions as past), not before "
        "2023-05-01 (the text reports 'May 2023' as past))"
    )


@pytest.mark.parametrize(
    ("lead", "weekday"),
    [
        ("MOSCOW, June 5. /TASS/. Rudenko told reporters on Wednesday that the envoys will meet on Friday.", 2),
        ("MOSCOW, June 5. /TASS/. The envoys will meet next Friday, Rudenko said on Wednesday.", 2),
        ("MOSCOW, June 5. /TASS/. On Wednesday, Rudenko said the envoys would meet soon.", 2),
        ("BAKU, Dec 31 (Reuters) - The ministry said on Sunday that it was ready.", 6),
        ("MOSCOW, June 5. /TASS/. Rudenko spoke last Friday.", None),
    ],
)
def test_the_weekday_of_the_reported_act(lead, weekday):
    assert lead_weekday(lead) == weekday


@pytest.mark.parametrize(
    "sentence",
    [
        "Mirzoyan said the vote would take place in 2026.",
        "Mirzoyan said the vote is to take place in 2026.",
        "Mirzoyan said the vote was to take place in 2026.",
    ],
)
def test_a_year_in_reported_future_speech_is_no_past(sentence):
    assert past_years(sentence) == []
    assert past_dates(sentence.replace("in 2026", "on 3 June 2026")) == []
    assert future_dates(sentence.replace("in 2026", "on 3 June 2026")) == []


def test_a_reported_future_year_gives_no_lower_bound():
    with pytest.raises(DateError) as refused:
        _infer("YEREVAN, MAY 15, ARMENPRESS. Mirzoyan said the vote would take place in 2026.", D(2026, 11, 22))
    assert str(refused.value) == (
        "nothing in the text bounds the year of 05-15 from below (the text gives no clue to its year)"
    )
