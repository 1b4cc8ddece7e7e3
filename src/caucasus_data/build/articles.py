"""Seed files -> article rows, with the outlet, place and date parsed from the dateline and the
curated override (data/article_metadata.csv) laid over them."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from ..findings import Finding
from ..parse.dateline import Dateline, find_dateline
from ..parse.furniture import headline, story_start
from ..parse.mentions import fold
from ..parse.published import publication_date
from .overrides import ARTICLE_OVERRIDES, apply_article_override, override_example
from .seeds import Seed

ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|that|with|said)\b", re.IGNORECASE)
KNOWN_FORMS = "`MOSCOW, June 5. /TASS/.`, `YEREVAN, MAY 15, ARMENPRESS.`, `BAKU, March 3 (Reuters) -`"


@dataclass
class Names:
    """Name and alias lookup for one table: folded name -> ids."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity_id: str, name: str) -> None:
        self.ids.setdefault(fold(name.strip()), set()).add(entity_id)

    def resolve(self, name: str) -> str | None:
        found = self.ids.get(fold(name.strip()), set())
        return next(iter(found)) if len(found) == 1 else None


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
    """The article row of one seed, with its curated override (a data/article_metadata.csv row)."""
    result = ArticleResult(_base_row(seed))
    row, relative = result.row, result.row["seed_file"]
    dateline = find_dateline(row["text"])
    missing = []
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
            Finding(relative, None, None, "dateline", _how_to_date(problem, row, override, override_header or []))
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
            f"{relative}: {what} {name!r} is not curated: add a data/{table}.csv row (or an alias in "
            f"data/aliases.csv), or set {column} in {ARTICLE_OVERRIDES}; {column} left empty"
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
