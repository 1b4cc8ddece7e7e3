"""A package CSV file as a DuckDB table of text cells, its rows numbered as frictionless numbers them.

frictionless reads CSV with Python's `csv` module, in the dialect `csv.Sniffer` guesses from the first 100
lines, and takes for the header the first of the first 100 records whose width is near their average.
DuckDB's reader splits the standard dialect (comma, `"`, doubled quotes) the same way but for four things,
each detected here:

- it skips empty lines, which Python's csv yields as records of no cells (frictionless' blank rows);
- it drops the spaces before an opening quote (` "a"` is ` "a"` to Python, `a` to DuckDB);
- in strict mode it refuses a record with more cells than columns, or a quote inside an unquoted cell;
- without strict mode it drops those cells, and that quote.

A file read in strict mode, with none of the spaces and as many line ends as its records account for, is
regular: DuckDB's n-th record is row n, counting the empty lines outside quoted cells before it. Otherwise
Python's csv reads it once more for the shape of its records (the empty ones, those with another count of
cells than the header) and the length of its cells, which DuckDB's lenient reading must match. Any other
file (another dialect or encoding, a header frictionless would look for elsewhere, cells the two readers
split differently) raises `Unsupported`: frictionless reads it.

The table `name` has an INTEGER `_i` (DuckDB's record number, the header is 1) and VARCHAR columns `c0`,
`c1`, ... for the header's positions, NULL where a row has no such cell (`''` is an empty cell), and maybe
more columns, for extra cells, which nothing reads.

>>> import duckdb, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_text('id,name\\na,"x\\ny"\\n\\nb\\nc,z,extra\\n', encoding="utf-8")
>>> con = duckdb.connect()
>>> text = CsvText.read(con, "t", path)
>>> text.labels, text.empty, text.counts
(['id', 'name'], [3], {4: 1, 5: 3})
>>> [(text.number(i), a, b) for i, a, b in con.execute("select _i, c0, c1 from t where _i > 1").fetchall()]
[(2, 'a', 'x\\ny'), (4, 'b', None), (5, 'c', 'z')]
"""

from __future__ import annotations

import bisect
import codecs
import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.csvformat import read_large_cells

SNIFF_LINES = 100  # frictionless sniffs the dialect from this many lines (formats/csv/parser.py)
SAMPLE_ROWS = 100  # and looks for the header among this many records (settings.DEFAULT_SAMPLE_SIZE)
SNIFF_DELIMITERS = ",\t;|"
CHUNK = 1 << 22
SPARE = 4  # columns read beyond the labels in strict mode, for extra cells (more cost another reading)
# Empty lines numbered in a file (frictionless reports the first 1,000 as blank rows); a file with more is left to
# frictionless: 50,000,000 of them took 2 GiB to list.
MAX_EMPTY_LINES = 100_000


class Unsupported(Exception):
    """A file DuckDB does not read as frictionless does; frictionless must read it."""


@dataclass
class CsvText:
    """A file read into a DuckDB table: its header and the rows Python's csv splits otherwise than DuckDB."""

    path: Path
    raw_labels: list[str]  # the first record as written
    labels: list[str]  # as frictionless labels it (stripped)
    name: str = ""
    initial_space: bool = False
    empty: list[int] = field(default_factory=list)  # row numbers of empty lines
    counts: dict[int, int] = field(default_factory=dict)  # row -> cells, where not as many as the labels
    width: int = 0  # the columns of the table: the labels, or more for rows with extra cells
    regular: bool = False  # DuckDB's strict reading accounts for every byte: Python's csv did not read it
    _before: tuple[Any, list[int]] = field(default=(None, []), repr=False)

    @classmethod
    def read(cls, con: Any, name: str, path: Path, scanned: Any = None) -> CsvText:
        """Read `path` into the table `name`; `scanned` is the file's `scan` (or a future of it)."""
        read_large_cells()
        raw, labels, initial_space = _header(path)
        text = cls(path, raw, labels, name, initial_space)
        strict = text._strict(con)
        facts = scan(path) if scanned is None else getattr(scanned, "result", lambda: scanned)()
        if facts.empty is None:
            raise Unsupported(f"{path.name}: more than {MAX_EMPTY_LINES:,} empty lines")
        text.regular = strict and not facts.odd and text._accounts(con, facts)
        if not text.regular:
            text._lenient(con, strict)
        if initial_space:
            spaced = " or ".join(f"c{i} like ' %'" for i in range(len(labels)))
            if con.execute(f"select count(*) from {name} where {spaced}").fetchone()[0]:
                raise Unsupported(f"{path.name}: frictionless would skip the spaces that start a cell")
        return text

    def _strict(self, con: Any) -> bool:
        """Read the file in strict mode, with a column more for each extra cell DuckDB finds (False when
        DuckDB refuses it)."""
        width = len(self.labels) + SPARE
        for _ in range(4):
            try:
                _load(con, self.name, self.path, width, strict=True)
                self.width = width
                return True
            except Exception as exc:  # duckdb.Error
                found = re.search(r"Expected Number of Columns: \d+ Found: (\d+)", str(exc))
                if not found or int(found.group(1)) <= width:
                    return False
                width = int(found.group(1))
        return False

    def _held(self, con: Any, facts: Scan) -> tuple[tuple[int, ...], dict[int, int]]:
        """What the cells hold: rows, line ends, bytes, quotes and carriage returns, cells, a byte order mark
        (the characters the file has none of are not counted; without quotes no cell holds a line end); and
        DuckDB's records with another count of cells than the labels."""
        cells = [f"c{i}" for i in range(self.width)]
        # Lengths and cells a column at a time (a row's cells joined, or listed, took three times as long), the
        # characters in a row's cells joined (a column at a time took longer, with quotes in many cells).
        chars = [("chr(10)", facts.quotes), ("'\"'", facts.quotes), ("chr(13)", facts.returns)]
        counts = ", ".join(f"sum({_count.format(char=char)})" if present else "0" for char, present in chars)
        sums = ", ".join([f"sum(strlen({c}))" for c in cells] + [f"count({c})" for c in cells])
        joined = (
            f"(select *, concat({', '.join(cells)}) as x from {self.name})" if facts.quotes or facts.returns else ""
        )
        bom = f"(select coalesce(c0 like chr(65279) || '%', false)::int from {self.name} where _i = 1)"
        labels = len(self.labels)
        other = f"c{labels - 1} is null or c{labels} is not null"  # a count of cells other than the labels'
        present = " + ".join(f"({c} is not null)::int" for c in cells)
        rows, breaks, quotes, returns, *sizes, first, shaped = con.execute(
            f"select count(*), {counts}, {sums}, {bom}, list([_i, {present}]) filter ({other}) "
            f"from {joined or self.name}"
        ).fetchone()
        size, found = sum(v or 0 for v in sizes[: len(cells)]), sum(sizes[len(cells) :])
        return tuple(int(v or 0) for v in (rows, breaks, size, quotes, returns, found, first)), dict(shaped or [])

    def _accounts(self, con: Any, facts: Scan) -> bool:
        """Whether the strict reading accounts for every byte and line end of the file, the empty lines'
        too; if so, the rows with another count of cells than the labels are known (`counts`)."""
        found, counts = self._held(con, facts)
        if not _accounted(facts, *found):
            return False
        rows, breaks = found[0], found[1]
        lines = rows - (facts.last != b"\n")
        if facts.newlines != breaks + lines:
            self.empty = self._empty_records(con, breaks, facts.empty or [])
            if facts.newlines != breaks + lines + len(self.empty):
                self.empty = []
                return False
        self.counts = {self.number(i): n for i, n in counts.items()}
        return True

    def _empty_records(self, con: Any, breaks: int, lines: list[int]) -> list[int]:
        """The numbers Python's csv gives the records of the empty `lines`: a line's number, less the line
        breaks inside the records DuckDB read before it."""
        rows = f"(select _i, concat({_columns(self.width)}) as x from {self.name})"
        query = (
            f"select _i, n from (select _i, {_count.format(char='chr(10)')} as n from {rows}) where n > 0 order by _i"
        )
        inside = con.execute(query).fetchall() if breaks else []
        records, extra, p = [], 0, 0
        for j, line in enumerate(lines):
            while p < len(inside) and inside[p][0] + extra + inside[p][1] <= line - 1 - j:  # a record before it
                extra, p = extra + inside[p][1], p + 1
            records.append(line - extra)
        return records

    def _lenient(self, con: Any, strict: bool) -> None:
        """An irregular file, read leniently (if DuckDB refused it strictly), checked against Python's csv."""
        records, length = self._shape()
        self.width = len(self.labels)
        try:
            if not strict:
                _load(con, self.name, self.path, self.width, strict=False)
            count, total = con.execute(
                f"select count(*), sum(length(concat({_columns(self.width)}))) filter (_i > 1) from {self.name}"
            ).fetchone()
        except Exception as exc:  # duckdb.Error
            raise Unsupported(f"{self.path.name}: DuckDB cannot read it: {str(exc)[:200]}") from None
        if (count, total or 0) != (records, length):
            raise Unsupported(f"{self.path.name}: DuckDB splits its cells otherwise than Python's csv")

    def number(self, i: int) -> int:
        """The row number of DuckDB's i-th record (the header is 1)."""
        key = (id(self.empty), len(self.empty))  # computed once for the empty lines found (not once a row)
        if self._before[0] != key:
            # The records DuckDB reads before each empty line: its row number, less the empty lines before it.
            self._before = (key, [row - j - 1 for j, row in enumerate(self.empty)])
        return i + bisect.bisect_left(self._before[1], i)

    def _shape(self) -> tuple[int, int]:
        """Python's csv's reading: the empty and irregular records, and the records and cell lengths."""
        width, length, records = len(self.labels), 0, 0
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                for number, cells in enumerate(csv.reader(handle, strict=True), start=1):
                    if not cells:
                        self.empty.append(number)
                        if len(self.empty) > MAX_EMPTY_LINES:
                            raise Unsupported(f"{self.path.name}: more than {MAX_EMPTY_LINES:,} empty lines")
                        continue
                    records += 1
                    if len(cells) != width:
                        self.counts[number] = len(cells)
                    if number > 1:
                        length += sum(map(len, cells[:width]))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise Unsupported(f"{self.path.name}: {exc}") from None
        return records, length


EMPTY_LINE = re.compile(rb"\n(?=\r?\n)")  # the line end before an empty line (a lookbehind is slow)


def _empty_lines(data: bytes, seen: int, lines: int, quotes: int, most: int) -> list[int]:
    """The numbers of the empty lines outside quoted cells (a line end right after another, or at the start)
    that end in `data[seen:]`, after `lines` line ends and `quotes` quotes, `most` of them. The quotes each
    open or close a cell, or are doubled in one: a line starts outside a cell when the quotes before it are
    even."""
    found: list[int] = []
    for match in EMPTY_LINE.finditer(data):  # as many as the data has line ends, inside quoted cells too
        if len(found) == most:
            break
        if data.index(b"\n", match.end()) < seen:
            continue  # found in the chunk before
        start = max(match.end(), seen)  # an empty line's carriage return may be the chunk before's
        lines, quotes = lines + data.count(b"\n", seen, start), quotes + data.count(b'"', seen, start)
        seen = start
        if quotes % 2 == 0:
            found.append(lines + 1)
    return found


# A character's count in a row's cells (most rows have none: `contains` does not copy them).
_count = "case when contains(x, {char}) then strlen(x) - strlen(replace(x, {char}, '')) else 0 end"


def _accounted(facts: Scan, rows: int, breaks: int, size: int, quotes: int, returns: int, cells: int, bom: int) -> bool:
    """Whether the cells DuckDB read account for every byte of the file: those of the cells (a quote in a
    cell written twice), the commas between them, the quotes around them and the line ends. A character
    DuckDB dropped (spaces before a quote, a stray quote) or a line it skipped shows as bytes unaccounted."""
    outside = facts.size - size - (cells - rows) - (facts.quotes - quotes) - (facts.newlines - breaks)
    return outside - (facts.returns - returns) - 3 * (facts.bom and not bom) == 0


def _columns(width: int) -> str:
    return ", ".join(f"c{i}" for i in range(width))


def _load(con: Any, name: str, path: Path, width: int, strict: bool) -> None:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    source = str(path).replace("'", "''")
    con.execute(
        f"create or replace table {name} as select (row_number() over ())::integer as _i, *\n"
        f"from read_csv('{source}', header = false, auto_detect = false, delim = ',', quote = '\"', "
        f"escape = '\"', columns = {columns}, null_padding = true, strict_mode = {str(strict).lower()}, "
        "nullstr = '\x01', parallel = false)"
    )


@dataclass
class Scan:
    """What one reading of a file's bytes tells: its size and hash, its line ends and quotes, and whether it
    has what DuckDB reads otherwise than Python's csv (a quote elsewhere than at a cell's start or end, a line
    end of a lone carriage return, a quoted cell open at the end)."""

    size: int
    digest: str  # hex, of the algorithm asked for
    newlines: int
    returns: int
    quotes: int
    odd: bool
    last: bytes
    bom: bool
    empty: list[int] | None  # the numbers of the empty lines outside quoted cells (None: too many)


def scan(path: Path, algorithm: str = "md5") -> Scan:
    """Read the file once (in a thread beside DuckDB's reading: hashlib lets go of the GIL)."""
    size = newlines = returns = pairs = quotes = 0
    last, tail, bad, digest = b"", b"", False, hashlib.new(algorithm)
    edge = b"\n"  # the last two bytes read (a line end before the first)
    empty: list[int] | None = []
    with path.open("rb") as handle:
        head = handle.read(3)
        handle.seek(0)
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if empty is not None:  # None once there are too many
                empty += _empty_lines(edge + chunk, len(edge), newlines, quotes, MAX_EMPTY_LINES + 1 - len(empty))
                empty = empty if len(empty) <= MAX_EMPTY_LINES else None
            edge = (edge + chunk[-2:])[-2:]
            newlines, returns = newlines + chunk.count(b"\n"), returns + chunk.count(b"\r")
            pairs += (last + chunk).count(b"\r\n") if returns else 0
            parts = (tail + chunk).split(b'"')
            bad = bad or _stray_quotes(parts[:-1], quotes)
            quotes += len(parts) - 1
            tail = parts[-1][:1] + parts[-1][-1:]  # all that is checked of a text between quotes
            last = chunk[-1:]
    bad = bad or (quotes % 2 == 0 and quotes > 0 and tail[:1] not in (b"", b",", b"\n", b"\r"))
    # A lone carriage return ends a line for Python's csv; an odd count of quotes leaves the last cell open,
    # which DuckDB drops and Python's csv refuses.
    odd = bad or returns != pairs or quotes % 2 == 1
    return Scan(size, digest.hexdigest(), newlines, returns, quotes, odd, last, head == codecs.BOM_UTF8, empty)


def _stray_quotes(parts: list[bytes], before: int) -> bool:
    """Whether a quote stands elsewhere than at the start or end of a cell: the texts between quotes
    outside quoted cells (every other one) must end where a quote opens and start where one closes with a
    comma or a line end, or be empty (a doubled quote inside a quoted cell)."""
    outside = parts[before % 2 :: 2]
    ends = b",\r\n"
    opening = any(p and p[-1] not in ends for p in outside)  # each is followed by a quote
    closing = any(p and p[0] not in ends for p in outside[1 if before == 0 else 0 :])
    return opening or closing


def _header(path: Path) -> tuple[list[str], list[str], bool]:
    """The first record as written and as frictionless labels it (stripped), after checking the dialect
    and that frictionless takes the first record for the header; and whether the sniffer skips initial
    spaces (which changes nothing unless a cell starts with one)."""
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
    # frictionless reads UTF-8 with a byte order mark as utf-8-sig (detector.detect_encoding).
    try:
        with path.open(encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            lines = [line for _, line in zip(range(SNIFF_LINES), handle)]
            handle.seek(0)
            sample = [cells for _, cells in zip(range(SAMPLE_ROWS), csv.reader(handle))]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise Unsupported(f"{path.name}: {exc}") from None
    if not lines or not sample or not sample[0]:
        raise Unsupported(f"{path.name}: the header row is empty")
    try:
        sniffed = csv.Sniffer().sniff("".join(lines), SNIFF_DELIMITERS)
        delimiter, initial_space = sniffed.delimiter, sniffed.skipinitialspace
    except csv.Error:  # frictionless falls back to csv.excel
        delimiter, initial_space = ",", False
    if delimiter != ",":
        raise Unsupported(f"{path.name}: frictionless would read it with delimiter {delimiter!r}")
    if initial_space and any(cell.startswith(" ") for cell in sample[0]):
        raise Unsupported(f"{path.name}: frictionless would skip the spaces that start a label")
    widths = [len(cells) for cells in sample]
    width = round(sum(widths) / len(widths))
    drift = max(round(width * 0.1), 1)
    near = [n for n, w in enumerate(widths) if width - drift <= w <= width + drift]
    if near and near[0] != 0:  # frictionless/detector/detector.py, detect_dialect
        raise Unsupported(f"{path.name}: frictionless would take row {near[0] + 1} for the header")
    return sample[0], [cell.strip() for cell in sample[0]], initial_space
