"""The checks Frictionless cannot make: references across tables, spans, dates, codes and evidence.

Every check reads the tables as strings (as written in the CSV files) and skips values that the
Table Schema checks already report as malformed, so that one mistake gives one finding.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from collections.abc import Iterator

from ..dates import EDTFError, bounds
from ..identifiers import evidence_id
from ..tableschema import TableSchema
from .findings import Finding

Rows = list[dict[str, str]]


class Context:
    """The package's tables, with where each lives, for the checks below."""

    def __init__(self, schemas: dict[str, TableSchema], tables: dict[str, Rows], files: dict[str, str]):
        self.schemas, self.tables, self.files = schemas, tables, files
        self.ids: dict[str, set[str]] = {}
        for name, schema in schemas.items():
            key = schema.primary_key
            if len(key) == 1:
                self.ids[name] = {row.get(key[0], "") for row in tables.get(name, [])}

    def rows(self, table: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, row), numbered as Frictionless does: the header is row 1."""
        for index, row in enumerate(self.tables.get(table, [])):
            yield index + 2, row

    def finding(self, table: str, row: int | None, field: str | None, kind: str, message: str) -> Finding:
        return Finding(self.files.get(table, f"data/{table}.csv"), row, field, kind, message)


def check_unique_ids(ctx: Context) -> Iterator[Finding]:
    """Ids are unique across tables, so that a polymorphic reference names one row."""
    owners: dict[str, str] = {}
    for table in sorted(ctx.ids):
        key = ctx.schemas[table].primary_key[0]
        for number, row in ctx.rows(table):
            value = row.get(key, "")
            if value and owners.setdefault(value, table) != table:
                yield ctx.finding(table, number, key, "duplicate-id",
                                  f"id {value!r} is already used in {owners[value]}; ids must be unique across tables")


def check_polymorphic_references(ctx: Context) -> Iterator[Finding]:
    for table, schema in ctx.schemas.items():
        for field, targets in schema.polymorphic_keys():
            for number, row in ctx.rows(table):
                value = row.get(field, "")
                if value and not any(value in ctx.ids.get(t, ()) for t in targets):
                    yield ctx.finding(table, number, field, "foreign-key",
                                      f"{value!r} is not an id in any of {', '.join(targets)}")


def check_dates(ctx: Context) -> Iterator[Finding]:
    """EDTF values parse, the derived bounds agree with them, and no end comes before its start."""
    for table, schema in ctx.schemas.items():
        names = set(schema.field_names)
        for number, row in ctx.rows(table):
            if "date_edtf" in names and row.get("date_edtf"):
                yield from _check_edtf(ctx, table, number, row)
            start, end = _date(row.get("start_date")), _date(row.get("end_date"))
            if start and end and end < start:
                yield ctx.finding(table, number, "end_date", "date-order",
                                  f"end_date {end} is before start_date {start}")


def _check_edtf(ctx: Context, table: str, number: int, row: dict[str, str]) -> Iterator[Finding]:
    try:
        derived = bounds(row["date_edtf"])
    except EDTFError as exc:
        yield ctx.finding(table, number, "date_edtf", "edtf-error", str(exc))
        return
    expected = {"start_date": derived.start, "end_date": derived.end, "date_precision": derived.precision}
    for field, value in expected.items():
        text = "" if value is None else str(value)
        if (row.get(field) or "") != text:
            yield ctx.finding(table, number, field, "derived-value",
                              f"{row.get(field) or 'empty'} does not match date_edtf {row['date_edtf']!r} "
                              f"(expected {text or 'empty'}); run `caucasus-data build`")


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def check_country_codes(ctx: Context) -> Iterator[Finding]:
    import pycountry

    for table, schema in ctx.schemas.items():
        if "country_code" not in schema.field_names:
            continue
        for number, row in ctx.rows(table):
            code = row.get("country_code", "")
            if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is None:
                yield ctx.finding(table, number, "country_code", "country-code",
                                  f"{code!r} is not an ISO 3166-1 alpha-2 country code")


def _offsets(row: dict[str, str]) -> tuple[int, int] | None:
    try:
        return int(row["char_start"]), int(row["char_end"])
    except (KeyError, ValueError):
        return None


def check_articles(ctx: Context) -> Iterator[Finding]:
    for number, row in ctx.rows("articles"):
        text = row.get("text", "")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if row.get("text_sha256") and row["text_sha256"] != digest:
            yield ctx.finding("articles", number, "text_sha256", "hash", "does not match the SHA-256 of text")
        if row.get("char_count", "").isdigit() and int(row["char_count"]) != len(text):
            yield ctx.finding("articles", number, "char_count", "span", f"text has {len(text)} characters")
        span = (row.get("dateline_start"), row.get("dateline_end"))
        if all(s and s.isdigit() for s in span) and text[int(span[0]):int(span[1])] != row.get("dateline"):
            yield ctx.finding("articles", number, "dateline", "span", "is not the text at dateline_start:dateline_end")


def check_spans(ctx: Context) -> Iterator[Finding]:
    """Quotes, mentions and evidence quote the article text exactly at their offsets."""
    texts = {row.get("article_id"): row.get("text", "") for row in ctx.tables.get("articles", [])}
    for table, quoted in (("quotes", "text"), ("mentions", "surface"), ("evidence", "quote")):
        for number, row in ctx.rows(table):
            article = row.get("article_id")
            if not article or article not in texts:
                continue  # no span, or a dangling article, which the foreign key check reports
            offsets = _offsets(row)
            if offsets is None:
                yield ctx.finding(table, number, "char_start", "span",
                                  "an article span needs char_start and char_end")
                continue
            start, end = offsets
            text = texts[article]
            if not 0 <= start <= end <= len(text):
                yield ctx.finding(table, number, "char_end", "span",
                                  f"offsets {start}:{end} are outside the article ({len(text)} characters)")
            elif text[start:end] != row.get(quoted, ""):
                found = text.find(row.get(quoted, "")) if row.get(quoted) else -1
                hint = (f"; the words are at {found}:{found + len(row[quoted])}" if found >= 0
                        else "; the words are not in the article")
                yield ctx.finding(table, number, quoted, "span",
                                  f"is not the article text at {start}:{end} ({text[start:end]!r}){hint}")


def check_evidence(ctx: Context) -> Iterator[Finding]:
    """Each evidence row is an article span or a cited source, and its id is the one the build computes."""
    for number, row in ctx.rows("evidence"):
        has_article, has_source = bool(row.get("article_id")), bool(row.get("source_id"))
        if has_article == has_source:
            yield ctx.finding("evidence", number, "article_id", "evidence",
                              "give either an article span (article_id, offsets, quote) or a source_id")
        elif has_article and not row.get("quote"):
            yield ctx.finding("evidence", number, "quote", "evidence", "an article span needs the quoted words")
        expected = evidence_id(row)
        if row.get("evidence_id") and row["evidence_id"] != expected:
            yield ctx.finding("evidence", number, "evidence_id", "derived-value",
                              f"is not the id computed from the row ({expected}); run `caucasus-data build`")


def check_coverage(ctx: Context) -> Iterator[Finding]:
    """Every row of a table that needs evidence has at least one evidence row."""
    supported = Counter(row.get("subject_id") for row in ctx.tables.get("evidence", []))
    for table, schema in ctx.schemas.items():
        if not schema.evidence_required or len(schema.primary_key) != 1:
            continue
        key = schema.primary_key[0]
        for number, row in ctx.rows(table):
            if row.get(key) and not supported[row[key]]:
                yield ctx.finding(table, number, key, "no-evidence",
                                  f"{row[key]!r} has no evidence row; add one to data/evidence.csv "
                                  f"(`caucasus-data cite ARTICLE_ID \"exact words\"` prints it)")


CHECKS = (check_unique_ids, check_polymorphic_references, check_dates, check_country_codes,
          check_articles, check_spans, check_evidence, check_coverage)


def content_findings(ctx: Context) -> list[Finding]:
    return [finding for check in CHECKS for finding in check(ctx)]

