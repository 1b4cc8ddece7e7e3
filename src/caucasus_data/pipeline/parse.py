"""The parse step: seed files -> article rows, with the outlet, place and date parsed from the dateline, the
names resolved to curated ids and the curated override (curated/article_metadata.csv) laid over them."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..findings import Finding
from ..model.identifiers import mention_id, quote_id
from ..parse.dateline import Dateline, find_dateline
from ..parse.furniture import headline, story_start
from ..parse.mentions import EntityMatcher
from ..parse.published import publication_date
from ..parse.quotes import find_quotes
from .progress import Progress
from .read import Seed
from .resolve import ARTICLE_OVERRIDES, Names, apply_article_override, lookup, override_example, speakers_of

Rows = list[dict[str, str]]
ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|that|with|said)\b", re.IGNORECASE)
KNOWN_FORMS = "`MOSCOW, June 5. /TASS/.`, `YEREVAN, MAY 15, ARMENPRESS.`, `BAKU, March 3 (Reuters) -`"


@dataclass
class ArticleResult:
    """One parsed article: its row, what stops the build, what it warns of, and the overrides applied."""

    row: dict[str, str]
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    date_warnings: list[str] = field(default_factory=list)  # on the parsed date; an override of it ends them


def _base_row(seed: Seed) -> dict[str, str]:
    return {
        "article_id": seed.article_id,
        "seed_file": seed.relative,
        "text": seed.text,
        "text_sha256": hashlib.sha256(seed.data).hexdigest(),
        "char_count": str(len(seed.text)),
        "published_date_inferred": "false",
        "published_date_unknown": "false",
        "language": _language(seed.text),
    }


def _date(row: dict[str, str], dateline: Dateline | None, today: datetime.date, result: ArticleResult) -> str | None:
    """Fill the publication date from the top of the article; the reason when it cannot be made."""
    found = publication_date(row["text"], dateline, today)
    result.date_warnings.extend(found.warnings)
    if found.date is None:
        return found.problem
    row.update(
        published_date=found.date.isoformat(),
        published_date_inferred="true" if found.inferred else "false",
        published_date_method=found.method,
    )
    return None


def _resolve(row: dict[str, str], dateline: Dateline, outlets: Names, places: Names) -> list[tuple[str, str, str]]:
    """Set outlet_id and dateline_place_id by name or alias; (name, column, table) of those not found."""
    missing = []
    for name, names, column, table in (
        (dateline.outlet, outlets, "outlet_id", "organisations"),
        (dateline.place, places, "dateline_place_id", "places"),
    ):
        resolved = names.resolve(name)
        if resolved:
            row[column] = resolved
        elif name:
            missing.append((name, column, table))
    return missing


def article_row(
    seed: Seed,
    outlets: Names,
    places: Names,
    today: datetime.date,
    override: dict[str, str] | None = None,
    override_header: list[str] | None = None,
) -> ArticleResult:
    """The article row of one seed, with its curated override (a curated/article_metadata.csv row)."""
    result = ArticleResult(_base_row(seed))
    row, relative = result.row, result.row["seed_file"]
    dateline = find_dateline(row["text"])
    missing: list[tuple[str, str, str]] = []
    if dateline is not None:
        row.update(
            dateline=dateline.text,
            dateline_start=str(dateline.start),
            dateline_end=str(dateline.end),
            outlet_name=dateline.outlet,
            dateline_place_name=dateline.place,
            title=headline(row["text"], dateline.start),
        )
        missing = _resolve(row, dateline, outlets, places)
    else:
        row["title"] = headline(row["text"], story_start(row["text"]))
    problem = _date(row, dateline, today, result)
    if dateline is None and problem:
        problem = (
            f"no dateline was recognised at the top of the article (known forms include {KNOWN_FORMS}), and {problem}"
        )
    note = apply_article_override(row, override)
    if note:
        result.notes.append(note)
    if not row.get("published_date") and row["published_date_unknown"] != "true":
        result.findings.append(
            Finding(
                relative,
                None,
                None,
                "dateline",
                _how_to_date(problem or "the dateline gives no date", row, override, override_header or []),
            )
        )
    result.warnings.extend(_warnings(row, missing, named_outlet=bool(dateline and dateline.outlet)))
    if "published_date" not in row.get("overridden_fields", "").split():  # an override of the date ends them
        result.warnings.extend(f"{relative}: {warning}" for warning in result.date_warnings)
    return result


def _warnings(row: dict[str, str], missing: list[tuple[str, str, str]], named_outlet: bool) -> list[str]:
    """What the article row lacks after the override, and where to add it."""
    relative, out = row["seed_file"], []
    for name, column, table in missing:
        if row.get(column):
            continue
        what = "outlet" if column == "outlet_id" else "dateline place"
        if column == "dateline_place_id" and "/" in name:
            out.append(
                f"{relative}: the dateline names several places ({name!r}); {column} left empty "
                f"(set it in {ARTICLE_OVERRIDES} if one of them is the place of the story)"
            )
            continue
        out.append(
            f"{relative}: {what} {name!r} is not curated: add a curated/{table}.csv row (or an alias in "
            f"curated/aliases.csv), or set {column} in {ARTICLE_OVERRIDES}; {column} left empty"
        )
    if not named_outlet and not row.get("outlet_id"):
        out.append(f"{relative}: the text names no outlet; outlet_id left empty (set it in {ARTICLE_OVERRIDES})")
    if not row["language"]:
        out.append(f"{relative}: language not recognised; language left empty (set it in {ARTICLE_OVERRIDES})")
    return out


def _how_to_date(problem: str, row: dict[str, str], override: dict[str, str] | None, header: list[str]) -> str:
    """What is wrong, and the exact line or cell the contributor adds to the override table."""
    if override:
        return (
            f"{problem}, and its row in {ARTICLE_OVERRIDES} gives no published_date: fill it in (YYYY-MM-DD, "
            "or unknown when no source gives it)"
        )
    needed = "the publication date" if row.get("outlet_id") else "the outlet's organisation_id and the publication date"
    return (
        f"{problem}. Add this line to {ARTICLE_OVERRIDES}, with {needed} from the article's page "
        f"(leave a column empty when unknown; the date unknown when no source gives it): "
        f"{override_example(header, row['seed_file'], row.get('outlet_id', ''))}"
    )


def _language(text: str) -> str:
    """`en` for English text; empty when it cannot tell."""
    words = len(text.split()) or 1
    return "en" if len(ENGLISH_WORDS.findall(text)) / words > 0.08 else ""


def article_rows(seeds: Iterable[Seed], schemas, tables, names, today: datetime.date) -> list[ArticleResult]:
    """The article row of each seed, with its curated override laid over it."""
    outlets = lookup(names, {r["organisation_id"] for r in tables["organisations"]})
    places = lookup(names, {r["place_id"] for r in tables["places"]})
    overrides = {r["seed_file"]: r for r in tables["article_metadata"]}
    header = schemas["article_metadata"].input_field_names
    return [article_row(seed, outlets, places, today, overrides.get(seed.relative), header) for seed in seeds]


def quotes_and_mentions(articles: Rows, names: list[tuple[str, str]], tables, progress: Progress) -> tuple[Rows, Rows]:
    """The quotations and the mentions of curated entities in every article, in article order."""
    matcher = EntityMatcher(names)
    speakers = speakers_of(tables, names)
    mentions: Rows = []
    quotes: Rows = []
    for article in progress.each(articles, "finding mentions and quotes"):
        article_id, text = article["article_id"], article["text"]
        found = matcher.find(text)
        mentions.extend(
            {
                "mention_id": mention_id(article_id, m.start, m.entity_id),
                "article_id": article_id,
                "entity_id": m.entity_id,
                "char_start": str(m.start),
                "char_end": str(m.end),
                "surface": m.surface,
            }
            for m in found
        )
        quotes.extend(
            {
                "quote_id": quote_id(article_id, q.start),
                "article_id": article_id,
                "speaker_id": q.speaker_id or "",
                "attribution": q.attribution or "",
                "text": q.text,
                "char_start": str(q.start),
                "char_end": str(q.end),
                "quote_type": q.quote_type,
                "truncated": "true" if q.truncated else "false",
                "published_date": article.get("published_date", ""),
                "_unresolved": q.unresolved or "",  # why the speaker is left empty, for the warning
            }
            for q in find_quotes(text, found, speakers)
        )
    mentions.sort(key=lambda r: (r["article_id"], int(r["char_start"]), r["entity_id"]))
    quotes.sort(key=lambda r: (r["article_id"], int(r["char_start"])))
    return quotes, mentions
