"""The examples in the docstrings run and give the output they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
from conftest import REPO

import caucasus_data

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(caucasus_data.__path__, "caucasus_data.") if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(REPO)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
