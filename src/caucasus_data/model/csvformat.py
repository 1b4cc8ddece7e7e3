"""Reading and writing the package's CSV files, the same way every time.

Published CSVs are UTF-8 without BOM, `\\n` line endings, a header row, and quotes only where needed;
an empty cell is a missing value, as in Frictionless.
"""

from __future__ import annotations

import csv
import io

FIELD_SIZE_LIMIT = 2147483646  # frictionless' (formats/csv/settings.py)


def read_large_cells() -> None:
    """Let Python's csv read cells as large as frictionless reads them: its default refuses one over 128 KiB,
    and frictionless raises this process-wide limit when it is imported. Each file's size limit bounds them."""
    csv.field_size_limit(FIELD_SIZE_LIMIT)


def render(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """CSV bytes of `rows` (cells as strings, missing ones empty) under `header`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name) or "" for name in header])
    return buffer.getvalue().encode("utf-8")
