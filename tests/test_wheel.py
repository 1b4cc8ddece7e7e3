"""The wheel carries the data, and an installed wheel loads it from any directory."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
                   check=True, capture_output=True)
    return next(out.glob("caucasus_data-*.whl"))


def test_wheel_contains_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in (p.stem for p in (REPO / "schemas").glob("*.json")):
        assert f"caucasus_data/package/data/{table}.parquet" in names
        assert f"caucasus_data/package/data/{table}.csv" in names
        assert f"caucasus_data/package/schemas/{table}.json" in names
    assert "caucasus_data/package/datapackage.json" in names


def test_installed_wheel_loads_from_another_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    with zipfile.ZipFile(wheel) as archive:  # install by unpacking: no network, no pip needed
        archive.extractall(site)
    # pyarrow and pydantic come from the test environment, after the wheel's own files.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    code = "import caucasus_data as cd; print(cd.load('people', backend='pyarrow').num_rows, cd.locate.installed_root())"
    out = subprocess.run([str(python), "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    rows, root = out.stdout.split()
    assert int(rows) >= 5
    assert root.startswith(str(site))
