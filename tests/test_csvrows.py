"""Reading a CSV file in blocks with Arrow (validation/csvrows.py)."""

from __future__ import annotations

from conftest import REPO

from caucasus_data.validation import csvrows
from caucasus_data.validation.csvrows import CsvRows


def test_a_block_is_the_same_stretch_of_the_file_whichever_columns_are_taken(monkeypatch):
    """Blocks are counted in bytes of the file, not of the cells taken: a reading of one narrow column
    holds as much of the file at a time as a reading of every column (each batch keeps its parsed block)."""
    monkeypatch.setattr(csvrows, "READ_SIZE", 1024)
    monkeypatch.setattr(csvrows, "BLOCK_SIZE", 4096)
    path = REPO / "data" / "mentions.csv"
    every = [(block.start, block.size) for block in CsvRows(path).blocks()]
    narrow = [(block.start, block.size) for block in CsvRows(path).blocks(only={0})]
    assert narrow == every
    assert len(every) >= path.stat().st_size // 4096 >= 3
