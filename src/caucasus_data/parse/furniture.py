"""The furniture above a story: date lines, timestamps and the line where the story starts.

Pages saved as text carry their date in many forms above the headline or the dateline:

- `` date 2024-01-18 `` at the very start (the page's date, before any site header);
- a timestamp alone on a line (`10:42, 21 September 2024`, `21.09.2024 10:42`, `1/19/2024 5:11:38 AM`);
- a date line with a section, an author or a label (`Politics Materials 4 January 2024 12:04 (UTC
  +04:00)`, `by Lilit April 29, 2024`, `Published September 26,2024`, `RFE/RL Armenian Service –
  01/17/2024`, `March 13, 2025 4:10 PM GMT+4 Updated March 13, 2025`).

A line is a date line when, once its dates, times and time zones are taken out, what is left is a few
capitalised words or labels (`Politics Materials`, `by Lilit`): a headline that names a date (`Armenia
and Azerbaijan sign deal on 8 August 2025`) has lower-case words and is not one. A date after
`updated` or `modified` is not the publication date. A numeric date whose day and month can trade
places (`01/02/2024`) keeps both readings; one with a slash is read month first by convention, one with
a dot day first, unless something else in the text tells them apart.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .dateline import MONTH, PAGE_DATE, line_spans, month_number, reads_as_story
from .layout import unwrap

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
ZONE = (
    r"(?:\(?\s*(?:UTC|GMT)\s*[+−-]?\s*\d{0,2}(?::?\d{2})?\s*\)?"
    r"|(?-i:\b(?:CET|CEST|EET|EEST|EST|EDT|PST|PDT|MSK|AZT|AMT|GET|BST)\b))"
)
DATES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<![\d-])(?P<iso>\d{4}-\d{2}-\d{2})(?![\d-])",
        rf"(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>{MONTH}),?\s+(?P<year>\d{{4}})(?!\d)",
        rf"\b(?P<month>{MONTH})\s+(?P<day>\d{{1,2}}),?\s*(?P<year>\d{{4}})(?!\d)",
        r"(?<![\d./])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?![\d./])",
    )
]
LABEL_UPDATED = re.compile(r"\b(?:updated|modified|edited|changed|revised)\b[^\d]{0,20}$", re.IGNORECASE)
# Words a date line may have besides its dates: labels, bylines, reading times.
LABEL_WORDS = {
    "published", "updated", "posted", "modified", "by", "on", "at", "in", "and", "date", "time", "read",
    "min", "mins", "minute", "minutes", "views", "am", "pm", "utc", "gmt", "last", "first", "news",
}  # fmt: skip
MAX_OTHER_WORDS = 6
BYLINE = re.compile(r"\s*(?:By|From|Written\s+by|Text:|Author:)\s", re.IGNORECASE)
MENU = re.compile(r"\S\s{3,}\S")  # a site header's menu: words far apart
READING = re.compile(r"\s*\d+\s+min(?:ute)?s?\s+read\s*$", re.IGNORECASE)
# A day and month alone, as a page's date without its year (`January 16`, `2 Dec in 12:40`).
DAY_ONLY = re.compile(
    rf"\s*(?:(?:{MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTH}))(?:,?\s+(?:in\s+|at\s+)?{TIME})?\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class HeaderDate:
    """A date in the furniture: its readings (two for `01/02/2024`), and what kind of date it is."""

    start: int
    end: int
    text: str
    readings: tuple[datetime.date, ...]  # the conventional reading first
    updated: bool  # labelled `updated`: not the publication date
    source: str  # `page date` (the ` date ` line at the start) or `date line`


def _readings(match: re.Match) -> tuple[datetime.date, ...]:
    """The dates a match can be, the conventional reading first."""
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return (datetime.date.fromisoformat(groups["iso"]),)
        year = int(groups["year"])
        year = year + 2000 if year < 100 else year
        if groups.get("month"):
            return (datetime.date(year, month_number(groups["month"]), int(groups["day"])),)
    except ValueError:
        return ()
    a, b = int(groups["a"]), int(groups["b"])
    month_first = groups["sep"] == "/"  # `1/19/2024` as in the US; `19.01.2024` day first
    found = []
    for month, day in ((a, b), (b, a)) if month_first else ((b, a), (a, b)):
        try:
            found.append(datetime.date(year, month, day))
        except ValueError:
            continue
    return tuple(dict.fromkeys(found))


def _date_line(text: str, start: int, end: int, source: str) -> list[HeaderDate]:
    """The dates of the line text[start:end] if it is a date line (see the module docstring)."""
    line = text[start:end]
    found: list[tuple[int, int]] = []
    dates = []
    for form in DATES:
        for match in form.finditer(line):
            if any(a < match.end() and match.start() < b for a, b in found):
                continue
            readings = _readings(match)
            if not readings:
                continue
            found.append((match.start(), match.end()))
            updated = bool(LABEL_UPDATED.search(line[: match.start()]))
            dates.append(
                HeaderDate(
                    start + match.start(),
                    start + match.end(),
                    match.group(0),
                    readings,
                    updated,
                    source,
                )
            )
    if not dates:
        return []
    rest = list(line)
    for a, b in found:
        rest[a:b] = " " * (b - a)
    other = re.sub(rf"{TIME}|{ZONE}|[+−-]\d{{2}}:?\d{{2}}", " ", "".join(rest), flags=re.IGNORECASE)
    words = re.findall(r"[^\W\d_][\w/.'’-]*", other)
    plain = [w for w in words if not (w[0].isupper() or w.lower() in LABEL_WORDS)]
    if plain or len(words) > MAX_OTHER_WORDS:
        return []  # a headline or a sentence that names a date
    return sorted(dates, key=lambda d: d.start)


def header_dates(text: str, end: int) -> list[HeaderDate]:
    """The dates of the furniture above offset `end` (where the dateline or the story starts).

    >>> t = " date 2024-01-04 Politics Materials 4 January 2024 12:04 (UTC +04:00)\\nHeadline\\nBAKU, Azerbaijan, Jan. 4"
    >>> [(d.text, d.source) for d in header_dates(t, t.index("BAKU"))]
    [('2024-01-04', 'page date'), ('4 January 2024', 'date line')]
    >>> header_dates("Talks were held on 10 May 2024 in Almaty\\nYEREVAN, MAY 15, ARMENPRESS. Talks.", 41)
    []
    """
    dates: list[HeaderDate] = []
    for start, stop in line_spans(text):
        if start >= end:
            break
        stop = min(stop, end)
        page = PAGE_DATE.match(text, start, stop)
        if page:
            iso = datetime.date.fromisoformat(page.group("iso"))
            dates.append(HeaderDate(page.start("iso"), page.end("iso"), page.group("iso"), (iso,), False, "page date"))
            start = page.end()
        dates.extend(_date_line(text, start, stop, "date line"))
    return dates


def header_days(text: str, end: int) -> list[tuple[int, int, str]]:
    """(month, day, words) of the lines above offset `end` that give a day and month without a year
    (news.am's `January 16`, `2 Dec in 12:40`).

    >>> header_days("January 16\\nShow news feed\\n\\nYEREVAN. – The ministry said.", 30)
    [(1, 16, 'January 16')]
    """
    found = []
    for start, stop in line_spans(text):
        if start >= end:
            break
        match = DAY_ONLY.match(text, start, min(stop, end))
        if match:
            words = re.findall(r"\d{1,2}(?!:)|[^\W\d_]+", match.group(0))
            day = next(int(w) for w in words if w.isdigit())
            month = next(month_number(w) for w in words if not w.isdigit() and w.lower() not in ("in", "at"))
            found.append((month, day, match.group(0).strip()))
    return found


def story_start(text: str) -> int:
    """Where the story starts when no dateline marks it: the first line that is a sentence of some
    length (the headline, standfirst and furniture above it are shorter, or end without a full stop).

    >>> story_start("Headline of the day\\n\\nBy Anna Petrova\\n\\nThe foreign ministers of the two countries met in Almaty on Friday for talks.")
    38
    """
    view = unwrap(text)  # a hard-wrapped paragraph is one line
    for start, stop in line_spans(view):
        if reads_as_story(view[start:stop]):
            return start
    return 0


def _furniture(text: str, start: int, stop: int) -> bool:
    """A line that is not a headline: a date line, timestamp, byline, menu or reading time."""
    line = text[start:stop]
    return bool(
        _date_line(text, start, stop, "date line")
        or BYLINE.match(line)
        or MENU.search(line.strip())
        or READING.match(line)
        or DAY_ONLY.match(line)
        or len(line.split()) < 2
    )


def headline(text: str, end: int) -> str:
    """The first line above offset `end` (the dateline or the story) that is not furniture, or "".

    >>> t = " date 2024-06-05 \\nGaluzin: Moscow ready to help\\nThe diplomat spoke to TASS\\n10:42, 5 June 2024\\nMOSCOW, June 5. /TASS/. Russia is ready."
    >>> headline(t, t.index("MOSCOW"))
    'Galuzin: Moscow ready to help'
    """
    for start, stop in line_spans(text):
        if start >= end:
            break
        page = PAGE_DATE.match(text, start, stop)
        start = page.end() if page else start
        line = text[start : min(stop, end)].strip(" \t\r\ufeff")
        if line and not _furniture(text, start, min(stop, end)):
            return line
    return ""
