"""The publication date of an article, inferring the year when the dateline gives none.

A year is inferred from what the text says: it is not earlier than any year the text mentions as past,
it agrees with a weekday the lead paragraph gives ("told TASS on Wednesday"), and the date is not in the
future. Of the years that remain, the earliest is taken: news reports recent events, so the years the
text mentions are close to its own (for `YEREVAN, MAY 15` with talks "on 10-11 May 2024", 2024, not the
current year).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d])")
# A year after these words is a deadline or plan, not a past the article looks back on.
FUTURE_CUE = re.compile(r"\b(?:by|until|till|through|before|in|to)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
FUTURE_VERB = re.compile(r"\b(?:will|plan(?:s|ned)?|expect(?:s|ed)?|scheduled|aims?|target)\b", re.IGNORECASE)


class DateError(ValueError):
    """The date cannot be made from what the text gives."""


@dataclass(frozen=True)
class PublicationDate:
    date: datetime.date
    inferred: bool
    method: str


def past_years(text: str) -> list[int]:
    """Years the text mentions, less those that read as plans ("will be signed by 2030").

    >>> past_years("talks in May 2023 and July 2023; a treaty will be signed by 2030")
    [2023, 2023]
    """
    years = []
    for match in YEAR.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        before = text[sentence_start:match.start()]
        if FUTURE_VERB.search(before) and FUTURE_CUE.search(before):
            continue
        years.append(int(match.group(1)))
    return years


def lead_weekday(text: str) -> int | None:
    """The weekday (0 = Monday) named in the first paragraph, if exactly one is."""
    lead = text.strip().split("\n", 1)[0]
    named = {WEEKDAYS.index(m.group(1).lower()) for m in WEEKDAY.finditer(lead)}
    return named.pop() if len(named) == 1 else None


def infer_year(month: int, day: int, text: str, today: datetime.date) -> PublicationDate:
    """Publication date for a dateline day without a year.

    >>> infer_year(6, 5, "told TASS on Wednesday. Talks were in May 2023.", datetime.date(2026, 11, 22))
    PublicationDate(date=datetime.date(2024, 6, 5), inferred=True, method='year inferred: not before 2023 (the latest year the text mentions), a Wednesday (named in the lead)')
    """
    years = past_years(text)
    floor = max(years, default=None)
    weekday = lead_weekday(text)
    clues = []
    if floor is not None:
        clues.append(f"not before {floor} (the latest year the text mentions)")
    if weekday is not None:
        clues.append(f"a {WEEKDAYS[weekday].capitalize()} (named in the lead)")
    first = floor if floor is not None else today.year
    candidates = []
    for year in range(first, today.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:  # 29 February
            continue
        if candidate <= today and (weekday is None or candidate.weekday() == weekday):
            candidates.append(candidate)
    if not candidates:
        raise DateError(f"no year from {first} to {today.year} fits {month:02d}-{day:02d}"
                        + (f" ({', '.join(clues)})" if clues else ""))
    # With no clue at all, the latest past date is the only reading left.
    chosen = candidates[0] if clues else candidates[-1]
    if not clues:
        clues.append(f"the latest such date not after the build date {today.isoformat()}")
    return PublicationDate(chosen, True, "year inferred: " + ", ".join(clues))
