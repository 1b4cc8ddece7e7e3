"""Unique fields, primary keys and foreign keys over whole columns, as frictionless checks them row by row.

frictionless remembers, for each key, the row where each value was last seen: a value seen before is an
error "the same as in the row at position N" with N that last row. Sorting the rows of each repeated value
gives the same pairs without a pass in row order. A row whose key cells are all None (missing, or not of
the field's type) breaks the primary key; a foreign key whose cells are all None is not checked.

A key column is held as 64-bit hashes of its strings (`str()` of the typed values, see cells.py), NULL
where the value is None: eight bytes a row instead of the strings, so that a million ids cost 8 MB. Two
different strings share a hash with a chance of about n²/2⁶⁵ (one in ten million for a million ids); the
strings of the rows reported are read again for the messages.

>>> import numpy as np
>>> repeats(hashes(["a", "b", "a", None, "a"]), np.array([2, 3, 4, 5, 6]))
[(4, 2), (6, 4)]
>>> missing_references([hashes(["x", "y", None])], lookup_values([hashes(["x"])]))
[1]
"""

from __future__ import annotations

import numpy as np

NULL = -1  # Python's hash() never returns -1
_MIX = np.uint64(0x9E3779B97F4A7C15)
SLICE = 1 << 16  # values looked up at a time


def hashes(values) -> np.ndarray:
    """Hashes of an Arrow array (or a list) of strings, NULL for None."""
    if isinstance(values, list):
        return np.fromiter((NULL if v is None else hash(v) for v in values), dtype=np.int64, count=len(values))
    filled = values.fill_null("") if values.null_count else values
    out = np.fromiter(map(hash, filled.to_pylist()), dtype=np.int64, count=len(values))
    if values.null_count:
        out[np.asarray(values.is_null().to_numpy(zero_copy_only=False), dtype=bool)] = NULL
    return out


def repeated_hashes(values) -> np.ndarray:
    """hashes() of an Arrow array whose values repeat (a reference column): each distinct value once."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(values, null_encoding="encode")
    return hashes(encoded.dictionary)[encoded.indices.to_numpy(zero_copy_only=False)]


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (np.unique, without its hash table)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def combined(columns: list[np.ndarray]) -> np.ndarray:
    """One hash per row for a key of several fields (None is a value like any other in a tuple)."""
    out = columns[0].view(np.uint64).copy()
    for column in columns[1:]:
        out *= _MIX
        out ^= column.view(np.uint64)
    out = out.view(np.int64)
    out[out == NULL] = NULL - 1  # keep NULL for "no key"
    return out


def repeats(keys: np.ndarray, rows: np.ndarray) -> list[tuple[int, int]]:
    """(row, previous row with the same value) for every non-null value seen before."""
    if len(keys) < 2:
        return []
    # A sorted copy answers the common case (no repeats) with the least memory.
    ordered = np.sort(keys)
    same = ordered[1:] == ordered[:-1]
    same &= ordered[1:] != NULL
    if not same.any():
        return []
    repeated = distinct(ordered[1:][same])
    del ordered, same
    chosen = np.flatnonzero(member(keys, repeated))
    order = np.lexsort((rows[chosen], keys[chosen]))
    values, numbers = keys[chosen][order], rows[chosen][order]
    later = np.flatnonzero(values[1:] == values[:-1])
    return [(int(numbers[i + 1]), int(numbers[i])) for i in later]


def repeated_tuples(
    columns: list[np.ndarray], rows: np.ndarray, known: list[tuple[int, int]] | None = None
) -> tuple[list[tuple[int, int]], list[int]]:
    """For a primary key: (row, previous row with the same key) pairs, and the rows whose cells are all None.

    `known` are the repeats of a one-field key already found for its unique constraint.
    """
    all_none = columns[0] == NULL
    for column in columns[1:]:
        all_none &= column == NULL
    none_rows = rows[all_none].tolist()
    if len(columns) == 1 and known is not None:
        return known, none_rows
    key = columns[0] if len(columns) == 1 else combined(columns)
    if all_none.any():
        key = np.where(all_none, NULL, key)
    return repeats(key, rows), none_rows


def missing_references(columns: list[np.ndarray], lookup: np.ndarray) -> list[int]:
    """Positions of the rows whose key is not in `lookup` (sorted hashes), skipping all-None keys."""
    key = columns[0] if len(columns) == 1 else combined(columns)
    return np.flatnonzero(_some(columns) & ~member(key, lookup)).tolist()


def lookup_values(columns: list[np.ndarray]) -> np.ndarray:
    """The referenced key values: rows whose cells are all None are left out, as frictionless does."""
    key = columns[0] if len(columns) == 1 else combined(columns)
    return distinct(key[_some(columns)])


def _some(columns: list[np.ndarray]) -> np.ndarray:
    """Rows with at least one cell of the key not None."""
    some = columns[0] != NULL
    for column in columns[1:]:
        some |= column != NULL
    return some


def member(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Where `values` are in `ordered` (sorted): binary searches, a slice at a time (np.isin would sort a
    copy of both arrays)."""
    out = np.zeros(len(values), dtype=bool)
    if not len(ordered):
        return out
    for start in range(0, len(values), SLICE):
        part = values[start : start + SLICE]
        at = np.minimum(np.searchsorted(ordered, part), len(ordered) - 1)
        out[start : start + SLICE] = ordered[at] == part
    return out
