"""The docstring examples of the deterrence modules run (executed documentation)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["credibility", "game", "montecarlo", "spec", "coding", "levers", "restraint"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"redline.deterrence.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
