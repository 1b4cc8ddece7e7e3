"""Curated overrides laid over what the parser read: article metadata and quote speakers, events, kinds.

An override wins over the parsed value; every field it sets is named in the row's `overridden_fields`
and in a line the build prints, so that a curated value is never mistaken for a parsed one.
"""

from __future__ import annotations

import csv
import datetime
import io

from ..findings import Finding

Rows = list[dict[str, str]]

ARTICLE_OVERRIDES = "data/article_metadata.csv"
QUOTE_OVERRIDES = "data/quote_overrides.csv"
# In the articles table's column order, which overridden_fields follows.
ARTICLE_FIELDS = ("title", "outlet_id", "dateline_place_id", "published_date", "language", "url")
QUOTE_FIELDS = ("speaker_id", "quote_type", "event_id")
UNKNOWN = "unknown"  # an article_metadata published_date for an article no source dates


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
    "seeds/a.txt: published_date '2024-06-04' (parsed: 2024-06-05), url 'https://tass.com/1' (parsed: none) from data/article_metadata.csv"
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


def check_article_overrides(rows: Rows) -> list[Finding]:
    """A date that is not YYYY-MM-DD (or `unknown`) would reach every quote of the article: stop at its
    source."""
    findings = []
    for row in rows:
        try:
            if row["published_date"] and row["published_date"] != UNKNOWN:
                datetime.date.fromisoformat(row["published_date"])
        except ValueError:
            findings.append(
                Finding(
                    ARTICLE_OVERRIDES,
                    int(row["_row"]),
                    "published_date",
                    "type-error",
                    f"{row['published_date']!r} is not a date; write it as YYYY-MM-DD, or {UNKNOWN} when no "
                    "source gives it",
                )
            )
    return findings


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
