"""Agency datelines at the top of an article: place, date and outlet, with the span they occupy.

Recognised forms, in any letter case, with full or abbreviated month names (`Sept.`, `Jun`):

- ``MOSCOW, June 5. /TASS/.``                    place, month day. /agency/.
- ``YEREVAN, MAY 15, ARMENPRESS.``               place, month day, agency.
- `` date 2023-10-09 Yerevan /Mediamax/.``       date ISO place /agency/.
- ``BAKU, March 3 (Reuters) -``                  place, month day (agency) -
- ``TBILISI, 3 March (AFP) -``                   place, day month (agency) -
- ``TBILISI, 3 March 2024, AFP -``               place, day month year, agency -
- ``Baku, March 3, 2024 - Trend``                place, month day, year - agency

The place may carry a region or country (``BAKU, Azerbaijan, March 3 (AP) -``) and be followed by a
full stop (Interfax's ``MOSCOW. June 5 (Interfax) -``). Two looser forms are read too: a place and date
without an agency (``BAKU, Azerbaijan, May 15.``: the outlet is left empty) and an agency dateline
without a date (``YEREVAN, Armenia (AP) -``, its place in capitals: the date must come from elsewhere).
A timestamp line above any of them (``10:42, 21 September 2024``, ``21.09.2024 10:42``, ``2024-09-21``)
gives the full date; lines before the dateline other than the timestamp are the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WORD = r"[^\W\d_][^\W\d_'’.-]*\.?"  # "ST. PETERSBURG"
# "BAKU, Azerbaijan," : a region or country may follow the place; it is not part of the place name.
PLACE = rf"(?P<place>{WORD}(?:[ -]{WORD}){{0,3}})(?:,\s+{WORD}(?:\s{WORD}){{0,2}})?"
DASH = r"\s*(?:[-–—]+|:)\s*"
AGENCY = r"(?P<outlet>[^\W\d_][\w.&'’ -]{0,40}?)"
MD = rf"(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})"
DM = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})"
YEAR = r"(?P<year>\d{4})"

# Where the agency follows the date, it is told from the story's first words ("- The talks resumed.",
# ", the ministers met.") by being capitalised words or a single word.
# A full stop belongs to the agency only inside its name ("News.am"): "ARMENPRESS. Talks." is two things.
AGENCY_WORD = r"(?:[\w&'’-]|\.(?=\w))*"
TRAILING_AGENCY = (rf"(?P<outlet>(?-i:[A-Z]){AGENCY_WORD}(?:[ ](?-i:[A-Z]){AGENCY_WORD}){{0,3}}"
                   rf"|[^\W\d_]{AGENCY_WORD})")
SEP = r"[,.]\s+"  # "MOSCOW, June 5" and Interfax's "MOSCOW. June 5"
# An undated dateline ("YEREVAN, Armenia (AP) -") is told from a headline by its place in capitals.
CAPITAL_PLACE = rf"(?P<place>(?-i:[A-Z][A-Z.'’-]+)(?:[ -](?-i:[A-Z][A-Z.'’-]+)){{0,3}})(?:,\s+{WORD}(?:\s{WORD}){{0,2}})?"

FORMS = [re.compile(p, re.IGNORECASE) for p in (
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?\.?\s*/\s*{AGENCY}\s*/\.?",                   # MOSCOW, June 5. /TASS/.
    rf"(?:date\s+)?(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}),?\s+{PLACE}\s*/\s*{AGENCY}\s*/\.?",  # date 2023-10-09 Yerevan /Mediamax/.
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?\s*\(\s*{AGENCY}\s*\){DASH}",                # BAKU, March 3 (Reuters) -
    rf"{PLACE}{SEP}{DM}(?:\s+{YEAR})?\s*\(\s*{AGENCY}\s*\){DASH}",                 # TBILISI, 3 March (AFP) -
    rf"{PLACE}{SEP}{DM}(?:\s+{YEAR})?,\s*{TRAILING_AGENCY}{DASH}",                 # TBILISI, 3 March 2024, AFP -
    rf"{PLACE}{SEP}{MD},\s*{YEAR}{DASH}{TRAILING_AGENCY}(?=[.:]|\s*[-–—]|\s*\n|\s*$)[.:]?",  # Baku, March 3, 2024 - Trend
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?,\s*{TRAILING_AGENCY}(?:[.:]|(?=[ \t]*\r?\n))",  # YEREVAN, MAY 15, ARMENPRESS.
    # No agency: the outlet stays unknown (the build warns and an override can name it).
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?(?:\.|{DASH})(?=\s)",                         # BAKU, Azerbaijan, May 15.
    rf"{PLACE}{SEP}{DM}(?:\s+{YEAR})?(?:\.|{DASH})(?=\s)",                          # Baku, 15 May 2024 -
    # No date: the build asks for it (from a timestamp line above, or an override).
    rf"{CAPITAL_PLACE}\s*\(\s*{AGENCY}\s*\){DASH}",                                 # YEREVAN, Armenia (AP) -
)]
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
STAMP_DATES = (rf"{DM},?\s+{YEAR}", rf"{MD},?\s+{YEAR}", r"(?P<iso>\d{4}-\d{2}-\d{2})",
               r"(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>\d{4})")
# A line holding only a date and a time, in either order: "10:42, 21 September 2024", "21.09.2024 10:42".
# One pattern per date form, because a pattern cannot name the same group twice.
TIMESTAMPS = [re.compile(rf"[ \t]*{line}[ \t]*\r?\n", re.IGNORECASE)
              for date in STAMP_DATES
              for line in (rf"{TIME}[,|\s-]+{date}", rf"{date}(?:[,|\s-]+{TIME})?")]
# A dateline stands at the start of one of the first lines (a headline or byline may come before it).
FIRST_LINES = 4


@dataclass(frozen=True)
class Dateline:
    """What a dateline says. `year` is None when neither the dateline nor a timestamp gives one."""

    start: int
    end: int
    text: str
    place: str
    outlet: str
    year: int | None
    month: int | None  # None, as the day, when the dateline gives no date ("YEREVAN, Armenia (AP) -")
    day: int | None
    source: str  # "dateline" or "timestamp": where the date was read


def month_number(name: str) -> int:
    """1-12 for a month name, full or abbreviated, any case.

    >>> month_number("Sept."), month_number("MAY")
    (9, 5)
    """
    return MONTHS.index(name[:3].lower()) + 1


def _date_parts(groups: dict) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from the named groups of a dateline or timestamp match."""
    if groups.get("iso"):
        year, month, day = (int(part) for part in groups["iso"].split("-"))
        return year, month, day
    if groups.get("nyear"):
        return int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"])
    if not groups.get("month"):
        return None, None, None
    year = int(groups["year"]) if groups.get("year") else None
    return year, month_number(groups["month"]), int(groups["day"])


def _from_match(match: re.Match) -> Dateline:
    year, month, day = _date_parts(match.groupdict())
    # The span stops before the dash or colon that separates the dateline from the story.
    text = match.group(0).rstrip(" -–—:\t")
    start = match.start() + len(text) - len(text.lstrip())
    text = text.strip()
    return Dateline(start, start + len(text), text, match.group("place").strip(),
                    (match.groupdict().get("outlet") or "").strip(" .,"), year, month, day, "dateline")


def _timestamp(text: str, offset: int) -> re.Match | None:
    return next(filter(None, (form.match(text, offset) for form in TIMESTAMPS)), None)


def _skip_blank(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t\r\n\ufeff":
        offset += 1
    return offset


def _dateline_at(text: str, offset: int) -> Dateline | None:
    """The dateline starting at `offset` (after indentation), with a timestamp line above it if any."""
    stamp = _timestamp(text, offset)
    line_start = _skip_blank(text, stamp.end()) if stamp else offset
    # Indentation (" date 2023-10-09 Yerevan") and a byte-order mark an editor left at the start.
    while line_start < len(text) and text[line_start] in " \t\ufeff":
        line_start += 1
    found = next(filter(None, (form.match(text, line_start) for form in FORMS)), None)
    if found is None:
        return None
    dateline = _from_match(found)
    if stamp is None:
        return dateline
    year, month, day = _date_parts(stamp.groupdict())
    return Dateline(dateline.start, dateline.end, dateline.text, dateline.place, dateline.outlet,
                    year, month, day, "timestamp")


def find_dateline(text: str) -> Dateline | None:
    """The dateline of an article, or None when no known form stands at the start of its first lines.

    >>> d = find_dateline("MOSCOW, June 5. /TASS/. Russia confirms its readiness.")
    >>> (d.place, d.outlet, d.month, d.day, d.year, d.text)
    ('MOSCOW', 'TASS', 6, 5, None, 'MOSCOW, June 5. /TASS/.')
    """
    offset = 0
    for _ in range(FIRST_LINES):
        found = _dateline_at(text, offset)
        if found is not None:
            return found
        newline = text.find("\n", offset)
        if newline < 0:
            return None
        offset = _skip_blank(text, newline + 1)
    return None


def headline(text: str, dateline: Dateline) -> str:
    """The lines above the dateline, less a timestamp line: the headline, or "" when there is none.

    >>> t = "Galuzin: Moscow ready to help\\n10:42, 5 June 2024\\nMOSCOW, June 5. /TASS/. Russia is ready."
    >>> headline(t, find_dateline(t))
    'Galuzin: Moscow ready to help'
    """
    lines = [line.strip(" \t\ufeff") for line in text[:dateline.start].splitlines()]
    kept = [line for line in lines if line and not _timestamp(line + "\n", 0)]
    return " ".join(kept)
