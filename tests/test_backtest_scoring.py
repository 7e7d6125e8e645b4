"""Scores and calibration against plain-loop reference implementations on synthetic forecasts."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from redline.backtest.calibration import reliability_plot, reliability_table, wilson_interval
from redline.backtest.scoring import (
    accuracy,
    bootstrap_interval,
    brier_difference,
    brier_score,
    log_loss,
    mean_absolute_error,
    score_table,
)


# ----------------------------------------------------------------------- scalar references (loops)
def ref_brier(p, y):
    total = 0.0
    for pi, yi in zip(p, y, strict=True):
        total += (pi - yi) * (pi - yi)
    return total / len(p)


def ref_log_loss(p, y):
    total = 0.0
    for pi, yi in zip(p, y, strict=True):
        q = min(max(pi, 0.01), 0.99)
        total += -math.log(q) if yi == 1 else -math.log(1 - q)
    return total / len(p)


def ref_accuracy(p, y):
    score = 0.0
    for pi, yi in zip(p, y, strict=True):
        if pi == 0.5:
            score += 0.5
        elif (pi > 0.5 and yi == 1) or (pi < 0.5 and yi == 0):
            score += 1
    return score / len(p)


def ref_mae(v, t):
    errors = [abs(a - b) for a, b in zip(v, t, strict=True) if not math.isnan(a)]
    return sum(errors) / len(errors) if errors else math.nan


forecasts = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 1), st.floats(0, 100), st.floats(0, 100)),
    min_size=1,
    max_size=30,
)


@given(forecasts)
def test_scores_match_loop_reference(rows):
    p = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows], dtype=float)
    v = np.array([r[2] for r in rows])
    t = np.array([r[3] for r in rows])
    assert brier_score(p, y) == pytest.approx(ref_brier(p, y), abs=1e-12)
    assert log_loss(p, y) == pytest.approx(ref_log_loss(p, y), abs=1e-12)
    assert accuracy(p, y) == pytest.approx(ref_accuracy(p, y), abs=1e-12)
    assert mean_absolute_error(v, t) == pytest.approx(ref_mae(v, t), abs=1e-9)


def test_known_values():
    y = np.array([1.0, 0.0, 1.0, 0.0])
    assert brier_score(np.full(4, 0.5), y) == pytest.approx(0.25)
    assert log_loss(np.full(4, 0.5), y) == pytest.approx(math.log(2))
    # Clipping: a certain miss costs -ln(0.01), not infinity.
    assert log_loss(np.array([0.0]), np.array([1.0])) == pytest.approx(-math.log(0.01))
    assert log_loss(np.array([1.0]), np.array([1.0])) == pytest.approx(-math.log(0.99))
    assert accuracy(np.array([0.9, 0.1, 0.5, 0.2]), y) == pytest.approx((1 + 1 + 0.5 + 1) / 4)
    assert mean_absolute_error(np.array([10.0, np.nan]), np.array([0.0, 50.0])) == 10.0
    assert math.isnan(float(mean_absolute_error(np.array([np.nan]), np.array([1.0]))))


def ref_bootstrap(metric, p, y, index, level=0.95):
    stats = []
    for row in index:
        stats.append(metric([p[i] for i in row], [y[i] for i in row]))
    stats = sorted(s for s in stats if not math.isnan(s))
    return tuple(np.quantile(stats, [(1 - level) / 2, 1 - (1 - level) / 2]))


def test_bootstrap_matches_loop_over_the_same_resamples():
    gen = np.random.default_rng(5)
    p = gen.random(12)
    y = (gen.random(12) < 0.5).astype(float)
    index = np.random.default_rng(9).integers(0, 12, size=(500, 12))
    for metric, ref in ((brier_score, ref_brier), (log_loss, ref_log_loss), (accuracy, ref_accuracy)):
        low, high = bootstrap_interval(metric, p, y, n_boot=500, rng=np.random.default_rng(9))
        ref_low, ref_high = ref_bootstrap(ref, p, y, index)
        assert low == pytest.approx(ref_low, abs=1e-12)
        assert high == pytest.approx(ref_high, abs=1e-12)
        assert low <= metric(p, y) <= high


def test_paired_brier_difference_matches_loop_over_the_same_resamples():
    gen = np.random.default_rng(6)
    p, q = gen.random(10), gen.random(10)
    y = (gen.random(10) < 0.5).astype(float)
    index = np.random.default_rng(4).integers(0, 10, size=(300, 10))
    diffs = []
    for row in index:  # the same cases for both methods in every resample
        diffs.append(
            ref_brier([p[i] for i in row], [y[i] for i in row])
            - ref_brier([q[i] for i in row], [y[i] for i in row])
        )
    low, high = bootstrap_interval(brier_difference, p, q, y, n_boot=300, rng=np.random.default_rng(4))
    assert (low, high) == pytest.approx(tuple(np.quantile(diffs, [0.025, 0.975])), abs=1e-12)
    assert brier_difference(p, q, y) == pytest.approx(ref_brier(p, y) - ref_brier(q, y))


def test_score_table_scores_only_the_cases_a_method_forecasts():
    p = np.array([0.9, np.nan, 0.3, 0.6])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    out = score_table(p, y, np.array([80.0, np.nan, 20, 70]), np.array([100.0, 100, 0, 0]), n_boot=100, rng=2)
    kept = [0, 2, 3]
    assert out["n_cases"] == 3 and out["n_value"] == 3
    assert out["brier"] == pytest.approx(ref_brier(p[kept], y[kept]))
    assert out["log_loss"] == pytest.approx(ref_log_loss(p[kept], y[kept]))
    assert out["brier_low"] <= out["brier"] <= out["brier_high"]


def test_bootstrap_interval_covers_a_known_brier_score():
    # Forecasts p with outcomes drawn from p: the expected Brier score is mean(p(1-p)).
    gen = np.random.default_rng(0)
    hits = 0
    for _ in range(100):
        p = gen.random(60)
        y = (gen.random(60) < p).astype(float)
        low, high = bootstrap_interval(brier_score, p, y, n_boot=400, rng=gen)
        hits += low <= np.mean(p * (1 - p)) <= high
    assert hits >= 85  # nominal 95%; the percentile bootstrap runs a little narrow


def test_score_table_keys_and_consistency():
    p = np.array([0.9, 0.2, 0.6, 0.4])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    out = score_table(p, y, np.array([80.0, 10, np.nan, 30]), np.array([100.0, 0, 0, 40]), n_boot=200, rng=1)
    assert out["n_cases"] == 4 and out["n_value"] == 3
    assert out["brier"] == pytest.approx(ref_brier(p, y))
    assert out["mae_value"] == pytest.approx((20 + 10 + 10) / 3)
    for name in ("brier", "log_loss", "accuracy", "mae_value"):
        assert out[f"{name}_low"] <= out[name] <= out[f"{name}_high"]
    assert score_table(p, y, n_boot=200, rng=1) == {
        k: v for k, v in score_table(p, y, n_boot=200, rng=1).items()
    }


# ----------------------------------------------------------------------------------- calibration
def ref_reliability(p, y, bins):
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [i for i, pi in enumerate(p) if (low <= pi < high) or (b == bins - 1 and pi == 1.0)]
        n = len(members)
        rows.append(
            (
                n,
                sum(p[i] for i in members) / n if n else math.nan,
                sum(y[i] for i in members) / n if n else math.nan,
            )
        )
    return rows


@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 1)), min_size=1, max_size=40), st.integers(1, 10))
@example(rows=[(0.3, 0)], bins=10)  # found by CI: linspace's edge 0.30000000000000004 put 0.3 in bin [0.2, 0.3)
def test_reliability_table_matches_loop(rows, bins):
    p = [r[0] for r in rows]
    y = [float(r[1]) for r in rows]
    table = reliability_table(np.array(p), np.array(y), bins)
    for (n, mean_p, rate), row in zip(ref_reliability(p, y, bins), table.itertuples(), strict=True):
        assert row.n == n
        if n:
            assert row.mean_forecast == pytest.approx(mean_p, abs=1e-12)
            assert row.observed_rate == pytest.approx(rate, abs=1e-12)
            assert row.observed_low <= rate + 1e-12 and rate - 1e-12 <= row.observed_high
        else:
            assert math.isnan(row.mean_forecast)
    assert table["n"].sum() == len(p)


def test_wilson_interval_known_value():
    # 8 of 10: Wilson 95% interval (0.4902, 0.9433), a textbook value.
    low, high = wilson_interval(np.array([8]), np.array([10]))
    assert low[0] == pytest.approx(0.4902, abs=1e-4)
    assert high[0] == pytest.approx(0.9433, abs=1e-4)


def test_reliability_plot_is_offline_html(tmp_path):
    table = reliability_table(np.array([0.1, 0.8, 0.9]), np.array([0.0, 1.0, 0.0]), 5)
    path = reliability_plot({"redline": table}, tmp_path / "r.html")
    text = path.read_text()
    assert "<html" in text and "redline" in text
    assert '<script src="http' not in text  # plotly.js is embedded, so the file works offline
    assert len(text) > 1_000_000
