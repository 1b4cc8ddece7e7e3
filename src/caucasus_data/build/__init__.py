"""The build: seeds and curated rows -> parsed and normalised tables -> validated CSV, Parquet, descriptor.

Nothing is published unless the whole staged package validates; a re-run gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, limit_per_file
from ..identifiers import mention_id, quote_id
from ..parse.mentions import EntityMatcher
from ..parse.quotes import find_quotes
from ..parse.speakers import Speakers, capitals_of
from ..progress import Progress
from ..tableschema import TableSchema, read_schemas
from ..validation import validate
from ..validation.descriptor import check_package
from . import publish, render
from .articles import Names, article_row
from .curated import CELL_KINDS, Rows, complete_evidence, derive_dates, read_curated, sort_rows
from .overrides import QUOTE_OVERRIDES, apply_quote_overrides, check_article_overrides
from .seeds import Seed, read_seeds


@dataclass
class BuildReport:
    """Findings stop a build; warnings do not. `files` are the files written (or, with check, stale)."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)  # what the curated overrides changed, a line each
    tables: dict[str, Rows] = field(default_factory=dict, repr=False)  # the rows built, as CSV strings

    @property
    def ok(self) -> bool:
        return not self.findings


def build(
    root: str | Path = ".", check: bool = False, today: datetime.date | None = None, progress: Progress | None = None
) -> BuildReport:
    """Build the package in `root`; with `check`, write nothing and list the files that are stale.

    `progress` shows how far a long build is (the command line passes one that writes to a terminal only).

    >>> build(check=True).files
    []
    """
    progress = progress or Progress(enabled=False)
    report = BuildReport()
    _build(Path(root), check, today or datetime.date.today(), report, progress)
    progress.clear()
    report.findings = limit_per_file(report.findings)
    return report


# Findings that let the build go on to find the rest (it still publishes nothing).
GO_ON_KINDS = CELL_KINDS | {"unknown-file"}


def _stopped(report: BuildReport) -> bool:
    """Whether a finding prevents the next step; findings on single cells or stray files let it go on."""
    return any(f.kind not in GO_ON_KINDS for f in report.findings)


def _unknown_files(root: Path, schemas: dict[str, TableSchema]) -> list[Finding]:
    """Files in data/ that are no table's CSV or Parquet file (`data/person.csv` for people): the build
    would neither read nor publish them, and people download data/ as it is."""
    from difflib import get_close_matches

    known = {f"{name}.{suffix}" for name in schemas for suffix in ("csv", "parquet")}
    findings = []
    data = root / "data"
    for path in sorted(data.iterdir()) if data.is_dir() else []:  # no data/: each table's file is missing
        if path.name in known or path.name.startswith("."):
            continue
        near = get_close_matches(path.stem, list(schemas), n=1)
        hint = f"did you mean data/{near[0]}.csv?" if near else "`caucasus-data tables` lists the tables"
        findings.append(
            Finding(
                f"data/{path.name}",
                None,
                None,
                "unknown-file",
                f"is no table's file ({hint}); move its rows into a table's file, add "
                f"schemas/{path.stem}.json to make it a table, or delete it",
            )
        )
    return findings


def _build(root: Path, check: bool, today: datetime.date, report: BuildReport, progress: Progress) -> None:
    report.findings.extend(check_package(root, resources=False))
    if report.findings:
        return
    schemas = read_schemas(root)
    report.findings.extend(_unknown_files(root, schemas))
    metadata, finding = _metadata(root)
    if finding:
        report.findings.append(finding)
        return
    tables: dict[str, Rows] = {}
    for name, schema in schemas.items():
        if not schema.is_generated:
            tables[name], findings = read_curated(root, schema)
            report.findings.extend(findings)
    if _stopped(report):
        return
    _parse(root, schemas, tables, report, today, progress)
    if _stopped(report):
        return
    _normalise(schemas, tables, report)
    if _stopped(report):
        return
    report.tables = tables
    _write(root, schemas, tables, metadata, check, report, progress)


def _metadata(root: Path) -> tuple[dict, Finding | None]:
    try:
        return json.loads((root / "datapackage.json").read_text(encoding="utf-8")), None
    except (OSError, ValueError) as exc:
        return {}, Finding("datapackage.json", None, None, "package-error", f"cannot read the descriptor: {exc}")


def _entity_names(schemas: dict[str, TableSchema], tables: dict[str, Rows]) -> list[tuple[str, str]]:
    """(id, name) for every name and alias of every entity that mentions can refer to."""
    entity_tables = dict(schemas["mentions"].polymorphic_keys())["entity_id"]
    names = []
    for table in entity_tables:
        key = schemas[table].primary_key[0]
        names.extend((row[key], row["name"]) for row in tables[table])
    names.extend((row["entity_id"], row["alias"]) for row in tables["aliases"])
    return names


def _lookup(names: list[tuple[str, str]], ids: set[str]) -> Names:
    lookup = Names()
    for entity_id, name in names:
        if entity_id in ids:
            lookup.add(entity_id, name)
    return lookup


def _parse(root, schemas, tables, report: BuildReport, today: datetime.date, progress: Progress) -> None:
    seeds, seed_findings = read_seeds(root)
    if seed_findings:
        report.findings.extend(seed_findings)
        return
    names = _entity_names(schemas, tables)
    articles = _articles(progress.each(seeds, "reading articles"), schemas, tables, names, report, today)
    if _stopped(report):
        return  # nothing is published half-done: an article without a date stops the build here
    matcher = EntityMatcher(names)
    speakers = _speakers(tables, names)
    mentions, quotes = [], []
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
                "_unresolved": q.unresolved or "",
            }
            for q in find_quotes(text, found, speakers)
        )
    findings, notes = apply_quote_overrides(quotes, tables["quote_overrides"])
    report.findings.extend(findings)
    report.overrides.extend(notes)
    report.warnings.extend(_unresolved_speakers(articles, quotes))
    tables["articles"] = sorted(articles, key=lambda r: r["article_id"])
    tables["mentions"] = sorted(mentions, key=lambda r: (r["article_id"], int(r["char_start"]), r["entity_id"]))
    tables["quotes"] = sorted(quotes, key=lambda r: (r["article_id"], int(r["char_start"])))


def _speakers(tables: dict[str, Rows], names: list[tuple[str, str]]) -> Speakers:
    """Who may speak, with what identifies them: descriptions and offices of people, names and aliases,
    and the states the capitals stand for."""
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


def _articles(seeds: Iterable[Seed], schemas, tables, names, report: BuildReport, today: datetime.date) -> Rows:
    """The article rows, each with its curated override laid over it."""
    outlets = _lookup(names, {r["organisation_id"] for r in tables["organisations"]})
    places = _lookup(names, {r["place_id"] for r in tables["places"]})
    overrides = {r["seed_file"]: r for r in tables["article_metadata"]}
    report.findings.extend(check_article_overrides(tables["article_metadata"]))
    header = schemas["article_metadata"].field_names
    articles = []
    for seed in seeds:
        result = article_row(seed, outlets, places, today, overrides.get(seed.relative), header)
        articles.append(result.row)
        report.findings.extend(result.findings)
        report.warnings.extend(result.warnings)
        report.overrides.extend(result.notes)
    return articles


def _unresolved_speakers(articles: Rows, quotes: Rows) -> list[str]:
    """A warning per statement or partial quote with no speaker, saying why and how to set one, and per
    quote the text ends in before it closes: at most QUOTE_WARNINGS quotes of an article, then a count."""
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
            f"is not resolved{why}; add the person to data/people.csv or "
            f"data/aliases.csv, or set speaker_id in {QUOTE_OVERRIDES} for article_id "
            f"{q['article_id']}, char_start {q['char_start']}"
        )
    if q["truncated"] == "true":
        warnings.append(
            f"{seed_file}: the quote at {q['char_start']} ({q['text'][:40]!r}) is cut off: the text ends "
            "before the quotation closes (truncated: true)"
        )
    return warnings


QUOTE_WARNINGS = 50  # quotes of one article whose missing speaker or truncation is warned of


def _normalise(schemas, tables, report: BuildReport) -> None:
    for name, schema in schemas.items():
        if "date_edtf" in schema.field_names and not schema.is_generated:
            derive_dates(tables[name])
    texts = {r["article_id"]: r["text"] for r in tables["articles"]}
    report.findings.extend(complete_evidence(tables["evidence"], texts))
    for name, schema in schemas.items():
        if not schema.is_generated:
            tables[name] = sort_rows(schema, tables[name])


def _write(root, schemas, tables, metadata, check: bool, report: BuildReport, progress: Progress) -> None:
    progress.step("writing CSV")
    csvs = {name: render.csv_bytes(schema, tables[name]) for name, schema in schemas.items()}
    files = {f"data/{name}.csv": data for name, data in csvs.items()}
    files["datapackage.json"] = render.descriptor_bytes(metadata, schemas, csvs)
    staging = publish.stage(root, files)
    try:
        progress.step("validating")
        staged = validate(staging, per_file_limit=None)
        # A cell already reported while reading is not reported again by the schema checks.
        seen = {(f.file, f.row, f.field) for f in report.findings}
        report.findings.extend(
            f for f in _to_contributor_rows(staged.findings, tables) if (f.file, f.row, f.field) not in seen
        )
        if report.findings:
            return
        progress.step("writing Parquet")
        for name, schema in schemas.items():
            files[f"data/{name}.parquet"] = data = render.parquet_bytes(schema, tables[name])
            publish.write(staging, f"data/{name}.parquet", data)
        report.files = publish.stale(root, files, _same)
        if not check:
            publish.replace(root, staging, report.files)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# How frictionless' messages name a row: `Row at position "127"`, `the same as in the row at position 7`.
ROW_POSITION = re.compile(r'(row at position )("?)(\d+)', re.IGNORECASE)


def _to_contributor_rows(findings: list[Finding], tables: dict[str, Rows]) -> list[Finding]:
    """Findings on curated files point at the rows as the contributor wrote them, not as sorted: the
    finding's row and the rows its message names."""
    out = []
    for finding in findings:
        rows = tables.get(finding.file.removeprefix("data/").removesuffix(".csv"))
        if rows and "_row" in rows[0]:
            message = ROW_POSITION.sub(lambda m, rows=rows: f"{m[1]}{m[2]}{_written(rows, int(m[3]))}", finding.message)
            finding = Finding(
                finding.file, finding.row and _written(rows, finding.row), finding.field, finding.kind, message
            )
        out.append(finding)
    return out


def _written(rows: Rows, row: int) -> int:
    """The contributor's row number of row `row` of the sorted file (the header is row 1)."""
    return int(rows[row - 2]["_row"]) if 2 <= row < len(rows) + 2 else row


def _same(path: Path, data: bytes) -> bool:
    if path.suffix != ".parquet":
        return path.read_bytes() == data
    # Parquet bytes differ between pyarrow versions; its content is what must not be stale.
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).equals(pq.read_table(io.BytesIO(data)), check_metadata=True)
    except Exception:  # an unreadable file is stale
        return False
