"""The deterrence retrodiction: fitting, scoring and the panel's definition (issue 13)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from redline.deterrence.backtest import (
    FORMER_SOVIET,
    attacked,
    calibration,
    cross_validate,
    fit_logit,
    panel_targets,
    scores,
)


def test_fit_logit_recovers_a_known_link():
    rng = np.random.default_rng(3)
    eu = rng.normal(0, 1, 20_000)
    y = (rng.random(eu.size) < 1 / (1 + np.exp(-(-2.0 + 1.5 * eu)))).astype(float)
    a, lam = fit_logit(eu, y)
    assert abs(a + 2.0) < 0.1 and abs(lam - 1.5) < 0.1


def _toy_panel():
    rows = []
    for t, eus in {"A": [1.0, -1.0, -1.0], "B": [0.9, -1.0, -1.0], "C": [-1.0, -1.0, -1.0]}.items():
        for year, eu in zip((2001, 2002, 2003), eus, strict=True):
            rows.append(
                {"target": t, "year": year, "eu": eu, "member": 0, "neighbour": int(t != "C"), "excluded": ""}
            )
    return pd.DataFrame(rows), np.array([1, 0, 0, 1, 0, 0, 0, 0, 0], float)


def test_cross_validation_never_fits_on_the_held_out_target():
    panel, y = _toy_panel()
    rows = cross_validate(panel, y)
    # the base rate for target A comes from B and C only: (1 + 0.5) / (6 + 1)
    a_rows = rows[rows["target"] == "A"]
    assert np.allclose(a_rows["p_base"], 1.5 / 7)
    a, lam = fit_logit(panel.loc[panel["target"] != "A", "eu"].to_numpy(), y[3:])
    assert np.allclose(a_rows["p_model"], 1 / (1 + np.exp(-(a + lam * a_rows["eu"].to_numpy()))))
    # the neighbour rule: 1 for non-member neighbours (A, B), 0 otherwise
    assert list(rows["p_neighbour_rule"]) == [1.0] * 6 + [0.0] * 3


def test_scores_match_a_hand_computation():
    panel, y = _toy_panel()
    rows = cross_validate(panel, y)
    table = scores(rows, n_boot=50, seed=1).set_index("forecast")
    p = rows["p_base"].to_numpy()
    assert math.isclose(table.loc["base rate", "brier"], float(np.mean((p - y) ** 2)))
    q = np.clip(rows["p_neighbour_rule"].to_numpy(), 0.01, 0.99)
    ll = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
    assert math.isclose(table.loc["non-member neighbour (0/1 rule)", "log_loss"], ll)
    assert table.loc["model", "model_minus_this"] == 0.0
    cal = calibration(rows)
    assert cal["rows"].sum() == len(rows) and cal["attacks"].sum() == 2


def test_panel_and_record():
    targets, left_out = panel_targets(2000, 2025)
    assert set(FORMER_SOVIET) <= set(targets) and "RUS" not in targets
    assert {"USA", "TUR", "FIN", "SWE", "CHN"} <= set(targets)
    assert left_out == ["MNG", "TKM", "UZB"]
    assert attacked("GEO", 2008) == attacked("UKR", 2014) == attacked("UKR", 2022) == 1
    assert attacked("UKR", 2021) == attacked("MDA", 2022) == attacked("FIN", 2022) == 0


@pytest.mark.parametrize("bad", [(2010, 2005)])
def test_bad_year_range_is_an_error(bad):
    from redline.deterrence.backtest import code_panel
    from redline.errors import RedlineError

    with pytest.raises(RedlineError, match="after"):
        code_panel(*bad)
