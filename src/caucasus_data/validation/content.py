"""The checks Frictionless cannot make: references across tables, spans, dates, codes and evidence.

Every check reads the tables as strings (as written in the CSV files) and skips values that the
Table Schema checks already report as malformed, so that one mistake gives one finding.

The checks ride along the Table Schema checks' reading of the files (fast.py: `Package` is its rider),
each table after the tables it refers to, block by block; a file that reading leaves to frictionless is
read here (tablerows.py). What a check keeps of a row is a few integers and 64-bit hashes, whatever the
length of the texts:
- a row's own checks (an article's hash, length and dateline; an evidence id; a date; a country code;
  a reference to a curated row; whether a span's offsets fall within its article) run on each block;
- a span is compared with its article's text as it is read: the article texts are read beside a span
  table (textwindow.py), forward, as its rows come in article order (the build writes them so); the
  spans the window cannot compare (rows in another order, a file left to frictionless) are kept as
  (article row, start, end, hash of the quoted words, row) for a last pass over the texts;
- every table keeps its ids as hashes (ids are unique across tables), evidence the hashes of its
  subjects (every curated row needs one);
- the cells that the messages of the few rows reported quote are read again, one more reading per table.

>>> from caucasus_data.model.locate import installed_root
>>> from caucasus_data.reader.tables import schemas
>>> content_findings(Package(installed_root(), schemas(), {"articles": "articles.csv"}))
[]
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..findings import Finding
from ..model.dates import EDTFError, bounds
from ..model.identifiers import EVIDENCE_ID_FIELDS
from ..model.schema import TableSchema
from . import keys, schedule, tablerows
from .parts import Parts
from .textspans import span_texts
from .textwindow import TextWindow

SPAN_TABLES = {"quotes": "text", "mentions": "surface", "evidence": "quote"}
DATE_FIELDS = ("date_edtf", "start_date", "end_date", "date_precision")
ARTICLE_FIELDS = ("article_id", "text", "text_sha256", "char_count", "dateline", "dateline_start", "dateline_end")


# What a span table keeps of each span within its article, four bytes each: row numbers (of the article
# and the span's own), offsets (within an article text, which Arrow holds in under 2 GiB) and 32 bits of
# the hash of the quoted words (other words pass for the right ones with a chance of one in four billion).
SPAN_TYPES = {"article": np.int32, "start": np.int32, "end": np.int32, "words": np.int32, "rows": np.int32}


class Spans:
    """The spans of a table that lie within their article and that its text window could not compare,
    for a pass over the texts at the end: article row, offsets, hash of the quoted words and own row."""

    def __init__(self):
        self.parts = {name: Parts(kind) for name, kind in SPAN_TYPES.items()}
        self.arrays: dict[str, np.ndarray] = {}

    def add(self, **values: np.ndarray) -> None:
        for name, part in self.parts.items():
            part.add(values[name])

    def join(self) -> None:
        """Into arrays ordered by article row (the build writes them so already: no sort then)."""
        for name in SPAN_TYPES:
            self.arrays[name] = self.parts.pop(name).joined()
        article = self.arrays["article"]
        if len(article) and (article[1:] < article[:-1]).any():
            order = np.argsort(article, kind="stable")
            for name in SPAN_TYPES:
                self.arrays[name] = self.arrays[name][order]


@dataclass
class Digest:
    """What the checks keep of one table."""

    table: str
    file: str
    rows: Any = field(default_factory=lambda: Parts(np.int32))  # row numbers: Parts, then an array (`join`),
    # or the reading's csvrows.RowNumbers (Package.end)
    ids: Any = field(default_factory=lambda: Parts(np.int64))  # hashes of the one-field primary key, NULL where empty
    id_strings: list = field(default_factory=list)  # the ids themselves, for tables others refer to
    lengths: Any = field(default_factory=lambda: Parts(np.int64))  # articles: each text's length
    spans: Spans | None = None
    subjects: Any = field(default_factory=lambda: Parts(np.int64))  # evidence: distinct hashes of subject_id
    deferred: list = field(default_factory=list)  # (field, targets, hashes, rows) checked at the end
    window: TextWindow | None = None  # a span table's article texts, read beside it
    findings: list = field(default_factory=list)
    unworded: list = field(default_factory=list)  # findings whose message quotes a cell (`Unworded`)

    def finding(self, row: int | None, field_name: str | None, kind: str, message: str) -> Finding:
        return Finding(self.file, row, field_name, kind, message)

    def join(self) -> None:
        """The blocks' parts into arrays, once the table is read."""
        if not isinstance(self.rows, Parts):
            return
        self.rows, self.ids, self.lengths = self.rows.joined(), self.ids.joined(), self.lengths.joined()
        self.subjects = keys.distinct(self.subjects.joined())
        if self.spans is not None:
            self.spans.join()


class Package:
    """The tables read so far, and the lookups the next ones need. It rides along the Table Schema checks'
    reading of the files (fast.Rider), or reads them itself (`read`)."""

    def __init__(self, root: Path, schemas: dict[str, TableSchema], files: dict[str, str]):
        self.root, self.schemas, self.files = root, schemas, files
        self.digests: dict[str, Digest] = {}
        self._reading: dict[str, Digest] = {}
        self.passed: dict[str, list] = {}  # the passes over the texts done, and their findings (`passes`)
        self.referenced = _referenced(schemas)  # tables whose ids are kept as strings too
        self._known: dict[tuple[str, ...], pa.Array] = {}
        self._articles: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._windows = False  # whether span tables read the article texts beside them (`begin`)

    def after(self, table: str) -> set[str]:
        return _depends_on(self.schemas, table) if table in self.schemas else set()

    def labels(self, table: str) -> set[str]:
        return _labels(self.schemas[table], table) if table in self.schemas else set()

    def begin(self, table: str) -> Callable[[dict, np.ndarray, dict], None]:
        if table not in self.schemas:
            return lambda columns, rows, hashed: None
        digest = self._reading[table] = _new_digest(self, table)
        articles = self.path("articles")
        if table in SPAN_TABLES and self._windows and articles is not None:
            digest.window = TextWindow(articles)
        return lambda columns, rows, hashed: _check_block(
            self, self.schemas[table], digest, tablerows.Cells(columns, rows), hashed, fed=True
        )

    def end(self, table: str, rows, ids: dict) -> None:
        """The table is read; its row numbers and the primary key's hashes are the reading's own arrays
        (one copy for both kinds of checks)."""
        if table in self._reading:
            digest = self._reading.pop(table)
            if digest.window is not None:
                digest.window.close()
                digest.window = None
            digest.join()
            digest.rows = rows
            key = self.schemas[table].primary_key
            if len(key) == 1 and key[0] in ids:
                digest.ids = ids[key[0]]
            self.digests[table] = digest
            # Arrow read the articles as the Table Schema checks do: a window reads them the same way.
            self._windows |= table == "articles" and self.path(table) is not None

    def read_alone(self, table: str) -> None:
        self._reading.pop(table, None)
        if table in self.schemas:
            self.digests[table] = _digest(self, table)

    def passes(self, tables: set[str]) -> dict[str, tuple[Callable[[], None], set[str]]]:
        """The passes over the article texts not run yet whose tables are all among `tables`, by name,
        each with the tables to read first: the articles' own checks, and the spans the text windows left.
        Each leaves its findings in `passed`."""
        spans = [t for t in SPAN_TABLES if t in self.schemas]
        # The articles' own checks need no other table: they run beside the first readings. The spans left
        # (few, where windows read the texts) wait for every span table: one more reading of the texts, after
        # the span tables' own (not beside them, with their windows).
        wanted: dict[str, tuple[Callable[[], list], set[str]]] = {"articles": (partial(_article_checks, self), set())}
        if spans:
            wanted["spans"] = (partial(_listed, _different_spans, self, spans), {"articles", *spans})
        return {
            name: (partial(self._pass, name, run), after)
            for name, (run, after) in wanted.items()
            if name not in self.passed and after <= tables
        }

    def _pass(self, name: str, run: Callable[[], list]) -> None:
        self.passed[name] = run()

    def read(self) -> None:
        """Read the tables not read yet, without the Table Schema checks."""
        tables = [t for t in self.schemas if t not in self.digests]
        size = {t: path.stat().st_size if (path := self.path(t)) else 0 for t in tables}
        schedule.in_order({t: partial(self.read_alone, t) for t in tables}, {t: self.after(t) for t in tables}, size)

    def file(self, table: str) -> str:
        return self.files.get(table, f"data/{table}.csv")

    def path(self, table: str) -> Path | None:
        path = self.root / self.files[table] if table in self.files else None
        return path if path is not None and path.is_file() else None

    def known_ids(self, targets: tuple[str, ...]) -> pa.Array:
        """The non-empty ids of the target tables."""
        if targets not in self._known:
            parts = [chunk for t in targets if t in self.digests for chunk in self.digests[t].id_strings]
            ids = pa.chunked_array(parts, pa.string()).combine_chunks() if parts else pa.array([], pa.string())
            self._known[targets] = ids.filter(pc.not_equal(ids, ""))
        return self._known[targets]

    def article_of(self, given: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """The row and text length of the article each value names (the last of equal ids, as a dict
        keeps), -1 where the value is empty or no article's id."""
        if self._articles is None:
            digest = self.digests.get("articles") or Digest("articles", "")
            digest.join()
            ids, rows, lengths = digest.ids, digest.rows, digest.lengths
            if len(ids) != len(rows):  # no one-field key to find articles by
                ids, rows, lengths = ids[:0], rows[:0], lengths[:0]
            # Sorted stably from the end, the first of equal ids is the last in the file.
            order = np.argsort(ids[::-1], kind="stable")
            self._articles = (ids[::-1][order], rows[::-1][order], lengths[::-1][order])
        ids, rows, lengths = self._articles
        # Each distinct value once: a block names a few hundred articles.
        encoded = pc.dictionary_encode(given, null_encoding="encode")
        wanted = keys.hashes(encoded.dictionary)
        at = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
        hit = (ids[at] == wanted) & (wanted != keys.NULL) if len(ids) else np.zeros(len(wanted), dtype=bool)
        row = np.where(hit, rows[at] if len(ids) else 0, -1)
        length = np.where(hit, lengths[at] if len(ids) else 0, -1)
        index = encoded.indices.to_numpy(zero_copy_only=False)
        return row[index], length[index]


def content_findings(package: Package) -> list[Finding]:
    """Every check's findings, once the package's tables are read (those not read yet are read here)."""
    from concurrent.futures import ThreadPoolExecutor

    package.read()
    findings = [f for digest in package.digests.values() for f in digest.findings]
    with ThreadPoolExecutor(max_workers=schedule.THREADS) as pool:
        # The passes over the texts that did not run beside the reading, and the ids across tables.
        left = [pool.submit(run) for name, (run, _) in package.passes(set(package.schemas)).items()]
        unworded = [u for digest in package.digests.values() for u in digest.unworded]
        unworded += _duplicate_ids(package)
        for future in left:
            future.result()
        for found in package.passed.values():
            findings += [f for f in found if isinstance(f, Finding)]
            unworded += [u for u in found if isinstance(u, Unworded)]
        unworded += [*_uncovered(package), *_deferred_references(package)]
        return findings + _worded(package, unworded, pool)


def _listed(check: Callable[..., Iterator], *args) -> list:
    return list(check(*args))


def _spans(package: Package, table: str) -> Spans:
    spans = package.digests[table].spans
    assert spans is not None  # every span table's digest has them
    return spans


def _span_count(package: Package, table: str) -> int:
    return len(_spans(package, table).arrays["rows"])


@dataclass
class Unworded:
    """A finding whose message quotes a cell of its row, read again from the file (with the others')."""

    table: str
    row: int
    field: str
    kind: str
    label: str  # the cell the message quotes
    message: Callable[[str], str]


def _worded(package: Package, unworded: list[Unworded], pool) -> list[Finding]:
    """The findings, each table read once more (two at a time) for all the cells their messages quote."""
    wanted: dict[str, tuple[set[int], set[str]]] = {}
    for u in unworded:
        rows, labels = wanted.setdefault(u.table, (set(), set()))
        rows.add(u.row)
        labels.add(u.label)
    read = {
        table: pool.submit(tablerows.cells_at, package.path(table), rows, labels)
        for table, (rows, labels) in wanted.items()
    }
    cells = {table: future.result() for table, future in read.items()}
    return [
        Finding(package.file(u.table), u.row, u.field, u.kind, u.message(cells[u.table][u.row][u.label] or ""))
        for u in unworded
    ]


def _depends_on(schemas: dict[str, TableSchema], table: str) -> set[str]:
    needs = {t for _, targets in schemas[table].polymorphic_keys() for t in targets}
    if table in SPAN_TABLES:
        needs.add("articles")
    return (needs & set(schemas)) - {table}


def _labels(schema: TableSchema, table: str) -> set[str]:
    labels = set(schema.primary_key) | {f for f, _ in schema.polymorphic_keys()}
    labels |= (set(DATE_FIELDS) | {"country_code"}) & set(schema.field_names)
    if table == "articles":
        labels |= {"article_id", "text"}  # the lengths; the articles' own checks read them again (_article_checks)
    if table in SPAN_TABLES:
        labels |= {"article_id", "char_start", "char_end", SPAN_TABLES[table]}
    if table == "evidence":
        labels |= set(EVIDENCE_ID_FIELDS) | {"evidence_id", "quote", "source_id"}
    return labels


def _referenced(schemas: dict[str, TableSchema]) -> set[str]:
    """Tables whose ids other tables refer to (their ids are kept as strings, for the lookups)."""
    return {"articles"} | {t for s in schemas.values() for _, targets in s.polymorphic_keys() for t in targets}


def _new_digest(package: Package, table: str) -> Digest:
    return Digest(table, package.file(table), spans=Spans() if table in SPAN_TABLES else None)


def _digest(package: Package, table: str) -> Digest:
    path = package.path(table)
    schema = package.schemas[table]

    def consume(found: Iterator[tablerows.Cells]) -> Digest:
        digest = _new_digest(package, table)
        for cells in found:
            _check_block(package, schema, digest, cells)
        digest.join()
        return digest

    if path is None:
        return consume(iter(()))
    return tablerows.read(path, _labels(schema, table), consume)


def _check_block(
    package: Package,
    schema: TableSchema,
    digest: Digest,
    cells: tablerows.Cells,
    hashed: dict | None = None,
    fed: bool = False,
) -> None:
    """A block's own checks, and what the checks across tables keep of it."""
    columns = {
        label: pc.fill_null(column, "") if column.null_count else column for label, column in cells.columns.items()
    }
    table, rows = digest.table, cells.rows
    if not fed:  # fed by the Table Schema checks' reading, which keeps the row numbers (Package.end)
        digest.rows.add(rows.astype(np.int32))
    key = schema.primary_key
    if len(key) == 1:
        ids = columns[key[0]]
        if not (hashed and key[0] in hashed):  # else the reading's own hashes, at its end (Package.end)
            digest.ids.add(keys.hashes(pc.if_else(pc.equal(ids, ""), pa.scalar(None, pa.string()), ids)))
        if table in package.referenced:
            digest.id_strings.append(ids)
    for field_name, targets in schema.polymorphic_keys():
        _check_references(package, digest, columns, rows, field_name, tuple(targets))
    if set(DATE_FIELDS[:3]) & set(schema.field_names):
        _check_dates(digest, columns, rows, set(schema.field_names))
    if "country_code" in schema.field_names:
        _check_country_codes(digest, columns["country_code"], rows)
    if table == "articles":
        digest.lengths.add(pc.utf8_length(columns["text"]).to_numpy(zero_copy_only=False))
    if table == "evidence":
        _check_evidence(digest, columns, rows)
    if table in SPAN_TABLES:
        _check_spans(package, digest, columns, rows, SPAN_TABLES[table])


def _findings(digest: Digest, mask, rows: np.ndarray, field_name: str, kind: str, message) -> None:
    """A finding for each row where `mask` is true; `message(i)` words it for the block's row i."""
    for i in np.flatnonzero(_bools(mask)):
        digest.findings.append(digest.finding(int(rows[i]), field_name, kind, message(int(i))))


def _bools(mask) -> np.ndarray:
    if isinstance(mask, np.ndarray):
        return mask.astype(bool)
    if mask.null_count:
        mask = pc.fill_null(mask, False)
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


# --- a block's own checks ----------------------------------------------------------------------------


def _check_references(package: Package, digest: Digest, columns, rows, field_name: str, targets: tuple) -> None:
    """A polymorphic reference names a row of one of its target tables."""
    values = columns[field_name]
    if not set(targets) & set(package.schemas) <= set(package.digests):  # a target not read yet: at the end
        digest.deferred.append(
            (
                field_name,
                targets,
                keys.hashes(pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)),
                rows.astype(np.int32),
            )
        )
        return
    bad = pc.and_(pc.not_equal(values, ""), pc.invert(pc.is_in(values, value_set=package.known_ids(targets))))
    _findings(
        digest,
        bad,
        rows,
        field_name,
        "foreign-key",
        lambda i: f"{values[i].as_py()!r} is not an id in any of {', '.join(targets)}",
    )


def _check_dates(digest: Digest, columns, rows, names: set[str]) -> None:
    """EDTF values parse, the derived bounds agree with them, and no end comes before its start.

    Only curated tables have dates, a few thousand rows at most: a loop in Python is fine.
    """
    present = [f for f in DATE_FIELDS if f in columns]  # a curated input has no derived bounds
    values = {f: columns[f].to_pylist() for f in present}
    for number, cells in zip(rows.tolist(), zip(*values.values())):
        given = dict(zip(present, cells))
        row = dict.fromkeys(("date_edtf", "start_date", "end_date"), "") | given
        if "date_edtf" in names and row["date_edtf"]:
            _check_edtf(digest, number, given)
        start, end = _date(row["start_date"]), _date(row["end_date"])
        if start and end and end < start:
            digest.findings.append(
                digest.finding(number, "end_date", "date-order", f"end_date {end} is before start_date {start}")
            )


def _check_edtf(digest: Digest, number: int, row: dict[str, str]) -> None:
    try:
        derived = bounds(row["date_edtf"])
    except EDTFError as exc:
        digest.findings.append(digest.finding(number, "date_edtf", "edtf-error", str(exc)))
        return
    expected = {"start_date": derived.start, "end_date": derived.end, "date_precision": derived.precision}
    for field_name, value in expected.items():
        text = "" if value is None else str(value)
        if field_name in row and (row.get(field_name) or "") != text:  # not in a curated input: derived
            digest.findings.append(
                digest.finding(
                    number,
                    field_name,
                    "derived-value",
                    f"{row.get(field_name) or 'empty'} does not match date_edtf {row['date_edtf']!r} "
                    f"(expected {text or 'empty'}); run `caucasus-data build`",
                )
            )


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _check_country_codes(digest: Digest, codes: pa.Array, rows: np.ndarray) -> None:
    import pycountry

    unknown = [
        code
        for code in pc.unique(codes).to_pylist()
        if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is None
    ]
    if unknown:
        bad = pc.is_in(codes, value_set=pa.array(unknown, pa.string()))
        _findings(
            digest,
            bad,
            rows,
            "country_code",
            "country-code",
            lambda i: f"{codes[i].as_py()!r} is not an ISO 3166-1 alpha-2 country code",
        )


def _unread_offsets(start: str | None, end: str | None, length: int) -> str:
    """Why offsets that are not both integers within int64 (a cell of 10^20, say) give no span."""
    if not start or not end:
        return "an article span needs char_start and char_end"
    return f"offsets {start[:30]}:{end[:30]} are outside the article ({length} characters)"


def _integers(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(values as int64, where Python's int() reads them): canonical digits in Arrow, the rest in Python."""
    canonical = _bools(pc.match_substring_regex(values, r"^-?[0-9]{1,18}$"))
    text = pc.if_else(pa.array(canonical), values, pa.scalar(None, pa.string()))
    numbers = pc.cast(text, pa.int64())
    numbers = (pc.fill_null(numbers, 0) if numbers.null_count else numbers).to_numpy(zero_copy_only=False).copy()
    ok = canonical.copy()
    for i in np.flatnonzero(~canonical & _bools(pc.not_equal(values, ""))):
        with contextlib.suppress(ValueError, OverflowError):
            numbers[i], ok[i] = int(values[int(i)].as_py()), True
    return numbers, ok


def _digits(values: pa.Array) -> np.ndarray:
    """Where str.isdigit() holds (the articles' checks use it, not int())."""
    return _bools(pc.and_(pc.not_equal(values, ""), pc.utf8_is_digit(values)))


def _article_checks(package: Package) -> list[Finding]:
    """Each article's hash and length are its text's, and its dateline is its text at the dateline offsets:
    a pass of their own over the texts, beside the span checks' (not on the way of the tables that wait
    for the articles)."""
    path, digest = package.path("articles"), _new_digest(package, "articles")
    if path is None or "articles" not in package.schemas:
        return []

    def check(found: Iterator[tablerows.Cells]) -> None:
        for cells in found:
            columns = {
                label: pc.fill_null(column, "") if column.null_count else column
                for label, column in cells.columns.items()
            }
            _check_articles(digest, columns, cells.rows)

    tablerows.read(path, set(ARTICLE_FIELDS), check)
    return digest.findings


def _check_articles(digest: Digest, columns, rows: np.ndarray) -> None:
    texts = columns["text"]
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False).astype(np.int64)
    # The SHA-256 of each text's UTF-8 bytes, read where Arrow holds them (no Python string per text).
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1, offset=texts.offset * 4).tolist()
    data = memoryview(texts.buffers()[2] or b"")
    for i, expected in enumerate(columns["text_sha256"].to_pylist()):
        if expected and expected != hashlib.sha256(data[offsets[i] : offsets[i + 1]]).hexdigest():
            digest.findings.append(
                digest.finding(int(rows[i]), "text_sha256", "hash", "does not match the SHA-256 of text")
            )
    counts = columns["char_count"]
    count, _ = _integers(counts)
    _findings(
        digest,
        _digits(counts) & (count != lengths),
        rows,
        "char_count",
        "span",
        lambda i: f"text has {lengths[i]} characters",
    )
    # A dateline slice past the end of the text is shorter, not an error, in Python: compare what it gives.
    begin, end = columns["dateline_start"], columns["dateline_end"]
    with_offsets = np.flatnonzero(_digits(begin) & _digits(end))
    if len(with_offsets):
        starts, _ = _integers(begin)
        ends, _ = _integers(end)
        taken = pa.array(with_offsets)
        # Datelines open the texts: each text's characters up to the furthest end slice the same, and are
        # short strings (not a Python string the length of each text).
        heads = pc.utf8_slice_codeunits(texts, 0, int(ends[with_offsets].max())).take(taken)
        for i, head, dateline in zip(
            with_offsets.tolist(), heads.to_pylist(), columns["dateline"].take(taken).to_pylist()
        ):
            if head[starts[i] : ends[i]] != dateline:
                digest.findings.append(
                    digest.finding(int(rows[i]), "dateline", "span", "is not the text at dateline_start:dateline_end")
                )


def _check_evidence(digest: Digest, columns, rows: np.ndarray) -> None:
    """Each evidence row is an article span or a cited source, and its id is the one the build computes."""
    has_article = _bools(pc.not_equal(columns["article_id"], ""))
    has_source = _bools(pc.not_equal(columns["source_id"], ""))
    no_quote = _bools(pc.equal(columns["quote"], ""))
    neither = has_article == has_source
    _findings(
        digest,
        neither,
        rows,
        "article_id",
        "evidence",
        lambda i: "give either an article span (article_id, offsets, quote) or a source_id",
    )
    _findings(
        digest,
        ~neither & has_article & no_quote,
        rows,
        "quote",
        "evidence",
        lambda i: "an article span needs the quoted words",
    )
    ids = columns["evidence_id"].to_pylist() if "evidence_id" in columns else []  # a curated input has none
    joined = pc.binary_join_element_wise(*[columns[f] for f in EVIDENCE_ID_FIELDS], "\x1f").to_pylist() if ids else []
    for i, (key, value) in enumerate(zip(joined, ids)):
        computed = "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
        if value and value != computed:
            digest.findings.append(
                digest.finding(
                    int(rows[i]),
                    "evidence_id",
                    "derived-value",
                    f"is not the id computed from the row ({computed}); run `caucasus-data build`",
                )
            )
    subjects = columns["subject_id"]
    digest.subjects.add(keys.hashes(pc.unique(subjects)))


def _check_spans(package: Package, digest: Digest, columns, rows: np.ndarray, quoted: str) -> None:
    """Offsets fall within the article, and the words are the text there: compared through the table's
    text window, else (or where it cannot) kept for a pass over the texts at the end."""
    given = columns["article_id"]
    article, length = package.article_of(pc.if_else(pc.equal(given, ""), pa.scalar(None, pa.string()), given))
    with_article = article >= 0
    starts, start_ok = _integers(columns["char_start"])
    ends, end_ok = _integers(columns["char_end"])
    _findings(
        digest,
        with_article & ~(start_ok & end_ok),
        rows,
        "char_start",
        "span",
        lambda i: _unread_offsets(columns["char_start"][i].as_py(), columns["char_end"][i].as_py(), int(length[i])),
    )
    spans = np.flatnonzero(with_article & start_ok & end_ok)
    inside = (starts[spans] >= 0) & (starts[spans] <= ends[spans]) & (ends[spans] <= length[spans])
    outside = np.zeros(len(rows), dtype=bool)
    outside[spans[~inside]] = True
    _findings(
        digest,
        outside,
        rows,
        "char_end",
        "span",
        lambda i: f"offsets {starts[i]}:{ends[i]} are outside the article ({length[i]} characters)",
    )
    spans = spans[inside]
    words = columns[quoted].take(pa.array(spans))
    if digest.window is not None:
        compared, different = digest.window.compare(article[spans], starts[spans], ends[spans], words)
        for i, text in different.items():
            k = spans[i]
            digest.unworded.append(_span_finding(digest.table, int(rows[k]), text, int(starts[k]), int(ends[k])))
        left = np.flatnonzero(~compared)
        spans, words = spans[left], words.take(pa.array(left))
    assert digest.spans is not None  # a span table's digest
    digest.spans.add(
        article=article[spans], start=starts[spans], end=ends[spans], words=_short(keys.hashes(words)), rows=rows[spans]
    )


def _short(hashes: np.ndarray) -> np.ndarray:
    return hashes.astype(np.int32)  # the low 32 bits


# --- checks across tables ------------------------------------------------------------------------------


def _different_spans(package: Package, tables: list[str]) -> Iterator[Unworded]:
    """Quotes, mentions and evidence quote the article text exactly at their offsets: one pass over the
    texts for these span tables, comparing the hash of each span's text with the hash of its quoted words."""
    groups = {t: _spans(package, t).arrays for t in tables if _span_count(package, t)}
    path = package.path("articles")
    if not groups or path is None:
        return
    different: dict[str, list[tuple[int, int, int, int]]] = {t: [] for t in groups}  # (row, article, start, end)
    texts_of: dict[int, str] = {}

    def compare(found: Iterator[tablerows.Cells]) -> None:
        for cells in found:
            texts = cells.columns["text"]
            texts = pc.fill_null(texts, "") if texts.null_count else texts
            order = np.argsort(cells.rows, kind="stable")
            numbers = cells.rows[order]
            for table, spans in groups.items():
                lo, hi = np.searchsorted(spans["article"], [numbers[0], numbers[-1] + 1]) if len(numbers) else (0, 0)
                at = np.arange(lo, hi)
                place = np.searchsorted(numbers, spans["article"][at])
                place = np.minimum(place, len(numbers) - 1)
                at = at[numbers[place] == spans["article"][at]]
                if not len(at):
                    continue
                local = order[np.searchsorted(numbers, spans["article"][at])]
                got = _short(keys.hashes(span_texts(texts, local, spans["start"][at], spans["end"][at])))
                for j in np.flatnonzero(got != spans["words"][at]):
                    k, article = int(at[j]), int(local[j])
                    different[table].append(
                        (int(spans["rows"][k]), int(spans["article"][k]), int(spans["start"][k]), int(spans["end"][k]))
                    )
                    texts_of[int(spans["article"][k])] = texts[article].as_py()

    tablerows.read(path, {"text"}, compare)
    for table in groups:
        package.digests[table].spans = None
    for table, found in different.items():
        for row, article, start, end in found:
            yield _span_finding(table, row, texts_of[article], start, end)


def _span_finding(table: str, row: int, text: str, start: int, end: int) -> Unworded:
    """The quoted words of a span are not its article's text at its offsets."""
    return Unworded(
        table, row, SPAN_TABLES[table], "span", SPAN_TABLES[table], partial(_span_message, text, start, end)
    )


def _span_message(text: str, start: int, end: int, words: str) -> str:
    found = text.find(words) if words else -1
    hint = f"; the words are at {found}:{found + len(words)}" if found >= 0 else "; the words are not in the article"
    return f"is not the article text at {start}:{end} ({text[start:end]!r}){hint}"


def _ids(package: Package, table: str) -> tuple[np.ndarray, np.ndarray]:
    """(id hashes, row numbers) of a table with a one-field key, NULL where the id is empty."""
    digest = package.digests[table]
    return digest.ids, digest.rows


def _duplicate_ids(package: Package) -> Iterator[Unworded]:
    """Ids are unique across tables, so that a polymorphic reference names one row.

    The first table (in name order) to use an id owns it; each later table's rows with it are findings.
    """
    tables = sorted(t for t, s in package.schemas.items() if len(s.primary_key) == 1 and t in package.digests)
    # Repeats within a table are frictionless' unique errors. Across tables: each pair, the smaller
    # table's ids looked up in a sorted copy of the larger's (one copy of the largest table at most), in
    # order (binary searches for sorted values go through the copy once, several times faster).
    owner: dict[int, str] = {}
    for i, table in enumerate(tables):
        ordered = np.sort(_ids(package, table)[0])
        for other in tables[:i] + tables[i + 1 :]:
            ids = _ids(package, other)[0]
            if len(ids) > len(ordered) or (len(ids) == len(ordered) and other < table):
                continue  # that pair is looked up from the other side
            ids = np.sort(ids)
            for value in ids[keys.member(ids, ordered) & (ids != keys.NULL)].tolist():
                owner[value] = min(owner.get(value, table), table, other)
        del ordered
    if not owner:
        return
    shared = np.array(sorted(owner), dtype=np.int64)
    for table in tables:
        ids, rows = _ids(package, table)
        hits = np.flatnonzero(keys.member(ids, shared))
        later = [
            (row, owner[value]) for value, row in zip(ids[hits].tolist(), rows[hits].tolist()) if owner[value] != table
        ]
        key = package.schemas[table].primary_key[0]
        for row, first in later:
            yield Unworded(
                table,
                row,
                key,
                "duplicate-id",
                key,
                partial("id {!r} is already used in {first}; ids must be unique across tables".format, first=first),
            )


def _uncovered(package: Package) -> Iterator[Unworded]:
    """Every row of a table that needs evidence has at least one evidence row."""
    evidence = package.digests.get("evidence")
    subjects = evidence.subjects if evidence else np.zeros(0, np.int64)
    for table, schema in package.schemas.items():
        if not schema.evidence_required or len(schema.primary_key) != 1 or table not in package.digests:
            continue
        ids, rows = _ids(package, table)
        bad = (ids != keys.NULL) & ~np.isin(ids, subjects)
        key = schema.primary_key[0]
        for row in rows[bad].tolist():
            yield Unworded(
                table,
                row,
                key,
                "no-evidence",
                key,
                "{!r} has no evidence row; add one to "
                'curated/evidence.csv (`caucasus-data cite ARTICLE_ID "exact words"` prints it)'.format,
            )


def _deferred_references(package: Package) -> Iterator[Unworded]:
    """References to tables read later (a cycle of references), checked once every table is read."""
    for table, digest in package.digests.items():
        for field_name, targets, hashes, rows in digest.deferred:
            known = keys.distinct(keys.hashes(package.known_ids(targets)))
            bad = (hashes != keys.NULL) & ~np.isin(hashes, known)
            message = "{!r} is not an id in any of " + ", ".join(targets).replace("{", "{{").replace("}", "}}")
            for row in rows[bad].tolist():
                yield Unworded(table, row, field_name, "foreign-key", field_name, message.format)
