"""The checks frictionless cannot make, as SQL over the tables the Table Schema checks read.

References that may point at several tables, ids unique across tables, evidence for every curated row,
spans and hashes against the article texts, EDTF bounds, ISO country codes, ends after starts. Each check
is a query over a view of each table (`relation("v", "people")`), whose columns are the header's labels
holding the cells as written (`''` where a row has no such cell), plus `_i`, DuckDB's record number. A query
selects `_i` and the values its message quotes, which Python words (values as Python writes them). Cells
the Table Schema checks report as malformed are skipped, so that one mistake gives one finding.

>>> import duckdb
>>> from caucasus_data.model.locate import installed_root
>>> from caucasus_data.reader.tables import schemas
>>> from caucasus_data.validation.tableschema import check
>>> con = duckdb.connect()
>>> texts = check(con, installed_root()).texts
>>> content_findings(con, installed_root(), schemas(), {t: f"{t}.csv" for t in texts}, texts)
[]
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..model.dates import EDTFError, bounds
from ..model.identifiers import EVIDENCE_ID_FIELDS
from ..model.schema import TableSchema
from ..model.sqltext import identifier, literal, relation
from .csvtext import CsvText, Unsupported

SPAN_TABLES = {"quotes": "text", "mentions": "surface", "evidence": "quote"}
DATE_FIELDS = ("date_edtf", "start_date", "end_date", "date_precision")
INTEGER = "try_cast(nullif({}, '') as bigint)"  # offsets as Python's int() reads them (but for odd digits)
# Empty, or digits that are no BIGINT (10^20, other scripts' digits): anything else is the Table Schema's type error.
DIGITS = r"coalesce(regexp_matches({0}, '^\s*[+-]?\pN+\s*$') or {0} = '', true)"
ARTICLES, EVIDENCE = relation("v", "articles"), relation("v", "evidence")
SPANS = relation("s", "")  # the bad spans of every table (`bad_spans`)


@dataclass(frozen=True)
class Check:
    """Findings of `kind` on `table`.`field`, one for each row `query` selects, worded by `message`."""

    table: str
    field: str
    kind: str
    query: str  # selects _i, then the values `message` takes
    message: Callable[..., str]
    made: bool = False  # reads the tables made first (spans, owners of ids)


def content_findings(
    con: Any, root: Path, schemas: dict[str, TableSchema], files: dict[str, str], texts: dict[str, CsvText]
) -> list[Finding]:
    """Every check's findings; `texts` are the tables the Table Schema checks read into `con` (the
    others, left to frictionless, are read here as Python's csv reads them)."""
    spill = con.execute("select current_setting('temp_directory')").fetchone()[0]  # a folder DuckDB may read
    spill = spill if spill and Path(spill).is_dir() else None
    with tempfile.TemporaryDirectory(prefix="caucasus-data-content-", dir=spill) as scratch:
        texts = {**texts, **_read_left(con, root, schemas, files, texts, Path(scratch))}
        for table, schema in schemas.items():
            if table in texts:
                _view(con, table, schema, texts[table])
        findings = []
        todo = list(checks(schemas, set(texts)))
        with ThreadPoolExecutor(2) as pool:  # two queries at a time, each on its own cursor
            dated = [  # Python's work, beside the queries
                pool.submit(_dates, con.cursor(), table, files[table], texts[table], schemas[table])
                for table in sorted(set(texts) & set(schemas))
                if "date_edtf" in schemas[table].field_names
            ]
            # The tables several checks read: the owners of ids first, then the bad spans, not beside each other
            # (two large tables at once spill more), while the checks that read only the views run.
            made = pool.submit(_rows, con, owners(schemas, set(texts)))
            found = {check: pool.submit(_rows, con, check.query) for check in todo if not check.made}
            made.result()
            if "articles" in texts:
                for statement in bad_spans({t: q for t, q in SPAN_TABLES.items() if t in texts}):
                    _rows(con, statement)
            found |= {check: pool.submit(_rows, con, check.query) for check in todo if check.made}
        for check in todo:
            for i, *values in found[check].result():
                row = texts[check.table].number(i)
                findings.append(Finding(files[check.table], row, check.field, check.kind, check.message(*values)))
        return findings + [finding for future in dated for finding in future.result()]


def _rows(con: Any, query: str) -> list[tuple]:
    return con.cursor().execute(query).fetchall()


def _read_left(con, root, schemas, files, texts, scratch: Path) -> dict[str, CsvText]:
    """The tables frictionless validates, rewritten by Python's csv in the standard dialect and read."""
    out = {}
    for table in set(schemas) - set(texts):
        path = root / files[table] if table in files else None
        if path is None or not path.is_file() or path.is_symlink():
            continue
        normal = scratch / f"{relation('t', table)}.csv"
        with (
            path.open(encoding="utf-8-sig", errors="replace", newline="") as source,
            normal.open("w", encoding="utf-8", newline="") as target,
        ):
            csv.writer(target).writerows(csv.reader(source))
        try:
            out[table] = CsvText.read(con, relation("t", table), normal)
        except Unsupported:
            continue
    return out


def _view(con: Any, table: str, schema: TableSchema, text: CsvText) -> None:
    """The view `relation("v", table)`: a column per field, by header label (the last of equal labels)."""
    where = {label: i for i, label in enumerate(text.raw_labels)}
    columns = ", ".join(
        (f"coalesce(c{where[name]}, '')" if name in where else "''") + f" as {identifier(name)}"
        for name in schema.field_names
    )
    con.execute(
        f"create or replace view {relation('v', table)} as select _i, {columns} "
        f"from {relation('t', table)} where _i > 1"
    )


def checks(schemas: dict[str, TableSchema], tables: set[str]) -> Iterator[Check]:
    """The package's checks on the tables present, in the order their findings are listed."""
    keyed = sorted(t for t in tables if len(schemas[t].primary_key) == 1)
    for table in sorted(tables):
        schema = schemas[table]
        for field, targets in schema.polymorphic_keys():
            if set(targets) <= set(keyed):  # a table not read here would make every id of it dangle
                yield _reference(table, field, {t: schemas[t].primary_key[0] for t in targets})
        if "country_code" in schema.field_names:
            yield _country_codes(table)
        if {"start_date", "end_date"} <= set(schema.field_names):
            yield Check(
                table,
                "end_date",
                "date-order",
                f"select _i, start_date, end_date from {relation('v', table)} "
                "where try_cast(nullif(end_date, '') as date) < try_cast(nullif(start_date, '') as date)",
                lambda start, end: f"end_date {end} is before start_date {start}",
            )
        if table in SPAN_TABLES and "articles" in tables:
            yield from _spans(table, SPAN_TABLES[table])
        if schema.evidence_required and table in keyed and "evidence" in tables:
            yield _uncovered(table, schema.primary_key[0])
    if "articles" in tables:
        yield from _articles()
    if "evidence" in tables:
        yield from _evidence(set(schemas["evidence"].field_names))
    yield from _duplicate_ids(schemas, keyed)


def _reference(table: str, field: str, targets: dict[str, str]) -> Check:
    """A polymorphic reference names a row of one of its target tables (`targets`: their keys)."""
    ids = " union all ".join(f"select {identifier(key)} as id from {relation('v', t)}" for t, key in targets.items())
    ids, column = ids or "select ''", identifier(field)
    return Check(
        table,
        field,
        "foreign-key",
        f"select _i, {column} from {relation('v', table)} where {column} <> '' and {column} not in ({ids})",
        lambda value: f"{value!r} is not an id in any of {', '.join(targets)}",
    )


def _country_codes(table: str) -> Check:
    codes = ", ".join(f"'{code}'" for code in _iso_codes())
    return Check(
        table,
        "country_code",
        "country-code",
        f"select _i, country_code from {relation('v', table)} where regexp_matches(country_code, '^[A-Z]{{2}}$') "
        f"and country_code not in ({codes})",
        lambda code: f"{code!r} is not an ISO 3166-1 alpha-2 country code",
    )


def _iso_codes() -> list[str]:
    """The ISO 3166-1 alpha-2 codes pycountry holds, read from its data (without importing it)."""
    from importlib.util import find_spec

    spec = find_spec("pycountry")
    assert spec is not None and spec.submodule_search_locations  # a dependency of the [validate] extra
    data = Path(next(iter(spec.submodule_search_locations))) / "databases" / "iso3166-1.json"
    return sorted(country["alpha_2"] for country in json.loads(data.read_text(encoding="utf-8"))["3166-1"])


def _spans(table: str, quoted: str) -> Iterator[Check]:
    """A span's offsets are integers within its article, and its words are the article's text there."""
    yield Check(
        table,
        "char_start",
        "span",
        f"select _i, char_start, char_end, n from {relation('s', table)} where (b is null or e is null) "
        f"and {DIGITS.format('char_start')} and {DIGITS.format('char_end')}",
        _unread_offsets,
        made=True,
    )
    yield Check(
        table,
        "char_end",
        "span",
        f"select _i, b, e, n from {relation('s', table)} "
        "where not (b is null or e is null) and not (0 <= b and b <= e and e <= n)",
        lambda b, e, n: f"offsets {b}:{e} are outside the article ({n} characters)",
        made=True,
    )
    yield Check(
        table,
        quoted,
        "span",
        f"select _i, text, b, e, words from {relation('s', table)} where 0 <= b and b <= e and e <= n "
        "and substring(text, b + 1, e - b) <> words",
        _span_message,
        made=True,
    )


def bad_spans(tables: dict[str, str]) -> list[str]:
    """The spans of `tables` (each with the field of its words) whose offsets or words are not their article's:
    one table of them all, the articles joined once, and a view of each table's, `relation("s", table)`. An id
    names the last article with it (as a dict keeps)."""
    start, end = INTEGER.format("s.char_start"), INTEGER.format("s.char_end")
    spans = " union all ".join(
        f"select {literal(t)} as tab, _i, char_start, char_end, {identifier(words)} as words, article_id "
        f"from {relation('v', t)}"
        for t, words in tables.items()
    )
    last = f"(select max(_i) from {ARTICLES} where article_id <> '' group by article_id)"
    articles = f"(select article_id, text, length(text) as n from {ARTICLES} where _i in {last})"
    made = (
        f"create or replace table {SPANS} as with s as (select s.*, {start} as b, {end} as e, a.text, a.n "
        f"from ({spans}) s join {articles} a using (article_id))\n"
        "select * from s where b is null or e is null or not (0 <= b and b <= e and e <= n) "
        "or substring(text, b + 1, e - b) <> words"
    )
    views = [
        f"create or replace view {relation('s', t)} as select * exclude (tab) from {SPANS} where tab = {literal(t)}"
        for t in tables
    ]
    return [made, *views] if tables else []


def _unread_offsets(start: str, end: str, length: int) -> str:
    """Why offsets that are not both integers within int64 (a cell of 10^20, say) give no span."""
    if not start or not end:
        return "an article span needs char_start and char_end"
    return f"offsets {start[:30]}:{end[:30]} are outside the article ({length} characters)"


def _span_message(text: str, start: int, end: int, words: str) -> str:
    found = text.find(words) if words else -1
    hint = f"; the words are at {found}:{found + len(words)}" if found >= 0 else "; the words are not in the article"
    return f"is not the article text at {start}:{end} ({text[start:end]!r}){hint}"


def _articles() -> Iterator[Check]:
    """Each article's hash and length are its text's, and its dateline is its text at the dateline offsets."""
    yield Check(
        "articles",
        "text_sha256",
        "hash",
        f"select _i from {ARTICLES} where text_sha256 <> '' and text_sha256 <> sha256(text)",
        lambda: "does not match the SHA-256 of text",
    )
    yield Check(
        "articles",
        "char_count",
        "span",
        f"select _i, length(text) from {ARTICLES} where regexp_matches(char_count, '^[0-9]+$') "
        "and try_cast(char_count as bigint) is distinct from length(text)",
        lambda n: f"text has {n} characters",
    )
    # A dateline slice past the end of the text is shorter, not an error, in Python: compare what it gives.
    b, e = INTEGER.format("dateline_start"), INTEGER.format("dateline_end")
    yield Check(
        "articles",
        "dateline",
        "span",
        f"select _i from {ARTICLES} where regexp_matches(dateline_start, '^[0-9]+$') and regexp_matches("
        f"dateline_end, '^[0-9]+$') and (case when {e} > {b} then substring(text, {b} + 1, {e} - {b}) else '' end)"
        " <> dateline",
        lambda: "is not the text at dateline_start:dateline_end",
    )


def _evidence(fields: set[str]) -> Iterator[Check]:
    """Each evidence row is an article span or a cited source, and its id is the one the build computes."""
    yield Check(
        "evidence",
        "article_id",
        "evidence",
        f"select _i from {EVIDENCE} where (article_id <> '') = (source_id <> '')",
        lambda: "give either an article span (article_id, offsets, quote) or a source_id",
    )
    yield Check(
        "evidence",
        "quote",
        "evidence",
        f"select _i from {EVIDENCE} where article_id <> '' and source_id = '' and quote = ''",
        lambda: "an article span needs the quoted words",
    )
    if "evidence_id" in fields:  # a curated input has none
        computed = f"'ev-' || sha256(concat_ws(chr(31), {', '.join(EVIDENCE_ID_FIELDS)}))[1:12]"
        yield Check(
            "evidence",
            "evidence_id",
            "derived-value",
            f"select _i, {computed} from {EVIDENCE} where evidence_id <> '' and evidence_id <> {computed}",
            lambda value: f"is not the id computed from the row ({value}); run `caucasus-data build`",
        )


def _uncovered(table: str, key: str) -> Check:
    column = identifier(key)
    return Check(
        table,
        key,
        "no-evidence",
        f"select _i, {column} from {relation('v', table)} where {column} <> '' and {column} not in "
        f"(select subject_id from {EVIDENCE})",
        lambda value: (
            f"{value!r} has no evidence row; add one to curated/evidence.csv "
            f'(`caucasus-data cite ARTICLE_ID "exact words"` prints it)'
        ),
    )


def _duplicate_ids(schemas: dict[str, TableSchema], keyed: list[str]) -> Iterator[Check]:
    """Ids are unique across tables, so that a polymorphic reference names one row: the first table (in
    name order) to use an id owns it, and each later table's rows with it are findings (`owners`)."""
    for table in keyed:
        key = schemas[table].primary_key[0]
        column = identifier(key)
        yield Check(
            table,
            key,
            "duplicate-id",
            f"select _i, {column}, first from {relation('v', table)} join owners on {column} = id "
            f"where first <> {literal(table)}",
            lambda value, first: f"id {value!r} is already used in {first}; ids must be unique across tables",
            made=True,
        )


def owners(schemas: dict[str, TableSchema], tables: set[str]) -> str:
    """The table `owners`: each id used by more than one table, and the first table to use it.

    The ids are grouped by their hashes first, eight bytes each, and tables by their numbers: grouped as text, a
    million ids of a 100,000-article package ran out of memory under the memory limit, and the tables' names made
    the grouping a third slower. Only the few hashes of more than one table are then grouped by id."""
    keys = {t: identifier(schemas[t].primary_key[0]) for t in sorted(tables) if len(schemas[t].primary_key) == 1}
    ids = " union all ".join(
        f"select {n} as t, {key} as id from {relation('v', t)} where {key} <> ''"
        for n, (t, key) in enumerate(keys.items())
    )
    names = f"[{', '.join(map(literal, keys))}]"
    query = (
        f"with ids as ({ids}), shared as (select hash(id) as h from ids group by h having min(t) <> max(t))\n"
        f"select id, {names}[min(t) + 1] as first from ids where hash(id) in (select h from shared) group by id "
        "having min(t) <> max(t)"
        if ids
        else "select 1 as id, 1 as first"
    )
    return f"create or replace table owners as {query}"


def _dates(con: Any, table: str, file: str, text: CsvText, schema: TableSchema) -> list[Finding]:
    """EDTF values parse and the derived bounds agree with them (curated tables: a few thousand rows)."""
    present = [f for f in DATE_FIELDS if f in schema.field_names]
    rows = con.execute(f"select _i, {', '.join(present)} from {relation('v', table)} where date_edtf <> ''").fetchall()
    findings = []
    for i, *cells in rows:
        row, given = text.number(i), dict(zip(present, cells))
        try:
            derived = bounds(given["date_edtf"])
        except EDTFError as exc:
            findings.append(Finding(file, row, "date_edtf", "edtf-error", str(exc)))
            continue
        expected = {"start_date": derived.start, "end_date": derived.end, "date_precision": derived.precision}
        for field, value in expected.items():
            shown = "" if value is None else str(value)
            if field in given and given[field] != shown:  # not in a curated input: derived
                message = (
                    f"{given[field] or 'empty'} does not match date_edtf {given['date_edtf']!r} "
                    f"(expected {shown or 'empty'}); run `caucasus-data build`"
                )
                findings.append(Finding(file, row, field, "derived-value", message))
    return findings
