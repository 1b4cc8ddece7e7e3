"""A package CSV file split into a header and rows of string cells exactly as frictionless splits it, in Arrow.

frictionless reads CSV with Python's `csv` module, in the dialect `csv.Sniffer` guesses from the first 100
lines (forcing `"` as the quote character and doubled quotes). For the standard dialect (comma, `"`, doubled
quotes) pyarrow's reader splits records and cells identically, malformed quoting included (checked by
fuzzing both readers); the one difference, a file ending inside a quoted cell, is refused here. The sniffer
may add "skip initial spaces" (a `, ` inside a quoted cell is enough); that changes nothing unless a cell
starts with a space, and a file where one does is refused.
Anything else raises `Unsupported`, and the caller lets frictionless read that file; so does a file whose
first record frictionless would not take for the header (it takes the first of its first 100 records whose
width is near their average width, and skips the records before it).

Rows are numbered as frictionless numbers them: every record counts, blank lines included; the header is 1.
Rows with as many cells as the header arrive in `Block`s; the others (extra or missing cells) are parsed from
their text by Python's `csv` and kept in `CsvRows.irregular`. Row numbers of blocks are known only once the
file is read (a skipped record shifts the ones after it), so blocks number rows by their `index` among the
regular rows, and `CsvRows.row_numbers()` maps those indices to row numbers at the end.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_text('id,name\\na,"x\\ny"\\n\\nb\\nc,z,extra\\n', encoding="utf-8")
>>> rows = CsvRows(path)
>>> rows.labels
['id', 'name']
>>> [(b.start, b.size, [c.to_pylist() for c in b.columns]) for b in rows.blocks()]
[(1, 2, [['a', ''], ['x\\ny', '']])]
>>> rows.irregular, rows.row_numbers([1, 2]).tolist()
([(4, ['b']), (5, ['c', 'z', 'extra'])], [2, 3])
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

# Arrow's reader holds memory in proportion to its block size (about 80 MiB in 1 MiB blocks, 18 MiB in
# 64 KiB blocks, at the same speed); the checks cost a little Python per block, so they take the small
# blocks read a megabyte at a time.
READ_SIZE = 64 << 10
BLOCK_SIZE = 1 << 20
# A block's checks cost a little Python per column: a block of long rows (articles) takes at least
# BLOCK_ROWS rows, up to MAX_BLOCK_SIZE bytes.
BLOCK_ROWS = 4096
MAX_BLOCK_SIZE = 4 << 20
SNIFF_LINES = 100  # frictionless sniffs the dialect from this many lines (formats/csv/parser.py)
SAMPLE_ROWS = 100  # and looks for the header among this many records (settings.DEFAULT_SAMPLE_SIZE)
SNIFF_DELIMITERS = ",\t;|"


class Unsupported(Exception):
    """This file is outside what the Arrow reader reproduces exactly; frictionless must read it."""


@dataclass
class Block:
    """Consecutive regular rows: `columns[i]` holds the cells under header position i."""

    start: int  # index of the first row among the regular rows (the header is regular row 0)
    size: int  # rows
    columns: list  # None for a column not asked for


class CsvRows:
    """Header labels, regular rows in blocks and irregular rows of one CSV file."""

    def __init__(self, path: Path):
        self.path = path
        self.raw_labels, self.labels, self._initial_space = _header(path)
        self.irregular: list[tuple[int, list[str]]] = []  # (row number, cells)
        self.count = 0  # regular rows read, the header included
        self._skipped: list[int] = []  # record numbers of the irregular rows, in order
        self._texts: list[str] = []

    def blocks(self, only: set[int] | None = None, rows: int = 0, block_size: int = 0) -> Iterator[Block]:
        """Regular rows after the header, block by block (read the file once); with `only`, only those
        columns (by position) are taken, the others are None. A block is about `block_size` bytes of the file
        (BLOCK_SIZE if 0), or `rows` rows if that is more (at most MAX_BLOCK_SIZE bytes)."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        names = [f"c{i}" for i in range(len(self.labels))]
        taken = sorted(only or range(len(names)))

        def keep(row) -> str:
            self._skipped.append(row.number)
            self._texts.append(row.text)
            return "skip"

        reader = pacsv.open_csv(
            self.path,
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False, block_size=READ_SIZE),
            # Blank lines are records for Python's csv too; as rows of empty cells they mean the same
            # to frictionless (a blank row), so they are kept, not skipped.
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=keep
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                include_columns=[names[i] for i in taken],
            ),
        )
        pool = pa.default_memory_pool()
        try:
            for batches in _grouped(reader, rows, block_size or BLOCK_SIZE):
                columns: list = [None] * len(names)
                for j, i in enumerate(taken):
                    columns[i] = pa.concat_arrays([b.column(j) for b in batches])
                start, size = self.count, sum(b.num_rows for b in batches)
                batches.clear()  # the batches' memory goes while the block is used (the list is _grouped's too)
                self.count += size
                if start == 0:  # the header is read as the first regular row
                    columns = [None if c is None else c.slice(1) for c in columns]
                    start, size = 1, size - 1
                if self._initial_space:
                    _no_initial_space(self.path, [c for c in columns if c is not None])
                if size:
                    yield Block(start, size, columns)
                del batches, columns
                # mimalloc keeps the pages it frees for later; without this, it would hold several
                # times what the checks need by the end of a large file (measured).
                pool.release_unused()
        except pa.ArrowInvalid as exc:  # not UTF-8, or a record pyarrow cannot split
            raise Unsupported(f"{self.path.name}: {exc}") from None
        self._finish()

    def _finish(self) -> None:
        last = self.count + len(self._skipped)
        if None in self._skipped:
            raise Unsupported(f"{self.path.name}: pyarrow did not number an irregular row")
        for number, text in zip(self._skipped, self._texts):
            cells = _parse(text)
            if len(cells) > 1:
                raise Unsupported(f"{self.path.name}: row {number} splits into {len(cells)} records")
            # Python's csv adds line ends to a cell left open at the end of the file; pyarrow does not.
            if number == last and _parse(text + "\n") != cells:
                raise Unsupported(f"{self.path.name}: the last record ends inside a quoted cell")
            self.irregular.append((number, cells[0] if cells else []))
        self._texts = []
        if self._initial_space and any(c.startswith(" ") for _, cells in self.irregular for c in cells):
            raise Unsupported(f"{self.path.name}: frictionless would skip the spaces that start a cell")

    def row_numbers(self, indices):
        """Row numbers of regular rows given by index (the header is index 0, row 1).

        A regular row's number is its index plus one, plus the irregular records before it.
        """
        return _row_numbers(indices, self._regular_before())

    def _regular_before(self):
        """The number of regular rows before each irregular record, in order."""
        import numpy as np

        skipped = np.asarray(self._skipped, dtype=np.int64)
        # Regular rows before the t-th skipped record: its number - 1 - t.
        return skipped - 1 - np.arange(len(skipped), dtype=np.int64)


class RowNumbers:
    """The row numbers of a file's rows by position: its regular rows in order, then its irregular ones.

    Computed from the irregular records, not stored: four bytes a row less for the checks that keep rows
    by position (a million mentions: 4 MB).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("id\\na\\nb,extra\\nc\\n", encoding="utf-8")
    >>> rows = CsvRows(path)
    >>> _ = list(rows.blocks())
    >>> numbers = RowNumbers(rows)
    >>> len(numbers), numbers[0], numbers[1], numbers[2], numbers[[2, 0]].tolist()
    (3, 2, 4, 3, [3, 2])
    """

    def __init__(self, rows: CsvRows):
        import numpy as np

        self._before = rows._regular_before()  # the file is read: computed once
        self._regular = rows.count - 1  # the header is not a row
        self._irregular = np.array([number for number, _ in rows.irregular], dtype=np.int64)

    def __len__(self) -> int:
        return self._regular + len(self._irregular)

    def __getitem__(self, index):
        """A row number for an int; an array of them for an array of positions, a mask or a slice."""
        import numpy as np

        if isinstance(index, (int, np.integer)):
            return int(self[np.array([index])][0])
        if isinstance(index, slice):
            positions = np.arange(*index.indices(len(self)))
        else:
            positions = np.asarray(index)
            if positions.dtype == bool:
                positions = np.flatnonzero(positions)
        positions = positions.astype(np.int64, copy=False)
        regular = positions < self._regular
        out = _row_numbers(np.where(regular, positions, 0) + 1, self._before)
        return np.where(
            regular,
            out,
            self._irregular[np.where(regular, 0, positions - self._regular)] if len(self._irregular) else 0,
        )

    def __array__(self, dtype=None, copy=None):
        import numpy as np

        return np.asarray(self[:], dtype=dtype)


def _row_numbers(indices, before):
    """Row numbers of regular rows by index, given the regular rows before each irregular record."""
    import numpy as np

    indices = np.asarray(indices, dtype=np.int64)
    return indices + 1 + np.searchsorted(before, indices, side="right")


def by_label(labels: AbstractSet[str], where: dict, columns, n: int) -> dict:
    """Columns by header label from columns by position (`where`: label -> position); a label missing
    from the header gives a column of n nulls."""
    import pyarrow as pa

    return {label: columns[where[label]] if label in where else pa.nulls(n, pa.string()) for label in labels}


def _grouped(reader, rows: int, block_size: int) -> Iterator[list]:
    """The reader's record batches in groups of `block_size` bytes of the file and `rows` rows, or MAX_BLOCK_SIZE
    bytes. A batch is READ_SIZE bytes of the file; it holds the parsed block whole, whichever columns it takes."""
    group, size, count = [], 0, 0
    for batch in reader:
        group.append(batch)
        size, count = size + READ_SIZE, count + batch.num_rows
        if (size >= block_size and count >= rows) or size >= MAX_BLOCK_SIZE:
            yield group
            group, size, count = [], 0, 0
    if group:
        yield group


def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _no_initial_space(path: Path, columns: list) -> None:
    import pyarrow.compute as pc

    if any(pc.any(pc.starts_with(column, " ")).as_py() for column in columns):
        raise Unsupported(f"{path.name}: frictionless would skip the spaces that start a cell")


def _header(path: Path) -> tuple[list[str], list[str], bool]:
    """The first record as written and as frictionless labels it (stripped), after checking the dialect
    and that frictionless takes the first record for the header; and whether the sniffer skips initial
    spaces."""
    with path.open("rb") as handle:
        bom = handle.read(3) == codecs.BOM_UTF8
    # frictionless reads UTF-8 with a byte order mark as utf-8-sig (detector.detect_encoding).
    encoding = "utf-8-sig" if bom else "utf-8"
    try:
        with path.open(encoding=encoding, newline="") as handle:
            lines = []
            for line in handle:
                lines.append(line)
                if len(lines) >= SNIFF_LINES:
                    break
            handle.seek(0)
            reader = csv.reader(handle)
            sample = [cells for _, cells in zip(range(SAMPLE_ROWS), reader)]
    except UnicodeDecodeError as exc:
        raise Unsupported(f"{path.name}: not UTF-8 ({exc.reason})") from None
    if not lines:
        raise Unsupported(f"{path.name}: the file is empty")
    try:
        sniffed = csv.Sniffer().sniff("".join(lines), SNIFF_DELIMITERS)
        delimiter, initial_space = sniffed.delimiter, sniffed.skipinitialspace
    except csv.Error:  # frictionless falls back to csv.excel
        delimiter, initial_space = ",", False
    if delimiter != ",":
        raise Unsupported(f"{path.name}: frictionless would read it with delimiter {delimiter!r}")
    if not sample or not sample[0]:
        raise Unsupported(f"{path.name}: the header row is blank")
    header = _header_row(sample)
    if header != 1:
        raise Unsupported(f"{path.name}: frictionless would take row {header} for the header")
    if initial_space and any(cell.startswith(" ") for cell in sample[0]):
        raise Unsupported(f"{path.name}: frictionless would skip the spaces that start a label")
    return sample[0], [cell.strip() for cell in sample[0]], initial_space


def _header_row(sample: list[list[str]]) -> int:
    """The row frictionless takes for the header: the first whose width is within 10% (at least one cell)
    of the average width of the sample (frictionless/detector/detector.py, detect_dialect)."""
    widths = [len(cells) for cells in sample]
    width = round(sum(widths) / len(widths))
    drift = max(round(width * 0.1), 1)
    return next((number for number, w in enumerate(widths, start=1) if width - drift <= w <= width + drift), 1)
