"""The scaling benchmark parses what it generates: every dateline form and quote template is understood."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import REPO

from caucasus_data.parse.mentions import EntityMatcher
from caucasus_data.parse.quotes import find_quotes
from caucasus_data.parse.speakers import Speakers

pytestmark = pytest.mark.slow


def _benchmark():
    spec = importlib.util.spec_from_file_location("parse_scaling", REPO / "benchmarks" / "parse_scaling.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_corpus_parses_fully():
    bench = _benchmark()
    names = bench.matcher_names(extra=50)
    matcher = EntityMatcher(names)
    people = {entity for entity, _ in names if "-" in entity and not entity.startswith("entity-")}
    articles = bench.corpus(300, seed=1)
    counts = bench.parse_all(articles, matcher, people, set())
    assert counts["datelines"] == 300
    for text in articles:
        # `the diplomat` is a diplomat's description: of a prime minister or an aide it names nobody.
        diplomat = "Foreign Minister" in text or "ambassador" in text
        for quote in find_quotes(text, matcher.find(text), Speakers(people)):
            assert (quote.quote_type == "term") == (quote.text == "Zangezur Corridor")
            if quote.quote_type == "term":
                continue
            if diplomat:
                assert quote.speaker_id, (text, quote)
            elif quote.attribution and quote.attribution.startswith("the diplomat"):
                assert quote.speaker_id is None
                assert quote.unresolved in (
                    "'the diplomat' matches nobody named before it",
                    "'the diplomat' is somebody the text describes but does not name",  # after a first one
                )
            else:  # a pronoun after it stands for the same unresolved speaker
                assert quote.speaker_id or quote.unresolved, (text, quote)


def test_benchmark_runs(capsys):
    assert _benchmark().main(["--sizes", "100", "200"]) == 0
    out = capsys.readouterr().out
    assert "articles/s" in out and "time at 200 / time at 100:" in out


def test_the_benchmark_script_runs_at_small_sizes():
    """`python benchmarks/run.py --quick` measures every goal end to end (a broken import shows here)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick"], capture_output=True, text=True, timeout=900
    )
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr[-2000:]  # 1: a goal not met
    for goal in ("import caucasus_data", "validate the real package", "validate memory, 2,000 vs 666", "build"):
        assert goal in done.stdout
