"""A build killed at any moment leaves data/ and datapackage.json exactly as before or exactly as after."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time

import pytest
from conftest import snapshot

from caucasus_data.pipeline import build

pytestmark = pytest.mark.slow

KILLS = 20


def _restore(package, saved):
    shutil.rmtree(package / "data")
    shutil.copytree(saved / "data", package / "data")
    shutil.copy2(saved / "datapackage.json", package / "datapackage.json")


def test_kill_mid_build(package, tmp_path):
    people = package / "curated" / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "Azerbaijani presidential aide.", "Assistant to the President of Azerbaijan."
        ),
        encoding="utf-8",
    )
    saved = shutil.copytree(package, tmp_path / "saved")
    before = snapshot(package)
    finished = shutil.copytree(package, tmp_path / "finished")
    assert build(finished).ok
    after = snapshot(finished)
    assert after != before

    command = [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - start
    _restore(package, saved)

    # Spread past the measured duration: a loaded machine runs the killed builds slower than the timed one.
    moments = random.Random(20).sample(range(1, 200), KILLS)
    outcomes = []
    for percent in moments:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * percent / 100)
        process.kill()
        process.wait()
        now = snapshot(package)
        assert now in (before, after), f"killed at {percent}% of the build: a mix of old and new files"
        outcomes.append(now == after)
        _restore(package, saved)
    # Kills must land before the publish step, or the test proves nothing about interrupted builds.
    assert sum(outcomes) < KILLS
