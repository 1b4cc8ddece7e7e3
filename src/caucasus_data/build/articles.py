"""Seed files -> article rows, with the outlet, place and date parsed from the dateline."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..parse.dateline import find_dateline
from ..parse.mentions import fold
from ..parse.pubdate import DateError, infer_year
from ..validate.findings import Finding

ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|that|with|said)\b", re.IGNORECASE)


@dataclass
class Names:
    """Name and alias lookup for one table: folded name -> ids."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity_id: str, name: str) -> None:
        self.ids.setdefault(fold(name.strip()), set()).add(entity_id)

    def resolve(self, name: str) -> str | None:
        found = self.ids.get(fold(name.strip()), set())
        return next(iter(found)) if len(found) == 1 else None


def seed_files(root: Path) -> list[Path]:
    return sorted((root / "seeds").glob("*.txt"))


def article_row(path: Path, root: Path, outlets: Names, places: Names,
                today: datetime.date) -> tuple[dict[str, str], list[Finding], list[str]]:
    """The article row of one seed file, with findings (errors) and warnings."""
    relative = path.relative_to(root).as_posix()
    data = path.read_bytes()
    text = data.decode("utf-8")
    row = {
        "article_id": path.stem.lower(), "seed_file": relative, "text": text,
        "text_sha256": hashlib.sha256(data).hexdigest(), "char_count": str(len(text)),
        "published_date_inferred": "false", "language": _language(text),
    }
    findings, warnings = [], []
    dateline = find_dateline(text)
    if dateline is None:
        findings.append(Finding(relative, None, None, "dateline",
                                "no dateline recognised at the top of the article (e.g. `MOSCOW, June 5. /TASS/.`)"))
        return row, findings, warnings
    row.update(dateline=dateline.text, dateline_start=str(dateline.start), dateline_end=str(dateline.end),
               outlet_name=dateline.outlet, dateline_place_name=dateline.place)
    try:
        if dateline.year is None:
            found = infer_year(dateline.month, dateline.day, text, today, dateline.start)
            row.update(published_date=found.date.isoformat(), published_date_inferred="true",
                       published_date_method=found.method)
        else:
            day = datetime.date(dateline.year, dateline.month, dateline.day)
            row.update(published_date=day.isoformat(), published_date_method=f"read from the {dateline.source}")
    except (DateError, ValueError) as exc:
        findings.append(Finding(relative, None, None, "dateline", f"cannot make the publication date: {exc}"))
    for name, names, column, table in ((dateline.outlet, outlets, "outlet_id", "organisations"),
                                       (dateline.place, places, "dateline_place_id", "places")):
        resolved = names.resolve(name)
        if resolved:
            row[column] = resolved
        else:
            warnings.append(f"{relative}: {name!r} is not a name or alias in {table}; {column} left empty "
                            f"(add it to data/{table}.csv or data/aliases.csv)")
    if not row["language"]:
        warnings.append(f"{relative}: language not recognised; language left empty")
    return row, findings, warnings


def _language(text: str) -> str:
    """`en` for English text; empty when it cannot tell."""
    words = len(text.split()) or 1
    return "en" if len(ENGLISH_WORDS.findall(text)) / words > 0.08 else ""
