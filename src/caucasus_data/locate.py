"""Where the data package lives: a repository checkout, or the copy shipped inside the wheel."""

from __future__ import annotations

from pathlib import Path

DESCRIPTOR = "datapackage.json"


def installed_root() -> Path:
    """The package shipped with the library: inside the wheel, else the checkout it was installed from.

    >>> (installed_root() / "datapackage.json").is_file()
    True
    """
    # The package directory next to this file, as importlib.resources.files() would give for an installed
    # wheel, without importing importlib.resources (about 10 ms, a tenth of what load() may cost).
    shipped = Path(__file__).resolve().parent / "package"
    if (shipped / DESCRIPTOR).is_file():
        return shipped
    # An editable install has no copy: the package is the repository around src/.
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise FileNotFoundError("caucasus_data: the data package is missing from this installation")


def package_root(path: str | Path | None = None) -> Path:
    """The package at `path`; with no path, the one in the working directory, else the installed one."""
    if path is not None:
        root = Path(path)
        return root.parent if root.name == DESCRIPTOR else root
    here = Path.cwd()
    if (here / DESCRIPTOR).is_file() and (here / "schemas").is_dir():
        return here
    return installed_root()
