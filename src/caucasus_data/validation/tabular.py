"""The Table Schema checks done by frictionless itself on the descriptor and the CSV files (never trusted).

This is the reference: `caucasus-data validate --reference` uses it for every file, and the DuckDB checks
(tableschema.py) for the files they do not read themselves.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from .messages import frictionless_message

# Frictionless reports an edited file twice (size and hash); both mean the same to a contributor.
STALE_ERRORS = {"hash-count", "byte-count"}
STALE_MESSAGE = (
    "the file's size or hash differs from the one in datapackage.json: it changed since the last "
    "build; run `caucasus-data build`"
)


# frictionless checks patterns with Python's backtracking `re`; a run of its own is stopped after this long
# (plus a second per MiB of CSV), so that a pattern that backtracks cannot hang a contributor's CI.
REFERENCE_SECONDS = 30.0
LIMIT_ERRORS = 1000  # frictionless.settings.DEFAULT_LIMIT_ERRORS, per file


def bounded_findings(
    root: Path, seconds: float | None = None, only: list[str] | None = None, why: dict[str, str] | None = None
) -> list[Finding]:
    """`frictionless_findings` (of the resources named `only`, or all) in a child process, stopped after
    `seconds` with one finding saying so (and `why` each resource was left to frictionless)."""
    import multiprocessing

    if seconds is None:
        size = sum(p.stat().st_size for p in root.rglob("*.csv") if p.is_file() and not p.is_symlink())
        seconds = REFERENCE_SECONDS + size / (1 << 20)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        task, args = (frictionless_findings, (root,)) if only is None else (resource_findings, (root, only))
        pending = pool.apply_async(task, args)
        try:
            return pending.get(timeout=seconds)
        except multiprocessing.TimeoutError:
            return [_timeout(seconds, only, why or {})]


def _timeout(seconds: float, only: list[str] | None, why: dict[str, str]) -> Finding:
    """Which files frictionless was reading, and why they were left to it; what can make it this slow."""
    reading = ""
    if only:
        named = [name for name in only if name in why][:3] or only[:3]
        reading = ", reading " + ", ".join(f"{name} ({why[name]})" if name in why else name for name in named)
        if len(only) > len(named):
            reading += f" and {len(only) - len(named)} tables that refer to {'it' if len(named) == 1 else 'them'}"
    message = (
        f"frictionless was stopped after {seconds:.0f} s{reading}. It checks patterns with Python's backtracking "
        "re: a pattern with nested repetition such as (a+)+ can take exponential time on some cells (rewrite it "
        "without); so is a file of many empty lines, which it reads row by row"
    )
    return Finding("datapackage.json", None, None, "timeout", message)


class Offline:
    """frictionless' HTTP session here: it refuses every request, so that a URL in a package (a profile, a
    schema) is an error, not a request to whatever it names."""

    def request(self, method: str, url: str, *args, **kwargs):
        raise OSError(f"validation reads no URL ({str(url)[:60]})")

    def get(self, url: str, *args, **kwargs):  # what frictionless calls: metadata and remote files
        return self.request("GET", url)

    def post(self, url: str, *args, **kwargs):
        return self.request("POST", url)


def frictionless_findings(root: Path) -> list[Finding]:
    """What `frictionless validate datapackage.json` reports, as findings."""
    from frictionless import FrictionlessException, Package, system

    try:
        with system.use_context(trusted=False, http_session=Offline()):
            report = Package(str(root / "datapackage.json")).validate()
    except FrictionlessException as exc:
        return [Finding("datapackage.json", None, None, exc.error.type, exc.error.message)]
    findings = []
    paths = {r.get("name"): r.get("path") for r in _resources(root) if isinstance(r, dict)}
    for error in report.errors:
        findings.append(Finding("datapackage.json", None, None, error.type, error.message))
    for task in report.tasks:
        findings.extend(task_findings(str(paths.get(task.name) or task.name), task.errors))
    return findings


def resource_findings(root: Path, names: list[str]) -> list[Finding]:
    """What frictionless reports on the named resources alone (those the fast checks leave to it)."""
    from frictionless import Package, system

    paths = {r.get("name"): r.get("path") for r in _resources(root) if isinstance(r, dict)}
    findings = []
    with system.use_context(trusted=False, http_session=Offline()):
        package = Package(str(root / "datapackage.json"))
        for name in names:
            report = package.get_resource(name).validate(limit_errors=LIMIT_ERRORS)
            findings.extend(task_findings(str(paths.get(name) or name), report.tasks[0].errors))
    return findings


def task_findings(file: str, errors) -> list[Finding]:
    """The findings of one file from frictionless' errors of its validation task."""
    findings = []
    stale = False
    for error in errors:
        if error.type in STALE_ERRORS:
            stale = True
            continue
        message = frictionless_message(error.message, getattr(error, "cell", None))
        findings.append(
            Finding(file, getattr(error, "row_number", None), getattr(error, "field_name", None), error.type, message)
        )
    if stale:
        findings.append(Finding(file, None, None, "stale", STALE_MESSAGE))
    return findings


def _resources(root: Path) -> list[dict]:
    import json

    try:
        return list(json.loads((root / "datapackage.json").read_text(encoding="utf-8")).get("resources", []))
    except (ValueError, OSError, AttributeError):
        return []
