"""A synthetic caucasus-data package of any size, on the real schemas, for benchmarks and the differential test.

Two products, both deterministic for a given seed:

- `write_package(root, articles)`: a built package (schemas, every CSV, datapackage.json with sizes and hashes),
  valid for frictionless and for the package's own checks, at the rate of 10 mentions, 2 quotes and 2 evidence
  rows per article;
- `write_inputs(root, articles, entities)`: what the build reads (seed articles with datelines and quotes,
  curated CSVs with their entities, aliases and evidence), to time `caucasus-data build`.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> counts = write_package(root, articles=20)
>>> counts["mentions"], counts["quotes"], counts["articles"]
(200, 40, 20)
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from caucasus_data.model import csvformat as csvfiles
from caucasus_data.model.dates import bounds
from caucasus_data.model.identifiers import evidence_id, mention_id, quote_id
from caucasus_data.model.schema import read_schemas
from caucasus_data.pipeline import write as render

REPO = Path(__file__).resolve().parents[1]

FIRST = [
    "Aram",
    "Anahit",
    "Armen",
    "Gayane",
    "Hovhannes",
    "Lilit",
    "Narek",
    "Sona",
    "Tigran",
    "Zara",
    "Elnur",
    "Leyla",
    "Rashad",
    "Aysel",
    "Farid",
    "Gunel",
    "Kamran",
    "Nigar",
    "Orkhan",
    "Sevda",
    "Dmitry",
    "Irina",
    "Sergei",
    "Olga",
    "Pavel",
    "Yelena",
    "Nikolai",
    "Tatiana",
    "Viktor",
    "Marina",
    "Davit",
    "Nino",
    "Giorgi",
    "Tamar",
    "Levan",
    "Ketevan",
    "Ruben",
    "Mariam",
    "Vahe",
    "Ani",
    "Ilham",
    "Jeyhun",
    "Mikayil",
    "Samir",
    "Togrul",
    "Ulviyya",
    "Vugar",
    "Zaur",
    "Emil",
    "Fuad",
]
LAST = [
    "Petrosyan",
    "Hakobyan",
    "Sargsyan",
    "Grigoryan",
    "Harutyunyan",
    "Mkrtchyan",
    "Avetisyan",
    "Karapetyan",
    "Aliyev",
    "Mammadov",
    "Hasanov",
    "Huseynov",
    "Guliyev",
    "Ismayilov",
    "Jafarov",
    "Rzayev",
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Volkov",
    "Sokolov",
    "Lebedev",
    "Kozlov",
    "Beridze",
    "Kapanadze",
    "Gelashvili",
    "Mamedova",
    "Abramyan",
    "Baghdasaryan",
    "Danielyan",
    "Gasparyan",
    "Ghukasyan",
    "Khachatryan",
    "Manukyan",
    "Nazaryan",
    "Poghosyan",
    "Simonyan",
    "Torosyan",
    "Vardanyan",
    "Abbasov",
    "Babayev",
    "Veliyev",
    "Gasimov",
    "Karimov",
    "Nabiyev",
    "Safarov",
    "Tagiyev",
    "Orlov",
    "Zaitsev",
]
# Place names of letters only (a dateline place is letters), a few with letters outside ASCII so that
# character offsets and byte offsets differ.
PLACE_ROOTS = [
    "Aparan",
    "Berd",
    "Dilijan",
    "Goris",
    "Ijevan",
    "Kapan",
    "Meghri",
    "Noyemberyan",
    "Sisian",
    "Vardenis",
    "Ağdam",
    "Şuşa",
    "Füzuli",
    "Gəncə",
    "Lachin",
    "Qazax",
    "Tovuz",
    "Zəngilan",
    "Khojaly",
    "Kalbajar",
    "Gyumri",
    "Vanadzor",
    "Jermuk",
    "Yeghegnadzor",
    "Martuni",
    "Tegh",
    "Kornidzor",
    "Akhuryan",
    "Ararat",
    "Masis",
]
PLACE_PREFIXES = [
    "",
    "Nor",
    "Verin",
    "Nerkin",
    "Hin",
    "Upper",
    "Lower",
    "Old",
    "New",
    "Little",
    "Great",
    "East",
    "West",
    "North",
    "South",
]
ORG_KINDS = [
    ("Ministry of Foreign Affairs of", "ministry"),
    ("Border Commission of", "commission"),
    ("Working Group on", "working-group"),
    ("Government of", "government"),
    ("Security Council of", "other"),
    ("Peacekeeping Contingent in", "military-unit"),
]
OUTLETS = [
    "TASS",
    "ARMENPRESS",
    "Mediamax",
    "Trend",
    "APA",
    "News",
    "Interfax",
    "Reuters",
    "AFP",
    "JAMnews",
    "Azertac",
    "Panorama",
]
STATES = [
    ("armenia", "Armenia", "AM"),
    ("azerbaijan", "Azerbaijan", "AZ"),
    ("russia", "Russia", "RU"),
    ("kazakhstan", "Kazakhstan", "KZ"),
    ("georgia", "Georgia", "GE"),
]
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
STATEMENTS = [
    "We are ready to continue the negotiations on the peace treaty",
    "The border commissions will meet again before the end of the month",
    "Another important step has been taken towards peace in the region",
    "The sides agreed to continue the work on the delimitation of the border",
    "There is no alternative to a peace agreement between our countries",
    "We welcome the constructive atmosphere of the meeting",
    "The opening of regional communications remains on the agenda",
    "The talks were difficult but useful for both delegations",
]
EVENT_WORDS = ["talks", "meeting", "summit", "consultations", "session", "round"]
STATEMENT_WORDS = ["briefing", "interview", "remarks"]
DECISION_WORDS = ["decision", "resolution", "order"]
AGREEMENT_WORDS = ["statement", "declaration", "memorandum", "protocol"]
EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "REQUEST", "REJECT", "PROTEST"]
# Material acts (docs/curation.md): never a statement, so never with a speaker.
MATERIAL = {"COOPERATE", "PROTEST"}
ACCESSED = "2025-01-15"  # the day the synthetic sources were read


def slug(text: str) -> str:
    """`Ağdam` -> `a-dam`: lower-case letters and digits joined by single hyphens."""
    out, dash = [], False
    for c in text.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


@dataclass
class World:
    """The curated entities and the names the articles use for them."""

    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    people: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    places: list[tuple[str, str]] = field(default_factory=list)
    organisations: list[tuple[str, str]] = field(default_factory=list)
    outlets: list[tuple[str, str]] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)
    agreements: list[tuple[str, str]] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)  # date_edtf of each event and agreement


def _date(rng: random.Random) -> datetime.date:
    return datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(5 * 365))


def _edtf(rng: random.Random) -> str:
    day = _date(rng)
    return rng.choice(
        [
            day.isoformat(),
            day.isoformat()[:7],
            day.isoformat()[:4],
            f"{day.isoformat()}/{(day + datetime.timedelta(days=rng.randrange(1, 4))).isoformat()}",
        ]
    )


def _with_dates(row: dict[str, str], edtf: str) -> dict[str, str]:
    found = bounds(edtf)
    row.update(
        date_edtf=edtf,
        start_date=str(found.start or ""),
        end_date=str(found.end or ""),
        date_precision=found.precision or "",
    )
    return row


def _day_words(day: str) -> str:
    """`2021-03-05` -> `March 5, 2021`, as the datelines write a day."""
    found = datetime.date.fromisoformat(day)
    return f"{MONTHS[found.month - 1]} {found.day}, {found.year}"


def date_words(edtf: str) -> str:
    """The words an article gives a date in: `on March 5, 2021`, `in March 2021`, `in 2021`, `from ... to ...`.

    >>> date_words("2021-03-05/2021-03-07"), date_words("2021-03"), date_words("2021")
    ('from March 5, 2021 to March 7, 2021', 'in March 2021', 'in 2021')
    """
    if "/" in edtf:
        start, end = edtf.split("/")
        return f"from {_day_words(start)} to {_day_words(end)}"
    if len(edtf) == 4:
        return f"in {edtf}"
    if len(edtf) == 7:
        return f"in {MONTHS[int(edtf[5:]) - 1]} {edtf[:4]}"
    return f"on {_day_words(edtf)}"


def _unique_aliases(wanted: list[tuple[str, list[str], list[str]]], names: list[str]) -> list[dict[str, str]]:
    """One alias per entity of `wanted` (entity id, candidate aliases, their alias types): the first candidate
    that is no other entity's name or alias (compared as the alias-collision rule does), so that every alias
    names one entity."""
    taken = {name.strip().lower() for name in names}
    rows = []
    for entity_id, candidates, types in wanted:
        free = [(alias, kind) for alias, kind in zip(candidates, types) if alias.strip().lower() not in taken]
        if not free:
            continue  # every form names another entity: no alias
        alias, alias_type = free[0]
        taken.add(alias.strip().lower())
        rows.append(
            {
                "alias_id": f"{entity_id}--{slug(alias)}",
                "entity_id": entity_id,
                "alias": alias,
                "language": "en",
                "alias_type": alias_type,
            }
        )
    return rows


def make_world(entities: int, seed: int = 0) -> World:
    """About `entities` people, organisations, places, events and agreements, with aliases and links, that
    keep the curation rules (docs/curation.md): one entity per alias, roles as each kind of event takes them,
    a state for every speaker to speak for, agreements dated like the events that produced them."""
    rng = random.Random(seed)
    world = World()
    n_people = max(4, entities * 60 // 100)
    n_orgs = max(2, entities * 18 // 100)
    n_places = max(3, entities * 12 // 100)
    n_events = max(2, entities * 8 // 100)
    n_agreements = max(1, entities * 2 // 100)

    people, orgs, places = [], [], []
    wanted: list[tuple[str, list[str], list[str]]] = []  # aliases, made unique once every name is known
    state_of = {code: sid for sid, _, code in STATES}
    names = [(first, last) for first in FIRST for last in LAST]
    rng.shuffle(names)
    for i in range(n_people):
        first, last = names[i % len(names)]
        middle = FIRST[i // len(names) % len(FIRST)]
        name = f"{first} {last}" if i < len(names) else f"{first} {middle} {last}"
        pid = f"{slug(name)}-p{i}"
        people.append(
            {
                "person_id": pid,
                "name": name,
                "country_code": rng.choice(STATES)[2],
                "wikidata_id": "",
                "description": f"Official number {i}.",
            }
        )
        world.people.append((pid, name))
        given = name.rsplit(" ", 1)[0]
        wanted.append(
            (
                pid,
                [last, f"{first[0]}. {last}", f"{last}, {given}"],
                ["surname", "short-name", "alternative-name"],
            )
        )
    for sid, name, code in STATES:
        orgs.append(
            {
                "organisation_id": sid,
                "name": name,
                "classification": "state",
                "country_code": code,
                "parent_id": "",
                "wikidata_id": "",
                "description": f"{name} as an actor.",
            }
        )
        world.organisations.append((sid, name))
    for name in OUTLETS:
        oid = f"{slug(name)}-outlet"
        orgs.append(
            {
                "organisation_id": oid,
                "name": name,
                "classification": "news-outlet",
                "country_code": "",
                "parent_id": "",
                "wikidata_id": "",
                "description": "News agency.",
            }
        )
        world.outlets.append((oid, name))
    for i in range(n_orgs):
        kind, classification = ORG_KINDS[i % len(ORG_KINDS)]
        sid, state, code = STATES[i // len(ORG_KINDS) % len(STATES)]
        number = i // (len(ORG_KINDS) * len(STATES))
        name = f"{kind} {state}" + (f" No {number}" if number else "")
        oid = f"{slug(name)}-o{i}"
        orgs.append(
            {
                "organisation_id": oid,
                "name": name,
                "classification": classification,
                "country_code": code,
                "parent_id": sid,
                "wikidata_id": f"Q{1000 + i}" if i % 7 == 0 else "",
                "description": f"Body {i}; synthetic.",
            }
        )
        world.organisations.append((oid, name))
        # The state's code, not its initial: Armenia and Azerbaijan would share one acronym.
        acronym = "".join(w[0] for w in kind.split() if w[0].isupper()) + code + (str(number) if number else "")
        wanted.append((oid, [acronym, f"{acronym}-{i}"], ["abbreviation", "abbreviation"]))
    for i in range(n_places):
        root_name = PLACE_ROOTS[i % len(PLACE_ROOTS)]
        prefix = PLACE_PREFIXES[i // len(PLACE_ROOTS) % len(PLACE_PREFIXES)]
        repeat = i // (len(PLACE_ROOTS) * len(PLACE_PREFIXES))
        name = " ".join(filter(None, [prefix, root_name])) + ("".join(" Ka" for _ in range(repeat)))
        plid = f"{slug(name) or 'place'}-l{i}"
        places.append(
            {
                "place_id": plid,
                "name": name,
                "place_type": rng.choice(["city", "village", "region"]),
                "country_code": rng.choice(STATES)[2],
                "parent_id": places[0]["place_id"] if i else "",
                "latitude": f"{rng.uniform(38, 42):.4f}" if i % 3 == 0 else "",
                "longitude": f"{rng.uniform(43, 49):.4f}" if i % 3 == 0 else "",
                "geonames_id": str(100000 + i) if i % 5 == 0 else "",
                "description": "",
            }
        )
        world.places.append((plid, name))
    events, participants = [], []
    others = [o for o in world.organisations if o[0] not in state_of.values()]
    for i in range(n_events):
        place = rng.choice(world.places)
        event_type = rng.choice(EVENT_TYPES)
        # The kind follows from the row (docs/curation.md): talks are CONSULT, statements have a speaker (and are
        # never a material act), the rest are decisions and acts.
        kind = "talks" if event_type == "CONSULT" else "decision" if event_type in MATERIAL or i % 2 else "statement"
        words = {"talks": EVENT_WORDS, "statement": STATEMENT_WORDS, "decision": DECISION_WORDS}[kind]
        edtf = _edtf(rng)
        name = f"{place[1]} {words[i % len(words)]} {edtf[:4]}"
        eid = f"{slug(name)}-e{i}"
        events.append(
            _with_dates(
                {
                    "event_id": eid,
                    "name": name,
                    "event_type": event_type,
                    "event_mode": "",
                    "status": "occurred",
                    "place_id": place[0],
                    "description": f"Synthetic {kind} event.",
                },
                edtf,
            )
        )
        world.events.append((eid, name))
        roles: dict[str, str] = {}
        if kind == "talks":
            for who, _ in rng.sample(world.people, 3):
                roles[who] = "participant"
            roles[rng.choice(STATES)[0]] = "host"
        elif kind == "statement":
            speaker = rng.choice(people)
            roles[speaker["person_id"]] = "speaker"
            roles[state_of[speaker["country_code"]]] = "source"  # the state the speaker speaks for
            target = rng.choice(STATES)[0]
            roles.setdefault(target, "target")
        else:
            for who, _ in rng.sample(world.organisations[: len(STATES)], 2):
                roles[who] = "source"
            if others:
                roles[rng.choice(others)[0]] = "target"
        for who, role in roles.items():
            participants.append(
                {"event_participant_id": f"{eid}--{who}", "event_id": eid, "participant_id": who, "role": role}
            )
    agreements, parties = [], []
    for i in range(n_agreements):
        event = events[i % len(events)]
        name = f"{rng.choice(world.places)[1]} {AGREEMENT_WORDS[i % len(AGREEMENT_WORDS)]} {event['date_edtf'][:4]}"
        aid = f"{slug(name)}-a{i}"
        agreements.append(
            _with_dates(
                {
                    "agreement_id": aid,
                    "name": name,
                    "stage": rng.choice(["Pre", "Imp", ""]),
                    "substage": "",
                    "status": "signed",
                    "pax_agt_id": str(2000 + i),
                    "event_id": event["event_id"],
                    "description": "",
                },
                event["date_edtf"],  # an agreement has the date of the event that produced it
            )
        )
        world.agreements.append((aid, name))
        for sid, _, _ in STATES[:2]:
            parties.append(
                {"agreement_party_id": f"{aid}--{sid}", "agreement_id": aid, "party_id": sid, "role": "party"}
            )
    memberships = []
    for i, (pid, _) in enumerate(world.people[: n_people // 2]):
        org = world.organisations[len(STATES) + i % max(1, len(world.organisations) - len(STATES))]
        start = _date(rng)
        memberships.append(
            {
                "membership_id": f"{pid}--{org[0]}",
                "person_id": pid,
                "organisation_id": org[0],
                "on_behalf_of_id": "",
                "role": "Member",
                "start_date": start.isoformat(),
                "end_date": "",
                "attested_date": (start + datetime.timedelta(days=30)).isoformat(),
            }
        )
    sources = [
        {
            "source_id": f"source-{i}",
            "title": f"Source {i}",
            "publisher": "Synthetic",
            "url": f"https://example.org/source/{i}",
            "accessed_date": ACCESSED,
            "citation": f"Synthetic source {i}.",
        }
        for i in range(5)
    ] + [
        {
            "source_id": f"pax-{row['pax_agt_id']}",
            "title": f"PA-X agreement {row['pax_agt_id']}",
            "publisher": "University of Edinburgh",
            "url": "",
            "accessed_date": "",
            "citation": f"PA-X Peace Agreements Database, AgtId {row['pax_agt_id']}.",
        }
        for row in agreements
    ]
    world.dates = {row["event_id"]: row["date_edtf"] for row in events}
    world.dates.update((row["agreement_id"], row["date_edtf"]) for row in agreements)
    all_names = [row["name"] for table in (people, orgs, places, events, agreements) for row in table]
    world.tables = {
        "people": people,
        "organisations": orgs,
        "places": places,
        "aliases": _unique_aliases(wanted, all_names),
        "events": events,
        "event_participants": participants,
        "agreements": agreements,
        "agreement_parties": parties,
        "memberships": memberships,
        "sources": sources,
    }
    return world


@dataclass
class Article:
    article_id: str
    text: str
    outlet: tuple[str, str]
    place: tuple[str, str]
    day: datetime.date
    dateline: str
    mentions: list[tuple[int, int, str, str]]  # start, end, entity id, surface
    quotes: list[tuple[int, int, str, str]]  # start, end, speaker id, attribution
    # The dates it gives: start, end, subject id, property, value (the words are text[start:end]).
    facts: list[tuple[int, int, str, str, str]] = field(default_factory=list)


class _Text:
    """An article's text being written, with the offsets (in code points) of what it names."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[tuple[int, int, str, str]] = []

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def name(self, entity: tuple[str, str]) -> None:
        start = self.add(entity[1])
        self.mentions.append((start, self.length, entity[0], entity[1]))

    def date(self, subject: str, verb: str, edtf: str) -> tuple[int, int, str, str, str]:
        """`, held on March 5, 2021,`: the words that give `subject` its date_edtf `edtf`."""
        self.add(", ")
        start = self.add(verb + date_words(edtf))
        self.add(",")
        return start, self.length - 1, subject, "date_edtf", edtf


def make_article(world: World, index: int, rng: random.Random) -> Article:
    """One article: a dateline and five sentences, naming ten entities and quoting two people."""
    article_id = f"{index:07d}_{hashlib.sha256(str(index).encode()).hexdigest()[:16]}"
    place, outlet = rng.choice(world.places), rng.choice(world.outlets)
    day = _date(rng)
    curly = index % 3 == 0  # typographic quote marks, as in many real articles
    opening, closing = ("“", "”") if curly else ('"', '"')
    t = _Text()
    t.name(place)
    t.add(f", {MONTHS[day.month - 1]} {day.day}, {day.year} /")
    t.name(outlet)
    t.add("/. ")
    dateline = "".join(t.parts).strip()
    p1, p2 = rng.sample(world.people, 2)
    org, org2 = rng.sample(world.organisations, 2)
    t.name(p1)
    t.add(" met ")
    t.name(p2)
    t.add(" on Tuesday to discuss the delimitation of the border and the text of the peace treaty.\n")
    quotes = []
    for speaker in (p1, p2):
        t.add(opening)
        words = rng.choice(STATEMENTS) + ","
        start = t.add(words)
        t.add(closing + " ")
        t.name(speaker)
        t.add(" said.\n")
        quotes.append((start, start + len(words), speaker[0], f"{speaker[1]} said"))
    t.add("According to the ")
    t.name(org)
    t.add(", the work of the ")
    event = rng.choice(world.events)
    t.name(event)
    facts = [t.date(event[0], "held ", world.dates[event[0]])]
    t.add(" will continue in the capital of ")
    t.name(org2)
    t.add(".\nThe ")
    agreement = rng.choice(world.agreements)
    t.name(agreement)
    facts.append(t.date(agreement[0], "signed ", world.dates[agreement[0]]))
    t.add(" remains the basis of the process, the sources said.\n")
    return Article(article_id, "".join(t.parts), outlet, place, day, dateline, t.mentions, quotes, facts)


def article_rows(article: Article) -> tuple[dict, list[dict], list[dict]]:
    """The articles, mentions and quotes rows of one article, as the build would write them."""
    text = article.text
    row = {
        "article_id": article.article_id,
        "seed_file": f"seeds/{article.article_id}.txt",
        "title": "",
        "outlet_name": article.outlet[1],
        "outlet_id": article.outlet[0],
        "dateline": article.dateline,
        "dateline_start": "0",
        "dateline_end": str(len(article.dateline)),
        "dateline_place_name": article.place[1],
        "dateline_place_id": article.place[0],
        "published_date": article.day.isoformat(),
        "published_date_inferred": "false",
        "published_date_unknown": "false",
        "published_date_method": "read from the dateline",
        "language": "en",
        "url": "",
        "text": text,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "char_count": str(len(text)),
    }
    mentions = [
        {
            "mention_id": mention_id(article.article_id, s, e_id),
            "article_id": article.article_id,
            "entity_id": e_id,
            "char_start": str(s),
            "char_end": str(e),
            "surface": surface,
        }
        for s, e, e_id, surface in article.mentions
    ]
    quotes = [
        {
            "quote_id": quote_id(article.article_id, s),
            "article_id": article.article_id,
            "speaker_id": who,
            "attribution": attribution,
            "text": text[s:e],
            "char_start": str(s),
            "char_end": str(e),
            "quote_type": "statement",
            "truncated": "false",
            "published_date": article.day.isoformat(),
            "event_id": "",
        }
        for s, e, who, attribution in article.quotes
    ]
    return row, mentions, quotes


def _evidence(subject: str, **values: str) -> dict[str, str]:
    row = {
        "subject_id": subject,
        "property": "",
        "value": "",
        "article_id": "",
        "char_start": "",
        "char_end": "",
        "quote": "",
        "source_id": "",
        "note": "",
        **values,
    }
    row["evidence_id"] = evidence_id(row)
    return row


def coverage_evidence(world: World) -> list[dict[str, str]]:
    """One source evidence row for every curated row that needs evidence."""
    schemas = read_schemas(REPO)
    rows = []
    for table, table_rows in world.tables.items():
        schema = schemas[table]
        if schema.evidence_required:
            key = schema.primary_key[0]
            rows.extend(_evidence(row[key], source_id="source-0") for row in table_rows)
    return rows


def source_evidence(world: World) -> list[dict[str, str]]:
    """Evidence for the values the articles do not give, from their cited sources: each agreement's PA-X codes
    (its `pax-N` source), the identifiers and coordinates of entities, and each membership's dates."""
    rows = []
    for row in world.tables["agreements"]:
        for name in ("stage", "substage", "pax_agt_id"):
            if row[name]:
                rows.append(
                    _evidence(
                        row["agreement_id"],
                        property=name,
                        value=row[name],
                        source_id=f"pax-{row['pax_agt_id']}",
                        note="The agreement's PA-X page.",
                    )
                )
    for table, key, names in (
        ("people", "person_id", ("wikidata_id",)),
        ("organisations", "organisation_id", ("wikidata_id",)),
        ("places", "place_id", ("latitude", "longitude", "geonames_id")),
    ):
        for row in world.tables[table]:
            rows.extend(
                _evidence(row[key], property=name, value=row[name], source_id="source-3", note="The source's page.")
                for name in names
                if row[name]
            )
    for row in world.tables["memberships"]:
        for name in ("start_date", "end_date", "attested_date"):
            if row[name]:
                rows.append(
                    _evidence(
                        row["membership_id"],
                        property=name,
                        value=row[name],
                        source_id="source-1",
                        note="The source gives the date of the role.",
                    )
                )
    return rows


def undated_evidence(world: World, cited: set[str]) -> list[dict[str, str]]:
    """A cited source for the date of each event and agreement whose date no article span in `cited` gave."""
    return [
        _evidence(subject, property="date_edtf", value=edtf, source_id="source-2", note="No article gives the date.")
        for subject, edtf in world.dates.items()
        if subject not in cited
    ]


def _occurrence(text: str, words: str, start: int) -> str:
    """Which occurrence of `words` in `text` the one at `start` is ("" when the words occur once)."""
    starts, at = [], text.find(words)
    while at >= 0:
        starts.append(at)
        at = text.find(words, at + 1)
    return str(starts.index(start) + 1) if len(starts) > 1 else ""


def copy_schemas(root: Path) -> None:
    shutil.copytree(REPO / "schemas", root / "schemas", dirs_exist_ok=True)


def _metadata() -> dict:
    metadata = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    metadata["sources"] = [{"title": "Synthetic articles for benchmarks"}]
    return metadata


class _Writers:
    """One csv writer per table, writing rows as they come (the big tables never sit in memory)."""

    def __init__(self, root: Path, schemas):
        self.schemas = schemas
        (root / "data").mkdir(parents=True, exist_ok=True)
        self.handles = {
            name: (root / "data" / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in schemas
        }
        self.writers = {name: csv.writer(h, lineterminator="\n") for name, h in self.handles.items()}
        self.counts = dict.fromkeys(schemas, 0)
        for name, schema in schemas.items():
            self.writers[name].writerow(schema.field_names)

    def write(self, table: str, rows: list[dict[str, str]]) -> None:
        names = self.schemas[table].field_names
        self.writers[table].writerows([row.get(n) or "" for n in names] for row in rows)
        self.counts[table] += len(rows)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def write_descriptor(root: Path) -> None:
    """datapackage.json for the CSV files as they are now (sizes and hashes included)."""
    schemas = read_schemas(root)
    csvs = {name: (root / "data" / f"{name}.csv").read_bytes() for name in schemas}
    resources = [
        {
            "name": name,
            "type": "table",
            "path": f"data/{name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": f"schemas/{name}.json",
            "bytes": len(data),
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        }
        for name, data in csvs.items()
    ]
    descriptor = {**{k: v for k, v in _metadata().items() if k != "resources"}, "resources": resources}
    (root / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def write_package(root: Path, articles: int, entities: int | None = None, seed: int = 0) -> dict[str, int]:
    """A built, valid package of `articles` articles in `root`; returns the row count of each table."""
    root = Path(root)
    copy_schemas(root)
    schemas = read_schemas(root)
    world = make_world(entities or max(20, articles // 15), seed)
    rng = random.Random(seed + 1)
    out = _Writers(root, schemas)
    try:
        for table, rows in world.tables.items():
            out.write(table, rows)
        out.write("evidence", coverage_evidence(world) + source_evidence(world))
        cited: set[str] = set()
        for index in range(articles):
            article = make_article(world, index, rng)
            row, mentions, quotes = article_rows(article)
            out.write("articles", [row])
            out.write("mentions", mentions)
            out.write("quotes", quotes)
            # Two article spans as evidence: the names of the two people who met.
            out.write(
                "evidence",
                [
                    _evidence(e_id, article_id=article.article_id, char_start=str(s), char_end=str(e), quote=surface)
                    for s, e, e_id, surface in article.mentions[2:4]
                ],
            )
            # The words that date an event or agreement, the first time an article gives them.
            out.write(
                "evidence",
                [
                    _evidence(
                        subject,
                        property=name,
                        value=value,
                        article_id=article.article_id,
                        char_start=str(s),
                        char_end=str(e),
                        quote=article.text[s:e],
                    )
                    for s, e, subject, name, value in article.facts
                    if subject not in cited and not cited.add(subject)
                ],
            )
        out.write("evidence", undated_evidence(world, cited))
    finally:
        out.close()
    write_descriptor(root)
    return out.counts


def write_parquet(root: Path) -> int:
    """The Parquet files of the package, as the build writes them; returns their total size in bytes."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from caucasus_data.model.arrow import arrow_schema

    total = 0
    for name, schema in read_schemas(root).items():
        target = arrow_schema(schema)
        options = pacsv.ConvertOptions(
            column_types={f.name: f.type for f in target},
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            true_values=["true"],
            false_values=["false"],
        )
        table = pacsv.read_csv(
            root / "data" / f"{name}.csv",
            convert_options=options,
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
        )
        path = root / "data" / f"{name}.parquet"
        pq.write_table(table.cast(target), path, **render.PARQUET_OPTIONS)
        total += path.stat().st_size
    return total


def write_inputs(root: Path, articles: int, entities: int, seed: int = 0) -> dict[str, int]:
    """What `caucasus-data build` reads: seeds/ and the curated CSVs (with evidence for every row)."""
    root = Path(root)
    copy_schemas(root)
    schemas = read_schemas(root)
    world = make_world(entities, seed)
    rng = random.Random(seed + 1)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    evidence = coverage_evidence(world) + source_evidence(world)
    cited: set[str] = set()
    for index in range(articles):
        article = make_article(world, index, rng)
        (root / "seeds" / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8", newline="")
        if index < 1000:  # some evidence as article spans, which the build completes and checks
            s, _end, e_id, surface = article.mentions[2]
            occurrence = _occurrence(article.text, surface, s)
            evidence.append(_evidence(e_id, article_id=article.article_id, quote=surface, occurrence=occurrence))
        for s, e, subject, name, value in article.facts:  # each date, quoted from the first article giving it
            if subject not in cited:
                cited.add(subject)
                words = article.text[s:e]
                occurrence = _occurrence(article.text, words, s)
                evidence.append(
                    _evidence(
                        subject,
                        property=name,
                        value=value,
                        article_id=article.article_id,
                        quote=words,
                        occurrence=occurrence,
                    )
                )
    evidence += undated_evidence(world, cited)
    tables = dict(world.tables, evidence=evidence)
    (root / "curated").mkdir(parents=True, exist_ok=True)
    for name, schema in schemas.items():
        if schema.is_curated:  # no overrides: every dateline is read
            rows = tables.get(name, [])
            (root / "curated" / f"{name}.csv").write_bytes(csvfiles.render(schema.input_field_names, rows))
    metadata = _metadata()
    metadata["resources"] = [
        {"name": name, "path": f"data/{name}.csv", "schema": f"schemas/{name}.json"} for name in schemas
    ]
    (root / "datapackage.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return {name: len(tables.get(name, [])) for name in schemas} | {"seeds": articles}
