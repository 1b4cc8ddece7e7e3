"""The derive step: the published columns nobody types, computed from the typed ones, and a stable row order.

- `start_date`, `end_date` and `date_precision` from an EDTF `date_edtf`;
- an evidence row's `char_start` and `char_end` from its quoted words (and `occurrence`, when the words occur
  more than once in the article), and its `evidence_id` from what it points at;
- every curated table sorted (by primary key; evidence by subject and position), whatever order it was typed in.

>>> rows = [{"date_edtf": "2023-05"}]
>>> derive_dates(rows)
>>> rows[0]["start_date"], rows[0]["end_date"], rows[0]["date_precision"]
('2023-05-01', '2023-05-31', 'month')
"""

from __future__ import annotations

from ..findings import Finding
from ..model.dates import EDTFError, bounds
from ..model.identifiers import evidence_id
from ..model.layout import curated_path
from ..model.schema import TableSchema
from ..parse.spans import closest, occurrences
from .read import excerpt

Rows = list[dict[str, str]]
EVIDENCE = curated_path("evidence")


def derive_dates(rows: Rows) -> None:
    """start_date, end_date and date_precision from date_edtf (left empty when it does not parse: validation
    names the bad date)."""
    for row in rows:
        row.update(start_date="", end_date="", date_precision="")
        try:
            found = bounds(row["date_edtf"]) if row["date_edtf"] else None
        except EDTFError:
            continue
        if found:
            row.update(
                start_date=str(found.start or ""), end_date=str(found.end or ""), date_precision=found.precision or ""
            )


def _finding(row: dict[str, str], field: str, kind: str, message: str) -> Finding:
    return Finding(EVIDENCE, int(row["_row"]), field, kind, message)


def _span(row: dict[str, str], text: str) -> tuple[int | None, Finding | None]:
    """Where an evidence row's words stand in its article: the start, or the finding that says why not."""
    words, occurrence = row["quote"], row.get("occurrence", "")
    found = occurrences(text, words)
    if not found:
        start, end, _ = closest(text, words)
        return None, _finding(
            row,
            "quote",
            "span",
            f"the words are not in {row['article_id']}; the closest are {excerpt(text[start:end], 80)} at {start}",
        )
    if not occurrence:
        if len(found) == 1:
            return found[0], None
        shown = ", ".join(map(str, found[:10])) + (", ..." if len(found) > 10 else "")
        return None, _finding(
            row,
            "occurrence",
            "span",
            f"the words occur {len(found)} times in {row['article_id']} (at {shown}); set occurrence to the one "
            f"meant, 1 to {len(found)} (`caucasus-data cite` shows each)",
        )
    if not occurrence.isdigit() or not 1 <= int(occurrence) <= len(found):
        return None, _finding(
            row,
            "occurrence",
            "span",
            f"occurrence {excerpt(occurrence, 12)} is not a whole number from 1 to {len(found)}: the words occur "
            f"{len(found)} time(s) in {row['article_id']}",
        )
    return found[int(occurrence) - 1], None


def derive_evidence(rows: Rows, texts: dict[str, str]) -> list[Finding]:
    """Fill each evidence row's offsets from its words and its id from what it points at; what stops that."""
    findings: list[Finding] = []
    first: dict[str, str] = {}
    for row in rows:
        row.update(char_start="", char_end="")
        article = row["article_id"]
        if article and article not in texts:
            findings.append(_finding(row, "article_id", "reference", f"no article {excerpt(article)} in seeds/"))
        elif article and not row["quote"]:
            findings.append(_finding(row, "quote", "span", f"give the exact words of {article} that support the fact"))
        elif row["quote"] and not article:
            findings.append(_finding(row, "article_id", "span", "the quoted words need the article they are in"))
        elif not article and not row["source_id"]:
            findings.append(_finding(row, "source_id", "evidence", "give an article and its words, or a source_id"))
        elif article:
            start, finding = _span(row, texts[article])
            if finding or start is None:
                findings.extend([finding] if finding else [])
            else:
                row.update(char_start=str(start), char_end=str(start + len(row["quote"])))
        row["evidence_id"] = evidence_id(row)
        if row["evidence_id"] in first:
            findings.append(
                _finding(row, "subject_id", "duplicate", f"is the same evidence as row {first[row['evidence_id']]}")
            )
        first.setdefault(row["evidence_id"], row["_row"])
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
