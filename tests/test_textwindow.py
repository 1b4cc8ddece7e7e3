"""The window of article texts that span checks read beside a span table (validation/textwindow.py),
on the real articles and mentions, in blocks small enough that each article is a block of its own."""

from __future__ import annotations

import csv

import numpy as np
import pyarrow as pa
import pytest
from conftest import REPO

from caucasus_data.validation import csvrows, textwindow
from caucasus_data.validation.textwindow import TextWindow

ARTICLES = REPO / "data" / "articles.csv"


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    monkeypatch.setattr(csvrows, "READ_SIZE", 4096)  # an article is about 3,000 bytes
    monkeypatch.setattr(csvrows, "BLOCK_SIZE", 1)
    monkeypatch.setattr(textwindow, "WINDOW", 1)


def _spans(article_id: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array]:
    """The real mentions of an article: (article row, char_start, char_end, surface)."""
    with ARTICLES.open(encoding="utf-8", newline="") as handle:
        row = {r["article_id"]: number for number, r in enumerate(csv.DictReader(handle), start=2)}
    with (REPO / "data" / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        mentions = [m for m in csv.DictReader(handle) if m["article_id"] == article_id]
    return (
        np.full(len(mentions), row[article_id]),
        np.array([int(m["char_start"]) for m in mentions]),
        np.array([int(m["char_end"]) for m in mentions]),
        pa.array([m["surface"] for m in mentions]),
    )


def test_spans_in_article_order_are_all_compared_and_agree_with_their_texts():
    window = TextWindow(ARTICLES)
    for article_id in ("000_8730724a31ace38e", "003_ed509b88b2911dd7", "004_688db0f7b6e2a534"):
        compared, different = window.compare(*_spans(article_id))
        assert compared.all() and different == {}


def test_a_span_whose_words_differ_comes_back_with_its_article_text():
    article, start, end, surface = _spans("000_8730724a31ace38e")
    at = int(np.flatnonzero(start == 24)[0])
    assert surface[at].as_py() == "Russia"
    words = surface.to_pylist()
    words[at] = "Rusia"
    compared, different = TextWindow(ARTICLES).compare(article, start, end, pa.array(words))
    assert compared.all() and list(different) == [at]
    assert different[at][24:30] == "Russia" and different[at].startswith("MOSCOW")


def test_spans_of_an_article_the_window_has_passed_are_left_to_the_caller():
    window = TextWindow(ARTICLES)
    compared, _ = window.compare(*_spans("004_688db0f7b6e2a534"))
    assert compared.all()
    compared, different = window.compare(*_spans("000_8730724a31ace38e"))
    assert not compared.any() and different == {}


def _with_a_stray() -> tuple:
    """The first article's mentions but the last, and one of the third article (two blocks ahead)."""
    first, last = _spans("000_8730724a31ace38e"), _spans("004_688db0f7b6e2a534")
    return (
        *[np.concatenate([a[:-1], b[:1]]) for a, b in zip(first[:3], last[:3])],
        pa.concat_arrays([first[3][:-1], last[3][:1]]),
    )


def test_a_stray_span_far_ahead_does_not_make_the_window_skip_the_others(monkeypatch):
    monkeypatch.setattr(textwindow, "AHEAD", 0)  # the stray is out of reach
    window = TextWindow(ARTICLES)
    compared, different = window.compare(*_with_a_stray())
    assert compared[:-1].all() and not compared[-1] and different == {}
    compared, _ = window.compare(*_spans("003_ed509b88b2911dd7"))
    assert compared.all()


def test_a_stray_span_a_block_or_two_ahead_is_compared_and_the_others_still_are():
    window = TextWindow(ARTICLES)
    compared, different = window.compare(*_with_a_stray())
    assert textwindow.AHEAD >= 2 and compared.all() and different == {}
    compared, _ = window.compare(*_spans("003_ed509b88b2911dd7"))
    assert compared.all()
