"""Breaking a package on purpose: every kind of error frictionless reports, injected at random places.

Each mutation edits one CSV file (or the descriptor) of a package directory and returns a line saying what it
did. The benchmarks inject them into big packages; tests/test_differential.py into many small ones, to show
that the DuckDB checks reports exactly what frictionless reports.

>>> import random, tempfile, pathlib, synthetic
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = synthetic.write_package(root, articles=3)
>>> Mutator(root, random.Random(1)).apply("enum")  # doctest: +ELLIPSIS
"data/aliases.csv:...:alias_type: ..."
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from caucasus_data.model.schema import read_schemas

# Values that frictionless reads as the field's type although they are not in the canonical form,
# and values it refuses: both sides of every cast.
ODD_VALUES = {
    "integer": ["x", "1.0", "+5", " 7 ", "1_000", "\u0663", "", "99999999999999999999", "-0", "007", "1e3"],
    "number": ["north", "9e1", "NaN", "-Infinity", "1_0.5", " 45.5", "90.0000000000000000001", "-90", "1,5"],
    "date": [
        "2024-13-01",
        "2023-02-29",
        "2024-1-5",
        "2024-01- 5",
        "0000-01-01",
        "24-01-01",
        "2024-02-29 ",
        "x",
        "2024/01/05",
    ],
    "boolean": ["yes", "True", "TRUE", "1", "0", "false ", "f"],
    "string": ["Bad Id", "x\n", "AM\n", "\u00e9", "a" * 300, " padded ", "Q0", "q1", "ZZ", "ev-XYZ", ""],
}
KINDS = [
    "type",
    "enum",
    "pattern",
    "required",
    "bound",
    "duplicate-id",
    "duplicate-row",
    "foreign-key",
    "blank-row",
    "empty-line",
    "extra-cell",
    "missing-cell",
    "header-rename",
    "header-extra",
    "header-drop",
    "header-blank",
    "header-duplicate",
    "header-swap",
    "bom",
    "crlf",
    "odd-quote",
    "update-hash",
    "drop-hash",
    "odd-value",
    "schema-constraint",
    "missing-values",
    "quoted-commas",
]
# Mutations that make a file frictionless reads its own way (and the DuckDB checks hands to it).
FALLBACK_KINDS = [
    "open-quote-at-end",
    "latin1",
    "semicolons",
    "empty-file",
    "unsafe-path",
    "wide-header",
    "initial-space",
]


def read_rows(path: Path) -> list[list[str]]:
    # surrogateescape keeps bytes that are not UTF-8 (from an earlier mutation) as they are
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogateescape", newline="")


def _sniffed_initial_space(rows: list[list[str]]) -> bool:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows[:100])
    try:
        return csv.Sniffer().sniff(buffer.getvalue(), ",\t;|").skipinitialspace
    except csv.Error:
        return False


class Mutator:
    """Applies mutations to the package in `root`, choosing tables, rows and fields with `rng`.

    Rows are read once per file and written back by `flush()` (or by `apply`, unless `batch` is set), so
    that many mutations of a big file cost one read and one write. `tables` limits the choice of files.
    """

    def __init__(self, root: Path, rng: random.Random, tables: list[str] | None = None, batch: bool = False):
        self.root, self.rng, self.batch = Path(root), rng, batch
        self.schemas = read_schemas(self.root)
        self.tables = tables
        self._cache: dict[str, list[list[str]]] = {}

    def apply(self, kind: str) -> str:
        done = getattr(self, "_" + kind.replace("-", "_"))()
        if not self.batch:
            self.flush()
        return done

    def flush(self) -> None:
        for table, rows in self._cache.items():
            write_rows(self._path(table), rows)
        self._cache.clear()

    # -- helpers --

    def _rows(self, table: str) -> list[list[str]]:
        if table not in self._cache:
            self._cache[table] = read_rows(self._path(table))
        return self._cache[table]

    def _table(self, predicate=lambda schema: True, rows: bool = True) -> str:
        names = [n for n, s in self.schemas.items() if predicate(s) and (self.tables is None or n in self.tables)]
        if rows:  # a file of more than its header (a glance at its size, not a read)
            names = [
                n
                for n in names
                if self._path(n).stat().st_size > len(",".join(self.schemas[n].field_names)) + 2
                or len(self._cache.get(n, [])) > 1
            ] or names
        return self.rng.choice(sorted(names))

    def _path(self, table: str) -> Path:
        return self.root / "data" / f"{table}.csv"

    def _field(self, table: str, predicate) -> str | None:
        fields = [f["name"] for f in self.schemas[table].fields if predicate(f)]
        return self.rng.choice(fields) if fields else None

    def _set(self, table: str, field: str, value: str) -> str:
        rows = self._rows(table)
        if not rows:
            return f"data/{table}.csv: empty, left alone"
        if len(rows) < 2:
            rows.append([""] * len(rows[0]))
        row = self.rng.randrange(1, len(rows))
        column = rows[0].index(field) if field in rows[0] else 0
        while len(rows[row]) <= column:
            rows[row].append("")
        rows[row][column] = value
        return f"data/{table}.csv:{row + 1}:{field}: {value!r}"

    def _constrained(self, name: str):
        return lambda f: name in f.get("constraints", {})

    # -- cells --

    def _type(self) -> str:
        table = self._table(lambda s: any(f["type"] != "string" for f in s.fields))
        field = self._field(table, lambda f: f["type"] != "string")
        kind = self.schemas[table].field(field)["type"]
        return self._set(table, field, self.rng.choice(ODD_VALUES[kind]))

    def _odd_value(self) -> str:
        table = self._table()
        field = self._field(table, lambda f: True)
        kind = self.schemas[table].field(field)["type"]
        return self._set(table, field, self.rng.choice(ODD_VALUES[kind]))

    def _quoted_commas(self) -> str:
        """Many `, '` inside a quoted cell at the end of a row, in a table where csv.Sniffer then guesses
        that spaces after commas are skipped (as it does for a real note in data/quote_overrides.csv)."""
        value = "see " + ", ".join(f"'{letter}'" for letter in "abcdefghijklmnopqrstuvwxyz")
        names = sorted(
            n
            for n, s in self.schemas.items()
            if s.fields[-1]["type"] == "string" and (self.tables is None or n in self.tables)
        )
        self.rng.shuffle(names)
        for table in names:
            before = [list(row) for row in self._rows(table)]
            done = self._set(table, self.schemas[table].fields[-1]["name"], value)
            if _sniffed_initial_space(self._rows(table)):
                return done
            self._cache[table] = before
        return "no table where the sniffer would skip initial spaces"

    def _initial_space(self) -> str:
        """Quoted commas, and a cell that starts with a space, which Python's csv then skips."""
        done = self._quoted_commas()
        table = done.split(":")[0].removeprefix("data/").removesuffix(".csv")
        if table not in self.schemas:
            return done
        field = self._field(table, lambda f: f["type"] == "string")
        return done + "; " + self._set(table, field, " padded")

    def _enum(self) -> str:
        table = self._table(lambda s: any("enum" in f.get("constraints", {}) for f in s.fields))
        field = self._field(table, self._constrained("enum"))
        return self._set(table, field, self.rng.choice(["other", "Statement", "ASSAULT ", ""]))

    def _pattern(self) -> str:
        table = self._table(lambda s: any("pattern" in f.get("constraints", {}) for f in s.fields))
        field = self._field(table, self._constrained("pattern"))
        return self._set(table, field, self.rng.choice(ODD_VALUES["string"]))

    def _required(self) -> str:
        table = self._table()
        field = self._field(table, lambda f: f.get("constraints", {}).get("required"))
        return self._set(table, field, "")

    def _bound(self) -> str:
        table = self._table(lambda s: any({"minimum", "maximum"} & set(f.get("constraints", {})) for f in s.fields))
        field = self._field(table, lambda f: {"minimum", "maximum"} & set(f.get("constraints", {})))
        kind = self.schemas[table].field(field)["type"]
        return self._set(table, field, self.rng.choice(["-1", "-5"] if kind == "integer" else ["91", "-181", "NaN"]))

    # -- rows --

    def _duplicate_id(self) -> str:
        table = self._table()
        rows = self._rows(table)
        key = self.schemas[table].field_names.index(self.schemas[table].primary_key[0])
        a, b = self.rng.randrange(1, len(rows)), self.rng.randrange(1, len(rows))
        if len(rows[b]) > key and len(rows[a]) > key:
            rows[b][key] = rows[a][key]
        return f"data/{table}.csv: row {b + 1} takes the id of row {a + 1}"

    def _duplicate_row(self) -> str:
        table = self._table()
        rows = self._rows(table)
        source = self.rng.randrange(1, len(rows))
        rows.insert(self.rng.randrange(1, len(rows) + 1), list(rows[source]))
        return f"data/{table}.csv: row {source + 1} repeated"

    def _foreign_key(self) -> str:
        table = self._table(lambda s: bool(s.foreign_keys()))
        field = self.rng.choice([fk[0] for fk in self.schemas[table].foreign_keys()])
        return self._set(table, field, self.rng.choice(["nowhere", "0000000_missing", "Tass"]))

    def _insert(self, blank: bool, where: str) -> str:
        table = self._table()
        rows = self._rows(table)
        position = self.rng.randrange(1, len(rows) + 1)
        # A row of empty cells, or no cell at all: csv writes [] as an empty line.
        rows.insert(position, [""] * len(self.schemas[table].fields) if blank else [])
        return f"data/{table}.csv: {where} inserted at row {position + 1}"

    def _blank_row(self) -> str:
        return self._insert(True, "a blank row")

    def _empty_line(self) -> str:
        return self._insert(False, "an empty line")

    def _extra_cell(self) -> str:
        table = self._table()
        rows = self._rows(table)
        row = self.rng.randrange(1, len(rows)) if len(rows) > 1 else 0
        rows[row] = rows[row] + ["extra"] * self.rng.randint(1, 2)
        return f"data/{table}.csv:{row + 1}: extra cells"

    def _missing_cell(self) -> str:
        table = self._table()
        rows = self._rows(table)
        row = self.rng.randrange(1, len(rows)) if len(rows) > 1 else 0
        rows[row] = rows[row][: self.rng.randrange(1, max(2, len(rows[row])))]
        return f"data/{table}.csv:{row + 1}: cells cut"

    # -- headers --

    def _header(self, change, what: str) -> str:
        table = self._table(rows=False)
        rows = self._rows(table)
        if not rows or len(rows[0]) < 2:  # an emptied file: nothing to change
            return f"data/{table}.csv: no header to change"
        change(rows[0])
        return f"data/{table}.csv:1: {what}"

    def _header_rename(self) -> str:
        def change(header):
            i = self.rng.randrange(len(header))
            header[i] = header[i].upper() if self.rng.random() < 0.5 else header[i] + "_x"

        return self._header(change, "label renamed")

    def _header_extra(self) -> str:
        return self._header(lambda h: h.append(self.rng.choice(["notes", "", "notes"])), "label added")

    def _header_drop(self) -> str:
        return self._header(lambda h: h.pop(), "last label removed")

    def _header_blank(self) -> str:
        return self._header(lambda h: h.__setitem__(self.rng.randrange(len(h)), ""), "label blanked")

    def _header_duplicate(self) -> str:
        return self._header(lambda h: h.__setitem__(self.rng.randrange(1, len(h)), h[0]), "label duplicated")

    def _header_swap(self) -> str:
        def change(header):
            i = self.rng.randrange(len(header) - 1)
            header[i], header[i + 1] = header[i + 1], header[i]

        return self._header(change, "labels swapped")

    def _wide_header(self) -> str:
        """Six more labels than cells: frictionless then takes the first row of about the average width for
        the header (and skips the rows before it)."""
        names = sorted(self.schemas, key=lambda n: -self._path(n).stat().st_size)[:3]
        table = self.rng.choice(names)
        self._rows(table)[0].extend(f"more{i}" for i in range(6))
        return f"data/{table}.csv:1: six labels added"

    # -- bytes --

    def _raw(self, change, what: str, table: str | None = None) -> str:
        table = table or self._table()
        self.flush()  # the bytes of the file as the earlier mutations left it
        path = self._path(table)
        path.write_bytes(change(path.read_bytes()))
        return f"data/{table}.csv: {what}"

    def _bom(self) -> str:
        return self._raw(lambda data: b"\xef\xbb\xbf" + data, "byte order mark")

    def _crlf(self) -> str:
        return self._raw(lambda data: data.replace(b"\n", b"\r\n"), "CRLF line ends")

    def _odd_quote(self) -> str:
        def change(data: bytes) -> bytes:
            lines = data.split(b"\n")
            i = self.rng.randrange(1, len(lines)) if len(lines) > 2 else 0
            lines[i] = self.rng.choice([b'"q"r', b'ab"c', b'"a""b"']) + b"," + lines[i]
            return b"\n".join(lines)

        return self._raw(change, "a quote mark in the middle of a cell")

    def _open_quote_at_end(self) -> str:
        return self._raw(lambda data: data + b'x,"unclosed\n', "a quoted cell left open at the end")

    def _latin1(self) -> str:
        return self._raw(lambda data: data + b"caf\xe9,x\n", "a byte that is not UTF-8")

    def _semicolons(self) -> str:
        return self._raw(lambda data: data.replace(b",", b";"), "semicolons for commas")

    def _empty_file(self) -> str:
        return self._raw(lambda data: b"", "emptied")

    # -- descriptor --

    def _descriptor(self, change, what: str) -> str:
        self.flush()  # hashes are of the files as mutated
        path = self.root / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
        return f"datapackage.json: {what}"

    def _update_hash(self) -> str:
        """Make the descriptor agree with the files again (so that nothing is stale)."""
        import hashlib

        def change(descriptor):
            for resource in descriptor["resources"]:
                if not (self.root / resource["path"]).is_file():
                    continue
                data = (self.root / resource["path"]).read_bytes()
                resource["bytes"], resource["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()

        return self._descriptor(change, "sizes and hashes updated")

    def _drop_hash(self) -> str:
        def change(descriptor):
            resource = self.rng.choice(descriptor["resources"])
            resource.pop("hash", None)
            resource.pop("bytes", None)

        return self._descriptor(change, "a hash removed")

    # -- schemas: constraints and options the real schemas do not use yet, so that the DuckDB checks
    # is compared with frictionless on them too --

    def _schema(self, table: str, change, what: str) -> str:
        path = self.root / "schemas" / f"{table}.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        change(schema)
        path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
        self.schemas = read_schemas(self.root)
        return f"schemas/{table}.json: {what}"

    def _schema_constraint(self) -> str:
        table = self._table()
        field = self.rng.choice(self.schemas[table].fields)
        options = {
            "string": [
                {"minLength": 3},
                {"maxLength": 12},
                {"enum": ["a", "b"]},
                {"pattern": "\\w.*[a-z]"},  # a shorthand class: Unicode in Python, ASCII in RE2 (cells.py)
                {"pattern": "[^,]*"},
                {"unique": True},
            ],
            "integer": [{"enum": [0, 1, "2"]}, {"maximum": 100}, {"exclusiveMinimum": 0}, {"unique": True}],
            "number": [{"enum": [1, 2.5]}, {"exclusiveMaximum": 45.123456789012345678}],
            "date": [{"minimum": "2021-01-01"}, {"maximum": "2024-06-30"}, {"enum": ["2024-06-05"]}, {"unique": True}],
            "boolean": [{"enum": [True]}],
        }[field["type"]]
        constraint = self.rng.choice(options)

        def change(schema):
            for f in schema["fields"]:
                if f["name"] == field["name"]:
                    f.setdefault("constraints", {}).update(constraint)

        return self._schema(table, change, f"{field['name']} gets {constraint}")

    def _missing_values(self) -> str:
        table = self._table()
        values = self.rng.choice([["", "NA"], ["-"], ["", "n/a", "0"]])
        self._schema(table, lambda schema: schema.__setitem__("missingValues", values), "")
        field = self.rng.choice(self.schemas[table].field_names)
        return self._set(table, field, self.rng.choice([*values, "NA"]))

    def _unsafe_path(self) -> str:
        def change(descriptor):
            self.rng.choice(descriptor["resources"])["path"] = "../outside.csv"

        return self._descriptor(change, "a path outside the package")
