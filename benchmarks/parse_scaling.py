"""How parsing cost grows with the corpus: parse a synthetic corpus of 10,000 and 20,000 articles.

Run it from the repository root (`python benchmarks/parse_scaling.py`, with the package installed or
not). Each article is made from varied dateline, quote and attribution templates, and the mention
matcher holds a few thousand aliases, as the curated tables will. It prints articles per second at each
size and the ratio of the time at 20,000 to the time at 10,000, which is about 2 when cost is linear.

    $ python benchmarks/parse_scaling.py --sizes 1000 2000
    aliases in the matcher: 2,117
    1,000 articles: 1.20 s, 833 articles/s (1,000 datelines, 2,794 quotes, 2,081 speakers, 7,424 mentions)
    2,000 articles: 2.47 s, 809 articles/s (2,000 datelines, 5,546 quotes, 4,217 speakers, 14,933 mentions)
    time at 2,000 / time at 1,000: 2.06 (about 2 when parsing cost is linear in the corpus)

The counts are fixed by the seeds of the generator; the times are those of one run on a 2-core machine.
Quotes of the term template ("Zangezur Corridor") have no speaker, nor do those "the diplomat" says of a
prime minister or an aide (no diplomat's title), nor the pronouns after them: speakers < quotes.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

try:
    import caucasus_data  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import contextlib

from caucasus_data.parse.dateline import find_dateline
from caucasus_data.parse.mentions import EntityMatcher
from caucasus_data.parse.pubdate import DateError, infer_year
from caucasus_data.parse.quotes import find_quotes
from caucasus_data.parse.speakers import Speakers

TODAY = datetime.date(2026, 1, 1)
PLACES = ["Moscow", "Yerevan", "Baku", "Tbilisi", "Almaty", "Astana", "Bishkek", "Brussels", "Washington"]
AGENCIES = ["TASS", "ARMENPRESS", "Mediamax", "Reuters", "AFP", "AP", "Trend", "APA", "News.am"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST = ["Mikhail", "Ararat", "Jeyhun", "Hikmet", "Murat", "Nikol", "Ilham", "Sergey", "Armen", "Elnur"]
LAST = ["Galuzin", "Mirzoyan", "Bayramov", "Hajiyev", "Nurtleu", "Pashinyan", "Aliyev", "Lavrov", "Petrosyan"]
TITLES = ["Deputy Foreign Minister", "Foreign Minister", "presidential aide", "Prime Minister", "ambassador"]

DATELINES = [
    lambda r, p, a, d: f"{p.upper()}, {MONTHS[d.month - 1]} {d.day}. /{a}/. ",
    lambda r, p, a, d: f"{p.upper()}, {MONTHS[d.month - 1].upper()} {d.day}, {a.upper()}. ",
    lambda r, p, a, d: f" date {d.isoformat()} {p} /{a}/. ",
    lambda r, p, a, d: f"{p.upper()}, {MONTHS[d.month - 1][:3]} {d.day} ({a}) - ",
    lambda r, p, a, d: f"{p}, {d.day} {MONTHS[d.month - 1]} {d.year}, {a} - ",
    lambda r, p, a, d: f"{p}, {MONTHS[d.month - 1]} {d.day}, {d.year} - {a}\n",
    lambda r, p, a, d: (
        f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}, {d.day} {MONTHS[d.month - 1]} {d.year}\n"
        f"{p.upper()}, {MONTHS[d.month - 1].upper()} {d.day}, {a.upper()}. "
    ),
]
MARKS = [('"', '"'), ("“", "”"), ('"', "”"), ("‘", "’"), ("'", "'")]
STATEMENTS = [
    "We are ready to continue providing our full support to the reconciliation of the two peoples.",
    "The dialogue has never been interrupted. We hope that such contacts will continue.",
    "Another important step has been taken in the direction of achieving reliable and long-term peace.",
    "The situation on the ground is rather unstable and Russia's position has not changed.",
]
FILLER = [
    "On {day} {month} {year} negotiations were held between the foreign ministers in {place}.",
    "The parties agreed to continue negotiations on the open issues where differences still exist.",
    "Moscow hosted two rounds of talks in May {prev} and July {prev}.",
    "The treaty will be signed by {next}, the sides said.",
    "Protests were staged in {place} and the Tavush province after the delimitation.",
]


def _person(r: random.Random) -> tuple[str, str]:
    first, last = r.choice(FIRST), r.choice(LAST)
    return f"{first} {last}", last


def _quote(r: random.Random, surname: str) -> str:
    opening, closing = r.choice(MARKS)
    body = r.choice(STATEMENTS).rstrip(".") + ","
    form = r.randrange(6)
    if form == 0:
        return f"{opening}{body}{closing} {surname} said."
    if form == 1:
        return f"{opening}{body}{closing} said {surname} in an interview."
    if form == 2:
        return f"{opening}{body}{closing} he noted."
    if form == 3:
        return f"{opening}{body}{closing} the diplomat told {r.choice(AGENCIES)}."
    if form == 4:  # over two paragraphs, reopened or not
        again = opening if r.random() < 0.5 else ""
        return f"{opening}{r.choice(STATEMENTS)}\n\n{again}{body}{closing} {surname} added."
    return f"According to him, the side does not use the term {opening}Zangezur Corridor{closing}."


def article(r: random.Random) -> str:
    """One synthetic article: a dateline, a lead naming a person, quotes and filler paragraphs."""
    day = datetime.date(r.randint(2015, 2025), r.randint(1, 12), r.randint(1, 28))
    place, agency = r.choice(PLACES), r.choice(AGENCIES)
    full, surname = _person(r)
    lead = (
        f"{r.choice(DATELINES)(r, place, agency, day)}{r.choice(['Russian', 'Armenian', 'Azerbaijani'])} "
        f"{r.choice(TITLES)} {full} told {agency} on {WEEKDAYS[day.weekday()]} that talks would go on."
    )
    paragraphs = [lead]
    for _ in range(r.randint(3, 8)):
        if r.random() < 0.5:
            paragraphs.append(_quote(r, surname))
        else:
            paragraphs.append(
                r.choice(FILLER).format(
                    day=r.randint(1, 28),
                    month=r.choice(MONTHS),
                    place=place,
                    year=day.year,
                    prev=day.year - 1,
                    next=day.year + 5,
                )
            )
    return "\n\n".join(paragraphs)


def corpus(n: int, seed: int = 0) -> list[str]:
    r = random.Random(seed)
    return [article(r) for _ in range(n)]


def matcher_names(extra: int = 2000) -> list[tuple[str, str]]:
    """The seeds' names plus `extra` made-up aliases, so the automaton is the size curation will reach."""
    names = [(f"{first}-{last}".lower(), f"{first} {last}") for first in FIRST for last in LAST]
    names += [(f"{first}-{last}".lower(), last) for first in FIRST[:1] for last in LAST]
    names += [(p.lower(), p) for p in PLACES] + [(a.lower(), a) for a in AGENCIES]
    names += [(f"entity-{i}", f"Entity{i} Name{i % 97}") for i in range(extra)]
    return names


def parse_all(articles: list[str], matcher: EntityMatcher, people: set[str], organisations: set[str]) -> dict:
    """Parse every article as the build does; counts of what was found."""
    counts = {"datelines": 0, "quotes": 0, "speakers": 0, "mentions": 0}
    speakers = Speakers(people, organisations)
    for text in articles:
        dateline = find_dateline(text)
        if dateline is not None:
            counts["datelines"] += 1
            if dateline.year is None:
                with contextlib.suppress(DateError):
                    infer_year(dateline.month, dateline.day, text, TODAY, dateline.start)
        mentions = matcher.find(text)
        quotes = find_quotes(text, mentions, speakers)
        counts["mentions"] += len(mentions)
        counts["quotes"] += len(quotes)
        counts["speakers"] += sum(1 for q in quotes if q.speaker_id)
    return counts


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--sizes", type=int, nargs=2, default=[10_000, 20_000], metavar=("N", "2N"))
    args = options.parse_args(argv)
    try:
        import ahocorasick  # noqa: F401  (the matcher's automaton, from the build's extra)
    except ImportError:
        print("the benchmark needs pyahocorasick: pip install -e '.[validate]'", file=sys.stderr)
        return 1
    names = matcher_names()
    matcher = EntityMatcher(names)
    people = {entity for entity, _ in names if "-" in entity and not entity.startswith("entity-")}
    organisations = {a.lower() for a in AGENCIES}
    print(f"aliases in the matcher: {len(names):,}")
    parse_all(corpus(200, seed=99), matcher, people, organisations)  # warm up caches and compiled patterns
    seconds = []
    for size in args.sizes:
        articles = corpus(size, seed=size)
        start = time.perf_counter()
        counts = parse_all(articles, matcher, people, organisations)
        seconds.append(time.perf_counter() - start)
        print(
            f"{size:,} articles: {seconds[-1]:.2f} s, {size / seconds[-1]:,.0f} articles/s "
            f"({counts['datelines']:,} datelines, {counts['quotes']:,} quotes, {counts['speakers']:,} speakers, "
            f"{counts['mentions']:,} mentions)"
        )
    print(
        f"time at {args.sizes[1]:,} / time at {args.sizes[0]:,}: {seconds[1] / seconds[0]:.2f} "
        f"(about {args.sizes[1] / args.sizes[0]:.0f} when parsing cost is linear in the corpus)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
