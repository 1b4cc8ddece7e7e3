"""The examples in the parser's docstrings are real calls with their real output: run them."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["caucasus_data.parse.dateline", "caucasus_data.parse.pubdate", "caucasus_data.parse.quotes",
           "caucasus_data.parse.mentions", "caucasus_data.build.overrides"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
