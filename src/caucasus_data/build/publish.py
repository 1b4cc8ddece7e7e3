"""Writing the built files so that a build stopped at any moment leaves the old files or the new ones.

The build writes a complete new `data/` in a staging directory beside it, validates it there, then
swaps the two directories in one atomic `renameat2(RENAME_EXCHANGE)` and replaces `datapackage.json` in
one atomic rename. Where the system has no exchange call, each file is replaced by its own atomic rename.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".build-staging-"


def stage(root: Path, files: dict[str, bytes]) -> Path:
    """A staging package inside `root` (same filesystem): schemas, all of data/, and the new files."""
    for leftover in root.glob(STAGING_PREFIX + "*"):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    shutil.copytree(root / "schemas", staging / "schemas")
    if (root / "data").is_dir():
        shutil.copytree(root / "data", staging / "data")
    for relative, data in files.items():
        write(staging, relative, data)
    return staging


def write(staging: Path, relative: str, data: bytes) -> None:
    target = staging / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def stale(root: Path, files: dict[str, bytes], same) -> list[str]:
    """The files whose published version differs from the built one (`same(path, data)` compares)."""
    return [
        relative
        for relative, data in files.items()
        if not (root / relative).is_file() or not same(root / relative, data)
    ]


def replace(root: Path, staging: Path, changed: list[str]) -> None:
    """Publish the staged files: data/ in one step, then the descriptor in one step."""
    if any(relative.startswith("data/") for relative in changed):
        _fsync_tree(staging / "data")
        if (root / "data").is_dir() and _exchange(staging / "data", root / "data"):
            pass
        else:
            for relative in changed:
                if relative.startswith("data/"):
                    os.replace(staging / relative, root / relative)
    if "datapackage.json" in changed:
        os.replace(staging / "datapackage.json", root / "datapackage.json")


def _fsync_tree(directory: Path) -> None:
    for path in directory.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically; False when the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
