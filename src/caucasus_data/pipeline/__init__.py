"""The build: seeds and curated inputs -> the published package in data/, in the order the data flows.

    read      seeds/*.txt and curated/<table>.csv, as untrusted files (read.py)
    parse     the articles' datelines, dates, quotations and mentions (parse.py, with the parsers of parse/)
    resolve   names to curated ids, curated overrides laid over what was parsed (resolve.py)
    derive    EDTF bounds, evidence offsets and ids, a stable row order (derive.py)
    write     the bytes of every CSV and Parquet file and of data/datapackage.json (write.py)
    validate  the whole staged package (caucasus_data.validation)
    publish   the new data/ in the old one's place in one step, one build at a time (publish.py)

The build reads only the inputs and writes only data/: nothing is written unless every step passes, and a
re-run gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, limit_per_file
from ..model import layout
from ..model.package import Package, load_package
from ..model.paths import InputError, list_folder
from . import derive, publish, read, write
from .progress import Progress
from .read import CELL_KINDS, Rows

__all__ = ["BuildReport", "build", "check_inputs"]


@dataclass
class BuildReport:
    """Findings stop a build; warnings do not. `files` are the files written (or, with check, stale)."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)  # what the curated overrides changed, a line each
    tables: dict[str, Rows] = field(default_factory=dict, repr=False)  # the rows built, as CSV strings

    @property
    def ok(self) -> bool:
        return not self.findings


def build(
    root: str | Path = ".",
    check: bool = False,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the package in `root`; with `check`, write nothing and list the files that are stale.

    `progress` shows how far a long build is (the command line passes one that writes to a terminal only).

    >>> from caucasus_data.model.locate import checkout_root
    >>> build(checkout_root(), check=True).files
    []
    """
    progress = progress or Progress(enabled=False)
    report = BuildReport()
    root = Path(root)
    try:
        with publish.locked(root, say=progress.say):
            _build(root, check, today or datetime.date.today(), report, progress)
    except publish.Busy as exc:
        report.findings.append(Finding(publish.LOCK, None, None, "busy", str(exc)))
    except InputError as exc:
        report.findings.append(exc.finding)
    except OSError as exc:  # a read-only folder, a full disk: nothing was published
        where = Path(exc.filename).name if exc.filename else layout.DATA
        report.findings.append(Finding(where, None, None, "io-error", f"cannot write: {exc.strerror or exc}"))
    progress.clear()
    report.findings = limit_per_file(report.findings)
    return report


# Findings that let the build go on to find the rest (it still publishes nothing).
GO_ON_KINDS = CELL_KINDS | {"unknown-file", "bad-character"}


def _stopped(report: BuildReport) -> bool:
    """Whether a finding prevents the next step; findings on single cells or stray files let it go on."""
    return any(f.kind not in GO_ON_KINDS for f in report.findings)


def _build(root: Path, check: bool, today: datetime.date, report: BuildReport, progress: Progress) -> None:
    inputs = _read(root, report)
    if inputs is None or _stopped(report):
        return
    package, tables, seeds = inputs
    # The curated rows' own checks run beside the steps that follow from the rows, on the second core. What those
    # steps find counts only when the checks let a build go on, as if it had waited for them.
    typed_rows = {name: list(tables[name]) for name in package.curated}  # as typed: the build sorts them
    with ThreadPoolExecutor(1) as beside, publish.staging(root, check) as folder:
        typed = beside.submit(_check_typed, package, _typed_files(package, tables), typed_rows, list(report.findings))
        later, files = BuildReport(), {}
        try:
            files = _stage(folder, package, tables, seeds, today, later, progress)
        except Exception:
            if not _stopped(BuildReport(report.findings + typed.result())):
                raise
        report.findings += typed.result()
        if _stopped(report):
            return
        # A cell reported while reading was mended (emptied): what the staged package finds there is not news.
        seen = {(f.file, f.row, f.field) for f in report.findings}
        report.findings += [f for f in later.findings if (f.file, f.row, f.field) not in seen]
        report.warnings += later.warnings
        report.overrides += later.overrides
        if files:  # every step before the validation passed: the rows it built
            report.tables = tables
        if report.findings:
            return
        _publish(root, folder, package, tables, files, check, report, progress)


def _stage(
    folder: Path,
    package: Package,
    tables: dict[str, Rows],
    seeds: list[read.Seed],
    today: datetime.date,
    report: BuildReport,
    progress: Progress,
) -> dict[str, bytes]:
    """Parse, resolve, derive, write the CSV files and the descriptor into `folder` and validate them there;
    the files written (none when a step stops the build)."""
    _parse_and_resolve(package, seeds, tables, report, today, progress)
    if _stopped(report):
        return {}
    _derive(package, tables, report)
    if _stopped(report):
        return {}
    from ..validation import validate

    progress.step("writing CSV")
    csvs = {name: write.csv_bytes(schema, tables[name]) for name, schema in package.schemas.items()}
    files = {f"{name}.csv": data for name, data in csvs.items()}
    files[layout.DESCRIPTOR] = write.descriptor_bytes(package, csvs)
    publish.write(folder, files)
    progress.step("validating")
    staged = validate(folder, per_file_limit=None)
    report.findings += _to_inputs(staged.findings, package, tables)
    return files


def _publish(
    root: Path,
    folder: Path,
    package: Package,
    tables: dict[str, Rows],
    files: dict[str, bytes],
    check: bool,
    report: BuildReport,
    progress: Progress,
) -> None:
    """Add the Parquet files to the staged package; put it in data/'s place if anything changed (or, with
    `check`, list what did)."""
    progress.step("writing Parquet")
    parquet = {
        f"{name}.parquet": write.parquet_bytes(schema, files[f"{name}.csv"]) for name, schema in package.schemas.items()
    }
    publish.write(folder, parquet)
    report.files = publish.stale(root, {**files, **parquet}, _same)
    if report.files and not check:
        publish.publish(root, folder)


def _read(root: Path, report: BuildReport) -> tuple[Package, dict[str, Rows], list[read.Seed]] | None:
    """The read step: the descriptor and schemas, the curated files as typed (their structure and cells; then
    `_check_typed`), and the seeds."""
    package, findings = load_package(root)
    report.findings += findings
    if package is None:
        return None
    report.findings += _unknown_files(root, package)
    tables: dict[str, Rows] = {}
    for name in package.curated:
        tables[name], findings = read.read_curated(root, package.schemas[name])
        report.findings += findings
    report.findings += read.published_date_problems(tables.get("article_metadata", []))
    if _stopped(report):
        return None
    seeds, findings = read.read_seeds(root)
    report.findings += findings
    return package, tables, seeds


def _typed_files(package: Package, tables: dict[str, Rows]) -> dict[str, bytes]:
    """The curated files as read (each typed row once, in the columns of the input), by path."""
    return {
        layout.curated_path(name): write.rows_bytes(package.schemas[name].input_field_names, tables[name])
        for name in package.curated
    }


def _check_typed(
    package: Package, files: dict[str, bytes], tables: dict[str, Rows], found: list[Finding]
) -> list[Finding]:
    """The Table Schema checks and the package's own checks on the curated rows as read (a cell already reported
    while reading is checked as mended, so that one mistake gives one finding), named by the lines typed."""
    import tempfile

    from ..validation import check
    from . import curation_rules

    with tempfile.TemporaryDirectory(prefix="caucasus-data-inputs-") as scratch:
        folder = Path(scratch)
        (folder / layout.CURATED).mkdir()
        for path, data in files.items():
            (folder / path).write_bytes(data)
        curated = {name: layout.curated_path(name) for name in package.curated}
        # The curation rules run beside the Table Schema checks; they count only when those find nothing.
        with ThreadPoolExecutor(1) as beside:
            rules = beside.submit(curation_rules.findings, folder, curated)
            findings = check(folder, package.input_descriptor()) or rules.result()
    seen = {(f.file, f.row, f.field) for f in found}
    out = []
    for finding in findings:
        rows = tables.get(finding.file.removeprefix(f"{layout.CURATED}/").removesuffix(".csv"))
        if rows is not None:  # the checks count records; a record may span lines of the file
            finding = _on_typed_line(finding, rows, finding.file)
        if (finding.file, finding.row, finding.field) not in seen:
            out.append(finding)
    return out


def check_inputs(root: str | Path) -> list[Finding]:
    """What is wrong with a checkout's inputs, as a build would find it, without parsing or writing anything: the
    descriptor, schemas, curated files and seeds, and the evidence spans against the seed texts.

    >>> from caucasus_data.model.locate import checkout_root
    >>> check_inputs(checkout_root())
    []
    """
    report = BuildReport()
    try:
        inputs = _read(Path(root), report)
    except InputError as exc:
        return [exc.finding]
    if inputs is not None and not _stopped(report):
        package, tables, seeds = inputs
        report.findings += _check_typed(package, _typed_files(package, tables), tables, list(report.findings))
        if not _stopped(report):
            tables["articles"] = [{"article_id": seed.article_id, "text": seed.text} for seed in seeds]
            _derive(package, tables, report)
    return report.findings


def _parse_and_resolve(
    package: Package,
    seeds: list[read.Seed],
    tables: dict[str, Rows],
    report: BuildReport,
    today: datetime.date,
    progress: Progress,
) -> None:
    from . import parse, resolve  # the parsers: only a build needs them, not check_inputs

    names = resolve.entity_names(package.schemas, tables)
    articles = []
    for result in parse.article_rows(progress.each(seeds, "reading articles"), package.schemas, tables, names, today):
        articles.append(result.row)
        report.findings += result.findings
        report.warnings += result.warnings
        report.overrides += result.notes
    if _stopped(report):
        return  # nothing is published half-done: an article without a date stops the build here
    quotes, mentions = parse.quotes_and_mentions(articles, names, tables, progress)
    findings, notes = resolve.apply_quote_overrides(quotes, tables["quote_overrides"])
    report.findings += findings
    report.overrides += notes
    report.warnings += resolve.unresolved_speakers(articles, quotes)
    tables.update(articles=sorted(articles, key=lambda r: r["article_id"]), quotes=quotes, mentions=mentions)


def _derive(package: Package, tables: dict[str, Rows], report: BuildReport) -> None:
    for name in package.curated:
        if "date_edtf" in package.schemas[name].derived_fields or "start_date" in package.schemas[name].derived_fields:
            derive.derive_dates(tables[name])
    texts = {r["article_id"]: r["text"] for r in tables["articles"]}
    report.findings += derive.derive_evidence(tables["evidence"], texts)
    for name in package.curated:
        tables[name] = derive.sort_rows(package.schemas[name], tables[name])


def _unknown_files(root: Path, package: Package) -> list[Finding]:
    """Files in curated/ that are no curated table's file (`curated/person.csv` for people): the build would
    neither read nor publish them."""
    from difflib import get_close_matches

    findings = []
    for name in list_folder(root, layout.CURATED):
        stem = name.removesuffix(".csv")
        if name.endswith(".csv") and stem in package.curated:
            continue
        if stem in package.generated:
            hint = f"{stem} is made by the build from seeds/; it has no curated file"
        else:
            near = get_close_matches(stem, package.curated, n=1)
            hint = (
                f"did you mean {layout.curated_path(near[0])}?" if near else "`caucasus-data tables` lists the tables"
            )
        findings.append(
            Finding(
                f"{layout.CURATED}/{name}",
                None,
                None,
                "unknown-file",
                f"is no curated table's file ({hint}); move its rows into a table's file, add "
                f"schemas/{stem}.json to make it a table, or delete it",
            )
        )
    return findings


def _to_inputs(findings: list[Finding], package: Package, tables: dict[str, Rows]) -> list[Finding]:
    """Findings on the staged package, named as the contributor sees them: a curated table's finding names its
    curated file and the line typed; the others name their published file."""
    out = []
    for finding in findings:
        table = finding.file.removesuffix(".csv")
        if table in package.curated and table in tables:
            out.append(_on_typed_line(finding, tables[table], layout.curated_path(table)))
        else:
            out.append(
                Finding(f"{layout.DATA}/{finding.file}", finding.row, finding.field, finding.kind, finding.message)
            )
    return out


def _on_typed_line(finding: Finding, rows: Rows, file: str) -> Finding:
    """A finding on record N of a table's rows, moved to the line that record was typed on (`_row`): its row
    and the rows its message names."""
    message = ROW_POSITION.sub(lambda m: f"{m[1]}{m[2]}{_typed_row(rows, int(m[3]))}", finding.message)
    return Finding(file, finding.row and _typed_row(rows, finding.row), finding.field, finding.kind, message)


# How frictionless' messages name a row: `Row at position "127"`, `the same as in the row at position 7`.
ROW_POSITION = re.compile(r'(row at position )("?)(\d+)', re.IGNORECASE)


def _typed_row(rows: Rows, row: int) -> int:
    """The line in the curated file of row `row` of the sorted published file (the header is row 1)."""
    return int(rows[row - 2]["_row"]) if 2 <= row < len(rows) + 2 else row


def _same(path: Path, data: bytes) -> bool:
    written = path.read_bytes()
    if path.suffix != ".parquet" or written == data:
        return written == data
    # Parquet bytes differ between pyarrow versions; its content is what must not be stale. (ParquetFile, as
    # pq.read_table's datasets would import pandas.)
    import pyarrow.parquet as pq

    try:
        read = pq.ParquetFile(io.BytesIO(written)).read()
        return read.equals(pq.ParquetFile(io.BytesIO(data)).read(), check_metadata=True)
    except Exception:  # an unreadable file is stale
        return False
