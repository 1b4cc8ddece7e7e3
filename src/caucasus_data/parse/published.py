"""An article's publication date from everything at its top: the dateline, the furniture's dates, and,
for a dateline without a year, the year the text allows (`pubdate`).

- A date the furniture gives (a page's ` date ` line, a timestamp, a date line) is the publication
  date; a dateline's own day (the day the story was filed) may be up to two days before it, with a
  warning that names both days (`BAKU, Dec 31` under `January 1, 2024 1:10 AM`: the reader decides
  whether the story's date is the day it was filed). A dateline that gives the whole date is read as it
  is when the furniture agrees or gives none.
- A furniture date and a dateline that disagree by more than that, or dates in the furniture that
  disagree with each other, are refused: the reader decides, with the override.
- A numeric date whose day and month can trade places (`01/02/2024`, `Baku/05.06.23/Turan`) is read
  the way the dateline's own day, another date of the furniture, or the weekday the lead names tells;
  failing those, by convention (a slash month first, a dot day first), with a warning.
- A day and month above the story without a year (news.am's `January 16`) is read as a dateline's: its
  year is inferred from the text.
- No date anywhere is refused, with the override row to add; an override may then say `unknown`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .dateline import Dateline
from .furniture import HeaderDate, header_dates, header_days, story_start
from .layout import unwrap
from .pubdate import WEEKDAYS, DateError, infer_year, lead_weekday

NEAR_DAYS = 2  # a dateline's day may be this many days before the date its page gives


@dataclass(frozen=True)
class Published:
    """The publication date, how it was obtained, or why it cannot be made (`problem`)."""

    date: datetime.date | None
    inferred: bool = False
    method: str = ""
    problem: str | None = None
    warnings: tuple[str, ...] = field(default=())


def _near(dateline_day: datetime.date, published: datetime.date) -> bool:
    return 0 <= (published - dateline_day).days <= NEAR_DAYS


def _on_dateline_day(dateline: Dateline, day: datetime.date) -> bool:
    """Whether `day` can be the publication of a dateline that gives a month and day but no year."""
    if dateline.month is None or dateline.day is None:
        return False
    for year in (day.year - 1, day.year):
        try:
            if _near(datetime.date(year, dateline.month, dateline.day), day):
                return True
        except ValueError:  # 29 February
            continue
    return False


def _dateline_day(dateline: Dateline, published: datetime.date) -> datetime.date | None:
    """The day a dateline without a year gives, in the year that puts it near `published`."""
    if dateline.month is None or dateline.day is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            day = datetime.date(year, dateline.month, dateline.day)
        except ValueError:  # 29 February
            continue
        if _near(day, published):
            return day
    return None


def _filed_earlier(
    dateline: Dateline, filed: datetime.date, published: datetime.date, found: list[HeaderDate], weekday: int | None
) -> str:
    """The warning for a dateline's day before the furniture's date, which is taken (the module docstring)."""
    stamp = next((d for d in found if published in d.readings), None)
    above = f"the {stamp.source} {stamp.text!r}" if stamp else "the line"
    why = "a dateline gives the day the story was filed"
    if weekday is not None and filed.weekday() == weekday != published.weekday():
        why += f"; the lead's {WEEKDAYS[weekday].capitalize()} is {filed.isoformat()}"
    return (
        f"the dateline {dateline.text!r} gives {filed.isoformat()} but {above} above it gives "
        f"{published.isoformat()}, which is taken ({why}): if the story's date is {filed.isoformat()}, set "
        "published_date in curated/article_metadata.csv"
    )


def _choose(dates: list[HeaderDate], dateline: Dateline | None, weekday: int | None) -> tuple[list, list[str]]:
    """The distinct publication dates of the furniture, each numeric one read as the text tells; and
    warnings for those read by convention."""
    plain = {d.readings[0] for d in dates if len(d.readings) == 1}
    chosen, warnings = [], []
    for found in dates:
        if len(found.readings) == 1:
            chosen.append(found.readings[0])
            continue
        told = [
            r
            for r in found.readings
            if r in plain
            or (dateline is not None and dateline.month is not None and _on_dateline_day(dateline, r))
            or (weekday is not None and r.weekday() == weekday)
        ]
        if len(told) == 1:
            chosen.append(told[0])
        else:
            chosen.append(found.readings[0])
            other = found.readings[1]
            warnings.append(
                f"the date {found.text!r} is read as {found.readings[0].isoformat()} by convention; it may be "
                f"{other.isoformat()}"
            )
    return sorted(set(chosen)), warnings


def _from_dateline(dateline: Dateline, weekday: int | None) -> tuple[datetime.date | None, list[str]]:
    """The whole date a dateline gives, its numeric readings told apart by the weekday if they can be."""
    if dateline.year is None or dateline.month is None or dateline.day is None:
        return None, []
    readings = dateline.readings or ((dateline.month, dateline.day),)
    days = []
    for month, day in readings:
        try:
            days.append(datetime.date(dateline.year, month, day))
        except ValueError:
            continue
    if not days:
        return None, []
    if len(days) > 1:
        told = [d for d in days if weekday is not None and d.weekday() == weekday]
        if len(told) == 1:
            return told[0], []
        return days[0], [
            f"the dateline's date {dateline.text!r} is read day first as {days[0].isoformat()}; it may be "
            f"{days[1].isoformat()}"
        ]
    return days[0], []


def publication_date(text: str, dateline: Dateline | None, today: datetime.date) -> Published:
    """The publication date of an article (see the module docstring).

    >>> from caucasus_data.parse.dateline import find_dateline
    >>> t = " date 2024-01-18 (MENAFN- Trend News Agency) BAKU, Azerbaijan, January 18 . Talks resumed."
    >>> publication_date(t, find_dateline(t), datetime.date(2026, 1, 1)).date
    datetime.date(2024, 1, 18)
    """
    anchor = dateline.start if dateline else story_start(text)
    view = unwrap(text)
    weekday = lead_weekday(view, anchor)
    found = [d for d in header_dates(text, anchor) if not d.updated]
    days, warnings = _choose(found, dateline, weekday)
    source = found[0].source if found else ""
    if dateline is not None and dateline.year is not None and dateline.month is not None:
        day, more = _from_dateline(dateline, weekday)
        if day is None:
            return Published(None, problem=f"the dateline {dateline.text!r} gives no calendar date")
        later = [d for d in days if d != day]
        if not later:
            return Published(day, method=f"read from the {dateline.source}", warnings=tuple(more))
        if len(later) == 1 and _near(day, later[0]):
            warnings.append(_filed_earlier(dateline, day, later[0], found, weekday))
            return Published(later[0], method=f"read from the {source} above the dateline", warnings=tuple(warnings))
        listed = ", ".join(d.isoformat() for d in later)
        return Published(None, problem=f"the dateline says {day.isoformat()} but the lines above it say {listed}")
    if len(days) > 1:
        listed = ", ".join(d.isoformat() for d in days)
        if dateline is not None and dateline.month is not None:
            days = [d for d in days if _on_dateline_day(dateline, d)] or days
        if len(days) > 1:
            return Published(None, problem=f"the lines above the story give several dates ({listed})")
    if days:
        day = days[0]
        if dateline is not None and dateline.month is not None and not _on_dateline_day(dateline, day):
            return Published(
                None, problem=f"the dateline {dateline.text!r} does not fit the date {day.isoformat()} above it"
            )
        if dateline is not None and dateline.month is None and dateline.day is not None and dateline.day != day.day:
            return Published(
                None,
                problem=f"the dateline {dateline.text!r} gives the day {dateline.day}, not that of {day.isoformat()}",
            )
        filed = _dateline_day(dateline, day) if dateline is not None else None
        if dateline is not None and filed is not None and filed != day:
            warnings.append(_filed_earlier(dateline, filed, day, found, weekday))
        where = "above the dateline" if dateline is not None else "above the story"
        return Published(day, method=f"read from the {source} {where}", warnings=tuple(warnings))
    days_only = {(m, d): words for m, d, words in header_days(text, anchor)}
    if dateline is not None and dateline.month is not None and dateline.day is not None:
        month, day_of_month, where = dateline.month, dateline.day, f"the dateline {dateline.text!r}"
    elif len(days_only) == 1:  # `January 16` above the story: a day without its year, as a dateline's
        ((month, day_of_month), words), *_ = days_only.items()
        where = f"the date line {words!r}"
    elif dateline is None:
        return Published(None, problem="no date was found at the top of the article (no dateline, no date line)")
    else:
        return Published(None, problem=f"the dateline {dateline.text!r} gives no date and no line above it does")
    try:
        inferred = infer_year(month, day_of_month, view, today, anchor)
    except DateError as exc:
        return Published(None, problem=f"the publication date cannot be made from {where}: {exc}")
    notes = []
    if inferred.later:
        notes.append(
            f"the year of {inferred.date.isoformat()} is the only one that fits up to the build date; from "
            f"{inferred.later.isoformat()} on, {inferred.later.year} fits too and a build will refuse the "
            "article: set published_date in curated/article_metadata.csv to keep it"
        )
    return Published(inferred.date, True, inferred.method, warnings=tuple(notes))
