"""Burden-sharing measures (models.md §5.1) against the spec vector and plain scalar references."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from redline.analytics.burden import (
    aid_burden,
    burden_ratio,
    defence_burden,
    group_difference,
    olson_zeckhauser,
    partial_correlation,
    spending_change,
)
from redline.errors import RedlineError

GDP = (27000, 4500, 3300, 3100, 2300, 850, 40, 210)
MILEX = (900, 95, 82, 64, 35, 35, 1.35, 4.2)


# ------------------------------------------------------------------ plain references (loops)
def ranks(values):
    """Average ranks (1-based), ties share the mean rank."""
    out = [0.0] * len(values)
    for i, v in enumerate(values):
        below = sum(1 for w in values if w < v)
        equal = sum(1 for w in values if w == v)
        out[i] = below + (equal + 1) / 2
    return out


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


def spearman(x, y):
    return pearson(ranks(x), ranks(y))


def kendall_tau_b(x, y):
    concordant = discordant = tie_x = tie_y = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tie_x += 1
            elif dy == 0:
                tie_y += 1
            elif dx * dy > 0:
                concordant += 1
            else:
                discordant += 1
    return (concordant - discordant) / math.sqrt(
        (concordant + discordant + tie_x) * (concordant + discordant + tie_y)
    )


def burden_pct():
    return [100 * m / g for m, g in zip(MILEX, GDP, strict=True)]


# ------------------------------------------------------------------ §5.1 vector
def test_burden_and_ratio_match_spec_and_loops():
    b = burden_pct()
    spec_b = [3.3333, 2.1111, 2.4848, 2.0645, 1.5217, 4.1176, 3.3750, 2.0000]
    assert b == pytest.approx(spec_b, abs=5e-5)
    total_m, total_g = sum(MILEX), sum(GDP)
    reference = [(m / total_m) / (g / total_g) for m, g in zip(MILEX, GDP, strict=True)]
    spec_br = [1.131615, 0.716690, 0.843568, 0.700871, 0.516607, 1.397878, 1.145761, 0.678969]
    assert burden_ratio(MILEX, GDP) == pytest.approx(reference, abs=1e-12)
    assert burden_ratio(MILEX, GDP) == pytest.approx(spec_br, abs=1e-6)


def test_olson_zeckhauser_matches_spec_and_plain_reference():
    b = burden_pct()
    result = olson_zeckhauser(GDP, b).set_index(["statistic", "alternative"])
    rho = spearman(GDP, b)
    assert rho == pytest.approx(-0.047619, abs=1e-6)
    assert result.loc[("spearman_rho", "two-sided"), "value"] == pytest.approx(rho, abs=1e-12)
    assert result.loc[("spearman_rho", "two-sided"), "p_value"] == pytest.approx(0.910849, abs=1e-6)
    # exact one-sided permutation p: enumerate all 8! pairings with plain loops
    rx = ranks(GDP)
    observed = spearman(GDP, b)
    count = total = 0
    for perm in itertools.permutations(b):
        total += 1
        if pearson(rx, ranks(list(perm))) >= observed - 1e-12:
            count += 1
    assert (count, total) == (22539, 40320)
    assert result.loc[("spearman_rho", "greater"), "p_value"] == pytest.approx(count / total, abs=1e-12)
    assert result.loc[("spearman_rho", "greater"), "method"] == "exact"
    assert result.loc[("pearson_r_gdp", "two-sided"), "value"] == pytest.approx(pearson(GDP, b), abs=1e-12)
    assert pearson(GDP, b) == pytest.approx(0.237347, abs=1e-6)
    log_r = pearson([math.log(g) for g in GDP], b)
    assert log_r == pytest.approx(-0.148002, abs=1e-6)
    assert result.loc[("pearson_r_log_gdp", "two-sided"), "value"] == pytest.approx(log_r, abs=1e-12)
    tau = kendall_tau_b(GDP, b)
    assert tau == pytest.approx(0.071429, abs=1e-6)
    assert result.loc[("kendall_tau_b", "two-sided"), "value"] == pytest.approx(tau, abs=1e-12)


def test_random_permutation_p_value_is_statistically_right():
    rng = np.random.default_rng(5)
    gdp = rng.lognormal(3, 1, size=20)
    burden = rng.normal(2, 0.5, size=20) + 0.1 * np.log(gdp)
    draws = 20_000
    res = olson_zeckhauser(gdp, burden, n_resamples=draws, rng=1).set_index(["statistic", "alternative"])
    p_perm = res.loc[("spearman_rho", "greater"), "p_value"]
    # reference: a plain Monte Carlo of the same null, many more draws
    rx = np.array(ranks(list(gdp)))
    ry = np.array(ranks(list(burden)))
    obs = np.corrcoef(rx, ry)[0, 1]
    ref_rng = np.random.default_rng(99)
    perms = ref_rng.permuted(np.tile(ry, (40_000, 1)), axis=1)
    cx, cp = rx - rx.mean(), perms - perms.mean(axis=1, keepdims=True)
    null = (cp @ cx) / np.sqrt((cp**2).sum(axis=1) * (cx**2).sum())
    p_ref = (np.sum(null >= obs - 1e-12) + 1) / (null.size + 1)
    se = math.sqrt(p_ref * (1 - p_ref) / draws)
    assert abs(p_perm - p_ref) < 4 * se + 1e-4


def test_partial_correlation_equals_residual_correlation():
    rng = np.random.default_rng(3)
    x, z = rng.normal(size=30), rng.normal(size=30)
    y = 0.5 * x - 0.7 * z + rng.normal(size=30)
    for method, transform in (("pearson", lambda v: v), ("spearman", lambda v: np.array(ranks(list(v))))):
        r, p, n = partial_correlation(x, y, z, method=method)
        tx, ty, tz = transform(x), transform(y), transform(z)
        design = np.column_stack([np.ones_like(tz), tz])
        ex = tx - design @ np.linalg.lstsq(design, tx, rcond=None)[0]
        ey = ty - design @ np.linalg.lstsq(design, ty, rcond=None)[0]
        assert r == pytest.approx(pearson(list(ex), list(ey)), abs=1e-10)
        assert n == 30 and 0 <= p <= 1
        # p-value: the t-test of x's coefficient in the OLS of y on (1, x, z) has the same t, n − 3 df
        design = np.column_stack([np.ones_like(tz), tx, tz])
        beta, rss, *_ = np.linalg.lstsq(design, ty, rcond=None)
        sigma2 = rss[0] / (n - 3)
        se = math.sqrt(sigma2 * np.linalg.inv(design.T @ design)[1, 1])
        assert p == pytest.approx(2 * stats.t.sf(abs(beta[1] / se), n - 3), rel=1e-8)


def test_olson_zeckhauser_reports_partial_and_drops_missing():
    b = burden_pct()
    gdp = list(GDP) + [np.nan]
    res = olson_zeckhauser(gdp, b + [3.0], control=[0, 0, 0, 0, 0, 1, 1, 0, 1], control_name="frontline")
    assert set(res["n"]) == {8}
    row = res[res["statistic"] == "partial_spearman_given_frontline"].iloc[0]
    expected, _, _ = partial_correlation(GDP, b, [0, 0, 0, 0, 0, 1, 1, 0])
    assert row["value"] == pytest.approx(expected)
    with pytest.raises(RedlineError, match="at least 3"):
        olson_zeckhauser([1, 2], [1, 2])


# ------------------------------------------------------------------ frames
def test_defence_burden_frame():
    frame = pd.DataFrame(
        {
            "gdp_usd": [100.0, 300.0, np.nan],
            "defence_usd": [3.0, 3.0, 1.0],
            "defence_pct_gdp": [3.0, 1.0, 2.5],
        },
        index=pd.Index(["AAA", "BBB", "CCC"], name="iso3"),
    )
    before = frame.copy()
    out = defence_burden(frame).set_index("iso3")
    pd.testing.assert_frame_equal(frame, before)  # input not mutated
    assert out.loc["AAA", "gap_2pct"] == pytest.approx(1.0)
    assert out.loc["BBB", "gap_3.5pct"] == pytest.approx(-2.5)
    # shares over members with both figures: AAA 3/6 of milex, 100/400 of GDP
    assert out.loc["AAA", "burden_ratio"] == pytest.approx((3 / 6) / (100 / 400))
    assert math.isnan(out.loc["CCC", "burden_ratio"])
    computed = defence_burden(frame, pct=None).set_index("iso3")
    assert computed.loc["BBB", "burden_pct"] == pytest.approx(1.0)
    with pytest.raises(RedlineError, match="column 'nope'"):
        defence_burden(frame, gdp="nope")


def test_aid_burden_per_capita():
    frame = pd.DataFrame(
        {
            "ukraine_aid_total_eur_bn": [2.0, np.nan],
            "ukraine_aid_pct_gdp": [0.5, np.nan],
            "population": [1e7, 5e6],
        },
        index=["AAA", "BBB"],
    )
    out = aid_burden(frame).set_index("iso3")
    assert out.loc["AAA", "aid_eur_per_capita"] == pytest.approx(200.0)
    assert math.isnan(out.loc["BBB", "aid_eur_per_capita"])


def test_group_difference_against_plain_bootstrap():
    rng = np.random.default_rng(0)
    a, b = rng.normal(3, 1, 8), rng.normal(2, 1, 20)
    values = np.concatenate([a, b])
    mask = np.r_[np.ones(8, bool), np.zeros(20, bool)]
    out = group_difference(values, mask, n_resamples=4000, rng=1).set_index("statistic")
    assert out.loc["mean", "difference"] == pytest.approx(a.mean() - b.mean())
    assert out.loc["median", "difference"] == pytest.approx(np.median(a) - np.median(b))
    # a plain loop bootstrap of the same statistic gives the same interval up to Monte Carlo noise
    ref = np.random.default_rng(7)
    diffs = [ref.choice(a, a.size).mean() - ref.choice(b, b.size).mean() for _ in range(4000)]
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    spread = hi - lo
    assert out.loc["mean", "ci_low"] == pytest.approx(lo, abs=0.1 * spread)
    assert out.loc["mean", "ci_high"] == pytest.approx(hi, abs=0.1 * spread)
    again = group_difference(values, mask, n_resamples=4000, rng=1)
    pd.testing.assert_frame_equal(out.reset_index(), again)
    with pytest.raises(RedlineError, match="at least 2"):
        group_difference([1.0, 2.0, 3.0], [True, False, False])


def test_spending_change_plain():
    out = spending_change(pd.Series([100.0, 110.0, 121.0, 130.0], index=[2020, 2021, 2022, 2024]))
    assert list(out["year"]) == [2020, 2021, 2022, 2023, 2024]
    assert out["change_pct"].iloc[1] == pytest.approx(10.0)
    assert out["change_pct"].iloc[2] == pytest.approx(10.0)
    assert out["change_pct"].iloc[3:].isna().all()  # a gap is not interpolated


@given(st.lists(st.floats(0.1, 1e4), min_size=2, max_size=12), st.floats(0.1, 10))
def test_burden_ratio_properties(gdp, scale):
    milex = [g * 0.02 for g in gdp]
    assert np.allclose(burden_ratio(milex, gdp), 1.0)  # proportional spending → BR = 1 for all
    assert np.allclose(burden_ratio([m * scale for m in milex], gdp), burden_ratio(milex, gdp))
