"""Shared fixtures: the repository, and a throwaway copy of the package to break or rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE_PARTS = ("seeds", "schemas", "data", "datapackage.json")


def copy_package(target: Path) -> Path:
    """A copy of the package's inputs and outputs in `target`."""
    for part in PACKAGE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package that a test may edit and rebuild."""
    return copy_package(tmp_path / "package")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every published file's bytes, by path relative to `root`."""
    files = {"datapackage.json": (root / "datapackage.json").read_bytes()}
    files.update({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").iterdir())})
    return files
