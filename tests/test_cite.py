"""`caucasus-data cite` prints the exact evidence row, or the closest words when they are not there."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, append_rows, read_rows

from caucasus_data.pipeline import build


def cite(*args, root=REPO):
    return subprocess.run(
        [sys.executable, "-m", "caucasus_data", "cite", *args, "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def test_cite_prints_a_row_that_builds(package):
    result = cite("003_ed509b88b2911dd7", "the city of Almaty, Kazakhstan", "--subject", "almaty", root=package)
    assert result.returncode == 0
    assert result.stdout == 'almaty,,,003_ed509b88b2911dd7,"the city of Almaty, Kazakhstan",,,\n'
    append_rows(package, "evidence", [result.stdout.rstrip("\n")])
    assert build(package).ok
    found = [r for r in read_rows(package, "evidence") if r["quote"] == "the city of Almaty, Kazakhstan"]
    assert [(r["subject_id"], r["char_start"], r["char_end"], r["evidence_id"]) for r in found] == [
        ("almaty", "149", "179", "ev-a0d367520c00")
    ]


def test_cite_numbers_every_occurrence_and_the_build_takes_the_one_kept(package):
    result = cite("000_8730724a31ace38e", "Galuzin", "--subject", "mikhail-galuzin", root=package)
    assert [line.rsplit(",", 1)[1] for line in result.stdout.splitlines()] == ["1", "2", "3", "4"]
    assert "occur 4 times" in result.stderr
    assert "occurrence 3 at 602: " in result.stderr
    append_rows(package, "evidence", [result.stdout.splitlines()[2]])
    assert build(package).ok
    found = [r for r in read_rows(package, "evidence") if r["quote"] == "Galuzin"]
    assert [(r["char_start"], r["char_end"]) for r in found] == [("602", "609")]


def test_a_quote_that_occurs_twice_needs_its_occurrence(package):
    append_rows(package, "evidence", ["mikhail-galuzin,,,000_8730724a31ace38e,Galuzin,,,"])
    report = build(package)
    rows = len((package / "curated" / "evidence.csv").read_text(encoding="utf-8").splitlines())
    assert [str(f) for f in report.findings] == [
        f"curated/evidence.csv:{rows}:occurrence: the words occur 4 times in 000_8730724a31ace38e (at 177, 222, "
        "602, 1032); set occurrence to the one meant, 1 to 4 (`caucasus-data cite` shows each) [span]"
    ]


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
