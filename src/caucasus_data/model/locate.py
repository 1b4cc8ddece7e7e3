"""Where the data package is: the checkout an editable install runs from, or the copy shipped in the wheel.

The published package is a folder holding `datapackage.json` and every table's CSV and Parquet file: `data/`
of a checkout, `caucasus_data/data/` inside an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

from .layout import CURATED, DATA, DESCRIPTOR, SCHEMAS, SEEDS

HERE = Path(__file__).resolve().parent


def checkout_root() -> Path:
    """The repository an editable install runs from (raises when the package was installed from a wheel).

    >>> (checkout_root() / "schemas").is_dir()
    True
    """
    root = HERE.parents[2]  # src/caucasus_data/model -> the repository
    if is_checkout(root):
        return root
    raise FileNotFoundError("caucasus_data: this installation is not a checkout (it was installed from a wheel)")


def is_checkout(path: Path) -> bool:
    """Whether `path` is a checkout: the inputs the build reads (a published package alone is not)."""
    return (path / DESCRIPTOR).is_file() and all((path / part).is_dir() for part in (SCHEMAS, CURATED, SEEDS))


def installed_root() -> Path:
    """The published package shipped with the library: inside the wheel, else the checkout's data/.

    >>> (installed_root() / "datapackage.json").is_file()
    True
    """
    # The folder next to this package, as importlib.resources.files() would give for an installed wheel,
    # without importing importlib.resources (about 10 ms, a tenth of what load() may cost).
    shipped = HERE.parent / DATA
    if (shipped / DESCRIPTOR).is_file():
        return shipped
    checkout = HERE.parents[2] / DATA  # an editable install has no copy: the checkout's data/
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise FileNotFoundError("caucasus_data: the data package is missing from this installation")


def package_root(path: str | Path | None = None) -> Path:
    """The package at `path` (a folder or its datapackage.json); with no path, the checkout in the working
    directory, else the installed package."""
    if path is not None:
        root = Path(path)
        return root.parent if root.name == DESCRIPTOR else root
    here = Path.cwd()
    return here if is_checkout(here) else installed_root()
