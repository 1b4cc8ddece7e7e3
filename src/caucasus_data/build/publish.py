"""Writing the built files: to a staging directory first, then into the package only when valid."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def stage(root: Path, files: dict[str, bytes]) -> Path:
    """A staging copy of the package (schemas and the new files) inside `root`, on the same filesystem."""
    staging = Path(tempfile.mkdtemp(prefix=".build-staging-", dir=root))
    shutil.copytree(root / "schemas", staging / "schemas")
    for relative, data in files.items():
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return staging


def stale(root: Path, files: dict[str, bytes], same) -> list[str]:
    """The files whose published version differs from the built one (`same(path, data)` compares)."""
    return [relative for relative, data in files.items()
            if not (root / relative).is_file() or not same(root / relative, data)]


def replace(root: Path, staging: Path, relatives: list[str]) -> None:
    """Move the staged files over the published ones, each in one atomic rename."""
    for relative in relatives:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / relative, target)
