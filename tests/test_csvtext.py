"""Reading a CSV file into DuckDB as Python's csv splits it, rows numbered as frictionless numbers them
(validation/csvtext.py)."""

from __future__ import annotations

import csv
import io
import random

import duckdb
import pytest

from caucasus_data.validation import csvtext
from caucasus_data.validation.csvtext import CsvText, Unsupported


def _read(tmp_path, text: str) -> tuple[CsvText, list[tuple]]:
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    con = duckdb.connect()
    read = CsvText.read(con, "t", path)
    width = len(read.labels)
    columns = ", ".join(f"c{i}" for i in range(width))
    rows = con.execute(f"select _i, {columns} from t where _i > 1 order by _i").fetchall()
    return read, [(read.number(i), *cells) for i, *cells in rows]


def test_a_regular_file_is_numbered_as_it_is_written(tmp_path):
    read, rows = _read(tmp_path, 'id,name\na,"x\n\ny"\nb,""\n')
    assert (read.empty, read.counts) == ([], {})
    assert rows == [(2, "a", "x\n\ny"), (3, "b", "")]


def test_empty_lines_count_as_rows_and_missing_cells_are_null(tmp_path):
    read, rows = _read(tmp_path, "id,name\na,x\n\nb\n\nc,y\n")
    assert (read.empty, read.counts) == ([3, 5], {4: 1})
    assert rows == [(2, "a", "x"), (4, "b", None), (6, "c", "y")]


def test_rows_with_extra_cells_keep_the_first_cells_and_their_count(tmp_path):
    read, rows = _read(tmp_path, "id,name\na,x,1,2,3,4,5,6\nb,y\n")
    assert read.counts == {2: 8}
    assert rows == [(2, "a", "x"), (3, "b", "y")]


def test_an_empty_line_in_a_file_with_line_breaks_inside_its_cells_is_numbered_as_a_record(tmp_path):
    read, rows = _read(tmp_path, 'id,name\na,"x\n\ny"\n\nb,"p\nq"\n\n')
    assert (read.empty, rows) == ([3, 5], [(2, "a", "x\n\ny"), (4, "b", "p\nq")])
    assert read.regular  # found from the quotes before each empty line, without Python's csv


@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 1 << 22])
def test_empty_lines_outside_quoted_cells_are_found_wherever_the_chunks_end(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(csvtext, "CHUNK", chunk)
    path = tmp_path / "t.csv"
    found = {}
    for text in (b"h\n\n\nx\n", b"ab\n\nc\n\n", b"a\r\n\r\nb", b'\n\na\n"x\n\n"\n\n'):
        path.write_bytes(text)
        found[text] = csvtext.scan(path).empty
    assert list(found.values()) == [[2, 3], [2, 4], [2], [1, 2, 7]]


@pytest.mark.parametrize("end", ["\n", "\r"])  # read by DuckDB, or by Python's csv (lone carriage returns)
def test_a_file_of_more_empty_lines_than_are_numbered_is_left_to_frictionless(tmp_path, monkeypatch, end):
    """50,000,000 empty lines took 2 GiB to list: past MAX_EMPTY_LINES they are not listed."""
    monkeypatch.setattr(csvtext, "MAX_EMPTY_LINES", 3)
    text = f"id,name{end}" + f"a,b{end}" * 60 + end * 4 + f"e,f{end}"
    with pytest.raises(Unsupported, match="more than 3 empty lines"):
        _read(tmp_path, text)
    assert _read(tmp_path, text.replace(end * 4, end * 3))[0].empty == [62, 63, 64]


def test_line_ends_inside_quoted_cells_count_for_nothing_against_the_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(csvtext, "MAX_EMPTY_LINES", 3)
    path = tmp_path / "t.csv"
    path.write_bytes(b'id,name\na,"' + b"\n" * 20 + b'"\n\nb,c\n')
    assert csvtext.scan(path).empty == [23]  # after 19 empty lines inside the quoted cell


@pytest.mark.parametrize(
    "text", ['id,name\na,"open\n', "id;name;x\na;b;c\nd;e;f\n", 'id,name\na,"x"y\n', 'id,name\na, "x"\n\n']
)
def test_files_python_reads_otherwise_are_left_to_frictionless(tmp_path, text):
    with pytest.raises(Unsupported):
        _read(tmp_path, text)


def test_a_byte_order_mark_is_not_a_label(tmp_path):
    read, rows = _read(tmp_path, "\ufeffid,name\na,b\n")
    assert (read.labels, rows) == (["id", "name"], [(2, "a", "b")])


def _pieces(rng: random.Random) -> str:
    pieces = ["a", "b", ",", '"', "\n", "\r\n", " ", '""', '"a"', ',"x,y",', "é"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))


def _paragraphs(rng: random.Random) -> str:
    """Rows of two or three cells, some quoted with empty lines inside, between empty lines outside."""
    cells = ["b", '"p\n\nq"', '"x\r\n\r\n"', '""""', '"\n"', ""]
    rows = ["a" + "".join("," + rng.choice(cells) for _ in range(rng.randint(1, 2))) for _ in range(rng.randint(1, 6))]
    return "".join(row + rng.choice(["\n", "\r\n", "\n\n", "\r\n\r\n", "\n\n\n"]) for row in rows)


@pytest.mark.parametrize("chunk", [csvtext.CHUNK, 3])  # files are read in chunks: their edges in any place
@pytest.mark.parametrize("make", [_pieces, _paragraphs])
def test_random_files_are_split_as_python_splits_them_or_refused(tmp_path, monkeypatch, make, chunk):
    monkeypatch.setattr(csvtext, "CHUNK", chunk)
    rng = random.Random(7)
    compared = quick = 0
    for _ in range(250):
        text = "h1,h2,h3\n" + make(rng)
        try:
            read, rows = _read(tmp_path, text)
        except Unsupported:
            continue
        records = list(csv.reader(io.StringIO(text, newline="")))
        expected = [(n, *(cells + [None] * 3)[:3]) for n, cells in enumerate(records, start=1) if cells and n > 1]
        assert rows == expected, repr(text)
        assert read.empty == [n for n, cells in enumerate(records, start=1) if not cells], repr(text)
        assert read.counts == {n: len(c) for n, c in enumerate(records, start=1) if c and len(c) != 3}, repr(text)
        compared += 1
        quick += read.regular and bool(read.empty)  # its empty lines found without Python's csv
    assert compared > 100 and quick > 5, (compared, quick)
