"""`caucasus-data cite` prints the exact evidence row, or the closest words when they are not there."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def cite(*args):
    return subprocess.run(
        [sys.executable, "-m", "caucasus_data", "cite", *args], cwd=REPO, capture_output=True, text=True
    )


def test_cite_prints_a_row_that_validates():
    result = cite("003_ed509b88b2911dd7", "the city of Almaty, Kazakhstan", "--subject", "almaty")
    assert result.returncode == 0
    assert result.stdout == 'ev-a0d367520c00,almaty,,,003_ed509b88b2911dd7,149,179,"the city of Almaty, Kazakhstan",,\n'
    text = (REPO / "seeds/003_ed509b88b2911dd7.txt").read_text(encoding="utf-8")
    assert text[149:179] == "the city of Almaty, Kazakhstan"


def test_cite_lists_every_occurrence():
    result = cite("000_8730724a31ace38e", "Galuzin")
    assert [line.split(",")[5] for line in result.stdout.splitlines()] == ["177", "222", "602", "1032"]
    assert "occur 4 times" in result.stderr


def test_cite_names_the_closest_words():
    result = cite("003_ed509b88b2911dd7", "Deputy Minister of Foreign Affairs of Russia Mikhail Galusin")
    assert result.returncode == 1
    assert result.stderr == (
        "error: the words are not in 003_ed509b88b2911dd7; the closest are 'Deputy Minister "
        "of Foreign Affairs of Russia Mikhail Galuzin' at 186:246 (98% alike)\n"
    )


def test_cite_unknown_article():
    result = cite("999_missing", "Galuzin")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no article '999_missing'")
