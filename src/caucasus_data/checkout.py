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

from pathlib import Path

from .findings import PER_FILE_LIMIT, Finding, limit_per_file
from .model import layout
from .model.locate import is_checkout, package_root
from .validation import Report, _require_tools
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
    root = package_root(path)
    if not is_checkout(root):
        return validate_package(root, per_file_limit, reference)
    _require_tools()
    from .pipeline import check_inputs

    findings = check_inputs(root)
    if not findings:  # the published package is checked once the inputs it is built from are sound
        published = validate_package(root / layout.DATA, None, reference)
        findings = [Finding(f"{layout.DATA}/{f.file}", f.row, f.field, f.kind, f.message) for f in published.findings]
    findings = sorted(set(findings), key=_order)
    return Report(root, limit_per_file(findings, per_file_limit) if per_file_limit else findings)


def _order(finding: Finding) -> tuple:
    return (finding.file, finding.row or 0, finding.field or "", finding.kind, finding.message)
