"""Reading a package's files as untrusted input: only regular files inside the package, each within a size.

Contributions come by pull request, so a path in a descriptor, a seed or a curated file may be a symbolic link
to a secret, a FIFO that never ends, a device, or a file far larger than any table. Every input is read here:
each part of its path is looked at without following links (lstat), and the file is opened without following a
link either, so that what is checked is what is read.

>>> from caucasus_data.model.locate import checkout_root
>>> len(read_input(checkout_root(), "seeds/000_8730724a31ace38e.txt", limit=1 << 20)) > 0
True
>>> unsafe_path("../etc/passwd")
"must stay inside the package: no '..', absolute paths or backslashes"
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..findings import Finding


class InputError(Exception):
    """A file that cannot be read as an input; `finding` says why, naming the file."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


def unsafe_path(path: object) -> str | None:
    """Why `path` is not a relative path inside a package (`data/people.csv`), or None when it is."""
    if not isinstance(path, str) or not path:
        return "must be a relative path such as data/people.csv"
    if "://" in path or "$" in path or path.startswith("~"):
        return "must be a relative path inside the package, not a URL or a variable"
    parts = PurePosixPath(path).parts
    if path.startswith("/") or "\\" in path or ":" in path or ".." in parts:
        return "must stay inside the package: no '..', absolute paths or backslashes"
    if any(part.startswith(".") for part in parts):
        return "must not name a hidden file or folder"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(root: Path, relative: str) -> os.stat_result:
    """The lstat of `root/relative` when every part of it is a real folder or file inside `root`."""
    problem = unsafe_path(relative)
    if problem:
        raise InputError(Finding(relative, None, None, "unsafe-path", f"the path {problem}"))
    here = root
    parts = PurePosixPath(relative).parts
    for depth, part in enumerate(parts):
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            raise InputError(Finding(relative, None, None, "missing-file", "the file is missing")) from None
        except OSError as exc:
            raise InputError(Finding(relative, None, None, "io-error", f"cannot be read: {exc.strerror}")) from None
        last = depth == len(parts) - 1
        if stat.S_ISLNK(info.st_mode) or (last and not stat.S_ISREG(info.st_mode)):
            raise InputError(
                Finding(relative, None, None, "not-a-file", f"is {_kind(info.st_mode)}; only regular files are read")
            )
        if not last and not stat.S_ISDIR(info.st_mode):
            raise InputError(Finding(relative, None, None, "not-a-file", f"{part} is not a folder"))
    return info


def read_input(root: Path, relative: str, limit: int) -> bytes:
    """The bytes of the regular file `root/relative`, at most `limit` of them (more is a finding)."""
    info = check_regular(root, relative)
    if info.st_size > limit:
        raise InputError(Finding(relative, None, None, "file-size", f"is {info.st_size:,} bytes; at most {limit:,}"))
    with open_input(root, relative) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(Finding(relative, None, None, "file-size", f"is more than {limit:,} bytes"))
    return data


def open_input(root: Path, relative: str) -> BinaryIO:
    """The regular file `root/relative` opened for reading, once `check_regular` has passed it: not through a
    link or a pipe put in its place since."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(root / relative, flags)
    except OSError as exc:  # replaced by a link or a pipe since the lstat
        raise InputError(Finding(relative, None, None, "io-error", f"cannot be read: {exc.strerror}")) from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise InputError(Finding(relative, None, None, "not-a-file", "is not a regular file"))
    return handle


def list_folder(root: Path, folder: str) -> list[str]:
    """The names in `root/folder`, sorted (an empty list when the folder is missing); the folder itself must be
    a real folder inside the package, not a link."""
    try:
        info = os.lstat(root / folder)
    except FileNotFoundError:
        return []
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(Finding(folder, None, None, "not-a-file", f"{folder}/ is {_kind(info.st_mode)}, not a folder"))
    return sorted(os.listdir(root / folder))
