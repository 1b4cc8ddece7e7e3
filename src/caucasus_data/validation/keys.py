"""Unique fields, primary keys and foreign keys over whole columns, as frictionless checks them row by row.

frictionless remembers, for each key, the row where each value was last seen: a value seen before is an
error "the same as in the row at position N" with N that last row. Sorting the rows of each repeated value
gives the same pairs without a pass in row order. A row whose key cells are all None (missing, or not of
the field's type) breaks the primary key; a foreign key whose cells are all None is not checked.

Keys are columns of strings (`str()` of the typed values, see cells.py) with their row numbers.

>>> import numpy as np, pyarrow as pa
>>> repeats(pa.chunked_array([["a", "b", "a", None, "a"]]), np.array([2, 3, 4, 5, 6]))
[(4, 2), (6, 4)]
>>> missing_references([pa.chunked_array([["x", "y", None]])], np.array([2, 3, 4]), {("x",)})
[(3, ['y'])]
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def repeats(keys: pa.ChunkedArray, rows: np.ndarray) -> list[tuple[int, int]]:
    """(row, previous row with the same value) for every non-null value seen before."""
    keys = keys.combine_chunks() if isinstance(keys, pa.ChunkedArray) else keys
    # Sorting finds repeats faster than hashing here: building a hash table of a million distinct strings
    # costs Arrow more than sorting them, and the ids of a built package come nearly sorted.
    order = pc.sort_indices(keys)
    ordered = keys.take(order)
    n = len(ordered) - ordered.null_count  # nulls sort last
    if n < 2:
        return []
    equal = pc.equal(ordered.slice(1, n - 1), ordered.slice(0, n - 1))
    if not pc.any(equal).as_py():  # the common case: no repeats
        return []
    repeated = np.flatnonzero(np.asarray(equal.to_numpy(zero_copy_only=False), dtype=bool))
    positions = np.unique(np.concatenate([repeated, repeated + 1]))
    chosen = order.to_numpy()[positions]
    table = pa.table({"k": keys.take(pa.array(chosen)), "r": pa.array(rows[chosen])})
    return _pairs(table, ["k"])


def repeated_tuples(columns: list[pa.ChunkedArray], rows: np.ndarray,
                    known: list[tuple[int, int]] | None = None) -> tuple[list[tuple[int, int]], list[int]]:
    """For a primary key: (row, previous row with the same key) pairs, and the rows whose cells are all None.

    None is a value like any other in a key of several fields (Python compares the tuples). `known` are
    the repeats of a one-field key already found for its unique constraint.
    """
    names = [f"k{i}" for i in range(len(columns))]
    table = pa.table(dict(zip(names, columns)) | {"r": pa.array(rows)})
    all_none = pc.is_null(columns[0])
    for column in columns[1:]:
        all_none = pc.and_(all_none, pc.is_null(column))
    none_rows = table.filter(all_none)["r"].to_numpy().tolist()
    if len(columns) == 1 and known is not None:
        return known, none_rows
    table = table.filter(pc.invert(all_none))
    if len(columns) == 1:
        pairs = repeats(table["k0"], table["r"].to_numpy())
        return pairs, none_rows
    counts = table.group_by(names).aggregate([("r", "count")])
    if not len(counts) or pc.max(counts["r_count"]).as_py() <= 1:
        return [], none_rows
    return _pairs(table, names), none_rows


def _pairs(table: pa.Table, names: list[str]) -> list[tuple[int, int]]:
    order = pc.sort_indices(table, [(n, "ascending") for n in names] + [("r", "ascending")])
    table = table.take(order)
    same = None
    for name in names:
        a, b = table[name].slice(1), table[name].slice(0, len(table) - 1)
        # Nulls are equal here, as None == None in a Python tuple.
        equal = pc.or_kleene(pc.equal(a, b), pc.and_(pc.is_null(a), pc.is_null(b)))
        equal = pc.fill_null(equal, False)
        same = equal if same is None else pc.and_(same, equal)
    rows = table["r"].to_numpy()
    later = np.flatnonzero(np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool))
    return [(int(rows[i + 1]), int(rows[i])) for i in later]


def missing_references(columns: list[pa.ChunkedArray], rows: np.ndarray,
                       lookup: set[tuple] | pa.Array) -> list[tuple[int, list[str]]]:
    """(row, the key's cells as frictionless prints them) for keys not in `lookup`, skipping all-None keys.

    `lookup` is an Arrow array of the referenced values for a key of one field, else a set of tuples.
    """
    if len(columns) == 1:
        values = columns[0]
        if isinstance(lookup, set):
            lookup = pa.array([t[0] for t in lookup], pa.string())
        found = pc.is_in(values, value_set=lookup)
        bad = pc.and_(pc.is_valid(values), pc.invert(found))
        bad_rows = pa.array(rows).filter(pc.fill_null(bad, False)).to_numpy()
        bad_values = values.filter(pc.fill_null(bad, False)).to_pylist()
        return [(int(r), [v]) for r, v in zip(bad_rows, bad_values)]
    out = []
    lists = [c.to_pylist() for c in columns]
    for row, cells in zip(rows.tolist(), zip(*lists)):
        if all(c is None for c in cells) or cells in lookup:
            continue
        out.append((int(row), ["None" if c is None else c for c in cells]))
    return out


def lookup_values(columns: list[pa.ChunkedArray]) -> set[tuple] | pa.Array:
    """The referenced key values: rows whose cells are all None are left out, as frictionless does."""
    if len(columns) == 1:
        column = columns[0]
        return pc.unique(column.filter(pc.is_valid(column))) if len(column) else pa.array([], pa.string())
    return {cells for cells in zip(*(c.to_pylist() for c in columns)) if any(c is not None for c in cells)}
