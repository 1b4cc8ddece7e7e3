"""Reading the hand-curated CSVs and normalising them as a formatter would: derived columns, row order."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from ..dates import EDTFError, bounds
from ..findings import Finding
from ..identifiers import evidence_id
from ..spans import closest, occurrences
from ..tableschema import TableSchema

Rows = list[dict[str, str]]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Findings on single cells; the build still validates the rest, so that one run reports everything.
CELL_KINDS = {"whitespace", "formula-injection", "unicode-normalisation"}


def read_curated(root: Path, schema: TableSchema) -> tuple[Rows, list[Finding]]:
    """Rows of `data/<table>.csv`, each with its row number in `_row`, and what is wrong with the file.

    A byte order mark and CRLF line endings are accepted (the build rewrites the file without them);
    everything else that is off is a finding naming the row and field.
    """
    relative = f"data/{schema.name}.csv"
    path = root / relative
    expected = schema.field_names
    if not path.is_file():
        return [], [
            Finding(
                relative,
                None,
                None,
                "missing-file",
                f"the file is missing; create it with the header {','.join(expected)}",
            )
        ]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        return [], [
            Finding(
                relative,
                row,
                None,
                "encoding-error",
                f"is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; save the file as UTF-8",
            )
        ]
    records, finding = _records(relative, text)
    if finding:
        return [], [finding]
    header = records[0] if records else []
    if header != expected:
        return [], [Finding(relative, 1, None, "header", _header_problem(header, expected))]
    rows, findings = [], []
    for number, cells in enumerate(records[1:], start=2):
        if not cells:
            findings.append(Finding(relative, number, None, "blank-row", "the row is blank; delete it"))
        elif len(cells) != len(expected):
            findings.append(
                Finding(relative, number, None, "row-length", f"has {len(cells)} cells; the header has {len(expected)}")
            )
        else:
            row = dict(zip(expected, cells))
            findings.extend(_cell_problems(relative, number, schema, row))
            row["_row"] = str(number)
            rows.append(row)
    return rows, findings


def _records(relative: str, text: str) -> tuple[list[list[str]], Finding | None]:
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for cells in reader:
            records.append(cells)
    except csv.Error as exc:
        # The record that failed starts after the last one read.
        return records, Finding(
            relative,
            len(records) + 1,
            None,
            "csv-error",
            f"{exc} (an unclosed quote mark runs to the end of the file?)",
        )
    return records, None


def _header_problem(header: list[str], expected: list[str]) -> str:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    if missing or extra:
        parts = [
            f"missing column {', '.join(missing)}" if missing else "",
            f"unexpected column {', '.join(extra)}" if extra else "",
        ]
        return "; ".join(p for p in parts if p) + f"; the header must be {','.join(expected)}"
    return f"columns are out of order; the header must be {','.join(expected)}"


def _cell_problems(relative: str, number: int, schema: TableSchema, row: dict[str, str]) -> list[Finding]:
    """Findings on single cells. Whitespace and NFD are reported, then mended in `row`, so that the
    references to that cell do not fail as well: one mistake, one finding."""
    findings = []
    for field in schema.fields:
        name, value = field["name"], row[field["name"]]
        if not value:
            continue
        if field["type"] == "string" and value.startswith(FORMULA_START):
            findings.append(
                Finding(
                    relative,
                    number,
                    name,
                    "formula-injection",
                    f"{value[:20]!r} starts with {value[0]!r}, which spreadsheets run as a formula; reword it",
                )
            )
        elif value != value.strip():
            findings.append(
                Finding(relative, number, name, "whitespace", f"{value!r} has leading or trailing whitespace")
            )
            row[name] = value = value.strip()
        if name != "quote" and unicodedata.normalize("NFC", value) != value:
            # Evidence quotes must equal the article text, whatever its normal form.
            findings.append(
                Finding(
                    relative,
                    number,
                    name,
                    "unicode-normalisation",
                    "is not in Unicode NFC (composed characters); save it as NFC",
                )
            )
            row[name] = unicodedata.normalize("NFC", value)
    return findings


def derive_dates(rows: Rows) -> None:
    """start_date, end_date and date_precision from date_edtf (left alone when it does not parse)."""
    for row in rows:
        if "date_edtf" not in row:
            return
        if not row["date_edtf"]:
            row.update(start_date="", end_date="", date_precision="")
            continue
        try:
            found = bounds(row["date_edtf"])
        except EDTFError:
            continue
        row.update(start_date=str(found.start or ""), end_date=str(found.end or ""), date_precision=found.precision)


def complete_evidence(rows: Rows, texts: dict[str, str]) -> list[Finding]:
    """Fill offsets from the quote (or the quote from offsets), and compute evidence ids."""
    findings = []
    for row in rows:
        text = texts.get(row["article_id"]) if row["article_id"] else None
        if text is not None and row["quote"] and not row["char_start"]:
            found = occurrences(text, row["quote"])
            if len(found) == 1:
                row.update(char_start=str(found[0]), char_end=str(found[0] + len(row["quote"])))
            elif found:
                findings.append(
                    Finding(
                        "data/evidence.csv",
                        int(row["_row"]),
                        "char_start",
                        "span",
                        f"the quote occurs {len(found)} times in {row['article_id']} (at "
                        f"{', '.join(map(str, found))}); give char_start",
                    )
                )
            else:
                start, end, _ = closest(text, row["quote"])
                findings.append(
                    Finding(
                        "data/evidence.csv",
                        int(row["_row"]),
                        "quote",
                        "span",
                        f"the words are not in {row['article_id']}; the closest are "
                        f"{text[start:end]!r} at {start}:{end}",
                    )
                )
        elif text is not None and row["char_start"].isdigit() and not row["char_end"] and row["quote"]:
            row["char_end"] = str(int(row["char_start"]) + len(row["quote"]))
        elif text is not None and row["char_start"].isdigit() and row["char_end"].isdigit() and not row["quote"]:
            row["quote"] = text[int(row["char_start"]) : int(row["char_end"])]
        row["evidence_id"] = evidence_id(row)
    return findings


def _number(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (-1, value)


def sort_rows(schema: TableSchema, rows: Rows) -> Rows:
    """Rows in a stable order: evidence by subject and position, every other table by primary key."""
    if schema.name == "evidence":
        return sorted(
            rows,
            key=lambda r: (
                r["subject_id"],
                r["property"],
                r["article_id"],
                _number(r["char_start"]),
                r["source_id"],
                r["evidence_id"],
            ),
        )
    key = schema.primary_key
    return sorted(rows, key=lambda r: tuple(r.get(k, "") for k in key))
