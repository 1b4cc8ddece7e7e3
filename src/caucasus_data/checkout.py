"""`cd.validate()` and `caucasus-data validate`: a checkout's inputs as typed and the package it publishes, or
any other data package (the installed one, a download of data/).

In a checkout every finding on a curated row names the contributor's own file, row and field
(`curated/people.csv:7:person_id: ...`); a finding on a published file names it under data/.

>>> from caucasus_data.model.locate import checkout_root
>>> report = validate(checkout_root())
>>> report.ok, report.findings
(True, [])
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from .findings import PER_FILE_LIMIT, Finding, limit_per_file
from .model import layout
from .model.locate import is_checkout, package_root
from .model.paths import InputError, check_regular, open_input
from .model.schema import schema_names
from .validation import Report, _require_tools, no_descriptor
from .validation import validate as validate_package

__all__ = ["Report", "validate"]


def validate(
    path: str | Path | None = None, per_file_limit: int | None = PER_FILE_LIMIT, reference: bool = False
) -> Report:
    """Validate the checkout or package at `path` (a folder or its datapackage.json).

    With no path: the checkout in the working directory, else the installed package. At most `per_file_limit`
    findings are listed per file (None: all). With `reference`, the Table Schema checks are frictionless' own
    (slower, the same findings).

    >>> from caucasus_data.model.locate import installed_root
    >>> validate(installed_root()).summary().startswith("valid: ")
    True
    """
    if path is not None and not isinstance(path, str | Path):
        raise TypeError(f"validate(path): path is a folder or its datapackage.json, not {type(path).__name__}")
    root = package_root(path)
    if not (root / layout.DESCRIPTOR).is_file():
        return Report(root, [no_descriptor(root, "missing-file")])
    if not is_checkout(root):
        return validate_package(root, per_file_limit, reference)
    _require_tools()
    from .pipeline import check_inputs

    # data/ is checked beside the inputs, on the second core; its findings count once the inputs it is built
    # from are sound.
    with ThreadPoolExecutor(1) as beside:
        published = beside.submit(_published, root, reference)
        findings = check_inputs(root) or published.result()
    findings = sorted(set(findings), key=_order)
    return Report(root, limit_per_file(findings, per_file_limit) if per_file_limit else findings)


def _published(root: Path, reference: bool) -> list[Finding]:
    """The checkout's data/: the package it publishes, and no file besides (a stray or hidden file would ship)."""
    data = root / layout.DATA
    if not (data / layout.DESCRIPTOR).is_file():
        return [
            Finding(layout.DATA, None, None, "missing-file", "data/ has no datapackage.json; run `caucasus-data build`")
        ]
    published = validate_package(data, None, reference)
    findings = [Finding(f"{layout.DATA}/{f.file}", f.row, f.field, f.kind, f.message) for f in published.findings]
    tables = schema_names(root)
    if published.ok:
        findings += _parquet_problems(data, tables)
    expected = {layout.DESCRIPTOR} | {f"{t}.{suffix}" for t in tables for suffix in ("csv", "parquet")}
    stray = "is no file of the published package; data/ is written by `caucasus-data build`, which removes it"
    findings += [
        Finding(f"{layout.DATA}/{name}", None, None, "unknown-file", stray)
        for name in sorted(set(os.listdir(data)) - expected)
    ]
    return findings


def _parquet_problems(data: Path, tables: list[str]) -> list[Finding]:
    """Each table's Parquet file is whole: it starts with Parquet's magic bytes and ends with a footer of a
    length that fits in it (a cut download or a Git LFS pointer does not). Whether it holds the CSV's rows is
    `caucasus-data build --check`'s question."""
    findings = []
    for name in tables:
        relative = f"{name}.parquet"
        try:
            size = check_regular(data, relative).st_size
            with open_input(data, relative) as handle:
                head = handle.read(4)
                handle.seek(max(0, size - 8))
                tail = handle.read(8)
        except InputError as exc:
            findings.append(replace(exc.finding, file=f"{layout.DATA}/{relative}"))
            continue
        footer = int.from_bytes(tail[:4], "little") if len(tail) == 8 else size
        if head != PARQUET_MAGIC or tail[4:] != PARQUET_MAGIC or footer > size - 12:
            message = "is not a whole Parquet file (cut short, or not Parquet); run `caucasus-data build`"
            findings.append(Finding(f"{layout.DATA}/{relative}", None, None, "parquet-error", message))
    return findings


PARQUET_MAGIC = b"PAR1"


def _order(finding: Finding) -> tuple:
    return (finding.file, finding.row or 0, finding.field or "", finding.kind, finding.message)
