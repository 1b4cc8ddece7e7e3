"""Reading and writing the package's CSV files, the same way every time.

Published CSVs are UTF-8 without BOM, `\\n` line endings, a header row, and quotes only where needed;
an empty cell is a missing value, as in Frictionless.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def render(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """CSV bytes of `rows` (cells as strings, missing ones empty) under `header`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name) or "" for name in header])
    return buffer.getvalue().encode("utf-8")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a well-formed CSV file; use `csvcheck` first on contributed files."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        return header, [dict(zip(header, cells)) for cells in reader]
