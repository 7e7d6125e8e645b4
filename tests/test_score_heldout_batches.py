"""The per-batch held-out report (scripts/score_heldout_batches.py) scores what it says it scores."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redline.backtest.cases import find_cases, read_case
from redline.backtest.crossval import CORPUS_END

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import score_heldout_batches as report  # noqa: E402


def frame(rows):
    return pd.DataFrame(rows, columns=["split", "case", "method", "p_adopted", "adopted"])


PREDICTIONS = frame([
    ("held_out", "a", "redline", 0.9, True),
    ("held_out", "a", "weighted_mean", 1.0, True),
    ("held_out", "b", "redline", 0.2, True),
    ("held_out", "b", "weighted_mean", 0.6, True),
    ("held_out", "c", "redline", 0.3, False),
    ("held_out", "c", "weighted_mean", 0.5, False),
    ("loo", "z", "redline", 0.0, True),  # another split: never scored here
    ("loo", "z", "weighted_mean", 0.0, True),
])


def test_brier_and_paired_difference_by_hand():
    scores = report.batch_scores(PREDICTIONS, {"first": {"a", "b"}, "empty": set()}, n_boot=50)
    got = scores.set_index(["batch", "method"])
    # first batch: model (0.1^2 + 0.8^2) / 2 = 0.325; mean (0 + 0.4^2) / 2 = 0.08
    assert got.loc[("first", "redline"), "brier"] == pytest.approx(0.325)
    assert got.loc[("first", "weighted_mean"), "brier"] == pytest.approx(0.08)
    assert got.loc[("first", "weighted_mean"), "minus_model"] == pytest.approx(0.08 - 0.325)
    assert got.loc[("first", "redline"), "minus_model"] == pytest.approx(0.0)
    # all: model (0.01 + 0.64 + 0.09) / 3; mean (0 + 0.16 + 0.25) / 3
    assert got.loc[("all", "redline"), "brier"] == pytest.approx(0.74 / 3)
    assert got.loc[("all", "weighted_mean"), "brier"] == pytest.approx(0.41 / 3)
    assert got.loc[("all", "redline"), "n_cases"] == 3 and got.loc[("all", "redline"), "n_adopted"] == 2
    assert got.loc[("all", "weighted_mean"), "accuracy"] == pytest.approx(2.5 / 3)  # 0.5 on c calls nothing: half
    assert "empty" not in set(scores["batch"])  # a batch with no case yet is not reported
    assert got.loc[(report.OTHERS, "redline"), "n_cases"] == 1  # c is in no batch
    low, high = got.loc[("all", "weighted_mean"), ["minus_model_low", "minus_model_high"]]
    assert low <= -0.11 <= high


def test_a_method_missing_a_case_is_scored_on_the_cases_it_forecasts():
    rows = PREDICTIONS.copy()
    rows.loc[(rows["case"] == "a") & (rows["method"] == "weighted_mean"), "p_adopted"] = np.nan
    got = report.batch_scores(rows, {}, n_boot=20).set_index(["batch", "method"])
    assert got.loc[("all", "weighted_mean"), "n_cases"] == 2
    assert got.loc[("all", "weighted_mean"), "minus_model"] == pytest.approx((0.16 + 0.25) / 2 - (0.64 + 0.09) / 2)


def test_every_batch_case_is_a_held_out_case_in_the_folder():
    held_out = {read_case(p).id for p in find_cases(ROOT / "backtest" / "cases") if read_case(p).decision_date > CORPUS_END}
    batches = report.batch_ids()
    assert batches["session 5"] and batches["session 6"]
    for ids in batches.values():
        assert ids <= held_out
    assert not batches["session 5"] & batches["session 6"]
    assert not (batches["session 5"] | batches["session 6"]) & batches["session 7"]
