"""The `caucasus-data` command: build, validate and inspect the data package."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _print_findings(findings, github: bool) -> None:
    """One `file:row:field: message [kind]` line per finding; with `github`, each followed by its
    GitHub Actions annotation, so the log reads the same and the pull request shows it in place."""
    for finding in findings:
        print(finding)
        if github:
            print(finding.github())


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    root = Path(args.root)
    if not (root / "schemas").is_dir() or not (root / "seeds").is_dir() or not (root / "curated").is_dir():
        print(
            f"error: {root.resolve()} is not a caucasus-data checkout (no schemas/, seeds/ or curated/); "
            "run the build from the repository root",
            file=sys.stderr,
        )
        return 1
    from .findings import total
    from .pipeline.progress import Progress

    progress = Progress()  # shown only on a terminal
    report = build(root, check=args.check, progress=progress)
    for line in report.overrides:
        print(f"override: {line}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    _print_findings(report.findings, args.github)
    if not report.ok:
        print(f"build failed: {total(report.findings)} finding(s); nothing was written", file=sys.stderr)
        return 1
    if args.check:
        for relative in report.files:
            print(f"{relative}: stale; run `caucasus-data build` (data/ is written by the build: edit curated/)")
        if report.files:
            print(f"build --check failed: {len(report.files)} stale file(s)", file=sys.stderr)
            return 1
        print("build --check: every published file is up to date", file=sys.stderr)
        return 0
    print(f"built and valid: {len(report.files)} file(s) updated", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .checkout import validate

    report = validate(args.path, per_file_limit=args.limit or None, reference=args.reference)
    _print_findings(report.findings, args.github)
    print(report.summary(), file=sys.stderr)
    return 0 if report.ok else 1


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of findings")
    return int(text)


def cmd_tables(args: argparse.Namespace) -> int:
    from .reader.tables import package

    for resource in package()["resources"]:
        print(f"{resource['name']:<20} {resource['title']}")
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from .tools.cite import CiteError, cite, evidence_rows

    try:
        citations = cite(Path(args.root), args.article_id, args.words)
    except CiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if len(citations) > 1:
        print(
            f"note: the words occur {len(citations)} times; keep the row of the one you mean (its occurrence):",
            file=sys.stderr,
        )
        for citation in citations:
            print(f"  occurrence {citation.occurrence} at {citation.char_start}: {citation.context}", file=sys.stderr)
    print(evidence_rows(Path(args.root), citations, args.subject or "", args.property or "", args.value or ""), end="")
    return 0


def cmd_new_article(args: argparse.Namespace) -> int:
    from .tools.new_article import describe, preview

    seed = Path(args.file)
    if not seed.is_file():
        print(f"error: no file {seed}", file=sys.stderr)
        return 1
    report, relative = preview(Path(args.root), seed)
    for line in describe(report, relative):
        print(line)
    for warning in report.warnings:
        if warning.startswith(relative):
            print(f"warning: {warning}", file=sys.stderr)
    _print_findings(report.findings, github=False)
    # The exit code judges the article; findings elsewhere (e.g. facts still without evidence) are shown.
    on_article = [f for f in report.findings if f.file == relative]
    if on_article:
        print(f"the article cannot be added yet: {len(on_article)} finding(s)", file=sys.stderr)
        return 1
    if not report.ok:
        print(
            f"note: the package has {len(report.findings)} other finding(s); the build will fail until they are mended",
            file=sys.stderr,
        )
    placed = (Path(args.root) / relative).resolve() == seed.resolve()
    print(
        f"ok: {relative} builds and validates" + ("" if placed else f"; add it with: cp {seed} {relative}"),
        file=sys.stderr,
    )
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from .documents import stale_docs, write_docs

    root = Path(args.root)
    if not (root / "schemas").is_dir():
        print(
            f"error: {root.resolve()} is not a caucasus-data checkout (no schemas/); "
            "run the command from the repository root",
            file=sys.stderr,
        )
        return 1
    if args.check:
        stale = stale_docs(root, parser())
        for relative in stale:
            print(f"{relative}: stale; run `caucasus-data docs`")
        return 1 if stale else 0
    for relative in write_docs(root, parser()):
        print(f"wrote {relative}", file=sys.stderr)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """In a checkout, unfiltered: the committed figures, docs/timeline.svg and .png (or --check them).
    Elsewhere, or filtered: timeline.<format> in --out (default the working directory)."""
    from .model.locate import is_checkout
    from .tools.timeline import DOCS_DPI, DPI, render_timeline, save, stale_figures, timeline_input

    root = Path(args.root) if args.root else (Path.cwd() if is_checkout(Path.cwd()) else None)
    filtered = any(v is not None for v in (args.start, args.end, args.event_type, args.actor))
    formats = tuple(dict.fromkeys(args.format or ["svg", "png"]))
    try:
        if root is not None and is_checkout(root) and not filtered:
            out = Path(args.out) if args.out else root
            if args.check:
                stale = stale_figures(root, out)
                for relative in stale:
                    print(f"{relative}: stale; run `caucasus-data timeline`")
                return 1 if stale else 0
            written = [out / r for r in render_timeline(root, out, formats, args.dpi or DOCS_DPI)]
        else:
            if args.check:
                print("error: --check compares a checkout's docs/timeline.* (run it in the checkout)", file=sys.stderr)
                return 1
            data = timeline_input(root, args.start, args.end, args.event_type, args.actor)
            out = Path(args.out) if args.out else Path.cwd()
            written = save(data, [out / f"timeline.{kind}" for kind in formats], args.dpi or DPI)
    except ImportError as exc:  # its own extra, not the [validate] one main() suggests
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _dpi(text: str) -> int:
    if not text.isdigit() or not 50 <= int(text) <= 1200:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a resolution from 50 to 1200 dots per inch")
    return int(text)


def cmd_export(args: argparse.Namespace) -> int:
    from .export.datasette import write_metadata
    from .export.sqlite import export_sqlite

    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"error: no folder {str(out.parent)[:200]!r} to write {out.name[:100]!r} in", file=sys.stderr)
        return 1
    try:
        written = export_sqlite(out, args.root)
        print(f"wrote {written}", file=sys.stderr)
        if args.metadata:
            print(f"wrote {write_metadata(args.metadata, args.root)}", file=sys.stderr)
    except (OSError, ValueError) as exc:  # no package there, or one whose names are no table names
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .export.serve import serve

    try:
        return serve(args.port, args.root)
    except (OSError, ValueError) as exc:  # no package there, or one whose names are no table names
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a port (1 to 65535)")
    return int(text)


def parser() -> argparse.ArgumentParser:
    from . import __getattr__ as lazy
    from .findings import PER_FILE_LIMIT

    main_parser = argparse.ArgumentParser(prog="caucasus-data", description=__doc__)
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {lazy('__version__')}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="rebuild data/ from seeds/ and curated/, then validate",
        description="Read seeds/ and the curated CSVs in curated/, parse the articles, compute the derived "
        "columns, write every CSV and Parquet file and data/datapackage.json, validate them, and put the new "
        "data/ in place of the old one in one step. Nothing is written unless the whole package is valid; "
        "the inputs are never written.",
    )
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 naming any stale file")
    build.add_argument("--root", default=".", help="the repository root (default: the working directory)")
    build.add_argument("--github", action="store_true", help="print findings as GitHub Actions annotations")
    build.set_defaults(run=cmd_build)

    validate = commands.add_parser(
        "validate",
        help="validate a data package",
        description="Run the Table Schema checks (frictionless' findings, computed "
        "as SQL on DuckDB) and the package's own checks; print one line per "
        "problem as file:row:field: message.",
    )
    validate.add_argument(
        "path",
        nargs="?",
        default=None,
        help="package directory or datapackage.json (default: the working directory, else the installed package)",
    )
    validate.add_argument("--github", action="store_true", help="print findings as GitHub Actions annotations")
    validate.add_argument(
        "--reference",
        action="store_true",
        help="run frictionless itself for the Table Schema checks (slower; the same findings)",
    )
    validate.add_argument(
        "--limit",
        type=_count,
        default=PER_FILE_LIMIT,
        metavar="N",
        help=f"list at most N findings per file, then count the rest (default {PER_FILE_LIMIT}; 0: list every finding)",
    )
    validate.set_defaults(run=cmd_validate)

    cite = commands.add_parser(
        "cite",
        help="print the evidence row for exact words of an article",
        description="Find exact words in an article of seeds/ and print the curated/evidence.csv row to "
        "paste (one row per occurrence, numbered, when the words occur more than once); when the words are "
        "not there, say which words are closest.",
    )
    cite.add_argument("article_id", help="the article id (the seed file name without .txt)")
    cite.add_argument("words", help="the exact words, as in the article")
    cite.add_argument("--subject", help="the id of the row the words support (fills subject_id)")
    cite.add_argument("--property", help="the field the words support, e.g. date_edtf")
    cite.add_argument("--value", help="the value of that field as this source gives it")
    cite.add_argument("--root", default=".", help="the repository root (default: the working directory)")
    cite.set_defaults(run=cmd_cite)

    new_article = commands.add_parser(
        "new-article",
        help="check a new article and show what the parser finds in it",
        description="Build a temporary copy of the package with FILE added to "
        "seeds/ and show the article's dateline, outlet, place, date, "
        "quotes and mentions, and any finding. Changes nothing.",
    )
    new_article.add_argument("file", help="the article, a UTF-8 text file (in seeds/ or elsewhere)")
    new_article.add_argument("--root", default=".", help="the repository root (default: the working directory)")
    new_article.set_defaults(run=cmd_new_article)

    tables = commands.add_parser("tables", help="list the tables", description="List the tables and their titles.")
    tables.set_defaults(run=cmd_tables)

    docs = commands.add_parser(
        "docs",
        help="regenerate docs/data-dictionary.md and docs/cli.md",
        description="Write the data dictionary (docs/data-dictionary.md, from schemas/*.json) "
        "and the command reference (docs/cli.md, from this program's commands). "
        "Only files whose text changes are written.",
    )
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 naming any stale document")
    docs.add_argument("--root", default=".", help="the repository root (default: the working directory)")
    docs.set_defaults(run=cmd_docs)

    timeline = commands.add_parser(
        "timeline",
        help="draw the events and agreements as a timeline (SVG, PNG, PDF)",
        description="Draw the published events and agreements by date. In a checkout, without a filter, "
        "write its figures docs/timeline.svg and docs/timeline.png; elsewhere (the installed package) or with "
        "a filter, write timeline.<format> into --out. Needs matplotlib: pip install 'caucasus-data[plot]'.",
    )
    timeline.add_argument(
        "--check",
        action="store_true",
        help="in a checkout, draw nothing; exit 1 naming a figure drawn from other data (needs no matplotlib)",
    )
    timeline.add_argument(
        "--root",
        help="a checkout or a published package (default: the working directory if it "
        "is a checkout, else the installed package)",
    )
    timeline.add_argument("--out", help="the directory to write into (in a checkout: the one holding docs/)")
    timeline.add_argument(
        "--format",
        action="append",
        choices=["svg", "png", "pdf"],
        help="a format to write (repeat for more; default svg and png)",
    )
    timeline.add_argument("--dpi", type=_dpi, help="dots per inch of a PNG (default 300; 150 for docs/timeline.png)")
    timeline.add_argument("--start", help="only what overlaps this day or later (YYYY-MM-DD)")
    timeline.add_argument("--end", help="only what overlaps this day or earlier (YYYY-MM-DD)")
    timeline.add_argument(
        "--event-type", action="append", metavar="TYPE", help="only events of this PLOVER type (repeat for more)"
    )
    timeline.add_argument(
        "--actor",
        action="append",
        metavar="ID",
        help="only events and agreements this entity, or a part of it, took part in",
    )
    timeline.set_defaults(run=cmd_timeline)

    export = commands.add_parser(
        "export",
        help="write the package as a SQLite file (keys, views, full-text search)",
        description="Write every table (with its primary and foreign keys), every view as a table, and "
        "full-text search over the article texts and the quotations (articles_fts, quotes_fts) into one "
        "SQLite file, replacing OUT; with --metadata, also Datasette's metadata.json.",
    )
    export.add_argument("format", choices=["sqlite"], help="the format to write: sqlite")
    export.add_argument("out", help="the file to write, e.g. caucasus.db")
    export.add_argument("--metadata", help="also write Datasette's metadata.json (descriptions, licences, queries)")
    export.add_argument("--root", help="a published package or a checkout (default: the installed package)")
    export.set_defaults(run=cmd_export)

    serve = commands.add_parser(
        "serve",
        help="browse the package in Datasette on 127.0.0.1",
        description="Export the package to SQLite and serve it read-only with Datasette on 127.0.0.1, with "
        "the descriptions of the schemas and canned queries. Needs: pip install 'caucasus-data[serve]'.",
    )
    serve.add_argument("--port", type=_port, default=8001, help="the port on 127.0.0.1 (default 8001)")
    serve.add_argument("--root", help="a published package or a checkout (default: the installed package)")
    serve.set_defaults(run=cmd_serve)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # the reader has gone (`caucasus-data validate | head`): the rest goes nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1  # the output was cut short
    except ImportError as exc:
        hint = "" if "pip install" in str(exc) else ". Install the tools with: pip install 'caucasus-data[validate]'"
        print(f"error: {exc}{hint}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad data (bad data gets findings): one line, unless debugging
        if os.environ.get("CAUCASUS_DATA_DEBUG"):
            raise
        if type(exc).__name__ == "OutOfMemoryException":  # DuckDB's, under its memory limit: not a bug
            from .validation import MEMORY_LIMIT

            print(
                f"error: DuckDB needs more memory than CAUCASUS_DATA_MEMORY_LIMIT={MEMORY_LIMIT} allows for this "
                "package; set it higher (for example CAUCASUS_DATA_MEMORY_LIMIT=1GB) and run again",
                file=sys.stderr,
            )
            return 1
        print(
            f"internal error: {type(exc).__name__}: {exc}. Please report it; set CAUCASUS_DATA_DEBUG=1 "
            "to see where it happened.",
            file=sys.stderr,
        )
        return 2


def run() -> None:
    """The `caucasus-data` command (and `python -m caucasus_data`): main() has closed what it opened (DuckDB
    connections, thread pools) by the time it returns its exit code."""
    sys.exit(main())
