"""The publish step: the new data/ takes the old one's place in one step, one build at a time.

- One build or check at a time per package: each holds the lock file `.caucasus-data.lock` while it reads the
  inputs and writes; a second run waits for the first (and says so), up to `WAIT` seconds.
- A build writes the whole new package into `.caucasus-data-staging/` (beside data/, on the same filesystem),
  validates it there, and then swaps the two folders in one atomic call: `renameat2(RENAME_EXCHANGE)` on Linux,
  `renamex_np(RENAME_SWAP)` on macOS. A build stopped at any moment leaves data/ all old or all new.
- Where the system or the filesystem has no atomic swap (Windows, some network filesystems), the old data/ is
  renamed aside and the new one renamed into place: a build killed between the two renames leaves no data/,
  and the next build or check puts the old one back before it does anything else.
- A check (`build --check`) stages in a temporary folder of the system's own, never where a build stages.
- What a killed build left behind is removed only by the next run that holds the lock, when its owner is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..model.layout import DATA

LOCK = ".caucasus-data.lock"
STAGING = ".caucasus-data-staging"
ASIDE = ".caucasus-data-old"
WAIT = 600.0  # seconds a run waits for another one to finish


class Busy(Exception):
    """Another build or check of the package held the lock for longer than the wait."""


@contextlib.contextmanager
def locked(root: Path, wait: float | None = None, say=None) -> Iterator[None]:
    """Hold the package's lock for the length of the block (waiting up to `wait` seconds, default `WAIT`);
    `say(message)` is told when the run must wait."""
    wait = WAIT if wait is None else wait
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline, told = time.monotonic() + wait, False
        while not _try_lock(fd):
            if not told and say:
                say("another build or check of this package is running; waiting for it to finish")
                told = True
            if time.monotonic() > deadline:
                raise Busy(f"another build or check of {root} held it for more than {wait:.0f} s")
            time.sleep(0.05)
        try:
            recover(root)
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def recover(root: Path) -> None:
    """Undo what a killed run left, under the lock: a half-done fallback swap is put back, staging removed."""
    data, aside = root / DATA, root / ASIDE
    if aside.is_dir() and not data.exists():
        os.rename(aside, data)  # the old data/, renamed aside just before the run was stopped
    shutil.rmtree(aside, ignore_errors=True)
    shutil.rmtree(root / STAGING, ignore_errors=True)


@contextlib.contextmanager
def staging(root: Path, check: bool) -> Iterator[Path]:
    """A fresh, empty folder for the new data/: beside data/ for a build, in the system's temporary folder for a
    check. It is removed afterwards, whatever happens."""
    if check:
        folder = Path(tempfile.mkdtemp(prefix="caucasus-data-check-"))
    else:
        folder = root / STAGING
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write(folder: Path, files: dict[str, bytes]) -> None:
    """Write the files (by name) into `folder`, each flushed to disk, so that the swap publishes whole files."""
    for name, data in files.items():
        with open(folder / name, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def stale(root: Path, files: dict[str, bytes], same) -> list[str]:
    """The published files (`data/<name>`) that differ from the built ones, or are missing or extra."""
    data = root / DATA
    have = {p.name for p in data.iterdir()} if data.is_dir() and not data.is_symlink() else set()
    changed = [
        f"{DATA}/{name}" for name, content in files.items() if name not in have or not same(data / name, content)
    ]
    return changed + [f"{DATA}/{name}" for name in sorted(have - set(files))]


def publish(root: Path, folder: Path) -> None:
    """Put the staged folder in data/'s place, in one step where the system can."""
    data = root / DATA
    try:
        info = os.lstat(data)
    except FileNotFoundError:
        os.rename(folder, data)
        return
    if not stat.S_ISDIR(info.st_mode):
        raise OSError(errno.ENOTDIR, f"{DATA}/ is not a folder (a link or a file); move it away and build again")
    if _exchange(folder, data):
        shutil.rmtree(folder, ignore_errors=True)  # now the old data/
        return
    # No atomic swap here: two renames, which recover() completes backwards if the run stops between them.
    os.rename(data, root / ASIDE)
    os.rename(folder, data)
    shutil.rmtree(root / ASIDE, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False when the system or the filesystem cannot."""
    try:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            call = getattr(libc, "renameat2", None)
            at_fdcwd, rename_exchange = -100, 2
            return call is not None and call(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
        if sys.platform == "darwin":
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            call = getattr(libc, "renamex_np", None)
            rename_swap = 2
            return call is not None and call(os.fsencode(a), os.fsencode(b), rename_swap) == 0
    except OSError:  # no C library to load
        return False
    return False
