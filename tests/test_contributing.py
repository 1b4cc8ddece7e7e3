"""The worked example of CONTRIBUTING.md, followed step by step on a copy of the package."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

BLOCK = re.compile(r"<!-- example-(file|append|run)(?:: (\S+))? -->\n```\w*\n(.*?)```", re.DOTALL)


def test_worked_example(package):
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    steps = BLOCK.findall(guide)
    assert [kind for kind, _, _ in steps].count("run") == 1
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for kind, path, body in steps:
        if kind == "file":
            (package / path).write_text(body, encoding="utf-8")
        elif kind == "append":
            with (package / path).open("a", encoding="utf-8") as handle:
                handle.write(body)
        else:
            result = subprocess.run(["bash", "-e", "-c", body], cwd=package, env=env, capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr

    def rows(table):
        with (package / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    article = next(r for r in rows("articles") if r["article_id"] == "900_example")
    assert (article["outlet_id"], article["dateline_place_id"], article["published_date"]) == (
        "example-agency",
        "gyumri",
        "2025-03-03",
    )
    quote = next(r for r in rows("quotes") if r["article_id"] == "900_example")
    assert (quote["speaker_id"], quote["attribution"], quote["text"]) == (
        "anna-sample",
        "Sample said",
        "We agreed to share our data,",
    )
    assert {r["entity_id"] for r in rows("mentions") if r["article_id"] == "900_example"} >= {
        "anna-sample",
        "ben-example",
        "example-institute",
        "example-foundation",
        "gyumri",
        "example-agency",
    }
    event = next(r for r in rows("events") if r["event_id"] == "gyumri-meeting-2025-03-03")
    assert (event["start_date"], event["end_date"], event["date_precision"]) == ("2025-03-03", "2025-03-03", "day")
    import pyarrow.parquet as pq

    people = pq.read_table(package / "data" / "people.parquet").column("person_id").to_pylist()
    assert "anna-sample" in people
