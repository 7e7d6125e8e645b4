"""The batched Monte Carlo against the exact propagation and a plain-Python Monte Carlo (4 SE)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from redline.errors import RedlineError
from redline.escalation import propagate, simulate
from redline.rng import BLOCK
from test_escalation_exact import kursk_ladder, to_ladder
from test_escalation_reference import KURSK, ref_monte_carlo, ref_paths

THETA1 = 18 / 56


def within_4se(estimate: float, exact: float, n: int) -> bool:
    se = math.sqrt(max(exact * (1 - exact), 1e-12) / n)
    return abs(estimate - exact) <= 4 * se


def test_kursk_batched_monte_carlo_within_4se():
    ladder = kursk_ladder(theta0=THETA1)
    exact = propagate(ladder, 10)
    sims = simulate(ladder, 10, 40_000, rng=11)
    summary = sims.to_frame()
    for t in (1, 5, 10):
        assert within_4se(summary["p_nuclear"][t], exact.p_nuclear[0, t], 40_000)
        n_r, n_b = int(summary["n_resolute"][t]), int(summary["n_bluffer"][t])
        assert within_4se(summary["p_nuclear_resolute"][t], exact.p_nuclear_resolute[0, t], n_r)
        assert within_4se(summary["p_nuclear_bluffer"][t], exact.p_nuclear_bluffer[0, t], n_b)
    # the expected belief path (bounded in [0, 1], so its SE is at most 0.5/sqrt(n))
    belief_se = sims.belief.std(axis=0) / math.sqrt(40_000)
    assert np.all(np.abs(sims.belief.mean(axis=0) - exact.belief[0]) <= 4 * belief_se + 1e-12)


def test_plain_python_monte_carlo_agrees_with_spec_mixture():
    exact = propagate(kursk_ladder(), 10, theta0=THETA1).final[0]
    estimate = ref_monte_carlo(KURSK, THETA1, 10, 20_000, seed=5)
    assert within_4se(estimate, exact, 20_000)
    assert within_4se(estimate, 0.187311, 20_000)


def test_logit_and_deescalation_ladder_within_4se():
    lad = {
        "k": 4,
        "tau": {0: 0.5, 2: 0.2},
        "g": [0.0, 0.3, 0.0, 0.05],
        "h": [0.05, 0.1, 0.05, 0.1],
        "e": [0.0, 0.2, 0.3, 0.2],
        "q_r": 0.8,
        "q_b": 0.2,
        "pi": 0.4,
        "start": 0,
        "lam": 8.0,
    }
    ladder = to_ladder(lad, 0.5)
    exact = propagate(ladder, 15)
    short = propagate(ladder, 6)
    for row, q in enumerate((0.8, 0.2)):
        np.testing.assert_allclose(short.p_nuclear_by_type[row, 0], ref_paths(lad, 0.5, 6, q)[0], atol=1e-12)
    sims = simulate(ladder, 15, 30_000, rng=np.random.default_rng(3)).to_frame()
    for t in (3, 8, 15):
        assert within_4se(sims["p_nuclear"][t], exact.p_nuclear[0, t], 30_000)
    assert within_4se(ref_monte_carlo(lad, 0.5, 15, 8_000, seed=9), exact.final[0], 8_000)


def test_per_draw_parameters():
    thetas = np.where(np.arange(20_000) % 2 == 0, 0.6, THETA1)
    params = kursk_ladder().params(theta0=thetas)
    sims = simulate(params, 10, 20_000, rng=4)
    hit = sims.hit()[:, -1]
    assert not hit[thetas == 0.6].any()  # before Kursk nobody crosses and h_1 = 0
    assert within_4se(hit[thetas != 0.6].mean(), 0.187311, 10_000)
    with pytest.raises(RedlineError, match="rows"):
        simulate(params, 10, 7, rng=1)


def test_reproducible_and_chunk_invariant():
    ladder = kursk_ladder(theta0=THETA1)
    whole = simulate(ladder, 10, 2 * BLOCK + 100, rng=21)
    again = simulate(ladder, 10, 2 * BLOCK + 100, rng=21)
    np.testing.assert_array_equal(whole.reached, again.reached)
    first = simulate(ladder, 10, BLOCK, rng=21)
    rest = simulate(ladder, 10, BLOCK + 100, rng=21, first_draw=BLOCK)
    np.testing.assert_array_equal(np.concatenate([first.reached, rest.reached]), whole.reached)
    np.testing.assert_array_equal(np.concatenate([first.belief, rest.belief]), whole.belief)
    odd = simulate(ladder, 10, 50, rng=21, first_draw=BLOCK + 30)
    np.testing.assert_array_equal(odd.reached, whole.reached[BLOCK + 30 : BLOCK + 80])


def test_paths_are_consistent():
    sims = simulate(kursk_ladder(theta0=THETA1), 10, 5_000, rng=2)
    assert sims.rung.min() >= 0 and sims.rung.max() <= 4
    reached = sims.reached >= 0
    assert np.all(sims.rung[reached, -1] == 4)  # absorbing
    assert np.all(sims.rung[~reached, -1] < 4)
    assert np.all((sims.belief >= 0) & (sims.belief <= 1))


def test_per_draw_ladders_with_logit_and_deescalation_within_4se():
    """Two different parameter rows interleaved over the runs: each half matches its exact curve."""
    n = 24_000
    row = np.arange(n) % 2
    ladder = to_ladder(
        {
            "k": 4,
            "tau": {0: 0.5, 2: 0.2},
            "g": [0.0, 0.3, 0.0, 0.05],
            "h": [0.05, 0.1, 0.05, 0.1],
            "e": [0.0, 0.2, 0.3, 0.2],
            "q_r": 0.8,
            "q_b": 0.2,
            "pi": 0.4,
            "start": 0,
            "lam": 8.0,
        },
        0.5,
    )
    rows = {  # parameter row 0 and row 1
        "q_resolute": np.array([0.8, 0.9]),
        "q_bluffer": np.array([0.2, 0.1]),
        "theta0": np.array([0.5, 0.2]),
        "logit_lambda": np.array([8.0, np.inf]),
        "h": np.array([[0.05, 0.1, 0.05, 0.1], [0.0, 0.2, 0.0, 0.3]]),
        "start": np.array([0, 1]),
    }
    exact = propagate(ladder.params(**rows), 12)
    hit = simulate(ladder.params(**{k: v[row] for k, v in rows.items()}), 12, n, rng=8).hit()
    for r in (0, 1):
        for t in (4, 12):
            assert within_4se(hit[row == r, t].mean(), exact.p_nuclear[r, t], n // 2)
