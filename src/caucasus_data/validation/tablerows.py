"""A table's cells by header label, block by block, with each row's number (the header is row 1).

The package's own checks (content.py) read the tables this way: with Arrow (csvrows.py, about a megabyte
a block, rows numbered as frictionless numbers them) where it reads the file as frictionless would, else
with Python's csv. A label missing from the header gives a column of nulls; of equal labels, the last
counts (as `dict(zip(header, cells))` would have it).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_text("id,name\\na,x\\nb\\n", encoding="utf-8")
>>> [(b.columns["name"].to_pylist(), b.rows.tolist()) for b in blocks(path, {"name"})]
[(['x'], [2]), ([None], [3])]
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa

from .csvrows import CsvRows, Unsupported, by_label

PYTHON_BLOCK = 20_000  # rows per block when Python's csv reads the file
T = TypeVar("T")


@dataclass
class Cells:
    """Consecutive rows of a table: string columns by label (null where a row has no such cell), row numbers."""

    columns: dict[str, pa.Array]
    rows: np.ndarray


def blocks(path: Path, labels: set[str], block_size: int = 0) -> Iterator[Cells]:
    """The file's rows in blocks (of `block_size` bytes of the file, csvrows.BLOCK_SIZE if 0); raises
    csvrows.Unsupported, possibly after some blocks, when Arrow cannot read it as frictionless does (see `read`)."""
    rows = CsvRows(path)
    where = {label: i for i, label in enumerate(rows.raw_labels) if label in labels}
    for block in rows.blocks(only=set(where.values()), block_size=block_size):
        n = block.size
        numbers = rows.row_numbers(np.arange(block.start, block.start + n))
        yield Cells(by_label(labels, where, block.columns, n), numbers)
    if rows.irregular:
        numbers = np.array([number for number, _ in rows.irregular], dtype=np.int64)
        columns = {
            label: pa.array([cells[i] if i < len(cells) else None for _, cells in rows.irregular], pa.string())
            for label, i in where.items()
        }
        yield Cells(by_label(labels, {label: label for label in where}, columns, len(numbers)), numbers)


def python_blocks(path: Path, labels: set[str]) -> Iterator[Cells]:
    """The file's rows in blocks, read with Python's csv (every record a row)."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        where = {label: i for i, label in enumerate(header) if label in labels}
        number, batch = 2, []
        for cells in reader:
            batch.append(cells)
            if len(batch) == PYTHON_BLOCK:
                yield _python_block(labels, where, batch, number)
                number, batch = number + len(batch), []
        if batch:
            yield _python_block(labels, where, batch, number)


def read(path: Path, labels: set[str], consume: Callable[[Iterator[Cells]], T]) -> T:
    """`consume(blocks)` over the file read by Arrow, or again by Python's csv when Arrow gives up."""
    try:
        return consume(blocks(path, labels))
    except Unsupported:
        return consume(python_blocks(path, labels))


def cells_at(path: Path, rows: set[int], labels: set[str]) -> dict[int, dict[str, str | None]]:
    """The cells under `labels` of the given rows (the few that a message quotes), read again from the file."""

    def pick(found: Iterator[Cells]) -> dict[int, dict[str, str | None]]:
        out = {}
        wanted = np.array(sorted(rows), dtype=np.int64)
        for cells in found:
            for i in np.flatnonzero(np.isin(cells.rows, wanted)):
                out[int(cells.rows[i])] = {label: column[int(i)].as_py() for label, column in cells.columns.items()}
        return out

    return read(path, labels, pick) if rows else {}


def _python_block(labels: set[str], where: dict[str, int], batch: list[list[str]], first: int) -> Cells:
    columns = {
        label: pa.array([cells[i] if i < len(cells) else None for cells in batch], pa.string())
        for label, i in where.items()
    }
    rows = np.arange(first, first + len(batch), dtype=np.int64)
    return Cells(by_label(labels, {label: label for label in where}, columns, len(batch)), rows)
