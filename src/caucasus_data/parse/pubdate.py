"""The year of a dateline that gives a day and a month but no year, from every clue the text gives.

One policy: the years that every clue allows are the candidates; exactly one is taken, otherwise the
build refuses the article and shows the override row to add (a date is right, or not given).

The clues, read from the dateline on (the furniture above it is not the story):

- the article is not before a year, month or full date it reports as past: in a sentence with a past
  verb and no future one, and not after a word that looks forward (`from January 1, 2024`, `by 2030`,
  `until`, `starting`), which names a date the sentence need not have reached;
- it is not after a date it announces as future (`talks will be held on 3 June 2025`: a future verb
  and no past one), unless the date names a document or an earlier event (`will keep to the protocol
  of 19 April 2024`, `the agreement signed on`, `since`), which bounds nothing;
- a sentence whose time is open (`said the vote would take place in 2026`, `was to`, `could`) gives no
  bound in either direction;
- a day and month the lead names without a year (`the negotiations on May 10-11`) and that the text
  names with one as its latest past date (`On 10-11 May 2024 negotiations were held`) is the same
  event, so the article falls within the year after it (news leaves the year out only of recent days);
- it falls on the weekday the lead names for the act it reports (`told TASS on Wednesday`, `On
  Wednesday, the ministry said`), when it names exactly one; a weekday of a plan or a condition
  (`will meet on Friday`, `said they would meet on Friday`, `next Friday`) is none;
- it is not after the build date, nor, with no clue from below, given a year at all.

A year that only the build date makes unique (TASS's June 5, a Wednesday after July 2023: 2024, until
the build runs in 2030, when 2030 fits too) is kept with a warning that names when a later year will
fit, so that its override can be added before a build refuses it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from .dateline import MONTH, month_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d])")
# Words before a date that look forward from the sentence's time: it need not have come yet.
FORWARD = re.compile(
    r"\b(?:from|by|until|till|through|before|starting|beginning|effective|as\s+of|as\s+from|no\s+later\s+than"
    r"|due|deadline|scheduled\s+for|set\s+for|planned\s+for)\s+(?:the\s+end\s+of\s+|early\s+|late\s+|mid-?)?"
    r"(?:[\w,]+\s+){0,2}$",
    re.IGNORECASE,
)
FUTURE_VERB = re.compile(
    r"\b(?:will|shall|plan(?:s|ned)?|expect(?:s|ed)?|scheduled|aims?|target|upcoming"
    r"|next|to\s+be\s+held|(?:is|are)\s+to|(?:is|are)\s+(?:set|due|going)\s+to|intends?\s+to)\b",
    re.IGNORECASE,
)
# Words that leave a sentence's time open: reported future or a condition (`said the referendum would
# take place in 2026`, `was to be held`). A date in such a sentence gives no bound in either direction.
UNSURE = re.compile(r"\b(?:would|could|might|(?:was|were)\s+to)\b|\w['’]d\b", re.IGNORECASE)
# Words around a date that name a document or an earlier event by it (`the protocol of 19 April 2024`,
# `the agreement signed on`, `the 10 November 2020 statement`, `since`): the date is no plan, even in a
# sentence that announces one, and gives no upper bound.
DATED_BEFORE = re.compile(
    r"(?:\b(?:of|dated|since)|(?<!\bbe )(?<!\bbeen )\b(?:signed|adopted|concluded|issued|initiall?ed)(?:\s+(?:on|in))?"
    r"|['’]s)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
DATED_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:statement|agreement|accords?|declaration|protocol|decree|memorandum|treaty|communiqu[eé]"
    r"|document|deal|ceasefire|truce|decision|resolution|letter|note|meeting|talks|summit|arrangements?)\b",
    re.IGNORECASE,
)
# A sentence reads as past when it has a past-tense auxiliary or a lower-case "-ed" verb; a participle
# after `be` (`will be held`) is no past.
PAST_VERB = re.compile(
    r"(?<!\bbe )(?<!\bbeen )\b(?:was|were|had|did|held|met|took|signed|came|went|made|said|told|began|"
    r"[a-z]+ed)\b"
)
# A verb of the act a lead reports, in the past: a past verb, or an irregular one of speaking or doing.
ACT_VERB = re.compile(
    PAST_VERB.pattern + r"|\b(?:spoke|wrote|gave|sent|left|flew|led|brought|found|got|saw|won|lost|broke|chose"
    r"|drew|fought|rang|stood|struck|threw|sought|paid)\b"
)
# Where a clause starts, for the verb a weekday belongs to.
CLAUSE = re.compile(r",|;|:|\(|\)|\s[-–—]\s|[\"“”«»]|\b(?:that|and|but|while|whereas|which|who|when|after|before)\b")
# Words before a weekday that make it no day of the lead's act (`next Friday`, `until Friday`).
WEEKDAY_NOT_TODAY = re.compile(
    r"\b(?:last|next|this|coming|following|previous|every|each|until|till|by|before|after|since|from)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# Words between a verb and a weekday that leave the weekday's time open (`said it would meet on Friday`,
# `agreed to meet on Friday`).
WEEKDAY_OPEN = re.compile(
    r"\b(?:will|would|shall|could|should|might|(?-i:may)|can|must|if|unless|plan(?:s|ned)?|expect(?:s|ed)?|scheduled"
    r"|due|set|going|intends?|aims?|hopes?|ready|next|upcoming)\b|\b(?:is|are|was|were)\s+to\b|['’](?:ll|d)\b"
    r"|\bto\s+(?!the\b|a\b|an\b|reporters\b|journalists\b|(?-i:[A-Z]))[a-z]+",
    re.IGNORECASE,
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
# A day and month without a year: `on April 17`, `the May 10-11 meeting`, `on 10-11 May`.
YEARLESS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?P<month>{MONTH})\s+{DAYS}\b(?!,?\s+\d{{4}})(?!\d)",
        rf"\b{DAYS}\s+(?P<month>{MONTH})(?!\w)(?!,?\s+\d{{4}})",
    )
]
MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH})\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
# How many years a date without a year in its dateline is searched over, and a weekday repeats in.
YEARS_AFTER = 28
MAX_NAMED = 4  # candidate years a refusal names
MAX_CLUES = 400  # matches of each kind of clue read
SENTENCE_WINDOW = 600  # characters read either side of a clue for its sentence


class DateError(ValueError):
    """The date cannot be made from what the text gives."""


@dataclass(frozen=True)
class PublicationDate:
    date: datetime.date
    inferred: bool
    method: str
    # The first date after the build date from which a later year fits too (a later build refuses).
    later: datetime.date | None = None


@dataclass(frozen=True)
class Clues:
    """What the text says of its own date: bounds, with the words that give them, and a weekday."""

    lower: list[tuple[datetime.date, str]]
    upper: list[tuple[datetime.date, str]]
    weekday: int | None


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (from the previous full stop or line break to the next, within
    SENTENCE_WINDOW characters of it either side)."""
    begin = max(0, start - SENTENCE_WINDOW)
    left = max(text.rfind(". ", begin, start), text.rfind("\n", begin, start))
    left = left + 1 if left >= 0 else begin
    stops = [
        i for i in (text.find(". ", end, end + SENTENCE_WINDOW), text.find("\n", end, end + SENTENCE_WINDOW)) if i >= 0
    ]
    return text[left : min(stops) if stops else min(len(text), end + SENTENCE_WINDOW)]


def _first(matches: Iterator[re.Match]) -> Iterator[re.Match]:
    """The first MAX_CLUES matches: a text gives its date in a few; more are no prose (hostile input)."""
    return islice(matches, MAX_CLUES)


def _tense(text: str, start: int, end: int) -> str:
    """`past`, `future` or `` (neither, both, or a time left open: `would`) of the sentence around
    text[start:end]."""
    sentence = _sentence(text, start, end)
    if UNSURE.search(sentence):
        return ""
    past, future = bool(PAST_VERB.search(sentence)), bool(FUTURE_VERB.search(sentence))
    return "past" if past and not future else "future" if future and not past else ""


def _dated_by(text: str, start: int, end: int) -> bool:
    """Whether the date at text[start:end] names a document or an earlier event (`the protocol of`)."""
    return bool(DATED_BEFORE.search(text[max(0, start - 40) : start]) or DATED_AFTER.search(text[end : end + 40]))


def _forward(text: str, start: int) -> bool:
    """Whether the words before offset `start` look forward (`from`, `by`, `until`)."""
    return bool(FORWARD.search(text[max(0, start - 40) : start]))


def past_years(text: str) -> list[int]:
    """Years the text reports as past (see the module docstring).

    >>> past_years("Talks were held in May 2023. A treaty will be signed by 2030. The decree dissolved it from 2024.")
    [2023]
    """
    return [
        int(m.group(1))
        for m in _first(YEAR.finditer(text))
        if _tense(text, m.start(), m.end()) == "past" and not _forward(text, m.start())
    ]


def _full_dates(text: str) -> list[tuple[datetime.date, re.Match]]:
    found = []
    for form in FULL_DATES:
        for match in _first(form.finditer(text)):
            groups = match.groupdict()
            month = int(groups["nmonth"]) if groups.get("nmonth") else month_number(groups["month"])
            try:
                day = datetime.date(int(groups["year"]), month, int(groups.get("last") or groups["day"]))
            except ValueError:  # not a calendar date, e.g. "31 June 2024"
                continue
            found.append((day, match))
    return found


def past_dates(text: str) -> list[tuple[datetime.date, str]]:
    """Full dates the text reports as past, with their words; a range gives its last day.

    >>> past_dates("On 10-11 May 2024 negotiations were held. Talks will be held on 3 June 2025.")
    [(datetime.date(2024, 5, 11), '10-11 May 2024')]
    """
    return sorted(
        (day, m.group(0))
        for day, m in _full_dates(text)
        if _tense(text, m.start(), m.end()) == "past" and not _forward(text, m.start())
    )


def future_dates(text: str) -> list[tuple[datetime.date, str]]:
    """Full dates the text announces as future, with their words.

    >>> future_dates("On 10-11 May 2024 negotiations were held. Talks will be held on 3 June 2025.")
    [(datetime.date(2025, 6, 3), '3 June 2025')]
    """
    return sorted(
        (day, m.group(0))
        for day, m in _full_dates(text)
        if _tense(text, m.start(), m.end()) == "future" and not _dated_by(text, m.start(), m.end())
    )


def past_months(text: str) -> list[tuple[datetime.date, str]]:
    """First days of months named with a year ("in July 2023") that the text reports as past.

    >>> past_months("Moscow hosted talks in May 2023 and July 2023.")
    [(datetime.date(2023, 5, 1), 'May 2023'), (datetime.date(2023, 7, 1), 'July 2023')]
    """
    found = []
    for match in _first(MONTH_YEAR.finditer(text)):
        if _tense(text, match.start(), match.end()) == "past" and not _forward(text, match.start()):
            first = datetime.date(int(match.group("year")), month_number(match.group("month")), 1)
            found.append((first, match.group(0).strip()))
    return sorted(found)


def _lead(text: str, lead_start: int) -> tuple[int, int]:
    end = text.find("\n", lead_start)
    return lead_start, end if end >= 0 else len(text)


def _clause_before(text: str, start: int) -> str:
    """The words of the clause before offset `start`, from its sentence's start or the last comma, `that`,
    `and`, dash or quotation mark."""
    sentence_start = max(text.rfind(". ", max(0, start - SENTENCE_WINDOW), start), text.rfind("\n", 0, start))
    before = text[sentence_start + 1 if sentence_start >= 0 else max(0, start - SENTENCE_WINDOW) : start]
    cuts = list(CLAUSE.finditer(before))
    return before[cuts[-1].end() :] if cuts else before


def _reported_weekday(text: str, match: re.Match) -> bool:
    """Whether the weekday at `match` is the day of the act the lead reports (`told TASS on Wednesday`,
    `On Friday, the ministry said`), not that of a plan or a condition (`will meet on Friday`)."""
    if WEEKDAY_NOT_TODAY.search(text[max(0, match.start() - 20) : match.start()]) or text.startswith(
        ("'s", "’s"), match.end()
    ):
        return False
    before = _clause_before(text, match.start())
    verbs = [v for v in ACT_VERB.finditer(before) if not FUTURE_VERB.fullmatch(v.group(0))]
    if verbs:
        return not WEEKDAY_OPEN.search(before, verbs[-1].end())
    if before.strip().lower() not in ("", "on"):
        return False
    after = _sentence(text, match.start(), match.end())
    after = after[after.find(match.group(0)) + len(match.group(0)) :]
    after = after[: m.start()] if (m := re.search(r"\bthat\b", after)) else after
    verb, open_ = ACT_VERB.search(after), WEEKDAY_OPEN.search(after)
    return (
        verb is not None
        and not FUTURE_VERB.fullmatch(verb.group(0))
        and (open_ is None or verb.start() < open_.start())
    )


def lead_weekday(text: str, lead_start: int = 0) -> int | None:
    """The weekday (0 = Monday) the paragraph starting at `lead_start` names for the act it reports, if it
    names exactly one; a weekday of a plan or a condition (`will meet on Friday`, `next Friday`) is none.

    >>> lead_weekday("MOSCOW, June 5. /TASS/. Galuzin told TASS on Wednesday.\\nOn Monday...")
    2
    >>> lead_weekday("MOSCOW, June 5. /TASS/. Galuzin told TASS that the ministers will meet on Friday.") is None
    True
    """
    start, end = _lead(text, lead_start)
    named = {
        WEEKDAYS.index(m.group(1).lower())
        for m in _first(WEEKDAY.finditer(text, start, end))
        if _reported_weekday(text, m)
    }
    return named.pop() if len(named) == 1 else None


def _same_event(text: str, lead_start: int, latest: tuple[datetime.date, str]) -> tuple[datetime.date, str] | None:
    """The year after the text's latest past date, when the lead names that day without a year."""
    day, words = latest
    start, end = _lead(text, lead_start)
    for form in YEARLESS:
        for match in _first(form.finditer(text, start, end)):
            groups = match.groupdict()
            last = int(groups.get("last") or groups["day"])
            if (month_number(groups["month"]), last) == (day.month, day.day) and _tense(
                text, match.start(), match.end()
            ) != "future":
                try:
                    bound = day.replace(year=day.year + 1)
                except ValueError:  # 29 February
                    bound = day.replace(year=day.year + 1, day=28)
                return (
                    bound,
                    f"before {bound.isoformat()} (the lead's {match.group(0)!r} is the {words!r} the text dates)",
                )
    return None


def clues(text: str, lead_start: int = 0) -> Clues:
    """The bounds and the weekday the text from `lead_start` on gives its own date."""
    story = text[lead_start:]
    lower, upper = [], []
    years = past_years(story)
    if years:
        lower.append(
            (datetime.date(max(years), 1, 1), f"not before {max(years)} (the latest year the text mentions as past)")
        )
    dates = past_dates(story)
    for found in (dates, past_months(story)):
        if found and found[-1][0] > max((d for d, _ in lower), default=datetime.date.min):
            lower.append(
                (found[-1][0], f"not before {found[-1][0].isoformat()} (the text reports {found[-1][1]!r} as past)")
            )
    if dates and dates[-1][0].year == max(years, default=0):
        same = _same_event(text, lead_start, dates[-1])
        if same:
            upper.append((same[0] - datetime.timedelta(days=1), same[1]))
    future = future_dates(story)
    if future:
        upper.append((future[0][0], f"not after {future[0][0].isoformat()} (the text announces {future[0][1]!r})"))
    return Clues(lower, upper, lead_weekday(text, lead_start))


def _fits(day: datetime.date, low: datetime.date | None, high: datetime.date, weekday: int | None) -> bool:
    return (low is None or day >= low) and day <= high and (weekday is None or day.weekday() == weekday)


def _candidate(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None


def infer_year(month: int, day: int, text: str, today: datetime.date, lead_start: int = 0) -> PublicationDate:
    """Publication date for a dateline day without a year (see the module docstring for the policy).

    >>> infer_year(6, 5, "told TASS on Wednesday. Talks were in May 2023.", datetime.date(2026, 11, 22)).date
    datetime.date(2024, 6, 5)
    >>> infer_year(6, 5, "Talks were in May 2023.", datetime.date(2026, 11, 22))
    Traceback (most recent call last):
    ...
    caucasus_data.parse.pubdate.DateError: 2023, 2024, 2025 or 2026 fit 06-05 (not before 2023 (the latest year the text mentions as past), not before 2023-05-01 (the text reports 'May 2023' as past))
    """
    found = clues(text, lead_start)
    low = max((d for d, _ in found.lower), default=None)
    text_high = min((d for d, _ in found.upper), default=None)
    high = min(today, text_high) if text_high else today
    words = [w for _, w in found.lower] + [w for _, w in found.upper]
    if found.weekday is not None:
        words.append(f"a {WEEKDAYS[found.weekday].capitalize()} (named in the lead)")
    said = f" ({', '.join(words)})" if words else " (the text gives no clue to its year)"
    if low is None:
        raise DateError(f"nothing in the text bounds the year of {month:02d}-{day:02d} from below{said}")
    fitting = [
        d
        for d in (_candidate(y, month, day) for y in range(low.year, high.year + 1))
        if d and _fits(d, low, high, found.weekday)
    ]
    if not fitting:
        raise DateError(f"no year up to {high.year} fits {month:02d}-{day:02d}{said}")
    if len(fitting) > 1:
        years = [str(d.year) for d in fitting[:MAX_NAMED]]
        named = ", ".join(years[:-1]) + f" or {years[-1]}" + (" (and more)" if len(fitting) > MAX_NAMED else "")
        raise DateError(f"{named} fit {month:02d}-{day:02d}{said}")
    later = None
    if text_high is None or text_high > today:  # the build date is the bound that leaves one year
        bound = text_high or datetime.date(today.year + YEARS_AFTER, 12, 31)
        later = next(
            (
                d
                for d in (_candidate(y, month, day) for y in range(fitting[0].year + 1, bound.year + 1))
                if d and _fits(d, low, bound, found.weekday)
            ),
            None,
        )
    return PublicationDate(fitting[0], True, "year inferred, the only year that fits: " + ", ".join(words), later)
