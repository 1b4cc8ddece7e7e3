"""Shared fixtures: the real seeds, the curated names that exist for them, and a copy of the package."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TASS = "000_8730724a31ace38e"
ARMENPRESS = "003_ed509b88b2911dd7"
MEDIAMAX = "004_688db0f7b6e2a534"

# The curated names and aliases these tests may rely on (rows of data/ that the seeds need); other rows
# are being added in parallel, so parser tests use this fixed list rather than the live CSVs.
NAMES = [
    ("mikhail-galuzin", "Mikhail Galuzin"), ("mikhail-galuzin", "Galuzin"),
    ("ararat-mirzoyan", "Ararat Mirzoyan"), ("jeyhun-bayramov", "Jeyhun Bayramov"),
    ("hikmet-hajiyev", "Hikmet Hajiyev"), ("murat-nurtleu", "Murat Nurtleu"),
    ("tass", "TASS"), ("armenpress", "ARMENPRESS"), ("mediamax", "Mediamax"),
    ("armenia", "Armenia"), ("azerbaijan", "Azerbaijan"), ("kazakhstan", "Kazakhstan"), ("russia", "Russia"),
    ("moscow", "Moscow"), ("yerevan", "Yerevan"), ("almaty", "Almaty"),
]
PEOPLE = {
    "mikhail-galuzin": "Russian Deputy Foreign Minister.",
    "ararat-mirzoyan": "Minister of Foreign Affairs of the Republic of Armenia.",
    "jeyhun-bayramov": "Minister of Foreign Affairs of the Republic of Azerbaijan.",
    "hikmet-hajiyev": "Azerbaijani presidential aide.",
    "murat-nurtleu": "Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan.",
}
ORGANISATIONS = {"tass", "armenpress", "mediamax", "armenia", "azerbaijan", "kazakhstan", "russia"}


def seed_text(stem: str) -> str:
    """A seed's text exactly as the build reads it (bytes decoded, no newline translation)."""
    return (REPO / "seeds" / f"{stem}.txt").read_bytes().decode("utf-8")


def read_rows(root: Path, table: str) -> list[dict[str, str]]:
    with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def append_rows(root: Path, table: str, lines: list[str]) -> None:
    """Add CSV lines (already quoted) to a curated table of a package copy."""
    with (root / "data" / f"{table}.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("".join(line + "\n" for line in lines))


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package to build in: the real repository is never written by the tests."""
    root = tmp_path / "package"
    root.mkdir()
    for folder in ("seeds", "schemas", "data"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy2(REPO / "datapackage.json", root / "datapackage.json")
    return root
