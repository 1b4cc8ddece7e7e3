"""The resolve step: curated names and overrides laid over what the parser read (article metadata; quote
speakers, events and kinds).

An override wins over the parsed value; every field it sets is named in the row's `overridden_fields`
and in a line the build prints, so that a curated value is never mistaken for a parsed one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ..findings import Finding
from ..model.schema import TableSchema
from ..parse.mentions import fold
from ..parse.speakers import Speakers, capitals_of
from .read import UNKNOWN

Rows = list[dict[str, str]]

ARTICLE_OVERRIDES = "curated/article_metadata.csv"
QUOTE_OVERRIDES = "curated/quote_overrides.csv"
# In the articles table's column order, which overridden_fields follows.
ARTICLE_FIELDS = ("title", "outlet_id", "dateline_place_id", "published_date", "language", "url")
QUOTE_FIELDS = ("speaker_id", "quote_type", "event_id")


@dataclass
class Names:
    """Name and alias lookup for one table: folded name -> ids."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity_id: str, name: str) -> None:
        self.ids.setdefault(fold(name.strip()), set()).add(entity_id)

    def resolve(self, name: str) -> str | None:
        found = self.ids.get(fold(name.strip()), set())
        return next(iter(found)) if len(found) == 1 else None


def _changes(row: dict[str, str], override: dict[str, str], fields: tuple[str, ...]) -> list[str]:
    """Set the fields the override gives; say what each was."""
    said = []
    for name in fields:
        value = override.get(name, "")
        if value:
            said.append(f"{name} {value!r} (parsed: {row.get(name) or 'none'})")
            row[name] = value
    row["overridden_fields"] = " ".join(name for name in fields if override.get(name))
    return said


def apply_article_override(row: dict[str, str], override: dict[str, str] | None) -> str | None:
    """Lay an article_metadata row over a parsed article row; the line the build prints, if any.

    >>> row = {"seed_file": "seeds/a.txt", "published_date": "2024-06-05", "published_date_inferred": "true"}
    >>> apply_article_override(row, {"published_date": "2024-06-04", "url": "https://tass.com/1"})
    "seeds/a.txt: published_date '2024-06-04' (parsed: 2024-06-05), url 'https://tass.com/1' (parsed: none) from curated/article_metadata.csv"
    >>> row["overridden_fields"], row["published_date_inferred"]
    ('published_date url', 'false')
    """
    if not override:
        return None
    said = _changes(row, override, ARTICLE_FIELDS)
    if override.get("published_date") == UNKNOWN:
        # Nothing dates the article: the date stays empty, flagged, rather than invented.
        row.update(
            published_date="",
            published_date_inferred="false",
            published_date_unknown="true",
            published_date_method=f"unknown: no source gives it (curated in {ARTICLE_OVERRIDES})",
        )
    elif override.get("published_date"):
        row.update(published_date_inferred="false", published_date_method=f"curated in {ARTICLE_OVERRIDES}")
    return f"{row['seed_file']}: {', '.join(said)} from {ARTICLE_OVERRIDES}" if said else None


def apply_quote_overrides(quotes: Rows, overrides: Rows) -> tuple[list[Finding], list[str]]:
    """Lay quote_overrides rows over the parsed quotes (matched by article and char_start).

    An override that matches no quote is an error rather than a silent no-op, since the quote it was
    written for has moved or gone: the finding names where the article's quotes start now.
    """
    by_key = {(q["article_id"], q["char_start"]): q for q in quotes}
    findings, notes = [], []
    for override in overrides:
        quote = by_key.get((override["article_id"], override["char_start"]))
        if quote is None:
            starts = [q["char_start"] for q in quotes if q["article_id"] == override["article_id"]]
            where = f"its quotes start at {', '.join(starts)}" if starts else "it has no quotes (or no such article)"
            findings.append(
                Finding(
                    QUOTE_OVERRIDES,
                    int(override["_row"]),
                    "char_start",
                    "override",
                    f"no quote of {override['article_id']} starts at {override['char_start']}; {where}",
                )
            )
            continue
        said = _changes(quote, override, QUOTE_FIELDS)
        if said:
            notes.append(f"{quote['quote_id']}: {', '.join(said)} from {QUOTE_OVERRIDES}")
    return findings, notes


def override_example(header: list[str], seed_file: str, outlet_id: str = "") -> str:
    """The CSV line a contributor adds to article_metadata.csv for an article without a usable dateline;
    an outlet already resolved from the dateline needs no override.

    >>> override_example(["seed_file", "outlet_id", "published_date", "note"], "seeds/x.txt")
    'seeds/x.txt,OUTLET_ID,YYYY-MM-DD,where the date comes from'
    >>> override_example(["seed_file", "outlet_id", "published_date", "note"], "seeds/x.txt", "tass")
    'seeds/x.txt,,YYYY-MM-DD,where the date comes from'
    """
    values = {
        "seed_file": seed_file,
        "outlet_id": "" if outlet_id else "OUTLET_ID",
        "published_date": "YYYY-MM-DD",
        "note": "where the date comes from",
    }
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([values.get(name, "") for name in header])
    return buffer.getvalue()


def entity_names(schemas: dict[str, TableSchema], tables: dict[str, Rows]) -> list[tuple[str, str]]:
    """(id, name) for every name and alias of every entity that mentions can refer to."""
    entity_tables = dict(schemas["mentions"].polymorphic_keys())["entity_id"]
    names: list[tuple[str, str]] = []
    for table in entity_tables:
        key = schemas[table].primary_key[0]
        names.extend((row[key], row["name"]) for row in tables[table])
    names.extend((row["entity_id"], row["alias"]) for row in tables["aliases"])
    return names


def lookup(names: list[tuple[str, str]], ids: set[str]) -> Names:
    lookup = Names()
    for entity_id, name in names:
        if entity_id in ids:
            lookup.add(entity_id, name)
    return lookup


def speakers_of(tables: dict[str, Rows], names: list[tuple[str, str]]) -> Speakers:
    """Who may speak, with what identifies them: descriptions and offices of people, names and aliases, and the
    states the capitals stand for."""
    organisations = {r["organisation_id"]: r for r in tables["organisations"]}
    roles = [
        (
            m["person_id"],
            " ".join(organisations.get(m[k], {}).get("name", "") for k in ("organisation_id", "on_behalf_of_id"))
            + " "
            + m["role"],
        )
        for m in tables["memberships"]
    ]
    states = [
        (o["organisation_id"], o["country_code"]) for o in tables["organisations"] if o["classification"] == "state"
    ]
    capitals = capitals_of(((p["place_id"], p["name"], p["country_code"]) for p in tables["places"]), states)
    people = {r["person_id"]: r["description"] for r in tables["people"]}  # descriptions give titles
    speaking = [(entity, name) for entity, name in names if entity in people or entity in organisations]
    return Speakers(people, set(organisations), speaking, roles, capitals)


def unresolved_speakers(articles: Rows, quotes: Rows) -> list[str]:
    """A warning per statement or partial quote with no speaker, saying why and how to set one, and per quote the
    text ends in before it closes: at most QUOTE_WARNINGS quotes of an article, then a count."""
    seed = {a["article_id"]: a["seed_file"] for a in articles}
    warnings: list[str] = []
    counts: dict[str, int] = {}
    for q in quotes:
        found = _quote_warnings(seed[q["article_id"]], q)
        if not found:
            continue
        counts[q["article_id"]] = counts.get(q["article_id"], 0) + 1
        if counts[q["article_id"]] <= QUOTE_WARNINGS:
            warnings.extend(found)
    for article_id, count in counts.items():
        if count > QUOTE_WARNINGS:
            warnings.append(
                f"{seed[article_id]}: {count - QUOTE_WARNINGS} more of its quotes lack a speaker or are cut off; "
                f"they are not listed here: see data/quotes.csv (speaker_id empty, truncated true), article_id "
                f"{article_id}"
            )
    return warnings


def _quote_warnings(seed_file: str, q: dict[str, str]) -> list[str]:
    warnings = []
    if q["quote_type"] != "term" and not q["speaker_id"]:
        said = f" (attribution: {q['attribution']!r})" if q["attribution"] else ""
        why = f" ({q['_unresolved']})" if q.get("_unresolved") else ""
        warnings.append(
            f"{seed_file}: the speaker of the quote at {q['char_start']} ({q['text'][:40]!r}){said} "
            f"is not resolved{why}; add the person to curated/people.csv or curated/aliases.csv, or set speaker_id "
            f"in {QUOTE_OVERRIDES} for article_id {q['article_id']}, char_start {q['char_start']}"
        )
    if q["truncated"] == "true":
        warnings.append(
            f"{seed_file}: the quote at {q['char_start']} ({q['text'][:40]!r}) is cut off: the text ends "
            "before the quotation closes (truncated: true)"
        )
    return warnings


QUOTE_WARNINGS = 50  # quotes of one article whose missing speaker or truncation is warned of
