"""The first step: reading the inputs, the seed articles and the curated CSV files, as untrusted files.

A seed is a UTF-8 text file named like `004_688db0f7b6e2a534.txt` (letters, digits, `_` and `-`, then `.txt`)
directly in `seeds/`, at most 1 MiB, with some text, and not the same text as another seed. Its name without
`.txt`, in lower case, becomes the article id.

A curated file, `curated/<table>.csv`, has the columns of its table that people type (the schema's fields that
are not derived, then its input-only fields), in that order, under a header row. Its rows keep the order they
were typed in: each carries its line in the file (`_row`), so that every finding names the line the contributor
sees in their editor.

>>> from caucasus_data.model.locate import checkout_root
>>> seeds, findings = read_seeds(checkout_root())
>>> [seed.article_id for seed in seeds], findings
(['000_8730724a31ace38e', '003_ed509b88b2911dd7', '004_688db0f7b6e2a534'], [])
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding
from ..model import csvformat, layout
from ..model.paths import InputError, check_regular, list_folder, read_input
from ..model.schema import TableSchema

Rows = list[dict[str, str]]

MAX_SEED_BYTES = 1024 * 1024
# The largest curated table has a few hundred rows: 16 MiB is far more than any real one needs.
MAX_CURATED_BYTES = 16 * 1024 * 1024
MAX_CELL = 100_000  # characters; a description is a few hundred
SEED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.txt")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ASCII_FIELDS = {"date_edtf"}  # text fields that hold dates
# Control characters but tab and line ends: no part of an article (a NUL, a terminal escape).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
CONTROL = re.compile(f"[{CONTROLS}]")
# Characters that change what a reader sees without showing themselves: refused in every curated cell.
HIDDEN = re.compile(f"[{CONTROLS}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Findings on single cells; the build still validates the rest, so that one run reports everything.
CELL_KINDS = {"whitespace", "formula-injection", "unicode-normalisation"}
UNKNOWN = "unknown"  # an article_metadata published_date for an article no source dates


@dataclass(frozen=True)
class Seed:
    relative: str  # seeds/<name>
    data: bytes
    text: str

    @property
    def article_id(self) -> str:
        return Path(self.relative).stem.lower()


def read_seed(root: Path, relative: str) -> tuple[Seed | None, Finding | None]:
    """The seed at `root/relative`, or the finding that says why it cannot be one."""
    name = relative.rsplit("/", 1)[-1]
    if not SEED_NAME.fullmatch(name):
        return None, Finding(
            relative,
            None,
            None,
            "seed-name",
            f"{name[:60]!r} is not an allowed seed name: use letters, digits, '_' and '-', then '.txt', directly "
            "in seeds/ (no spaces, hidden files or folders)",
        )
    try:
        size = check_regular(root, relative).st_size
        if size > MAX_SEED_BYTES:
            return None, Finding(
                relative,
                None,
                None,
                "seed-size",
                f"is {size:,} bytes; a seed may have at most {MAX_SEED_BYTES:,} bytes (1 MiB)",
            )
        data = read_input(root, relative, MAX_SEED_BYTES)
    except InputError as exc:
        return None, exc.finding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Finding(
            relative,
            line,
            None,
            "encoding-error",
            f"is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}); save the article as UTF-8",
        )
    if not text.strip():
        return None, Finding(relative, None, None, "seed-empty", "the file has no text")
    problem = _seed_problem(text)
    if problem:
        return None, Finding(relative, problem[0], None, problem[1], problem[2])
    return Seed(relative, data, text), None


def _seed_problem(text: str) -> tuple[int, str, str] | None:
    """(line, kind, why) for a seed whose text holds what no reader would see (a byte order mark, which would be
    the published article's first character, or a control character) or starts as a spreadsheet formula (the
    published CSV holds the text in a cell)."""
    if text.startswith("\ufeff"):
        why = "starts with a byte order mark (U+FEFF), which would be the article's first character"
        return 1, "seed-character", why + "; save the file as UTF-8 without it"
    if text.startswith(FORMULA_START):
        why = f"starts with {text[0]!r}, which spreadsheets run as a formula when they open the published CSV"
        return 1, "formula-injection", why + "; start the file with the article's dateline"
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return line, "seed-character", f"holds the control character U+{ord(found[0]):04X} on line {line}; delete it"


def read_seeds(root: Path) -> tuple[list[Seed], list[Finding]]:
    """Every seed in `root/seeds`, in name order, and the findings on the files that cannot be seeds."""
    seeds: list[Seed] = []
    findings: list[Finding] = []
    first_with: dict[str, str] = {}
    ids: dict[str, str] = {}
    try:
        names = list_folder(root, layout.SEEDS)
    except InputError as exc:
        return [], [exc.finding]
    for name in names:
        seed, finding = read_seed(root, layout.seed_path(name))
        if seed is None:
            findings.append(finding or Finding(layout.seed_path(name), None, None, "seed-name", "cannot be read"))
            continue
        # The same article saved twice (perhaps with other line endings) is one article.
        key = hashlib.sha256(seed.text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()
        if key in first_with:
            findings.append(
                Finding(
                    seed.relative, None, None, "seed-duplicate", f"has the same text as {first_with[key]}; remove one"
                )
            )
        elif seed.article_id in ids:
            findings.append(
                Finding(
                    seed.relative,
                    None,
                    None,
                    "seed-name",
                    f"gives the article id {seed.article_id!r}, as {ids[seed.article_id]} does; rename one of them",
                )
            )
        else:
            first_with[key], ids[seed.article_id] = seed.relative, seed.relative
            seeds.append(seed)
    return seeds, findings


def read_curated(root: Path, schema: TableSchema) -> tuple[Rows, list[Finding]]:
    """Rows of `curated/<table>.csv`, each with its line in `_row`, and what is wrong with the file.

    A byte order mark and CRLF line endings are accepted; everything else that is off is a finding naming the row
    and field.
    """
    relative = layout.curated_path(schema.name)
    expected = schema.input_field_names
    try:
        data = read_input(root, relative, MAX_CURATED_BYTES)
    except InputError as exc:
        finding = exc.finding
        if finding.kind == "missing-file":
            create = f"the file is missing; create it with the header {','.join(expected)}"
            finding = Finding(relative, None, None, "missing-file", create)
        return [], [finding]
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; save the file as UTF-8"
        return [], [Finding(relative, line, None, "encoding-error", message)]
    records, problem = _records(relative, text)
    if problem:
        return [], [problem]
    header = records[0][1] if records else []
    if header != expected:
        return [], [Finding(relative, 1, None, "header", _header_problem(header, expected))]
    rows: Rows = []
    findings: list[Finding] = []
    blank: list[int] = []  # a run of blank rows, one finding (trailing empty lines are one slip)
    for number, cells in records[1:]:
        if not any(cells):
            blank.append(number)
            continue
        findings += _blank_rows(relative, blank)
        blank = []
        if len(cells) != len(expected):
            findings.append(
                Finding(relative, number, None, "row-length", f"has {len(cells)} cells; the header has {len(expected)}")
            )
        else:
            row: dict[str, str] = dict(zip(expected, cells))
            findings.extend(_cell_problems(relative, number, schema, row))
            row["_row"] = str(number)
            rows.append(row)
    return rows, findings + _blank_rows(relative, blank)


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def published_date_problems(rows: Rows) -> list[Finding]:
    """A day that does not exist in article_metadata's published_date (a text cell: its schema's pattern
    checks the form, not the day) would reach every quote of the article: stop at its source, in the build
    and in `validate` alike.

    >>> [f.message for f in published_date_problems([{"_row": "2", "published_date": "2024-02-30"}])]
    ["'2024-02-30' is not a date; write it as YYYY-MM-DD, or unknown when no source gives it"]
    """
    findings = []
    for row in rows:
        if ISO_DAY.fullmatch(date := row["published_date"]) and _not_a_day(date):
            message = f"{date!r} is not a date; write it as YYYY-MM-DD, or {UNKNOWN} when no source gives it"
            file = layout.curated_path("article_metadata")
            findings.append(Finding(file, int(row["_row"]), "published_date", "type-error", message))
    return findings


def _not_a_day(date: str) -> bool:
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        return True
    return False


def _blank_rows(relative: str, lines: list[int]) -> list[Finding]:
    """One finding for a run of blank rows, at its first.

    >>> [f.message for f in _blank_rows("curated/people.csv", [7, 8, 9])]
    ['the row is blank, as are the 2 after it (to line 9); delete them']
    """
    if not lines:
        return []
    more = len(lines) - 1
    message = f", as are the {more:,} after it (to line {lines[-1]}); delete them" if more else "; delete it"
    return [Finding(relative, lines[0], None, "blank-row", "the row is blank" + message)]


def _records(relative: str, text: str) -> tuple[list[tuple[int, list[str]]], Finding | None]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    csvformat.read_large_cells()
    line = 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        return records, Finding(
            relative, line, None, "csv-error", f"{exc} (an unclosed quote mark runs to the end of the file?)"
        )
    return records, None


SHOWN_COLUMNS = 10  # unexpected columns named in a message; the rest counted


def _header_problem(header: list[str], expected: list[str]) -> str:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    shown = ", ".join(excerpt(name, 30) for name in extra[:SHOWN_COLUMNS])
    more = f" and {len(extra) - SHOWN_COLUMNS:,} more" if len(extra) > SHOWN_COLUMNS else ""
    if missing or extra:
        parts = [
            f"missing column {', '.join(missing)}" if missing else "",
            f"unexpected column {shown}{more}" if extra else "",
        ]
        return "; ".join(p for p in parts if p) + f"; the header must be {','.join(expected)}"
    return f"columns are out of order; the header must be {','.join(expected)}"


def excerpt(value: str, length: int = 40) -> str:
    """A short, printable excerpt of a cell for a message: control characters escaped, long values cut."""
    short = value if len(value) <= length else value[:length] + "..."
    return repr(short)


def _cell_problems(relative: str, number: int, schema: TableSchema, row: dict[str, str]) -> list[Finding]:
    """Findings on single cells. Whitespace and NFD are reported, then mended in `row`, so that the references to
    that cell do not fail as well: one mistake, one finding."""
    findings = []
    for name, value in row.items():
        if not value:
            continue
        field = next((f for f in schema.input_fields if f["name"] == name), {})
        unreadable = _unreadable(name, value, field.get("type", "string"))
        if unreadable:  # the build stops after reading: no later step reads such a value
            findings.append(Finding(relative, number, name, *unreadable))
            continue
        problem = _hidden_or_long(value, multiline=bool(field.get("x-multiline"))) or _not_ascii(name, value)
        if problem:
            findings.append(Finding(relative, number, name, "bad-character", problem))
            row[name] = ""
            continue
        if field.get("type") == "string" and value.startswith(FORMULA_START):
            findings.append(
                Finding(
                    relative,
                    number,
                    name,
                    "formula-injection",
                    f"{excerpt(value, 20)} starts with {value[0]!r}, which spreadsheets run as a formula; reword it",
                )
            )
        elif value != value.strip():
            message = f"{excerpt(value)} has leading or trailing whitespace"
            findings.append(Finding(relative, number, name, "whitespace", message))
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


def _not_ascii(name: str, value: str) -> str | None:
    """Ids are ASCII slugs: a letter that only looks like one (Cyrillic `і` for Latin `i`) would make a second id
    that reads the same. The first such character, named."""
    if not name.endswith("_id") or value.isascii():
        return None
    return f"{_first_not_ascii(value)}; ids are written in ASCII letters, digits and hyphens"


def _first_not_ascii(value: str) -> str:
    at, char = next((i, c) for i, c in enumerate(value) if not c.isascii())
    return f"holds {char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}) at position {at + 1}"


def _unreadable(name: str, value: str, kind: str) -> tuple[str, str] | None:
    """A number or date that frictionless accepts but the published tables cannot hold as written, as
    (kind, message): other digits than ASCII ones (Python reads `٤٣` and `２０２４` as digits, so the CSV would
    hold other digits than the Parquet), or an integer beyond 64 bits."""
    if (kind != "string" or name in ASCII_FIELDS) and not value.isascii():
        return "not-ascii", f"{_first_not_ascii(value)}; numbers and dates are written in ASCII digits (0-9)"
    digits = value.lstrip("+-")
    if kind == "integer" and len(digits) > 18 and digits.isdigit() and not -(2**63) <= int(value) < 2**63:
        return "out-of-range", f"{excerpt(value, 25)} is outside the 64-bit integers (-2^63 to 2^63-1) the tables hold"
    return None


def _hidden_or_long(value: str, multiline: bool) -> str | None:
    if len(value) > MAX_CELL:
        return f"has {len(value):,} characters; a cell may have at most {MAX_CELL:,}"
    hidden = HIDDEN.search(value)
    if hidden:
        return (
            f"holds the invisible character U+{ord(hidden[0]):04X} at position {hidden.start() + 1}, which changes "
            "what a reader sees; delete it"
        )
    if not multiline and ("\r" in value or "\n" in value):
        return "holds a line break; write the value on one line"
    return None
