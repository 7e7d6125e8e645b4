"""Cohesion (models.md §5.3): spec vectors with plain references; vote cohesion per resolution."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from redline.analytics.cohesion import agreement_index, position_cohesion, rice_index, vote_cohesion
from redline.errors import RedlineError

# §1.9.5 illustrative issue (invented numbers; tests only)
CAP = [1.00, 0.25, 0.25, 0.35, 0.15, 0.05, 0.20]
POS = [40, 80, 70, 20, 95, 0, 30]
SAL = [0.70, 0.60, 0.50, 0.60, 0.90, 0.80, 0.30]


def plain_cohesion(x, w):
    total = sum(w)
    mean = sum(wi * xi for wi, xi in zip(w, x, strict=True)) / total
    sd = math.sqrt(sum(wi * (xi - mean) ** 2 for wi, xi in zip(w, x, strict=True)) / total)
    return mean, sd, 1 - sd / 50


def test_weighted_and_unweighted_vectors():
    w = [c * s for c, s in zip(CAP, SAL, strict=True)]
    m, sd, c = plain_cohesion(POS, w)
    assert (m, sd, c) == pytest.approx((47.588028, 24.221891, 0.515562), abs=1e-6)
    out = position_cohesion(np.array(POS, float), capability=np.array(CAP), salience=np.array(SAL))
    assert (out["mean"], out["sd"], out["cohesion"]) == pytest.approx((m, sd, c), abs=1e-12)
    m, sd, c = plain_cohesion(POS, [1] * 7)
    assert (m, sd, c) == pytest.approx((47.857143, 32.055437, 0.358891), abs=1e-6)
    out = position_cohesion(np.array(POS, float), "equal")
    assert out["cohesion"] == pytest.approx(c, abs=1e-12)


def test_batched_over_draws_matches_rows():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, size=(50, 7))
    w = rng.uniform(0.1, 1, size=(50, 7))
    out = position_cohesion(x, w)
    for d in range(50):
        assert out["cohesion"][d] == pytest.approx(plain_cohesion(x[d], w[d])[2], abs=1e-12)
    x_before = x.copy()
    position_cohesion(x, "equal")
    assert np.array_equal(x, x_before)


def test_extremes_and_errors():
    assert position_cohesion(np.array([30.0, 30, 30]), "equal")["cohesion"] == 1.0
    assert position_cohesion(np.array([0.0, 100, 0, 100]), "equal")["cohesion"] == pytest.approx(0.0)
    with pytest.raises(RedlineError, match="capability"):
        position_cohesion(np.array([1.0, 2.0]))
    with pytest.raises(RedlineError):
        position_cohesion(np.array([1.0, 2.0]), "bogus")


def test_agreement_and_rice_indices():
    y, n, a = 20, 8, 4
    top = max(y, n, a)
    assert agreement_index(y, n, a) == pytest.approx((top - 0.5 * (y + n + a - top)) / (y + n + a))
    assert agreement_index(20, 8, 4) == pytest.approx(0.4375, abs=1e-6)
    assert rice_index(20, 8) == pytest.approx(abs(20 - 8) / 28)
    assert rice_index(20, 8) == pytest.approx(0.428571, abs=1e-6)
    assert agreement_index(10, 0, 0) == 1.0 and rice_index(5, 5) == 0.0
    assert math.isnan(agreement_index(0, 0, 0)) and math.isnan(rice_index(0, 0))
    # an even three-way split gives AI = 0 (= (k - k) / 3k)
    assert agreement_index(np.array([4]), np.array([4]), np.array([4]))[0] == pytest.approx(0.0)


def test_vote_cohesion_counts_missing():
    votes = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "AAA", "BBB", "CCC"],
            "resolution": ["R1"] * 3 + ["R2"] * 3,
            "date": ["2022-01-01"] * 3 + ["2023-01-01"] * 3,
            "vote": ["Y", "Y", "N", "Y", None, "absent"],
        }
    )
    out = vote_cohesion(votes, ["AAA", "BBB", "CCC"]).set_index("resolution")
    assert out.loc["R1", ["yes", "no", "abstain", "missing"]].tolist() == [2, 1, 0, 0]
    assert out.loc["R1", "rice"] == pytest.approx(1 / 3)
    assert out.loc["R2", "missing"] == 2 and out.loc["R2", "agreement_index"] == 1.0
    assert list(out.index) == ["R1", "R2"]  # date order = cohesion over time
