"""Write a synthetic caucasus-data package of a chosen size, clean or with errors of every kind.

    python benchmarks/generate.py /tmp/pkg --articles 100000            # about 1,000,000 mentions
    python benchmarks/generate.py /tmp/bad --articles 100000 --errors 300 # and 300 mutations
    python benchmarks/generate.py /tmp/src --inputs --articles 10000 --entities 5000   # for `build`

The package uses the real schemas (copied from schemas/). With --errors, mutations of every kind that
frictionless reports are injected (see mutate.py): cell types and constraints, repeated ids and rows,
dangling foreign keys, blank rows, extra and missing cells spread over the big tables, header problems in
the small ones (where they do not cut a big file short at frictionless' 1,000 errors), and the descriptor's
sizes and hashes left stale for the files that changed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutate
import synthetic

BIG = ["mentions", "quotes", "evidence", "articles"]
ROW_KINDS = [
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
    "odd-value",
]
HEADER_KINDS = ["header-rename", "header-extra", "header-drop", "header-blank", "header-duplicate", "header-swap"]
SMALL = ["sources", "agreement_parties", "agreements"]


def inject_errors(root: Path, count: int, seed: int = 0) -> list[str]:
    """About `count` mutations: row-level ones in every table, header ones in three small tables."""
    rng = random.Random(seed)
    done = []
    rows = mutate.Mutator(root, rng, batch=True)  # every file read and written once
    for i in range(count):
        done.append(rows.apply(ROW_KINDS[i % len(ROW_KINDS)]))
    rows.flush()
    for kind, table in zip(HEADER_KINDS, SMALL * 2):
        done.append(mutate.Mutator(root, rng, tables=[table]).apply(kind))
    small = mutate.Mutator(root, rng, tables=SMALL)
    done.append(small.apply("bom"))
    done.append(small.apply("odd-quote"))
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write (replaced)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--entities", type=int, default=None, help="curated entities (default: articles / 15, or 5000 with --inputs)"
    )
    parser.add_argument("--errors", type=int, default=0, help="mutations to inject (0: a valid package)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--parquet", action="store_true", help="also write the Parquet files")
    parser.add_argument("--inputs", action="store_true", help="write seeds and curated CSVs for `build` instead")
    args = parser.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    start = time.perf_counter()
    if args.inputs:
        counts = synthetic.write_inputs(args.out, args.articles, args.entities or 5000, args.seed)
    else:
        counts = synthetic.write_package(args.out, args.articles, args.entities, args.seed)
        if args.parquet:
            print(f"Parquet: {synthetic.write_parquet(args.out):,} bytes", file=sys.stderr)
        if args.errors:
            print(f"{len(inject_errors(args.out, args.errors, args.seed))} mutations injected", file=sys.stderr)
    print(", ".join(f"{name} {n:,}" for name, n in counts.items()), file=sys.stderr)
    print(f"written in {time.perf_counter() - start:.1f} s: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
