"""Importing the package, or its parser, loads none of the heavy libraries: they load when used."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pyarrow", "pydantic", "frictionless", "pandas", "polars", "ahocorasick")


def test_imports_are_cheap():
    code = (
        "import sys, caucasus_data, caucasus_data.parse.quotes, caucasus_data.parse.pubdate, "
        "caucasus_data.pipeline.resolve; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""
