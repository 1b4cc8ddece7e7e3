"""Reading the hand-curated CSVs and normalising them as a formatter would: derived columns, row order."""

from __future__ import annotations

import csv
from pathlib import Path

from ..dates import EDTFError, bounds
from ..identifiers import evidence_id
from ..tableschema import TableSchema
from ..validation.findings import Finding

Rows = list[dict[str, str]]


def read_curated(root: Path, schema: TableSchema) -> tuple[Rows, list[Finding]]:
    """Rows of `data/<table>.csv`, each with its row number in `_row`, and what is wrong with the file."""
    relative = f"data/{schema.name}.csv"
    path = root / relative
    expected = schema.field_names
    if not path.is_file():
        return [], [Finding(relative, None, None, "missing-file",
                            f"the file is missing; create it with the header {','.join(expected)}")]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        return [], [Finding(relative, None, None, "encoding-error", f"is not UTF-8: {exc.reason} at byte {exc.start}")]
    except csv.Error as exc:
        return [], [Finding(relative, None, None, "csv-error", str(exc))]
    header = records[0] if records else []
    if header != expected:
        return [], [Finding(relative, 1, None, "header",
                            f"header is {','.join(header) or 'empty'}; expected {','.join(expected)}")]
    rows, findings = [], []
    for number, cells in enumerate(records[1:], start=2):
        if len(cells) != len(expected):
            findings.append(Finding(relative, number, None, "row-length",
                                    f"has {len(cells)} cells; the header has {len(expected)}"))
            continue
        row = dict(zip(expected, cells))
        row["_row"] = str(number)
        rows.append(row)
    return rows, findings


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
            count = text.count(row["quote"])
            if count == 1:
                start = text.index(row["quote"])
                row.update(char_start=str(start), char_end=str(start + len(row["quote"])))
            elif count > 1:
                findings.append(Finding("data/evidence.csv", int(row["_row"]), "char_start", "span",
                                        f"the quote occurs {count} times in {row['article_id']}; give char_start"))
        elif text is not None and row["char_start"].isdigit() and not row["char_end"] and row["quote"]:
            row["char_end"] = str(int(row["char_start"]) + len(row["quote"]))
        elif text is not None and row["char_start"].isdigit() and row["char_end"].isdigit() and not row["quote"]:
            row["quote"] = text[int(row["char_start"]):int(row["char_end"])]
        row["evidence_id"] = evidence_id(row)
    return findings


def _number(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (-1, value)


def sort_rows(schema: TableSchema, rows: Rows) -> Rows:
    """Rows in a stable order: evidence by subject and position, every other table by primary key."""
    if schema.name == "evidence":
        return sorted(rows, key=lambda r: (r["subject_id"], r["property"], r["article_id"],
                                           _number(r["char_start"]), r["source_id"], r["evidence_id"]))
    key = schema.primary_key
    return sorted(rows, key=lambda r: tuple(r.get(k, "") for k in key))
