"""The scaling benchmark parses what it generates: every dateline form and quote template is understood."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import REPO

from caucasus_data.parse.mentions import EntityMatcher
from caucasus_data.parse.quotes import find_quotes

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
        for quote in find_quotes(text, matcher.find(text), people, set()):
            assert (quote.quote_type == "term") == (quote.text == "Zangezur Corridor")
            assert quote.quote_type == "term" or quote.speaker_id, (text, quote)


def test_benchmark_runs(capsys):
    assert _benchmark().main(["--sizes", "100", "200"]) == 0
    out = capsys.readouterr().out
    assert "articles/s" in out and "time at 200 / time at 100:" in out
