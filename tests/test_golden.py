"""The bundled scenario's summary matches the checked-in golden file (every shipped number).

A change that moves a number on purpose regenerates the file (``python -m redline.golden --update``,
or ``REDLINE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``) and says why in its commit.
"""

from __future__ import annotations

import json
import os

import pytest

from redline.golden import GOLDEN_FILE, differences, golden_summary


@pytest.fixture(scope="module")
def fresh():
    return golden_summary()


def test_bundled_scenario_matches_the_golden_file(fresh):
    if os.environ.get("REDLINE_UPDATE_GOLDEN"):
        GOLDEN_FILE.write_text(
            json.dumps(fresh, indent=1, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8"
        )
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
    found = differences(expected, fresh)
    listing = "\n".join(found[:30])
    assert not found, (
        f"{len(found)} numbers differ from {GOLDEN_FILE.name}:\n{listing}\n"
        "If the change is on purpose: python -m redline.golden --update (and say why in the commit)."
    )


def test_the_comparison_can_fail():
    base = {"a": [1.0, {"b": "x"}], "run": {"seed": 1}}
    assert differences(base, json.loads(json.dumps(base))) == []
    assert differences(base, {"a": [1.0 + 1e-6, {"b": "x"}], "run": {"seed": 1}}) == [
        "a[0]: expected 1.0; found 1.000001"
    ]
    assert differences(base, {"a": [1.0], "run": {"seed": 1}}) == ["a: expected 2 items; found 1"]
    assert differences(base, {"a": [1.0, {"b": "y"}], "run": {}}) == [
        'a[1].b: expected "x"; found "y"',
        "run.seed: expected 1; found nothing",
    ]
