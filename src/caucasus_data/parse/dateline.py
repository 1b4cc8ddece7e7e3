"""Agency datelines at the top of an article: place, date and outlet, with the span they occupy.

Recognised forms, in any letter case, with full or abbreviated month names (`Sept.`, `Jun`, `Apr.10`):

- ``MOSCOW, June 5. /TASS/.``                    place, month day. /agency/.
- ``YEREVAN, MAY 15, ARMENPRESS.``               place, month day, agency.
- `` date 2023-10-09 Yerevan /Mediamax/.``       date ISO place /agency/.
- ``BAKU, March 3 (Reuters) -``                  place, month day (agency) -
- ``BAKU/YEREVAN, Oct 6 (Reuters) -``            places, month day (agency) -
- ``TBILISI, 3 March (AFP) -``                   place, day month (agency) -
- ``MADRID, 25 Oct. (EUROPA PRESS) -``           place, day month (agency) -, or the day alone
- ``TBILISI, 3 March 2024, AFP -``               place, day month year, agency -
- ``Baku, March 3, 2024 - Trend``                place, month day, year - agency
- ``Baku/12.13.23/Turan:``                       place/numeric date/agency:
- ``(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 18.``   a syndicator's bracket naming the agency

The place may carry a region or country (``BAKU, Azerbaijan, March 3 (AP) -``) and be followed by a
full stop (Interfax's ``MOSCOW. June 5 (Interfax) -``). Looser forms are read too: a place and date
without an agency (``BAKU, Azerbaijan, May 15.``, or alone on its line with the agency on the next,
``By Anna Petrova - Trend:``), an agency dateline without a date (``YEREVAN, Armenia (AP) -``,
``MOSCOW (AA) -``, ``Baku. TurkicWorld:``), and a place in capitals with a dash (``ASTANA –``,
``YEREVAN. –``): the date of those must come from the furniture above (see `furniture`) or an override.

The dateline is looked for at the start of the first lines (after a page's ` date ` line and a
syndicator's bracket), below headlines, standfirsts, bylines, crossheads and site headers; the looser
forms only above the first line that reads as the story. A numeric date whose day and month could
trade places (`Baku/05.06.23/Turan`) keeps both readings, the day-first one first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WORD = r"[^\W\d_][^\W\d_'’.-]*\.?"  # "ST. PETERSBURG"
# "BAKU, Azerbaijan," : a region or country may follow the place; it is not part of the place name.
# "BAKU/YEREVAN": a story filed from two places.
PLACE = rf"(?P<place>{WORD}(?:[ /-]{WORD}){{0,3}})(?:,\s+{WORD}(?:\s{WORD}){{0,2}})?"
DASH = r"\s*(?:[-–—]+|:)\s*"
AGENCY = r"(?P<outlet>[^\W\d_][\w.&'’ -]{0,40}?)"
MD = rf"(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})(?!\d)"  # "June 5", "Apr.10"
DM = rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})"
YEAR = r"(?P<year>\d{4})"

# Where the agency follows the date, it is told from the story's first words ("- The talks resumed.",
# ", the ministers met.") by being capitalised words or a single word.
# A full stop belongs to the agency only inside its name ("News.am"): "ARMENPRESS. Talks." is two things.
AGENCY_WORD = r"(?:[\w&'’-]|\.(?=\w))*"
TRAILING_AGENCY = (
    rf"(?P<outlet>(?-i:[A-Z]){AGENCY_WORD}(?:[ ](?-i:[A-Z]){AGENCY_WORD}){{0,3}}"
    rf"|[^\W\d_]{AGENCY_WORD})"
)
SEP = r"[,.]\s+"  # "MOSCOW, June 5" and Interfax's "MOSCOW. June 5"
# Words in capitals that open a headline, never a place: "UPDATE - Armenian minister says".
NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "VIDEO", "PHOTO", "PHOTOS", "LIVE",
    "FACTBOX", "EXPLAINER", "INTERVIEW", "COMMENT", "EDITORIAL", "URGENT", "FLASH", "WATCH", "LISTEN", "NEWS",
}  # fmt: skip
# An undated dateline ("YEREVAN, Armenia (AP) -") is told from a headline by its place in capitals.
CAPITAL_PLACE = (
    rf"(?P<place>(?-i:[A-Z][A-Z.'’-]+)(?:[ -](?-i:[A-Z][A-Z.'’-]+)){{0,3}})(?:,\s+{WORD}(?:\s{WORD}){{0,2}})?"
)

NUMERIC = r"(?P<num>\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}))(?!\d)"
# Forms an agency's name marks as a dateline, wherever they stand in the first lines.
STRONG = (
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?\.?\s*/\s*{AGENCY}\s*/\.?",  # MOSCOW, June 5. /TASS/.
    rf"(?:date\s+)?(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}),?\s+{PLACE}\s*/\s*{AGENCY}\s*/\.?",  # date 2023-10-09 Yerevan /Mediamax/.
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?\s*\(\s*{AGENCY}\s*\){DASH}",  # BAKU, March 3 (Reuters) -
    rf"{PLACE}{SEP}{DM}\.?(?:\s+{YEAR})?\s*\(\s*{AGENCY}\s*\){DASH}",  # TBILISI, 3 March (AFP) -
    rf"{PLACE}{SEP}{DM}(?:\s+{YEAR})?,\s*{TRAILING_AGENCY}{DASH}",  # TBILISI, 3 March 2024, AFP -
    rf"{PLACE}{SEP}{MD},\s*{YEAR}{DASH}{TRAILING_AGENCY}(?=[.:]|\s*[-–—]|\s*\n|\s*$)[.:]?",  # Baku, March 3, 2024 - Trend
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?,\s*{TRAILING_AGENCY}(?:[.:]|(?=[ \t]*\r?\n))",  # YEREVAN, MAY 15, ARMENPRESS.
    rf"{PLACE}\s*/\s*{NUMERIC}\s*/\s*{AGENCY}\s*:",  # Baku/12.13.23/Turan:
    rf"{PLACE}{SEP}(?P<dayonly>\d{{1,2}})\s*\(\s*{AGENCY}\s*\){DASH}",  # MADRID, 17 (EUROPA PRESS) -
    # No date: the date comes from the furniture above, or an override.
    rf"{CAPITAL_PLACE}\s*\(\s*{AGENCY}\s*\){DASH}",  # YEREVAN, Armenia (AP) -
)
# Forms read only above the first line that reads as the story: without an agency, the story's own
# first words could pass for them further down.
WEAK = (
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?(?:\s?\.|{DASH})(?=\s)",  # BAKU, Azerbaijan, May 15.
    rf"{PLACE}{SEP}{DM}(?:\s+{YEAR})?(?:\.|{DASH})(?=\s)",  # Baku, 15 May 2024 -
    rf"{PLACE}{SEP}{MD}(?:,\s*{YEAR})?[ \t]*(?=\r?\n)",  # BAKU, Azerbaijan, Nov. 6 (a line of its own)
    rf"(?P<place>(?-i:[A-Z])[\w'’-]+(?:[ -](?-i:[A-Z])[\w'’-]+){{0,2}})\s*\(\s*(?P<outlet>(?-i:[A-Z])[\w.&'’ -]{{0,40}}?)\s*\){DASH}",  # Baku (AFP) -
    r"(?P<place>(?-i:[A-Z])[\w'’-]+(?:[ -](?-i:[A-Z])[\w'’-]+){0,2})\.\s+(?P<outlet>(?-i:[A-Z])[\w.&'’-]{1,30})\s*:",  # Baku. TurkicWorld:
    rf"{CAPITAL_PLACE}\.?\s*[-–—]+(?=\s)",  # ASTANA –, YEREVAN. –
)
FORMS = [re.compile(p, re.IGNORECASE) for p in STRONG]
WEAK_FORMS = [re.compile(p, re.IGNORECASE) for p in WEAK]
# A page's date line and a syndicator's bracket may open the dateline's line.
PAGE_DATE = re.compile(r"[ \t\ufeff]*date[ \t]+(?P<iso>\d{4}-\d{2}-\d{2})(?=\s)")
SYNDICATED = re.compile(r"\s*\(\s*MENAFN\s*[-–—]\s*(?P<outlet>[^()\n]{2,60}?)\s*\)\s*")
# The agency after a dateline without one, on the same line: "BAKU, Azerbaijan, Jan. 4. By A - Trend:".
BYLINE_OUTLET = re.compile(
    r"[ \t.]*By\s+[^\n:]{1,60}?\s+[-–—]\s+(?P<outlet>(?-i:[A-Z])[\w.&'’-]{1,30}(?:[ ](?-i:[A-Z])[\w.&'’-]{1,30}){0,2})[ \t]*:"
)
# The agency on the line after a dateline without one: "By Anna Petrova - Trend:", "Trend:".
OUTLET_LINE = re.compile(
    r"[ \t]*(?:By\s+[^\n:]{1,60}?\s+[-–—]\s+)?(?P<outlet>(?-i:[A-Z])[\w.&'’ -]{1,30}?)[ \t]*:[ \t]*(?:\r?\n|$)"
)
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
STAMP_DATES = (
    rf"{DM},?\s+{YEAR}",
    rf"{MD},?\s+{YEAR}",
    r"(?P<iso>\d{4}-\d{2}-\d{2})",
    r"(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>\d{4})",
)
# A line holding only a date and a time, in either order: "10:42, 21 September 2024", "21.09.2024 10:42".
# One pattern per date form, because a pattern cannot name the same group twice.
TIMESTAMPS = [
    re.compile(rf"[ \t]*{line}[ \t]*\r?\n", re.IGNORECASE)
    for date in STAMP_DATES
    for line in (rf"{TIME}[,|\s-]+{date}", rf"{date}(?:[,|\s-]+{TIME})?")
]
# A dateline stands at the start of one of the first lines, below the furniture: lines and characters.
HEAD_LINES, HEAD_CHARS = 15, 4000
BODY_WORDS = 12  # a line of this many words ending a sentence reads as the story


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
    day: int | None  # the day alone in "MADRID, 17 (EUROPA PRESS) -"
    source: str = "dateline"  # where the date was read
    readings: tuple[tuple[int, int], ...] = ()  # (month, day) of each reading of "05.06.23", the first kept


def month_number(name: str) -> int:
    """1-12 for a month name, full or abbreviated, any case.

    >>> month_number("Sept."), month_number("MAY")
    (9, 5)
    """
    return MONTHS.index(name[:3].lower()) + 1


def numeric_readings(day_month: str) -> tuple[int | None, tuple[tuple[int, int], ...]]:
    """(year, the (month, day) readings) of a numeric `DD.MM.YY` date: day first, then month first if
    that is a date too.

    >>> numeric_readings("12.13.23"), numeric_readings("05.06.2023")
    ((2023, ((12, 13),)), (2023, ((6, 5), (5, 6))))
    """
    a, b, year = (int(part) for part in day_month.split("."))
    year = year + 2000 if year < 100 else year
    found = []
    for month, day in ((b, a), (a, b)):
        if 1 <= month <= 12 and 1 <= day <= 31 and (month, day) not in found:
            found.append((month, day))
    return year, tuple(found)


def _date_parts(groups: dict) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from the named groups of a dateline or timestamp match."""
    if groups.get("num"):
        year, readings = numeric_readings(groups["num"])
        return (year, *readings[0]) if readings else (None, None, None)
    if groups.get("dayonly"):
        return None, None, int(groups["dayonly"])
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
    readings = numeric_readings(match.group("num"))[1] if match.groupdict().get("num") else ()
    # The span stops before the dash or colon that separates the dateline from the story.
    text = match.group(0).rstrip(" -–—:\t\r\n")
    start = match.start() + len(text) - len(text.lstrip())
    text = text.strip()
    return Dateline(
        start,
        start + len(text),
        text,
        match.group("place").strip().rstrip("."),
        (match.groupdict().get("outlet") or "").strip(" .,"),
        year,
        month,
        day,
        "dateline",
        readings,
    )


def _timestamp(text: str, offset: int) -> re.Match | None:
    return next(filter(None, (form.match(text, offset) for form in TIMESTAMPS)), None)


def _skip_blank(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t\r\n\ufeff":
        offset += 1
    return offset


def _dateline_at(text: str, offset: int, weak: bool) -> Dateline | None:
    """The dateline starting at `offset` (after indentation), of the strong forms or of the weak."""
    # Indentation (" date 2023-10-09 Yerevan") and a byte-order mark an editor left at the start.
    while offset < len(text) and text[offset] in " \t\ufeff":
        offset += 1
    forms = WEAK_FORMS if weak else FORMS
    for form in forms:
        found = form.match(text, offset)
        if found and not set(re.split(r"[ /-]", found.group("place").upper().rstrip("."))) & NOT_PLACES:
            return _from_match(found)
    return None


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the first non-blank lines: at most HEAD_LINES of them, within HEAD_CHARS."""
    spans: list[tuple[int, int]] = []
    offset, limit = 0, min(len(text), HEAD_CHARS)
    while offset < limit and len(spans) < HEAD_LINES:
        stop = text.find("\n", offset, limit)
        stop = limit if stop < 0 else stop
        if text[offset:stop].strip(" \t\r\ufeff"):
            spans.append((offset + len(text[offset:stop]) - len(text[offset:stop].lstrip(" \t\r\ufeff")), stop))
        offset = stop + 1
    return spans


def reads_as_story(line: str) -> bool:
    """A sentence of some length: the story, not a headline, byline or furniture above it."""
    line = line.strip()
    return len(line.split()) >= BODY_WORDS and line[-1:] in '.!?"”’»'


def _positions(text: str, start: int, end: int) -> list[tuple[int, str, int]]:
    """Where a dateline may start on the line text[start:end]: its start, after a page's ` date ` line,
    after a syndicator's bracket; with the agency the bracket names and where it starts."""
    out = [(start, "", start)]
    at = start
    page = PAGE_DATE.match(text, at, end)
    if page:
        at = page.end()
        out.append((at, "", at))
    bracket = SYNDICATED.match(text, at, end)
    if bracket:
        out.append(
            (
                bracket.end(),
                bracket.group("outlet"),
                bracket.start() + len(bracket.group(0)) - len(bracket.group(0).lstrip()),
            )
        )
    return out


def _outlet_below(text: str, end: int) -> str:
    """The agency after a dateline that names none, on its line or the next (`By Anna Petrova - Trend:`)."""
    same = BYLINE_OUTLET.match(text, end)
    if same:
        return same.group("outlet").strip()
    following = _skip_blank(text, end)
    line_end = text.find("\n", following)
    if 0 <= line_end - following <= 80 or (line_end < 0 and len(text) - following <= 80):
        match = OUTLET_LINE.match(text, following)
        if match and len(match.group("outlet").split()) <= 3:
            return match.group("outlet").strip()
    return ""


def find_dateline(text: str) -> Dateline | None:
    """The dateline of an article, or None when none stands at the start of its first lines.

    The known forms are tried first on every line; only then a looser reading of a line as place, date
    and outlet parts (`loose_dateline`), for the forms of outlets not seen yet. A known form that names no
    outlet takes the outlet the loose reading finds on the same line, the one a syndicator's bracket
    names, or the one on the next line.

    >>> d = find_dateline("MOSCOW, June 5. /TASS/. Russia confirms its readiness.")
    >>> (d.place, d.outlet, d.month, d.day, d.year, d.text)
    ('MOSCOW', 'TASS', 6, 5, None, 'MOSCOW, June 5. /TASS/.')
    >>> d = find_dateline(" date 2024-01-18 (MENAFN- Trend News Agency) BAKU, Azerbaijan, January 18 . Talks resumed.")
    >>> (d.place, d.outlet, d.month, d.day, d.text)
    ('BAKU', 'Trend News Agency', 1, 18, '(MENAFN- Trend News Agency) BAKU, Azerbaijan, January 18 .')
    """
    spans = line_spans(text)
    # An agency's form anywhere in the first lines, before a looser one higher up (a headline's words).
    for start, end in spans:
        for position, syndicated, bracket_start in _positions(text, start, end):
            found = _dateline_at(text, position, weak=False)
            if found is not None:
                return _complete(text, found, start, syndicated, bracket_start)
    for start, end in spans:  # the looser forms, above the first line that reads as the story
        for position, syndicated, bracket_start in _positions(text, start, end):
            found = _dateline_at(text, position, weak=True)
            if found is not None:
                return _complete(text, found, start, syndicated, bracket_start)
        if reads_as_story(text[start:end]):
            break
    for start, end in spans:
        found = loose_dateline(text, start)
        if found is not None:
            return found
        if reads_as_story(text[start:end]):
            break
    return None


def _complete(text: str, found: Dateline, line_start: int, syndicated: str, bracket_start: int) -> Dateline:
    """A dateline that names no outlet takes one from its line or the next."""
    if found.outlet:
        return found
    if syndicated:
        return replace(found, start=bracket_start, text=text[bracket_start : found.end], outlet=syndicated.strip())
    loose = loose_dateline(text, line_start)
    if loose and loose.outlet and (loose.month, loose.day) == (found.month, found.day):
        return loose
    below = _outlet_below(text, found.end)
    return replace(found, outlet=below) if below else found


# The loose reading: a short first line made of a place, a date and an outlet, in any order, separated by
# commas, slashes, brackets, bullets, bars, dashes or full stops; the story starts after it.
LOOSE_DATES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?P<iso>\d{4}-\d{2}-\d{2})",
        r"(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>\d{4}|\d{2})(?!\d)",
        rf"{DM}\.?(?:,?\s+{YEAR})?(?!\d)",
        rf"{MD}(?!\d)\.?(?:,?\s+{YEAR})?(?!\d)",
    )
]
# What separates the parts of a dateline: a spaced dash, a comma, bullet or bar, a full stop before a space.
SEPARATOR = re.compile(r"\s+(?:-{1,2}|–|—)\s+|\s*[,•|]\s*|\.(?=\s|$)\s*")
BRACKET = re.compile(r"/([^/\n]{2,40})/|\(([^()\n]{2,40})\)")
BRACKETED = re.compile(r"^(?:/([^/\n]{2,40})/|\(([^()\n]{2,40})\))$")
MAX_PART_WORDS = 4


# Capitalised words that open a sentence or a byline, not a place or an outlet ("In May 15", "By Anna Petrova").
NOT_A_NAME = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "the", "to", "with"}


def _name_like(part: str) -> bool:
    """A place, region or outlet: up to four capitalised words, no digits (`Report.az`, `AP`)."""
    words = part.split()
    return (
        0 < len(words) <= MAX_PART_WORDS
        and all(w[0].isupper() for w in words)
        and not any(c.isdigit() for c in part)
        and words[0].lower() not in NOT_A_NAME
    )


def _parts(line: str, date: re.Match) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the leading parts of `line`, kind `date`, `bracket` or `name`; the story
    starts at the first part that is none of these."""
    spans = [(date.start(), date.end(), "date")]
    for m in BRACKET.finditer(line):
        if (m.end() <= date.start() or m.start() >= date.end()) and not any(c.isdigit() for c in m.group(0)):
            spans.append((m.start(), m.end(), "bracket"))
    masked = list(line)
    for a, b, _ in spans:
        masked[a:b] = "#" * (b - a)  # no separator inside a date or a bracket
    cuts = sorted(
        [(m.start(), m.end()) for m in SEPARATOR.finditer("".join(masked))]
        + [(a, a) for a, _, _ in spans]
        + [(b, b) for _, b, _ in spans]
    )
    pieces, position = [], 0
    for cut_start, cut_end in [*cuts, (len(line), len(line))]:
        if cut_start >= position:
            pieces.append((position, cut_start))
        position = max(position, cut_end)
    kinds = {(a, b): kind for a, b, kind in spans}
    parts = []
    for a, b in pieces:
        piece = line[a:b]
        a, b = a + len(piece) - len(piece.lstrip()), b - (len(piece) - len(piece.rstrip()))
        if a >= b:
            continue
        kind = kinds.get((a, b)) or ("name" if _name_like(line[a:b]) else None)
        if kind is None:
            break
        parts.append((a, b, kind))
    return parts


END = re.compile(r"$")


def _bracketed(part: str) -> str:
    """The name inside `/Trend/` or `(AZERTAC)`."""
    match = BRACKETED.match(part.strip())
    return next((g for g in match.groups() if g), "") if match else ""


def loose_dateline(text: str, offset: int) -> Dateline | None:
    """A dateline read as parts, when no known form matches.

    >>> d = loose_dateline("September 21, 2024 — YEREVAN (AP) — Armenia said.", 0)
    >>> (d.place, d.outlet, d.year, d.month, d.day, d.text)
    ('YEREVAN', 'AP', 2024, 9, 21, 'September 21, 2024 — YEREVAN (AP)')
    >>> loose_dateline("Talks to resume on March 3 - officials", 0) is None
    True
    """
    stamp = _timestamp(text, offset)
    line_start = _skip_blank(text, stamp.end()) if stamp else offset
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)][:200]
    date = next(filter(None, (form.search(line[:120]) for form in LOOSE_DATES)), None)
    if date is None and stamp is None:
        return None
    dated_line = date is not None
    # A line dated by a timestamp above it ("Yerevan /Mediamax/."): a date of no width at its end.
    date = date or END.search(line)
    assert date is not None  # END matches every line
    parts = _parts(line, date)
    if not parts or parts[0][0] > len(line) - len(line.lstrip()):
        return None
    if dated_line and not any(kind == "date" for _, _, kind in parts):
        return None  # the date is in the story, not in the dateline
    names = [line[a:b].strip() for a, b, kind in parts if kind == "name"]
    brackets = [_bracketed(line[a:b]) for a, b, kind in parts if kind == "bracket"]
    if not names:
        return None
    place = names[0]
    outlet = brackets[0] if brackets else (names[-1] if len(names) > 1 and parts[-1][2] == "name" else "")
    if not outlet:
        return None  # a place and a date alone may be the start of a sentence ("Yerevan, May 15, the ...")
    end = parts[-1][1]
    header = line[:end].rstrip(" ,")
    if stamp is not None:
        year, month, day = _date_parts(stamp.groupdict())
    else:
        year, month, day = _date_parts(date.groupdict())
    if year is not None and year < 100:
        year += 2000
    start = line_start + len(header) - len(header.lstrip())
    finish = line_start + len(header)
    return Dateline(
        start,
        finish,
        text[start:finish],
        place,
        outlet.strip(" ."),
        year,
        month,
        day,
        "timestamp" if stamp is not None else "dateline",
    )
