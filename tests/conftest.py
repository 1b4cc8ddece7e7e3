"""Shared fixtures: the repository, its real seeds and the curated names they need, and a copy of the
package that a test may break or rebuild (the real repository is never written by the tests)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE_PARTS = ("seeds", "curated", "schemas", "data", "datapackage.json")

TASS = "000_8730724a31ace38e"
ARMENPRESS = "003_ed509b88b2911dd7"
MEDIAMAX = "004_688db0f7b6e2a534"

# The curated names and aliases the parser tests rely on; a fixed list, so that adding curated rows
# elsewhere cannot change what these tests parse.
NAMES = [
    ("mikhail-galuzin", "Mikhail Galuzin"),
    ("mikhail-galuzin", "Galuzin"),
    ("ararat-mirzoyan", "Ararat Mirzoyan"),
    ("jeyhun-bayramov", "Jeyhun Bayramov"),
    ("hikmet-hajiyev", "Hikmet Hajiyev"),
    ("murat-nurtleu", "Murat Nurtleu"),
    ("tass", "TASS"),
    ("armenpress", "ARMENPRESS"),
    ("mediamax", "Mediamax"),
    ("armenia", "Armenia"),
    ("azerbaijan", "Azerbaijan"),
    ("kazakhstan", "Kazakhstan"),
    ("russia", "Russia"),
    ("moscow", "Moscow"),
    ("yerevan", "Yerevan"),
    ("almaty", "Almaty"),
]
PEOPLE = {
    "mikhail-galuzin": "Russian Deputy Foreign Minister.",
    "ararat-mirzoyan": "Minister of Foreign Affairs of the Republic of Armenia.",
    "jeyhun-bayramov": "Minister of Foreign Affairs of the Republic of Azerbaijan.",
    "hikmet-hajiyev": "Azerbaijani presidential aide.",
    "murat-nurtleu": "Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan.",
}
ORGANISATIONS = {"tass", "armenpress", "mediamax", "armenia", "azerbaijan", "kazakhstan", "russia"}


def copy_package(target: Path) -> Path:
    """A copy of the package's inputs and outputs in `target`."""
    for part in PACKAGE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def seed_text(stem: str) -> str:
    """A seed's text exactly as the build reads it (bytes decoded, no newline translation)."""
    return (REPO / "seeds" / f"{stem}.txt").read_bytes().decode("utf-8")


def read_rows(root: Path, table: str) -> list[dict[str, str]]:
    """The rows of a published table (data/<table>.csv)."""
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_curated(root: Path, table: str) -> list[dict[str, str]]:
    """The rows of a curated input (curated/<table>.csv), as typed."""
    with (root / "curated" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def append_rows(root: Path, table: str, lines: list[str]) -> None:
    """Add CSV lines (already quoted) to a curated table of a package copy."""
    with (root / "curated" / f"{table}.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("".join(line + "\n" for line in lines))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every published file's bytes (data/), by path relative to `root`."""
    files = {}
    files.update({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").iterdir())})
    return files


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package that a test may edit and rebuild."""
    return copy_package(tmp_path / "package")


# Broken-contribution tests run a whole build per case: in the quick tier (-m "not slow") the first case
# of each parametrized test stands for the others (the same code path, other bytes); all run in the full one.
FIRST_CASE_ONLY_WHEN_QUICK = {"test_bad_input.py", "test_hostile.py"}


def pytest_collection_modifyitems(config, items):
    seen: set[tuple[str, str]] = set()
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or item.path.name not in FIRST_CASE_ONLY_WHEN_QUICK:
            continue
        key = (item.path.name, item.originalname)
        if key in seen:
            item.add_marker(pytest.mark.slow)
        seen.add(key)
