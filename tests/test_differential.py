"""The DuckDB checks report exactly what frictionless reports: the same findings, in the same order.

Small synthetic packages (benchmarks/synthetic.py) are broken on purpose (benchmarks/mutate.py): every kind
of mutation once, then many random mixes of them from seeded generators. frictionless is the reference.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO

from caucasus_data.validation.tableschema import check
from caucasus_data.validation.tabular import frictionless_findings

sys.path.insert(0, str(REPO / "benchmarks"))
import mutate
import synthetic

pytestmark = pytest.mark.slow

RANDOM_CASES = 80


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "package"
    synthetic.write_package(root, articles=6)
    return root


def _broken(base: Path, target: Path, seed: int, kinds: list[str]) -> list[str]:
    shutil.copytree(base, target)
    mutator = mutate.Mutator(target, random.Random(seed))
    return [mutator.apply(kind) for kind in kinds]


def _same(root: Path, done: list[str]):
    import duckdb

    fast = check(duckdb.connect(), root)
    reference = frictionless_findings(root)
    assert [str(f) for f in fast.findings] == [str(f) for f in reference], done
    return fast


def test_the_synthetic_package_is_valid_and_read_without_frictionless(base):
    fast = _same(base, [])
    assert fast.findings == [] and fast.delegated == {}


@pytest.mark.parametrize("kind", mutate.KINDS)
def test_each_kind_of_mutation(base, tmp_path, kind):
    done = _broken(base, tmp_path / "package", seed=len(kind), kinds=[kind])
    fast = _same(tmp_path / "package", done)
    assert fast.delegated == {}, "frictionless should not be needed for this file"


@pytest.mark.parametrize("kind", mutate.FALLBACK_KINDS)
def test_files_frictionless_reads_its_own_way_are_left_to_it(base, tmp_path, kind):
    done = _broken(base, tmp_path / "package", seed=1, kinds=["enum", "duplicate-row", kind])
    fast = _same(tmp_path / "package", done)
    assert fast.delegated, "the mutation should send at least one file to frictionless"


@pytest.mark.parametrize("seed", range(RANDOM_CASES))
def test_random_mixes_of_mutations(base, tmp_path, seed):
    rng = random.Random(seed)
    kinds = [rng.choice(mutate.KINDS) for _ in range(rng.choice([1, 2, 3, 5]))]
    if rng.random() < 0.2:
        kinds.append(rng.choice(mutate.FALLBACK_KINDS))
    done = _broken(base, tmp_path / "package", seed=seed, kinds=kinds)
    _same(tmp_path / "package", done)


def test_the_error_limit_and_the_order_of_a_rows_errors(tmp_path):
    """frictionless stops a file at 1,000 errors, partway through a row: the order inside a row matters."""
    root = tmp_path / "package"
    synthetic.write_package(root, articles=60)
    path = root / "data" / "mentions.csv"
    rows = mutate.read_rows(path)
    for i, row in enumerate(rows[1:], start=1):
        row[3] = "x"  # char_start: a type error
        if i % 2:
            row[4] = "-1"  # char_end: below its minimum
        if i % 3 == 0:
            row[1] = "nowhere"  # article_id: a foreign key error
        if i % 5 == 0:
            row[0] = rows[1][0]  # mention_id: unique and primary key errors
        if i % 7 == 0:
            row[5] = ""  # surface: a required value
    mutate.write_rows(path, rows)
    fast = _same(root, ["mass errors in mentions"])
    assert len([f for f in fast.findings if f.file == "data/mentions.csv"]) == 1000


def test_the_benchmark_package_with_errors_of_every_kind(tmp_path):
    """What benchmarks/run.py checks at 100,000 articles, at 300: generate.py's injected errors."""
    import generate

    root = tmp_path / "package"
    assert generate.main([str(root), "--articles", "300", "--errors", "40"]) == 0
    fast = _same(root, ["generate.py --errors 40"])
    kinds = {f.kind for f in fast.findings}
    assert {
        "type-error",
        "constraint-error",
        "foreign-key",
        "primary-key",
        "blank-row",
        "extra-cell",
        "missing-cell",
        "stale",
    } <= kinds, kinds


def test_a_header_short_of_more_than_a_thousand_fields(base, tmp_path):
    """frictionless stops at the header's first 1,000 missing labels, and reads no row (nor the file's hash)."""
    import json

    root = tmp_path / "package"
    shutil.copytree(base, root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    path = root / next(r["schema"] for r in descriptor["resources"] if r["name"] == "sources")
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"] += [{"name": f"f{k}", "type": "integer"} for k in range(1200)]
    path.write_text(json.dumps(schema), encoding="utf-8")
    fast = _same(root, ["1,200 fields more than labels"])
    assert {f.kind for f in fast.findings} == {"missing-label"} and len(fast.findings) == 1000
