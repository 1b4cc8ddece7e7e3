"""The checks Frictionless cannot make: references across tables, spans, dates, codes and evidence.

Every check reads the tables as strings (as written in the CSV files) and skips values that the
Table Schema checks already report as malformed, so that one mistake gives one finding. The tables arrive
as Arrow columns (fast.Columns) and the checks work on whole columns, so that a package of a million
mentions is checked in about a second; loops in Python are kept for the curated tables, which people write
by hand, and for the rows that fail.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..dates import EDTFError, bounds
from ..identifiers import EVIDENCE_ID_FIELDS
from ..tableschema import TableSchema
from .fast import Columns
from .findings import Finding
from .textspans import DIFFERENT, OUTSIDE, Spans, check_spans

SPAN_TABLES = (("quotes", "text"), ("mentions", "surface"), ("evidence", "quote"))


def read_columns(path, fields: set[str]) -> Columns:
    """Columns of a CSV file read with Python's csv (for files the fast validator left to frictionless):
    cells by header label, a row without such a cell gives null."""
    import csv

    if not path.is_file():
        return Columns({}, np.zeros(0, dtype=np.int64))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        positions = {label: i for i, label in enumerate(header) if label in fields}
        data: dict[str, list] = {label: [] for label in positions}
        count = 0
        for cells in reader:
            count += 1
            for label, i in positions.items():
                data[label].append(cells[i] if i < len(cells) else None)
    return Columns({label: pa.array(values, pa.string()) for label, values in data.items()},
                   np.arange(2, count + 2, dtype=np.int64))


def needed_columns(schemas: dict[str, TableSchema]) -> dict[str, set[str]]:
    """The fields each check reads, by table: what the Table Schema checks keep for these checks."""
    needed: dict[str, set[str]] = {}
    for name, schema in schemas.items():
        fields = set(schema.primary_key) | {f for f, _ in schema.polymorphic_keys()}
        fields |= {"date_edtf", "start_date", "end_date", "date_precision", "country_code"} & set(schema.field_names)
        needed[name] = fields
    needed.setdefault("articles", set()).update(
        {"article_id", "text", "text_sha256", "char_count", "dateline", "dateline_start", "dateline_end"})
    for table, quoted in SPAN_TABLES:
        needed.setdefault(table, set()).update({"article_id", "char_start", "char_end", quoted})
    needed.setdefault("evidence", set()).update(set(EVIDENCE_ID_FIELDS) | {"evidence_id", "quote", "source_id"})
    return needed


class Context:
    """The package's tables, with where each lives, for the checks below."""

    def __init__(self, schemas: dict[str, TableSchema], tables: dict[str, Columns], files: dict[str, str]):
        self.schemas, self.tables, self.files = schemas, tables, files
        self._ids: dict[str, pa.Array] = {}
        self._columns: dict[tuple[str, str], pa.ChunkedArray] = {}

    def size(self, table: str) -> int:
        columns = self.tables.get(table)
        return 0 if columns is None else len(columns.rows)

    def rows(self, table: str) -> np.ndarray:
        """Row numbers, as Frictionless numbers them: the header is row 1."""
        columns = self.tables.get(table)
        return np.zeros(0, dtype=np.int64) if columns is None else np.asarray(columns.rows)

    def column(self, table: str, field: str) -> pa.ChunkedArray:
        """A field's cells as strings, "" where the file has no such cell or column."""
        if (table, field) not in self._columns:
            columns = self.tables.get(table)
            if columns is None or field not in columns.data:
                column = pa.chunked_array([pa.array([""] * self.size(table), pa.string())])
            else:
                column = columns.data[field]
                column = column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])
                column = pc.fill_null(column, "") if column.null_count else column
            self._columns[table, field] = column
        return self._columns[table, field]

    def values(self, table: str, field: str) -> list[str]:
        return self.column(table, field).to_pylist()

    def ids(self, table: str) -> pa.Array:
        """The non-empty primary key values of a table with a one-field key."""
        if table not in self._ids:
            key = self.schemas[table].primary_key
            column = self.column(table, key[0]) if len(key) == 1 else pa.chunked_array([], pa.string())
            self._ids[table] = column.filter(pc.not_equal(column, "")).combine_chunks()
        return self._ids[table]

    def finding(self, table: str, row: int | None, field: str | None, kind: str, message: str) -> Finding:
        return Finding(self.files.get(table, f"data/{table}.csv"), row, field, kind, message)

    def findings(self, table: str, mask, field: str, kind: str, message) -> Iterator[Finding]:
        """A finding for each row where `mask` is true; `message(i)` words it for row index i."""
        rows = self.rows(table)
        for i in np.flatnonzero(_bools(mask)):
            yield self.finding(table, int(rows[i]), field, kind, message(int(i)))


def _bools(mask) -> np.ndarray:
    if isinstance(mask, np.ndarray):
        return mask.astype(bool)
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def _single_key_tables(ctx: Context) -> list[str]:
    return sorted(name for name, schema in ctx.schemas.items() if len(schema.primary_key) == 1)


def check_unique_ids(ctx: Context) -> Iterator[Finding]:
    """Ids are unique across tables, so that a polymorphic reference names one row.

    The first table (in name order) to use an id owns it; each later table's rows with it are findings.
    """
    tables = _single_key_tables(ctx)
    parts, ranks, index = [], [], []
    for rank, table in enumerate(tables):
        column = ctx.column(table, ctx.schemas[table].primary_key[0])
        nonempty = _bools(pc.not_equal(column, ""))
        if not nonempty.all():
            column = column.filter(pa.array(nonempty))
        parts.extend(column.chunks)
        ranks.append(np.full(len(column), rank, dtype=np.int16))
        index.append(np.flatnonzero(nonempty))
    ranks_all = np.concatenate(ranks) if ranks else np.zeros(0, dtype=np.int16)
    if not len(ranks_all):
        return
    # Sorted (stably: the tables come in name order), equal ids are neighbours and the first of each run
    # names the owner. Sorting costs Arrow less than hashing a million distinct strings.
    ids = pa.chunked_array(parts, pa.string()).combine_chunks()
    order = pc.sort_indices(ids).to_numpy()
    ordered = ids.take(pa.array(order))
    head = np.ones(len(order), dtype=bool)
    head[1:] = ~np.asarray(pc.equal(ordered.slice(1), ordered.slice(0, len(order) - 1))
                           .to_numpy(zero_copy_only=False), dtype=bool)
    owner_sorted = ranks_all[order][np.maximum.accumulate(np.where(head, np.arange(len(order)), 0))]
    owner_of = np.empty(len(order), dtype=np.int16)
    owner_of[order] = owner_sorted  # by position in `ids`
    later = ranks_all > owner_of
    start = 0
    for rank, table in enumerate(tables):
        end = start + len(ranks[rank])
        if later[start:end].any():
            key = ctx.schemas[table].primary_key[0]
            rows = ctx.rows(table)
            column = ctx.column(table, key)
            for j in np.flatnonzero(later[start:end]):
                i = int(index[rank][j])
                yield ctx.finding(table, int(rows[i]), key, "duplicate-id",
                                  f"id {column[i].as_py()!r} is already used in {tables[owner_of[start + j]]}; "
                                  "ids must be unique across tables")
        start = end


def check_polymorphic_references(ctx: Context) -> Iterator[Finding]:
    for table, schema in ctx.schemas.items():
        for field, targets in schema.polymorphic_keys():
            values = ctx.column(table, field)
            known = pa.concat_arrays([ctx.ids(t) for t in targets if t in ctx.schemas] or [pa.array([], pa.string())])
            bad = pc.and_(pc.not_equal(values, ""), pc.invert(pc.is_in(values, value_set=known)))
            yield from ctx.findings(table, bad, field, "foreign-key",
                                    lambda i: f"{values[i].as_py()!r} is not an id in any of {', '.join(targets)}")


def check_dates(ctx: Context) -> Iterator[Finding]:
    """EDTF values parse, the derived bounds agree with them, and no end comes before its start.

    Only curated tables have dates, a few thousand rows at most: a loop in Python is fine.
    """
    for table, schema in ctx.schemas.items():
        names = set(schema.field_names)
        if not names & {"date_edtf", "start_date", "end_date"} or not ctx.size(table):
            continue
        columns = {f: ctx.values(table, f) for f in ("date_edtf", "start_date", "end_date", "date_precision")}
        rows = [dict(zip(columns, cells)) for cells in zip(*columns.values())]
        for number, row in zip(ctx.rows(table).tolist(), rows):
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
        codes = ctx.column(table, "country_code")
        unknown = [code for code in pc.unique(codes).to_pylist()
                   if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is None]
        if unknown:
            bad = pc.is_in(codes, value_set=pa.array(unknown, pa.string()))
            yield from ctx.findings(table, bad, "country_code", "country-code",
                                    lambda i: f"{codes[i].as_py()!r} is not an ISO 3166-1 alpha-2 country code")


def _integers(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(values as int64, where Python's int() reads them): canonical digits in Arrow, the rest in Python."""
    canonical = _bools(pc.match_substring_regex(values, r"^-?[0-9]{1,18}$"))
    text = pc.if_else(pa.array(canonical), values, pa.scalar(None, pa.string()))
    numbers = pc.fill_null(pc.cast(text, pa.int64()), 0).to_numpy(zero_copy_only=False).copy()
    ok = canonical.copy()
    for i in np.flatnonzero(~canonical & _bools(pc.not_equal(values, ""))):
        try:
            numbers[i], ok[i] = int(values[int(i)].as_py()), True
        except (ValueError, OverflowError):
            pass
    return numbers, ok


def _digits(values: pa.Array) -> np.ndarray:
    """Where str.isdigit() holds (the articles' checks use it, not int())."""
    return _bools(pc.and_(pc.not_equal(values, ""), pc.utf8_is_digit(values)))


def check_articles(ctx: Context) -> Iterator[Finding]:
    """Each article's hash and length are its text's (its dateline is checked with the spans)."""
    texts = ctx.column("articles", "text")
    hashes = ctx.column("articles", "text_sha256")
    rows = ctx.rows("articles")
    for start in range(0, len(texts), 10_000):  # in slices: a Python string of every text at once is big
        part = texts.slice(start, 10_000).to_pylist()
        expected = hashes.slice(start, 10_000).to_pylist()
        for i, (text, digest) in enumerate(zip(part, expected)):
            if digest and digest != hashlib.sha256(text.encode("utf-8")).hexdigest():
                yield ctx.finding("articles", int(rows[start + i]), "text_sha256", "hash",
                                  "does not match the SHA-256 of text")
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False)
    counts = ctx.column("articles", "char_count")
    count, _ = _integers(counts)
    yield from ctx.findings("articles", _digits(counts) & (count != lengths), "char_count", "span",
                            lambda i: f"text has {lengths[i]} characters")


def _article_index(ctx: Context, article_ids: pa.Array) -> np.ndarray:
    """Index of each row's article in the articles table (the last of equal ids, as a dict would keep),
    -1 where the id is empty or not an article."""
    ids = ctx.column("articles", "article_id")
    reversed_ids = ids.take(pa.array(np.arange(len(ids) - 1, -1, -1)))
    found = pc.index_in(article_ids, value_set=reversed_ids)
    index = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    index = np.where(index >= 0, len(ids) - 1 - index, -1)
    index[_bools(pc.equal(article_ids, ""))] = -1
    return index


def check_spans_of_tables(ctx: Context) -> Iterator[Finding]:
    """Quotes, mentions and evidence quote the article text exactly at their offsets, and each article's
    dateline is its text at dateline_start:dateline_end. All in one pass over the texts."""
    texts = ctx.column("articles", "text")
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False)
    groups, checks = [], []
    for table, quoted_field in SPAN_TABLES:
        if not ctx.size(table):
            continue
        article = _article_index(ctx, ctx.column(table, "article_id"))
        starts, start_ok = _integers(ctx.column(table, "char_start"))
        ends, end_ok = _integers(ctx.column(table, "char_end"))
        with_article = article >= 0
        yield from ctx.findings(table, with_article & ~(start_ok & end_ok), "char_start", "span",
                                lambda i: "an article span needs char_start and char_end")
        rows = np.flatnonzero(with_article & start_ok & end_ok)
        groups.append(Spans(article[rows], starts[rows], ends[rows], ctx.column(table, quoted_field), rows))
        checks.append((table, quoted_field, article, starts, ends, rows))
    begin, end = ctx.column("articles", "dateline_start"), ctx.column("articles", "dateline_end")
    datelines = np.flatnonzero(_digits(begin) & _digits(end))
    dateline_starts, _ = _integers(begin)
    dateline_ends, _ = _integers(end)
    groups.append(Spans(datelines, dateline_starts[datelines], dateline_ends[datelines],
                        ctx.column("articles", "dateline"), datelines))
    results = check_spans(texts, groups)
    for (table, quoted_field, article, starts, ends, rows), found in zip(checks, results):
        quoted = ctx.column(table, quoted_field)
        outside = np.zeros(len(article), dtype=bool)
        outside[rows[found == OUTSIDE]] = True
        yield from ctx.findings(
            table, outside, "char_end", "span",
            lambda i: f"offsets {starts[i]}:{ends[i]} are outside the article ({lengths[article[i]]} characters)")
        different = np.zeros(len(article), dtype=bool)
        different[rows[found == DIFFERENT]] = True
        yield from ctx.findings(table, different, quoted_field, "span",
                                lambda i: _span_message(texts[int(article[i])].as_py(), int(starts[i]), int(ends[i]),
                                                        quoted[i].as_py()))
    # A dateline slice past the end of the text is shorter, not an error, in Python: compare what it gives.
    found = results[-1]
    bad = np.zeros(len(texts), dtype=bool)
    bad[datelines[found == DIFFERENT]] = True
    dateline = ctx.column("articles", "dateline")
    for i in datelines[found == OUTSIDE]:
        bad[i] = texts[int(i)].as_py()[dateline_starts[i]:dateline_ends[i]] != dateline[int(i)].as_py()
    yield from ctx.findings("articles", bad, "dateline", "span",
                            lambda i: "is not the text at dateline_start:dateline_end")


def _span_message(text: str, start: int, end: int, words: str) -> str:
    found = text.find(words) if words else -1
    hint = (f"; the words are at {found}:{found + len(words)}" if found >= 0
            else "; the words are not in the article")
    return f"is not the article text at {start}:{end} ({text[start:end]!r}){hint}"


def check_evidence(ctx: Context) -> Iterator[Finding]:
    """Each evidence row is an article span or a cited source, and its id is the one the build computes."""
    if not ctx.size("evidence"):
        return
    has_article = _bools(pc.not_equal(ctx.column("evidence", "article_id"), ""))
    has_source = _bools(pc.not_equal(ctx.column("evidence", "source_id"), ""))
    no_quote = _bools(pc.equal(ctx.column("evidence", "quote"), ""))
    neither = has_article == has_source
    unquoted = ~neither & has_article & no_quote
    ids = ctx.column("evidence", "evidence_id")
    keys = pc.binary_join_element_wise(*[ctx.column("evidence", f) for f in EVIDENCE_ID_FIELDS], "\x1f")
    expected, wrong = [], np.zeros(len(ids), dtype=bool)
    for start in range(0, len(ids), 50_000):
        given = ids.slice(start, 50_000).to_pylist()
        for i, (key, value) in enumerate(zip(keys.slice(start, 50_000).to_pylist(), given)):
            computed = "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
            if value and value != computed:
                wrong[start + i] = True
                expected.append(computed)
    yield from ctx.findings("evidence", neither, "article_id", "evidence",
                            lambda i: "give either an article span (article_id, offsets, quote) or a source_id")
    yield from ctx.findings("evidence", unquoted, "quote", "evidence",
                            lambda i: "an article span needs the quoted words")
    expected_of = dict(zip(np.flatnonzero(wrong).tolist(), expected))
    yield from ctx.findings("evidence", wrong, "evidence_id", "derived-value",
                            lambda i: f"is not the id computed from the row ({expected_of[i]}); run `caucasus-data build`")


def check_coverage(ctx: Context) -> Iterator[Finding]:
    """Every row of a table that needs evidence has at least one evidence row."""
    subjects = pc.unique(ctx.column("evidence", "subject_id"))
    for table, schema in ctx.schemas.items():
        if not schema.evidence_required or len(schema.primary_key) != 1:
            continue
        key = schema.primary_key[0]
        values = ctx.column(table, key)
        bad = pc.and_(pc.not_equal(values, ""), pc.invert(pc.is_in(values, value_set=subjects)))
        yield from ctx.findings(table, bad, key, "no-evidence",
                                lambda i: f"{values[i].as_py()!r} has no evidence row; add one to data/evidence.csv "
                                          f"(`caucasus-data cite ARTICLE_ID \"exact words\"` prints it)")


# The slowest first, so that the two threads finish together.
CHECKS = (check_spans_of_tables, check_unique_ids, check_evidence, check_articles, check_polymorphic_references,
          check_dates, check_country_codes, check_coverage)


def content_findings(ctx: Context) -> list[Finding]:
    """Every check's findings. The checks run two at a time: Arrow and numpy let go of the GIL."""
    from concurrent.futures import ThreadPoolExecutor

    for table in ctx.tables:  # fill the column cache first: the threads then only read it
        for field in ctx.tables[table].data:
            ctx.column(table, field)
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = [pool.submit(lambda check: list(check(ctx)), check) for check in CHECKS]
        return [finding for future in done for finding in future.result()]
