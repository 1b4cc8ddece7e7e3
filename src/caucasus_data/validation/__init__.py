"""Validating a data package: the Table Schema checks of frictionless plus the package's own checks.

The Table Schema checks report exactly what `frictionless validate` reports; they run as SQL on DuckDB
(tableschema.py), or through frictionless itself with `reference=True` (`caucasus-data validate --reference`).

>>> report = validate()
>>> report.ok, len(report.findings)
(True, 0)
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import PER_FILE_LIMIT, Finding, limit_per_file, total
from ..model import layout
from ..model.csvformat import read_large_cells
from ..model.locate import package_root
from ..model.paths import InputError, check_regular, open_input, read_input

__all__ = ["Finding", "Report", "validate"]

MAX_FILE_BYTES = 1 << 30
UNREADABLE = {
    "json-error",
    "encoding-error",
    "missing-file",
    "schema-error",
    "profile-error",
    "not-a-file",
    "io-error",
    "file-size",
    "header-size",
    "unsafe-path",  # frictionless would fetch a schema's URL: no part of the package is read from outside it
}
# A header's labels: the widest table has 20. frictionless stops at 1,000 errors (the first 1,000 extra labels),
# and took minutes to get there on 10,000, as did the DuckDB checks.
MAX_LABELS = 1000
HEADER_BYTES = 1 << 20  # read for the header's labels


@dataclass
class Report:
    """What validation found; `ok` when nothing."""

    root: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        if self.ok:
            return f"valid: {self.root}"
        files = len({f.file for f in self.findings})
        return f"invalid: {total(self.findings)} finding(s) in {files} file(s) of {self.root}"


def validate(
    path: str | Path | None = None, per_file_limit: int | None = PER_FILE_LIMIT, reference: bool = False
) -> Report:
    """Validate the package at `path` (a directory or its datapackage.json).

    With no path: the package in the working directory, else the installed one. At most
    `per_file_limit` findings are listed per file (None: all). With `reference`, the Table Schema checks
    are frictionless' own (slower, the same findings).

    >>> report = validate()
    >>> report.ok, report.findings
    (True, [])
    """
    _require_tools()
    return _validate_package(package_root(path), per_file_limit, reference)


def check(root: Path, descriptor: dict[str, Any]) -> list[Finding]:
    """Validate a package held in memory: `descriptor`'s resources name files relative to `root`, with their
    schemas inline. Findings name the files as the resources give them (every finding, no limit).

    >>> from caucasus_data.model.locate import checkout_root
    >>> from caucasus_data.model.package import load_package
    >>> package, _ = load_package(checkout_root())
    >>> check(checkout_root(), package.input_descriptor())
    []
    """
    findings = []
    with tempfile.TemporaryDirectory(prefix="caucasus-data-check-") as scratch:
        folder = Path(scratch)
        for resource in descriptor["resources"]:
            try:
                data = read_input(root, resource["path"], MAX_FILE_BYTES)
            except InputError as exc:
                findings.append(exc.finding)
                continue
            (folder / resource["path"]).parent.mkdir(parents=True, exist_ok=True)
            (folder / resource["path"]).write_bytes(data)
        (folder / layout.DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
        return findings + _validate_package(folder, None, reference=False).findings


def _validate_package(root: Path, per_file_limit: int | None, reference: bool) -> Report:
    from .content import content_findings
    from .descriptor import describe

    if not (root / "datapackage.json").is_file():
        return Report(root, [no_descriptor(root, "package-error")])
    read_large_cells()  # as frictionless does: the same cells whichever ran first in this process
    described = describe(root)
    findings = described.findings + _irregular_files(root, described.paths)
    findings += _wide_headers(root, described.paths) if not findings else []
    if any(f.kind in UNREADABLE for f in findings):
        return Report(root, findings)  # the other checks need readable schemas and descriptor
    # The package's own checks ride along the reading of the Table Schema checks (each file read once),
    # or read the files themselves after frictionless has.
    small = _csv_bytes(root, described.paths) < SMALL_PACKAGE
    with connect(root, small) as con:
        texts = {}
        if reference:
            from .tabular import bounded_findings

            findings.extend(bounded_findings(root))
        else:
            from .tableschema import check as table_schema_checks

            checked = table_schema_checks(con, root)
            findings.extend(checked.findings)
            texts = checked.texts
        # After a timeout the tables frictionless was reading are unread: the package's checks would miss them.
        if not any(f.kind == "timeout" for f in findings):
            if not small:  # on one thread a query, their joins over every id ran out of memory (100,000 articles)
                con.execute(f"set threads = {2 * THREADS}")
            # One mistake, one finding: a cell the Table Schema checks found wrong (an id off its pattern) is
            # not named again for what follows from it (that no evidence names that id).
            cells = {(f.file, f.row, f.field) for f in findings if f.row is not None}
            found = content_findings(con, root, described.schemas, described.paths, texts)
            findings.extend(f for f in found if (f.file, f.row, f.field) not in cells)
    findings = sorted(set(findings), key=_order)
    return Report(root, limit_per_file(findings, per_file_limit) if per_file_limit else findings)


# DuckDB holds the tables in at most this much memory, and spills the rest to a scratch folder on disk.
MEMORY_LIMIT = os.environ.get("CAUCASUS_DATA_MEMORY_LIMIT", "256MB")


# The Table Schema checks run two queries at a time, each on its own cursor: each gets half the cores. More
# DuckDB threads than cores made a 20,000-article package 8% slower to validate on two cores.
THREADS = max(1, len(os.sched_getaffinity(0)) // 2) if hasattr(os, "sched_getaffinity") else 1

# A small package (the real one has 300 KB of CSV) spends its time planning a few hundred small queries, not
# reading rows: without the optimizer passes that pay off on many rows, its validation takes a tenth less
# time; at 14 MB (5,000 articles) still 3% less, at 55 MB (20,000) 1% more.
SMALL_PACKAGE = 16 << 20  # bytes of CSV
SMALL_SETTINGS: dict[str, Any] = {
    "disabled_optimizers": "common_subexpressions,expression_rewriter,statistics_propagation,compressed_materialization",
}


@contextlib.contextmanager
def connect(root: Path, small: bool = False) -> Iterator[Any]:
    """A DuckDB connection for one validation of the package at `root` (a `small` one): memory bounded by
    MEMORY_LIMIT, its spill folder removed after. It opens no file outside `root` and that folder: its
    queries are written with the package's names in them."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="caucasus-data-duckdb-") as scratch:
        config: dict[str, Any] = {"memory_limit": MEMORY_LIMIT, "temp_directory": scratch, "threads": THREADS}
        con = duckdb.connect(config=config | (SMALL_SETTINGS if small else {}))
        try:
            folders = {str(root), str(root.resolve()), scratch, str(Path(scratch).resolve())}
            con.execute("set allowed_directories = ?", [sorted(folders)])
            con.execute("set enable_external_access = false")  # for good: DuckDB refuses to turn it back on
            yield con
        finally:
            con.close()


# The modules of the [validate] extra that validation imports (pyahocorasick serves only the build).
TOOLS = ("frictionless", "numpy", "edtf", "pycountry", "jsonschema_rs")


def _require_tools() -> None:
    """Fail at once, naming the extra, when the validation tools are not installed (`pip install .`
    installs only what `load` and `records` need)."""
    from importlib.util import find_spec

    missing = [name for name in TOOLS if find_spec(name) is None]
    if missing:
        raise ImportError(f"validate() needs {', '.join(missing)}: pip install 'caucasus-data[validate]'")


def no_descriptor(root: Path, kind: str) -> Finding:
    """The finding for a package folder without a datapackage.json file: of `kind`, or what stands there."""
    try:
        check_regular(root, layout.DESCRIPTOR)
    except InputError as exc:
        if exc.finding.kind != "missing-file":  # a pipe, a folder, a device
            return exc.finding
    return Finding(layout.DESCRIPTOR, None, None, kind, f"no datapackage.json in {root}")


def _order(finding: Finding):
    return (finding.file, finding.row or 0, finding.field or "", finding.kind, finding.message)


def _csv_bytes(root: Path, paths: dict[str, str]) -> int:
    return sum((root / p).stat().st_size for p in paths.values() if (root / p).is_file())


def _irregular_files(root: Path, paths: dict[str, str]) -> list[Finding]:
    """A resource file that is a link, a pipe or a device is one finding, and is not read (a link could
    show a file outside the package in the messages)."""
    findings = []
    for path in paths.values():
        try:
            check_regular(root, path)
        except InputError as exc:
            if exc.finding.kind != "missing-file":  # frictionless reports it as the Table Schema checks do
                findings.append(exc.finding)
    return findings


def _wide_headers(root: Path, paths: dict[str, str]) -> list[Finding]:
    """A CSV file whose header has more than MAX_LABELS labels is one finding, and no check reads it."""
    findings = []
    for path in paths.values():
        if not path.endswith(".csv") or not (root / path).is_file():
            continue
        try:
            with open_input(root, path) as handle:
                head = handle.read(HEADER_BYTES).decode("utf-8", errors="replace")
        except InputError as exc:  # replaced by a link or a pipe since it was looked at
            findings.append(exc.finding)
            continue
        labels = len(next(csv.reader(io.StringIO(head, newline="")), []))
        if labels > MAX_LABELS:
            message = f"the header has more than {MAX_LABELS:,} labels ({labels:,} counted); the file is not read"
            findings.append(Finding(path, None, None, "header-size", message))
    return findings
