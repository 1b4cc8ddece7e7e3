"""Agency datelines at the top of an article: place, date and outlet, with the span they occupy.

Recognised forms, in any letter case, with full or abbreviated month names:

- ``MOSCOW, June 5. /TASS/.``                    place, month day. /agency/.
- ``YEREVAN, MAY 15, ARMENPRESS.``               place, month day, agency.
- `` date 2023-10-09 Yerevan /Mediamax/.``       date ISO place /agency/.
- ``BAKU, March 3 (Reuters) -``                  place, month day (agency) -
- ``TBILISI, 3 March 2024, AFP -``               place, day month year, agency -
- ``Baku, March 3, 2024 - Trend``                place, month day, year - agency
- a timestamp line such as ``10:42, 21 September 2024`` above any of them, which gives the full date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WORD = r"[^\W\d_][^\W\d_'’.-]*"
PLACE = rf"(?P<place>{WORD}(?:[ -]{WORD}){{0,3}})"
DASH = r"\s*[-–—]+\s*"
AGENCY = r"(?P<outlet>[^\W\d_][\w.&'’ -]{0,40}?)"
MD = rf"(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})"
DM = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})"
YEAR = r"(?P<year>\d{4})"

FORMS = [re.compile(p, re.IGNORECASE) for p in (
    rf"{PLACE},\s+{MD}(?:,\s*{YEAR})?\.?\s*/\s*{AGENCY}\s*/\.?",          # MOSCOW, June 5. /TASS/.
    rf"(?:date\s+)?(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}),?\s+{PLACE}\s*/\s*{AGENCY}\s*/\.?",  # date 2023-10-09 Yerevan /Mediamax/.
    rf"{PLACE},\s+{MD}(?:,\s*{YEAR})?\s*\(\s*{AGENCY}\s*\)(?:{DASH}|\s*:\s*)",  # BAKU, March 3 (Reuters) -
    rf"{PLACE},\s+{DM}(?:\s+{YEAR})?\s*\(\s*{AGENCY}\s*\)(?:{DASH}|\s*:\s*)",   # TBILISI, 3 March (AFP) -
    rf"{PLACE},\s+{DM}(?:\s+{YEAR})?,\s*{AGENCY}{DASH}",                   # TBILISI, 3 March 2024, AFP -
    rf"{PLACE},\s+{MD},\s*{YEAR}{DASH}{AGENCY}(?=[.:]|\s*[-–—]|\s*\n|\s*$)[.:]?",  # Baku, March 3, 2024 - Trend
    rf"{PLACE},\s+{MD}(?:,\s*{YEAR})?,\s*{AGENCY}[.:]",                    # YEREVAN, MAY 15, ARMENPRESS.
)]
TIME = r"[ \t]*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?,?\s+"
TIMESTAMPS = [re.compile(rf"{TIME}{DM}\s+{YEAR}[ \t]*\r?\n", re.IGNORECASE),   # 10:42, 21 September 2024
              re.compile(rf"{TIME}{MD},?\s+{YEAR}[ \t]*\r?\n", re.IGNORECASE)]  # 10:42, September 21, 2024
# A dateline stands at the start of one of the first lines (a headline may come before it).
FIRST_LINES = 4


@dataclass(frozen=True)
class Dateline:
    """What a dateline says. `year` is None when the dateline gives none."""

    start: int
    end: int
    text: str
    place: str
    outlet: str
    year: int | None
    month: int
    day: int
    source: str  # "dateline" or "timestamp": where the date was read


def month_number(name: str) -> int:
    return MONTHS.index(name[:3].lower()) + 1


def _from_match(match: re.Match, offset: int) -> Dateline:
    groups = match.groupdict()
    if groups.get("iso"):
        year, month, day = (int(part) for part in groups["iso"].split("-"))
    else:
        year = int(groups["year"]) if groups.get("year") else None
        month, day = month_number(groups["month"]), int(groups["day"])
    text = match.group(0).rstrip(" -–—:\t")
    leading = len(text) - len(text.lstrip())
    text = text.strip()
    start = offset + match.start() + leading
    return Dateline(start, start + len(text), text, groups["place"].strip(), groups["outlet"].strip(" .,"),
                    year, month, day, "dateline")


def find_dateline(text: str) -> Dateline | None:
    """The dateline of an article, or None when no known form stands at the start of its first lines.

    >>> d = find_dateline("MOSCOW, June 5. /TASS/. Russia confirms its readiness.")
    >>> (d.place, d.outlet, d.month, d.day, d.year, d.text)
    ('MOSCOW', 'TASS', 6, 5, None, 'MOSCOW, June 5. /TASS/.')
    """
    offset = 0
    for _ in range(FIRST_LINES):
        stamp = next(filter(None, (form.match(text, offset) for form in TIMESTAMPS)), None)
        line_start = stamp.end() if stamp else offset
        # Skip the indentation of the line, as in " date 2023-10-09 Yerevan".
        while line_start < len(text) and text[line_start] in " \t":
            line_start += 1
        for form in FORMS:
            match = form.match(text, line_start)
            if match:
                found = _from_match(match, 0)
                if stamp:
                    s = stamp.groupdict()
                    return Dateline(found.start, found.end, found.text, found.place, found.outlet,
                                    int(s["year"]), month_number(s["month"]), int(s["day"]), "timestamp")
                return found
        newline = text.find("\n", line_start)
        if newline < 0:
            return None
        offset = newline + 1
        while offset < len(text) and text[offset] in "\r\n":
            offset += 1
    return None
