"""The publication date of an article, inferring the year when the dateline gives none.

The clues come from the text itself:

- the date is not before the latest year the text mentions as past (years that read as plans,
  "will be signed by 2030", do not count);
- it is not before any full date the text reports as past ("On 10-11 May 2024 negotiations were
  held" puts the article on or after 11 May 2024), nor before the first day of a month so reported;
- it falls on the weekday the lead names ("told TASS on Wednesday"), when it names exactly one;
- it is not after the build date.

Of the years that fit, the *earliest* is taken. The issue asked for "the latest year that is not in the
future"; read literally that gives the current year for any article whose clues are only lower bounds,
so `YEREVAN, MAY 15` (talks "on 10-11 May 2024") would come out as 2025 or 2026 instead of the required
2024-05-15. News reports recent events, so the years it mentions are its own year or just before it:
the earliest consistent year is the right reading. Only an article with nothing that bounds the year
from below (no clue, or only a weekday) gets the latest fitting date that is not after the build date;
its method says so, and the build warns that a later build may move it until an override fixes it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .dateline import MONTH, month_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d])")
# A year after these words is a deadline or plan, not a past the article looks back on.
FUTURE_CUE = re.compile(r"\b(?:by|until|till|through|before|in|to)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
FUTURE_VERB = re.compile(
    r"\b(?:will|shall|plan(?:s|ned)?|expect(?:s|ed)?|scheduled|aims?|target|upcoming"
    r"|next|to\s+be\s+held)\b",
    re.IGNORECASE,
)
# A sentence reads as past when it has a past-tense auxiliary or a lower-case "-ed" verb.
PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|held|met|took|signed|came|went|made|said|told|began|"
    r"[a-z]+ed)\b"
)
DAYS = r"(?P<day>\d{1,2})(?:\s*(?:-|–|and|to)\s*(?P<last>\d{1,2}))?"
FULL_DATES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{DAYS}\s+(?P<month>{MONTH})\s+(?P<year>\d{{4}})\b",  # 10-11 May 2024
        rf"\b(?P<month>{MONTH})\s+{DAYS},?\s+(?P<year>\d{{4}})\b",  # November 9, 2020 / May 10-11, 2024
        r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})\b",  # 2024-05-11
    )
]
MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH})\s+(?P<year>\d{{4}})\b", re.IGNORECASE)


class DateError(ValueError):
    """The date cannot be made from what the text gives."""


@dataclass(frozen=True)
class PublicationDate:
    date: datetime.date
    inferred: bool
    method: str
    # Nothing in the text bounds the year from below: a build in a later year may choose a later year.
    floating: bool = False


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (from the previous full stop or line break to the next)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left : min(stops) if stops else len(text)]


def past_years(text: str) -> list[int]:
    """Years the text mentions, less those that read as plans ("will be signed by 2030").

    >>> past_years("talks in May 2023 and July 2023; a treaty will be signed by 2030")
    [2023, 2023]
    """
    years = []
    for match in YEAR.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        before = text[sentence_start : match.start()]
        if FUTURE_VERB.search(before) and FUTURE_CUE.search(before):
            continue
        years.append(int(match.group(1)))
    return years


def _reads_past(sentence: str) -> bool:
    return bool(PAST_VERB.search(sentence)) and not FUTURE_VERB.search(sentence)


def past_dates(text: str) -> list[tuple[datetime.date, str]]:
    """Full dates in sentences that report them as past, with their words; a range gives its last day.

    >>> past_dates("On 10-11 May 2024 negotiations were held. Talks will be held on 3 June 2025.")
    [(datetime.date(2024, 5, 11), '10-11 May 2024')]
    """
    found = []
    for form in FULL_DATES:
        for match in form.finditer(text):
            groups = match.groupdict()
            month = int(groups["nmonth"]) if groups.get("nmonth") else month_number(groups["month"])
            try:
                day = datetime.date(int(groups["year"]), month, int(groups.get("last") or groups["day"]))
            except ValueError:  # not a calendar date, e.g. "31 June 2024"
                continue
            if _reads_past(_sentence(text, match.start(), match.end())):
                found.append((day, match.group(0)))
    return sorted(found)


def past_months(text: str) -> list[tuple[datetime.date, str]]:
    """First days of months named with a year ("in July 2023") in sentences that read as past.

    >>> past_months("Moscow hosted talks in May 2023 and July 2023.")
    [(datetime.date(2023, 5, 1), 'May 2023'), (datetime.date(2023, 7, 1), 'July 2023')]
    """
    found = []
    for match in MONTH_YEAR.finditer(text):
        if _reads_past(_sentence(text, match.start(), match.end())):
            first = datetime.date(int(match.group("year")), month_number(match.group("month")), 1)
            found.append((first, match.group(0).strip()))
    return sorted(found)


def lead_weekday(text: str, lead_start: int = 0) -> int | None:
    """The weekday (0 = Monday) named in the paragraph starting at `lead_start`, if exactly one is.

    >>> lead_weekday("MOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday.\\nOn Monday...")
    2
    """
    end = text.find("\n", lead_start)
    lead = text[lead_start : end if end >= 0 else len(text)]
    named = {WEEKDAYS.index(m.group(1).lower()) for m in WEEKDAY.finditer(lead)}
    return named.pop() if len(named) == 1 else None


def _lower_bound(text: str) -> tuple[datetime.date | None, list[str]]:
    """The earliest date the article can have by what it reports as past, and the clues that say so."""
    bounds, clues = [], []
    years = past_years(text)
    if years:
        bounds.append(datetime.date(max(years), 1, 1))
        clues.append(f"not before {max(years)} (the latest year the text mentions as past)")
    for found in (past_dates(text), past_months(text)):
        if found and (not bounds or found[-1][0] > max(bounds)):
            bounds.append(found[-1][0])
            clues.append(f"not before {found[-1][0].isoformat()} (the text reports {found[-1][1]!r} as past)")
    return (max(bounds) if bounds else None), clues


def infer_year(month: int, day: int, text: str, today: datetime.date, lead_start: int = 0) -> PublicationDate:
    """Publication date for a dateline day without a year (see the module docstring for the rule).

    >>> infer_year(6, 5, "told TASS on Wednesday. Talks were in May 2023.", datetime.date(2026, 11, 22))
    PublicationDate(date=datetime.date(2024, 6, 5), inferred=True, method="year inferred, the earliest that fits: not before 2023 (the latest year the text mentions as past), not before 2023-05-01 (the text reports 'May 2023' as past), a Wednesday (named in the lead)", floating=False)
    """
    floor, clues = _lower_bound(text)
    weekday = lead_weekday(text, lead_start)
    if weekday is not None:
        clues.append(f"a {WEEKDAYS[weekday].capitalize()} (named in the lead)")
    if floor is None:
        # Nothing bounds the date from below: the latest fitting date not after the build date.
        years = range(today.year, today.year - 29, -1)  # 28 years hold every weekday of every date
    else:
        years = range(floor.year, today.year + 1)
    for year in years:
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        if (
            (floor is None or candidate >= floor)
            and candidate <= today
            and (weekday is None or candidate.weekday() == weekday)
        ):
            how = (
                "the earliest that fits"
                if floor is not None
                else f"the latest that fits up to the build date {today.isoformat()}"
            )
            return PublicationDate(
                candidate, True, f"year inferred, {how}: " + ", ".join(clues or ["no clue"]), floating=floor is None
            )
    raise DateError(
        f"no year up to {today.year} fits {month:02d}-{day:02d}" + (f" ({', '.join(clues)})" if clues else "")
    )
