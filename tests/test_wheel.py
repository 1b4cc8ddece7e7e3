"""The sdist and the wheel carry the data, and an installed wheel loads it from any directory, offline.

`python -m build` makes the sdist and then the wheel from the unpacked sdist, so the wheel tested here proves
the sdist complete too. The fresh environment gets the wheel by `pip install --no-index --no-deps` (no
network); its dependencies come from this test environment through a .pth file, after the wheel's own files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import zipfile
from importlib.util import find_spec
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

TABLES = sorted(p.stem for p in (REPO / "schemas").glob("*.json"))
BACKENDS = ["pyarrow"] + [name for name in ("pandas", "polars", "duckdb") if find_spec(name)]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return {"sdist": next(out.glob("caucasus_data-*.tar.gz")), "wheel": next(out.glob("caucasus_data-*.whl"))}


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    return dist["wheel"]


@pytest.fixture(scope="module")
def venv_python(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with only the wheel installed, and the test environment's libraries."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "--isolated", "install", "--no-index", "--no-deps", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # .pth lines are appended to sys.path: the wheel's caucasus_data comes first; pyarrow and the rest after.
    (site / "zz-test-environment.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python


def run(python: Path, code: str, cwd: Path) -> subprocess.CompletedProcess:
    # -I: neither the working directory nor PYTHON* variables can put the checkout on the path.
    return subprocess.run([str(python), "-I", "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True)


def test_sdist_has_what_a_rebuild_and_a_reader_need(dist):
    with tarfile.open(dist["sdist"]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for table in TABLES:
        assert {f"data/{table}.csv", f"data/{table}.parquet", f"schemas/{table}.json"} <= names
    curated = [t for t in TABLES if t not in ("articles", "quotes", "mentions")]
    assert {f"curated/{table}.csv" for table in curated} <= names
    for name in (
        "datapackage.json",
        "data/datapackage.json",
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "LICENSE-DATA",
        "CITATION.cff",
        "CHANGELOG.md",
        "DATASHEET.md",
        "docs/data-dictionary.md",
        "src/caucasus_data/__init__.py",
    ):
        assert name in names, name
    assert any(name.startswith("seeds/") for name in names)


def test_wheel_contains_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in TABLES:
        assert f"caucasus_data/data/{table}.parquet" in names
        assert f"caucasus_data/data/{table}.csv" in names
    assert "caucasus_data/data/datapackage.json" in names
    assert "caucasus_data/py.typed" in names
    # Only the published package ships: no inputs, no hidden files.
    assert not [n for n in names if n.startswith(("caucasus_data/curated", "caucasus_data/seeds")) or "/." in n]


def test_core_install_is_small_and_extras_exist(wheel):
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    core = sorted(r.split(">")[0].split("<")[0].split("=")[0] for r in requires if "extra ==" not in r)
    assert core == ["pyarrow", "pydantic"]
    extras = {line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Provides-Extra:")}
    assert {"pandas", "polars", "duckdb", "validate", "plot", "serve", "all"} <= extras
    # The authors and the Project-URLs travel with the wheel (the index and pip show them).
    assert "Author: caucasus-data maintainers" in metadata.splitlines()
    urls = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Project-URL:")]
    assert urls == ["Data licence (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/"]


def test_installed_wheel_loads_every_table_with_every_backend(venv_python, tmp_path):
    code = f"""
        import json, caucasus_data as cd
        from caucasus_data.model.locate import installed_root
        out = {{"root": str(installed_root()), "version": cd.__version__, "rows": {{}}}}
        for name in cd.tables():
            rows = {{}}
            for backend in {BACKENDS!r}:
                table = cd.load(name, backend=backend)
                rows[backend] = {{"pyarrow": lambda t: t.num_rows, "pandas": len, "polars": lambda t: t.height,
                                  "duckdb": lambda t: t.count("*").fetchall()[0][0]}}[backend](table)
            rows["records"] = len(cd.records(name))
            out["rows"][name] = rows
        if "duckdb" in {BACKENDS!r}:
            out["sql"] = cd.connect().sql("select count(*) from quotes_named").fetchall()[0][0]
        print(json.dumps(out))
    """
    result = run(venv_python, code, tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    site = subprocess.run(
        [str(venv_python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out["root"].startswith(site)
    assert out["version"] == json.loads((REPO / "datapackage.json").read_text())["version"]
    assert sorted(out["rows"]) == TABLES
    for name, rows in out["rows"].items():
        assert len(set(rows.values())) == 1, (name, rows)  # every backend sees the same rows
    assert out["rows"]["people"]["pyarrow"] >= 5
    if "duckdb" in BACKENDS:
        assert out["sql"] == out["rows"]["quotes"]["pyarrow"]


@pytest.mark.parametrize("extra", ["pandas", "polars", "duckdb"])
def test_installed_wheel_names_a_missing_extra_in_one_line(venv_python, tmp_path, extra):
    code = f"""
        import sys
        sys.modules[{extra!r}] = None  # as if the extra were not installed
        import caucasus_data as cd
        try:
            cd.load("people", backend={extra!r})
        except ImportError as exc:
            print(exc)
    """
    result = run(venv_python, code, tmp_path)
    assert result.returncode == 0, result.stderr
    message = result.stdout.strip()
    assert "\n" not in message and f"pip install 'caucasus-data[{extra}]'" in message


def test_installed_wheel_without_the_validate_extra_names_it(venv_python, tmp_path):
    """`pip install .` brings what load and records need; validate then names the extra it needs."""
    code = """
        import sys
        sys.modules["numpy"] = sys.modules["pycountry"] = None  # as if the extra were not installed
        import caucasus_data as cd
        try:
            cd.validate()
        except ImportError as exc:
            print(exc)
        from caucasus_data.cli import main
        sys.exit(main(["validate"]))
    """
    result = run(venv_python, code, tmp_path)
    assert result.stdout.strip() == "validate() needs numpy, pycountry: pip install 'caucasus-data[validate]'"
    assert result.returncode == 1
    assert result.stderr.strip() == "error: validate() needs numpy, pycountry: pip install 'caucasus-data[validate]'"


def test_installed_command_works_from_another_directory(venv_python, tmp_path):
    version = json.loads((REPO / "datapackage.json").read_text())["version"]
    result = subprocess.run(
        [str(venv_python), "-I", "-m", "caucasus_data", "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.stdout.strip() == f"caucasus-data {version}"
    script = venv_python.parent / "caucasus-data"
    tables = subprocess.run([str(script), "tables"], cwd=tmp_path, capture_output=True, text=True)
    assert tables.returncode == 0 and tables.stdout.split()[0] == "agreement_parties"
    if find_spec("frictionless"):
        validate = subprocess.run([str(script), "validate"], cwd=tmp_path, capture_output=True, text=True)
        assert validate.returncode == 0, validate.stdout + validate.stderr


def test_installed_wheel_runs_every_readme_example_from_another_directory(venv_python, tmp_path):
    """The acceptance of a first hour with the package: every example of the README, as a doctest, from a
    directory that is no checkout, with only the wheel installed."""
    code = f"""
        import doctest, sys
        result = doctest.testfile({str(REPO / "README.md")!r}, module_relative=False, optionflags=doctest.ELLIPSIS)
        print(result.attempted, result.failed)
        sys.exit(1 if result.failed or not result.attempted else 0)
    """
    result = run(venv_python, code, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    attempted, failed = map(int, result.stdout.split()[-2:])
    assert attempted >= 30 and failed == 0


def test_installed_wheel_computes_the_views_and_draws_and_exports(venv_python, tmp_path):
    code = """
        import json, sqlite3, caucasus_data as cd
        out = {name: cd.load(name).num_rows for name in cd.views()}
        out["path"] = str(cd.path("events"))
        out["sqlite"] = sqlite3.connect(cd.export_sqlite("c.db")).execute("select count(*) from quotes_named").fetchone()[0]
        print(json.dumps(out))
    """
    result = run(venv_python, code, tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["quotes_named"] == out["sqlite"] > 0 and out["event_participants_named"] > 0
    assert "site-packages" in out["path"] or "dist-packages" in out["path"]
    if find_spec("matplotlib"):
        script = venv_python.parent / "caucasus-data"
        drawn = subprocess.run(
            [str(script), "timeline", "--format", "pdf"], cwd=tmp_path, capture_output=True, text=True
        )
        assert drawn.returncode == 0, drawn.stderr
        assert (tmp_path / "timeline.pdf").read_bytes().startswith(b"%PDF")
