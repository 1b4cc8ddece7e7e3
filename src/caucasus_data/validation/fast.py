"""The Table Schema checks of `caucasus-data validate`: frictionless' findings, computed with Arrow.

`frictionless validate` reads every CSV row into Python objects (about 37,000 rows a second here). This
module reaches the same findings (file, row, field, kind and message) by reading each CSV with pyarrow as
strings and checking a block of rows (a megabyte, or 4,096 rows) at a time, keeping of each row only the
hashes of its keys (keys.py); a rider (the package's own checks, content.py) sees the same blocks, and each
table is read after the tables its foreign keys and the rider need, so that most foreign keys are checked
block by block (schedule.py):

- frictionless still loads and checks the descriptor and the schemas (cheap), and still validates, in its
  own way, any resource this module does not reproduce exactly (a non-UTF-8 file, another CSV dialect, a
  field type or option not handled in cells.py, a foreign key to such a resource): see `Unsupported`;
- header labels, cell types and constraints (cells.py), extra and missing cells, blank rows, unique fields,
  primary and foreign keys (keys.py) follow frictionless' rules, including the order in which it lists the
  errors of a row and its limit of 1,000 errors per file, after which it stops reading that file (and so
  never compares its size and hash);
- a file whose size or hash differs from the descriptor is one `stale` finding, as in tabular.py.

frictionless stays the reference: `caucasus-data validate --reference` runs it, and
tests/test_differential.py compares the two on many broken packages.

>>> from caucasus_data.model.locate import installed_root
>>> result = fast_findings(installed_root())
>>> result.findings, result.delegated
([], {})
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import json
from collections.abc import Callable, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from ..findings import Finding
from . import messages, schedule
from .cells import ColumnSpec, check_column
from .cells import Unsupported as FieldUnsupported
from .csvrows import BLOCK_ROWS, CsvRows, RowNumbers, by_label
from .csvrows import Unsupported as FileUnsupported
from .descriptor import unsafe_path
from .parts import Parts
from .tabular import LIMIT_ERRORS, STALE_MESSAGE, bounded_findings, frictionless_findings

PHASES = ("unique", "primary", "foreign")


class Unsupported(Exception):
    """A resource that frictionless must validate itself."""


@dataclass
class Result:
    """Findings, and the resources left to frictionless (why)."""

    findings: list[Finding]
    delegated: dict[str, str]


@dataclass
class _Plan:
    """A resource this module validates: its frictionless objects and what the checks need."""

    resource: Any
    path: Path
    file: str  # the path as the descriptor writes it, for findings


@dataclass
class _Table:
    """What reading one file found, before the key checks and the ordering of errors."""

    plan: _Plan
    specs: list[ColumnSpec]
    header: list[Finding] = field(default_factory=list)
    cells: dict[int, list] = field(default_factory=dict)  # row -> [(field index, CellError)]
    blank: set[int] = field(default_factory=set)
    extra: dict[int, int] = field(default_factory=dict)  # row -> number of cells, beyond the fields
    missing: dict[int, int] = field(default_factory=dict)  # row -> number of cells, short of the fields
    keys: dict[str, Any] = field(default_factory=dict)  # field name -> numpy hashes of the keys (keys.py)
    rows: Any = None  # row numbers aligned with keys: the regular rows, then the irregular ones (RowNumbers)
    irregular: list = field(default_factory=list)  # (row number, cells) of the rows with extra or missing cells
    integrity: dict[int, list] = field(default_factory=dict)  # row -> [(phase, detail, extra)]
    early: dict = field(default_factory=dict)  # foreign keys checked block by block (_early_keys)
    shared: list = field(default_factory=list)  # the primary key whose hashes the rider can take (_shared_key)


class Rider(Protocol):
    """Other checks that read the tables in the same pass, block by block (the package's own, content.py)."""

    def after(self, table: str) -> set[str]:
        """The tables to read before this one."""

    def labels(self, table: str) -> set[str]:
        """The columns, by header label, its checks read."""

    def begin(self, table: str) -> Callable[[dict, Any, dict], None]:
        """A function taking each block: columns by label (null where a row has no such cell), row numbers,
        and the hashes (keys.hashes) of a primary key of one field when they are those of its cells."""

    def end(self, table: str, rows: Any, ids: dict) -> None:
        """The table is read: the row numbers of its blocks, one after the other, and the hashes of the
        primary key handed to each block, the same way."""

    def read_alone(self, table: str) -> None:
        """Read the table without this module (which cannot read it as frictionless does)."""

    def passes(self, tables: set[str]) -> dict[str, tuple[Callable[[], None], set[str]]]:
        """Work of its own, by name, each to run once the tables given are read (all among `tables`)."""


def fast_findings(root: Path, rider: Rider | None = None) -> Result:
    """What `frictionless validate datapackage.json` reports, as findings; the `rider` sees every table's
    blocks on the way."""
    from frictionless import FrictionlessException, Package, system

    delegated: dict[str, str] = {}
    with system.use_context(trusted=False):
        try:
            package = Package(str(root / "datapackage.json"))
            package.to_descriptor(validate=True)
        except FrictionlessException:
            # A descriptor problem: frictionless says it best, and reads no row.
            return Result(frictionless_findings(root), {"datapackage.json": "the descriptor is invalid"})
        files = _descriptor_paths(root)
        plans: dict[str, _Plan] = {}
        for resource in package.resources:
            try:
                plans[resource.name] = _plan(root, resource, files)
            except (Unsupported, FieldUnsupported, FrictionlessException) as exc:
                delegated[resource.name] = str(exc)
        # Two files are read at once (Arrow parses, checks and sorts without the GIL), the biggest first,
        # each after the tables the rider needs first; the files' hashes are taken beside them.
        # A foreign key to a table read before is checked block by block (see _early_keys).
        names = [resource.name for resource in package.resources]
        tables: dict[str, _Table] = {}
        lookups = _Lookups(package, tables)
        with ThreadPoolExecutor(max_workers=1) as hasher, ThreadPoolExecutor(max_workers=schedule.THREADS) as pool:
            digests = {name: hasher.submit(_digest, plan) for name, plan in plans.items()}
            tasks: dict[str, Callable[[], Any]] = {
                name: partial(_task, plans.get(name), name, rider, delegated, lookups) for name in names
            }
            after = {
                name: _targets(package.get_resource(name)) | (rider.after(name) if rider else set()) for name in names
            }
            # The rider's own work runs in the same two threads, as soon as its tables are read.
            for name, (run, needs) in (rider.passes(set(names)) if rider else {}).items():
                tasks[f"rider: {name}"], after[f"rider: {name}"] = run, needs
            schedule.in_order(tasks, after, {name: plan.path.stat().st_size for name, plan in plans.items()})
            for name, table in list(tables.items()):
                try:
                    lookups.prepare(table)
                except FrictionlessException as exc:  # a referenced file frictionless cannot read either
                    delegated[name] = f"a foreign key refers to a file frictionless cannot read: {exc}"
                    del tables[name]
            for done in [pool.submit(_check_keys, table, lookups) for table in tables.values()]:
                done.result()
            findings: list[Finding] = []
            # The files left to frictionless, validated by it in one child process bounded in time.
            left = [r.name for r in package.resources if r.name not in tables]
            reference = bounded_findings(root, only=left) if left else []
            for resource in package.resources:
                read = tables.get(resource.name)
                if read is None:
                    file = files.get(resource.name) or resource.name
                    findings.extend(f for f in reference if f.file == file or f.kind == "timeout")
                else:
                    findings.extend(_ordered_findings(read, digests[resource.name].result()))
    return Result(findings, delegated)


def _task(plan: _Plan | None, name: str, rider: Rider | None, delegated: dict[str, str], lookups: _Lookups) -> None:
    """Read a table into lookups.tables (or leave it to frictionless), showing the rider each block."""
    if plan is not None:
        try:
            table = _read(plan, lookups, rider.begin(name) if rider else None, rider.labels(name) if rider else set())
            if rider:
                rider.end(name, table.rows, {n: table.keys[n] for n in table.shared if n in table.keys})
            lookups.tables[name] = table
            return
        except (FileUnsupported, FieldUnsupported, Unsupported) as exc:
            delegated[name] = str(exc)
    if rider:
        rider.read_alone(name)


def _descriptor_paths(root: Path) -> dict[str, str]:
    try:
        resources = json.loads((root / "datapackage.json").read_text(encoding="utf-8")).get("resources", [])
        return {str(r.get("name")): str(r.get("path")) for r in resources if isinstance(r, dict)}
    except (ValueError, OSError, AttributeError):
        return {}


def _plan(root: Path, resource, files: dict[str, str]) -> _Plan:
    """The plan for a resource, or Unsupported when frictionless must validate it."""
    from frictionless.resources import TableResource

    if not isinstance(resource, TableResource):
        raise Unsupported("not a table")
    resource.to_descriptor(validate=True)
    path = files.get(resource.name)
    if (
        not isinstance(path, str)
        or unsafe_path(path)
        or not (root / path).is_file()
        or not (root / path).resolve().is_relative_to(root.resolve())
    ):
        raise Unsupported("the path is not a file inside the package")
    if resource.format != "csv" or not resource.encoding or codecs.lookup(resource.encoding).name != "utf-8":
        raise Unsupported("not a UTF-8 CSV file")
    if resource.dialect.list_defined() or resource.fields or resource.rows:
        raise Unsupported("a dialect or row and field counts are checked by frictionless only")
    schema = resource.schema
    if schema.has_defined("fields_match") and schema.fields_match != "exact":
        raise Unsupported("fieldsMatch other than exact")
    types = {f.name: f.type for f in schema.fields}
    package = resource.package
    assert package is not None  # the resources come from a package
    for fk in schema.foreign_keys:
        target = fk["reference"]["resource"] or resource.name
        if target != resource.name and not package.has_resource(target):
            raise Unsupported(f"a foreign key to a missing resource {target!r}")
        target_schema = package.get_resource(target).schema if target != resource.name else schema
        target_types = {f.name: f.type for f in target_schema.fields}
        for own, ref in zip(fk["fields"], fk["reference"]["fields"]):
            # Python compares typed values: 5 is not "5". Keys of the same type compare as their str().
            if own not in types or ref not in target_types or types[own] != target_types[ref]:
                raise Unsupported("a foreign key between fields of different types")
    return _Plan(resource, root / path, path)


def _digest(plan: _Plan) -> tuple[int, str, str]:
    """Size, MD5 and SHA-256 of the file (frictionless compares whichever the descriptor gives)."""
    size, md5, sha = 0, hashlib.md5(), hashlib.sha256()
    algorithm = (plan.resource.hash or "").split(":", 1)[0] if ":" in (plan.resource.hash or "") else "md5"
    buffer = memoryview(bytearray(1 << 22))  # one buffer: a new 4 MiB bytes object a read would stay in the heap
    with plan.path.open("rb") as handle:
        while read := handle.readinto(buffer):
            size += read
            if plan.resource.hash:
                (sha if algorithm == "sha256" else md5).update(buffer[:read])
    return size, md5.hexdigest(), sha.hexdigest()


# --- reading ----------------------------------------------------------------------------------------


def _expected(plan: _Plan, rows: CsvRows, keys: set[str]) -> tuple[list[ColumnSpec], list[Finding]]:
    """The fields frictionless expects in the data, by header position, and the header's findings.

    With `fieldsMatch: exact` (the default) labels pair with fields by position: a label beyond the
    schema's fields gets a field of type `any` named after it, fields beyond the labels are dropped.
    """
    from frictionless import Field
    from frictionless.table.label_matching import deduplicate_names

    fields, labels, file = plan.resource.schema.fields, rows.labels, plan.file
    names = deduplicate_names([fields[i].name if i < len(fields) else label for i, label in enumerate(labels)])
    specs = []
    for i, name in enumerate(names):
        if i < len(fields):
            source = fields[i]
        else:
            source = Field.from_descriptor({"name": name, "type": "any"})
        specs.append(ColumnSpec.of(source, number=i + 1, key=name in keys and i < len(fields)))
    header = []
    for i in range(len(fields), len(labels)):
        header.append(Finding(file, None, "", "extra-label", messages.label_error("extra-label", labels[i], "", i + 1)))
    for offset, f in enumerate(fields[len(labels) :]):
        number = len(labels) + 1 + offset
        header.append(
            Finding(file, None, f.name, "missing-label", messages.label_error("missing-label", "", f.name, number))
        )
    for i, (f, label) in enumerate(zip(fields, labels)):
        number = i + 1
        if not label:
            header.append(
                Finding(file, None, f.name, "blank-label", messages.label_error("blank-label", "", f.name, number))
            )
            continue
        seen = [j + 1 for j, other in enumerate(labels[:i]) if other == label]
        if seen:
            note = 'at position "{}"'.format(", ".join(map(str, seen)))
            header.append(
                Finding(
                    file,
                    None,
                    f.name,
                    "duplicate-label",
                    messages.label_error("duplicate-label", label, f.name, number, note),
                )
            )
        elif label != f.name:
            header.append(
                Finding(
                    file,
                    None,
                    f.name,
                    "incorrect-label",
                    messages.label_error("incorrect-label", label, f.name, number),
                )
            )
    return specs, header


def _key_fields(resource, skip: Set[int] = frozenset()) -> set[str]:
    """The fields whose keys are compared (but those of the foreign keys numbered in `skip`)."""
    schema = resource.schema
    names = {f.name for f in schema.fields if f.constraints.get("unique")} | set(schema.primary_key)
    for number, fk in enumerate(schema.foreign_keys):
        if number not in skip:
            names |= set(fk["fields"])
    # Fields other resources' foreign keys point at are keys too (their lookups).
    for other in resource.package.resources:
        for fk in other.schema.foreign_keys if other.schema else []:
            if (fk["reference"]["resource"] or other.name) == resource.name:
                names |= set(fk["reference"]["fields"])
    return names


def _read(plan: _Plan, lookups: _Lookups, sink: Callable | None = None, labels: Set[str] = frozenset()) -> _Table:
    import numpy as np
    import pyarrow as pa

    rows = CsvRows(plan.path)
    specs, header = _expected(plan, rows, _key_fields(plan.resource))
    table = _Table(plan, specs, header)
    table.early = _early_keys(table, lookups)
    table.shared = _shared_key(table, rows)
    later = _key_fields(plan.resource, skip=set(table.early))
    key_chunks = {s.name: Parts(np.int64) for s in specs if s.key and s.name in later}
    # The rider reads columns by header label (the last of equal labels, as dict(zip()) would).
    where = {label: i for i, label in enumerate(rows.raw_labels) if label in labels}
    for block in rows.blocks(rows=BLOCK_ROWS):
        # The irregular records before a block are known when it arrives, and so its row numbers.
        numbers = rows.row_numbers(np.arange(block.start, block.start + block.size))
        hashed = _check_block(table, block.columns, numbers, key_chunks)
        if sink:
            sink(by_label(labels, where, block.columns, block.size), numbers, hashed)
    if rows.irregular:
        irregular_rows = np.array([number for number, _ in rows.irregular], dtype=np.int64)
        columns = [
            pa.array([cells[i] if i < len(cells) else None for _, cells in rows.irregular], pa.string())
            for i in range(len(rows.labels))
        ]
        for number, cells in rows.irregular:
            if len(cells) > len(specs):
                table.extra[number] = len(cells)
            elif len(cells) < len(specs):
                table.missing[number] = len(cells)
        hashed = _check_block(table, columns, irregular_rows, key_chunks)
        if sink:
            sink(by_label(labels, where, columns, len(irregular_rows)), irregular_rows, hashed)
    table.rows, table.irregular = RowNumbers(rows), rows.irregular
    table.keys = {name: chunks.joined() for name, chunks in key_chunks.items()}
    return table


def _check_block(table: _Table, columns: list, rows, key_chunks: dict[str, Parts]) -> dict:
    """Cell errors, blank rows and key hashes of a block of rows (`rows`: their numbers); returns the
    hashes of a primary key of one string field, which are those of its cells (for the rider)."""
    import numpy as np

    from . import keys

    blank = None
    found: dict[int, list] = {}
    strings: dict[str, Any] = {}
    hashed: dict[str, Any] = {}
    early_fields = {name for _, own, _ in table.early.values() for name in own}
    for i, spec in enumerate(table.specs):
        checked = check_column(spec, columns[i])
        blank = checked.blank if blank is None else blank & checked.blank
        for error in checked.errors:
            found.setdefault(int(rows[error.position]), []).append((i, error))
        if spec.key and (spec.name in key_chunks or spec.name in early_fields):
            unique = spec.constraints.get("unique") or [spec.name] == table.plan.resource.schema.primary_key
            strings[spec.name] = checked.key
            hashed[spec.name] = keys.hashes(checked.key) if unique else keys.repeated_hashes(checked.key)
            if spec.name in key_chunks:
                key_chunks[spec.name].add(hashed[spec.name])
    for number, (target, own, lookup) in table.early.items():
        for position in keys.missing_references([hashed[n] for n in own], lookup):
            values = ["None" if cell is None else cell for cell in (strings[n][position].as_py() for n in own)]
            fk = table.plan.resource.schema.foreign_keys[number]
            note = messages.foreign_key_note(own, values, target, list(fk["reference"]["fields"]))
            table.integrity.setdefault(int(rows[position]), []).append(("foreign", note, number))
    if blank is not None and blank.any():
        for at in np.flatnonzero(blank):
            row = int(rows[at])
            table.blank.add(row)
            found.pop(row, None)  # frictionless replaces a blank row's errors with one blank-row error
    for row, errors in found.items():
        table.cells.setdefault(row, []).extend(errors)
    return {name: hashed[name] for name in table.shared if name in hashed}


# --- keys --------------------------------------------------------------------------------------------


def _targets(resource) -> set[str]:
    """The other resources its foreign keys refer to."""
    schema = getattr(resource, "schema", None)
    return {fk["reference"]["resource"] for fk in (schema.foreign_keys if schema else [])} - {"", resource.name}


def _shared_key(table: _Table, rows: CsvRows) -> list[str]:
    """A primary key of one string field whose hashes are those of the cells under its label: the column
    at its position is the one its label names (the last of equal labels), and only "" is missing."""
    primary, labels = table.plan.resource.schema.primary_key, rows.raw_labels
    for i, spec in enumerate(table.specs):
        if (
            [spec.name] == primary
            and spec.type == "string"
            and spec.missing_values == [""]
            and i < len(labels)
            and labels[i] == spec.name
            and spec.name not in labels[i + 1 :]
        ):
            return [spec.name]
    return []


def _early_keys(table: _Table, lookups: _Lookups) -> dict[int, tuple[str, list[str], Any]]:
    """The foreign keys to tables already read, checked block by block: number -> (target, own fields,
    lookup). Their keys need neither be kept nor read again for the messages."""
    names = {s.name for s in table.specs}
    early = {}
    for number, fk in enumerate(table.plan.resource.schema.foreign_keys):
        own, target = list(fk["fields"]), fk["reference"]["resource"] or table.plan.resource.name
        if target != table.plan.resource.name and target in lookups.tables and set(own) <= names:
            early[number] = (target, own, lookups.get(target, list(fk["reference"]["fields"])))
    return early


class _Lookups:
    """The values each foreign key may take: the referenced key's values, as frictionless collects them;
    `tables` fills as the tables are read."""

    def __init__(self, package, tables: dict[str, _Table]):
        self.package, self.tables = package, tables
        self.cache: dict[tuple[str, tuple[str, ...]], Any] = {}

    def prepare(self, table: _Table) -> None:
        """Collect the lookups of a table's foreign keys (before the checks run in threads)."""
        for fk in table.plan.resource.schema.foreign_keys:
            self.get(fk["reference"]["resource"] or table.plan.resource.name, list(fk["reference"]["fields"]))

    def get(self, target: str, fields: list[str]):
        from . import keys

        if (target, tuple(fields)) not in self.cache:
            if target in self.tables:
                columns = [_lookup_column(self.tables[target], name) for name in fields]
                self.cache[target, tuple(fields)] = keys.lookup_values(columns)
            else:
                self.cache[target, tuple(fields)] = self._read(target, fields)
        return self.cache[target, tuple(fields)]

    def _read(self, target: str, fields: list[str]):
        """A file left to frictionless: read its keys with frictionless, as its lookup does
        (frictionless/resources/table.py, __open_lookup)."""
        import numpy as np

        from . import keys

        source = self.package.get_resource(target).to_copy()
        source.schema.foreign_keys = []
        values = set()
        with source:
            for row in source.row_stream:
                cells = tuple(row.get(name) for name in fields)
                if any(cell is not None for cell in cells):
                    values.add(tuple(None if cell is None else str(cell) for cell in cells))
        columns = [keys.hashes([cells[i] for cells in values]) for i in range(len(fields))]
        return keys.lookup_values(columns) if values else np.zeros(0, dtype=np.int64)


def _check_keys(table: _Table, lookups: _Lookups) -> None:
    """Unique fields, then the primary key, then foreign keys, as frictionless checks each row."""
    import numpy as np

    from . import keys

    schema = table.plan.resource.schema
    names = [s.name for s in table.specs]
    found = {}
    for spec in table.specs:
        if spec.constraints.get("unique"):
            found[spec.name] = keys.repeats(table.keys[spec.name], table.rows)
            for row, previous in found[spec.name]:
                table.integrity.setdefault(row, []).append(("unique", spec, previous))
    primary = list(schema.primary_key)
    if primary and set(primary) <= set(names):
        known = found.get(primary[0]) if len(primary) == 1 else None
        pairs, none_rows = keys.repeated_tuples([table.keys[n] for n in primary], table.rows, known)
        for row in none_rows:
            table.integrity.setdefault(row, []).append(("primary", messages.ALL_NONE_NOTE, None))
        for row, previous in pairs:
            table.integrity.setdefault(row, []).append(("primary", messages.same_as_note(previous), None))
    failing = []
    for number, fk in enumerate(schema.foreign_keys):
        own = list(fk["fields"])
        if set(own) <= set(names) and number not in table.early:
            lookup = lookups.get(
                fk["reference"]["resource"] or table.plan.resource.name, list(fk["reference"]["fields"])
            )
            failing.append((number, fk, own, keys.missing_references([table.keys[n] for n in own], lookup)))
    # The strings of every failing key, in one more reading of the file.
    fields = sorted({name for _, _, own, bad in failing if bad for name in own})
    positions = sorted({position for _, _, _, bad in failing for position in bad})
    strings = dict(zip(positions, _key_strings(table, fields, positions)))
    for number, fk, own, bad in failing:
        target, ref = fk["reference"]["resource"] or table.plan.resource.name, list(fk["reference"]["fields"])
        for position, row in zip(bad, table.rows[np.array(bad, dtype=np.int64)].tolist()):
            values = ["None" if cell is None else cell for cell in (strings[position][fields.index(n)] for n in own)]
            note = messages.foreign_key_note(own, values, target, ref)
            table.integrity.setdefault(row, []).append(("foreign", note, number))


def _lookup_column(target: _Table, name: str):
    """The referenced field's key hashes; all None when the referenced file's header lacks it."""
    import numpy as np

    from . import keys

    if name in target.keys:
        return target.keys[name]
    return np.full(len(target.rows), keys.NULL, dtype=np.int64)


def _key_strings(table: _Table, names: list[str], positions: list[int]) -> list[list[str | None]]:
    """The key strings of some rows (by position in table.keys), read again from the file: only the rows
    a message names need them, and the keys are held as hashes. A key string is str() of the value
    frictionless reads from the cell (see cells.py)."""
    specs = [next(s for s in table.specs if s.name == name) for name in names]
    wanted, cells = sorted(positions), {}
    if not wanted:
        return []
    seen = 0
    for block in CsvRows(table.plan.path).blocks(only={s.number - 1 for s in specs}):
        n = block.size
        for p in wanted[bisect.bisect_left(wanted, seen) : bisect.bisect_left(wanted, seen + n)]:
            cells[p] = [block.columns[s.number - 1][p - seen].as_py() for s in specs]
        seen += n
    for p in wanted[bisect.bisect_left(wanted, seen) :]:  # irregular rows, kept in memory
        row = table.irregular[p - seen][1]
        cells[p] = [row[s.number - 1] if s.number <= len(row) else None for s in specs]
    return [[_key_string(s, cell) for s, cell in zip(specs, cells[p])] for p in positions]


def _key_string(spec: ColumnSpec, cell: str | None) -> str | None:
    value, _ = spec.reader(cell)
    return None if value is None else str(value)


# --- ordering and the error limit -----------------------------------------------------------------


def _ordered_findings(table: _Table, digest: tuple[int, str, str]) -> list[Finding]:
    """The file's findings in frictionless' order, cut at its error limit, then the stale check."""
    findings = list(table.header)
    for row in sorted(set(table.cells) | table.blank | set(table.extra) | set(table.missing) | set(table.integrity)):
        findings.extend(_row_findings(table, row))
        if len(findings) >= LIMIT_ERRORS:  # frictionless stops reading here, and skips its end checks
            return findings[:LIMIT_ERRORS]
    return findings + _stale(table.plan, digest)


def _stale(plan: _Plan, digest: tuple[int, str, str]) -> list[Finding]:
    size, md5, sha = digest
    resource = plan.resource
    stale = False
    if resource.hash:
        algorithm, expected = (
            ([*resource.hash.split(":", 1), ""])[:2] if ":" in resource.hash else ("md5", resource.hash)
        )
        actual = {"md5": md5, "sha256": sha}.get(algorithm)
        stale = bool(actual) and actual != expected
    if resource.bytes and resource.bytes != size:
        stale = True
    return [Finding(plan.file, None, None, "stale", STALE_MESSAGE)] if stale else []


def _row_findings(table: _Table, row: int) -> list[Finding]:
    """One row's findings in the order frictionless lists them.

    frictionless casts the cells of unique, primary key and foreign key fields one by one as it checks
    those keys, and all the other cells at the first key error (or after the keys): the errors of the cells
    cast early come first, then the others in field order, then extra and missing cells (or, for a blank
    row, one blank-row error instead of all of these), then the key errors in the order found.
    """
    file, specs = table.plan.file, table.specs
    # Unique fields, then the primary key, then foreign keys by number (some were checked block by block).
    integrity = sorted(
        table.integrity.get(row, []), key=lambda e: (PHASES.index(e[0]), e[2] if e[0] == "foreign" else 0)
    )
    early = _cast_early(table, integrity)
    by_field: dict[int, list] = {}
    for i, error in table.cells.get(row, []):
        by_field.setdefault(i, []).append(error)
    out = []
    if row in table.blank:
        out.append(Finding(file, row, None, "blank-row", messages.row_error("blank-row", row)))
    else:
        for i in early + [i for i in range(len(specs)) if i not in early]:
            for error in by_field.get(i, []):
                spec = specs[i]
                out.append(
                    Finding(
                        file,
                        row,
                        spec.name,
                        error.kind,
                        messages.cell_error(error.kind, error.cell, row, spec.name, spec.number, error.note),
                    )
                )
        if row in table.extra:
            for number in range(len(specs) + 1, table.extra[row] + 1):
                out.append(Finding(file, row, "", "extra-cell", messages.cell_error("extra-cell", "", row, "", number)))
        if row in table.missing:
            for spec in specs[table.missing[row] :]:
                out.append(
                    Finding(
                        file,
                        row,
                        spec.name,
                        "missing-cell",
                        messages.cell_error("missing-cell", "", row, spec.name, spec.number),
                    )
                )
    for phase, detail, extra in integrity:
        if phase == "unique":
            note = messages.same_as_note(extra)
            out.append(
                Finding(
                    file,
                    row,
                    detail.name,
                    "unique-error",
                    messages.cell_error("unique-error", "", row, detail.name, detail.number, note),
                )
            )
        elif phase == "primary":
            out.append(Finding(file, row, None, "primary-key", messages.row_error("primary-key", row, detail)))
        else:
            out.append(Finding(file, row, None, "foreign-key", messages.row_error("foreign-key", row, detail)))
    return out


def _cast_early(table: _Table, integrity: list) -> list[int]:
    """Indices of the fields frictionless casts before its first key error in a row, in that order."""
    schema = table.plan.resource.schema
    index = {s.name: i for i, s in enumerate(table.specs)}
    phases = [p for p, _, _ in integrity]
    order: list[int] = []

    def cast(names) -> None:
        for name in names:
            if index[name] not in order:
                order.append(index[name])

    for spec in table.specs:
        if spec.constraints.get("unique"):
            cast([spec.name])
            if any(p == "unique" and d is spec for p, d, _ in integrity):
                return order
    primary = list(schema.primary_key)
    if primary and set(primary) <= set(index):
        cast(primary)
        if "primary" in phases:
            return order
    failed = [extra for p, _, extra in integrity if p == "foreign"]
    for number, fk in enumerate(schema.foreign_keys):
        if set(fk["fields"]) <= set(index):
            cast(fk["fields"])
            if number in failed:
                return order
    return order
