"""Monte Carlo of P(deterrence failure) (models.md §3.6, §3.7): within 4 SE of exact values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import binomtest

from redline.deterrence import monte_carlo, wilson_interval
from redline.errors import RedlineError
from test_deterrence_game import spec_game
from test_deterrence_reference import SPEC_A, SPEC_W, enumerate_kappa, logit_reference

US_UNIFORM = {"w.USA": {"dist": "uniform", "low": 0.2, "high": 0.9}}


def exact_failure_us_uniform():
    """Spec §3.7: failure iff w_US < w* = (κ* − q)/(1 − q); w_US ~ U(0.2, 0.9)."""
    q = enumerate_kappa(SPEC_W[1:], SPEC_A[1:], 0.35)
    kstar = 0.6 / 1.9
    w_star = (kstar - q) / (1 - q)
    return (w_star - 0.2) / 0.7, w_star


def test_spec_monte_carlo_vector():
    exact, w_star = exact_failure_us_uniform()
    assert math.isclose(w_star, 0.217611, abs_tol=1e-6)
    assert math.isclose(exact, 0.025159, abs_tol=1e-6)
    r = monte_carlo(spec_game(uncertainty=US_UNIFORM), 200_000, rng=2024)
    assert abs(r.p_failure - exact) < 4 * math.sqrt(exact * (1 - exact) / 200_000)
    assert abs(r.p_failure - exact) < 0.0014  # the spec's stated 4 SE band
    assert r.ci_low < r.p_failure < r.ci_high
    assert math.isclose(r.regime_shares["deterrence_fails"], r.p_failure)
    assert math.isclose(sum(r.regime_shares.values()), 1.0)
    sens = r.sensitivity.set_index("input")
    assert sens.loc["w.USA", "spearman"] < 0  # more US willingness, fewer failures
    assert sens.loc["w.USA", "spearman_kappa"] > 0.99


def test_logit_monte_carlo_matches_integral():
    q = enumerate_kappa(SPEC_W[1:], SPEC_A[1:], 0.35)

    def p_attack(w_us):
        kappa = w_us + (1 - w_us) * q
        return logit_reference((1 - kappa) * 0.6 + kappa * -1.3, 5.0)

    exact = integrate.quad(p_attack, 0.2, 0.9)[0] / 0.7
    r = monte_carlo(spec_game(uncertainty=US_UNIFORM, lam=5.0), 40_000, rng=9)
    assert r.rule == "logit"
    assert abs(r.p_failure - exact) < 4 * r.se


def test_beta_theta_and_payoff_uncertainty_against_plain_reference():
    game = spec_game(
        uncertainty={
            "w.*": {"dist": "beta", "concentration": 10},
            "theta": {"dist": "uniform", "low": 0.3, "high": 0.7},
            "k_W": {"dist": "triangular", "low": 0.5, "mode": 1.0, "high": 1.5},
        }
    )
    r = monte_carlo(game, 8_192, rng=4, keep_outcome=True)
    # plain reference on the first 300 draws: re-sample with the same block streams, loop per draw
    from redline.deterrence.montecarlo import sample_inputs
    from redline.rng import block_generator

    s = sample_inputs(game, block_generator(r.seed, 0), 4096)
    for d in range(300):
        kappa = enumerate_kappa(list(s["w.*"][d]), SPEC_A, s["theta"][d])
        A, B = 0.6, 0.2 - s["k_W"][d]
        attack = A > 0 and (B >= 0 or kappa < A / (A - B))
        assert r.outcome[d] == attack
    assert 0 < r.p_failure < 1


def test_seed_reproducible_and_chunking_invariant():
    game = spec_game(uncertainty={**US_UNIFORM, "theta": {"dist": "uniform", "low": 0.3, "high": 0.5}})
    a = monte_carlo(game, 9_000, rng=3, chunk_size=4096, keep_outcome=True)
    b = monte_carlo(game, 9_000, rng=3, chunk_size=65_536, keep_outcome=True)
    np.testing.assert_array_equal(a.outcome, b.outcome)
    c = monte_carlo(game, 5_000, rng=4)
    assert c.seed == 4 and a.seed == 3
    gen = monte_carlo(game, 100, rng=np.random.default_rng(1))
    assert isinstance(gen.seed, int)


def test_no_uncertainty_is_the_point_value():
    r = monte_carlo(spec_game(w=[0.3, *SPEC_W[1:]]), 1_000, rng=1)
    assert r.p_failure == 0.0 and r.regime_shares["deterred"] == 1.0
    assert math.isclose(r.kappa_mean, 0.387840, abs_tol=1e-6)
    assert r.ci_low == 0.0 and r.ci_high > 0.0


@pytest.mark.parametrize(("k", "n"), [(0, 50), (3, 50), (25, 50), (50, 50), (5032, 200_000)])
def test_wilson_interval_matches_scipy(k, n):
    lo, hi = wilson_interval(k, n)
    ci = binomtest(k, n).proportion_ci(method="wilson")
    assert math.isclose(lo, ci.low, abs_tol=1e-12) and math.isclose(hi, ci.high, abs_tol=1e-12)


@pytest.mark.parametrize(
    ("unc", "match"),
    [
        ({"w.XXX": {"dist": "uniform", "low": 0, "high": 1}}, "not an ally"),
        ({"gamma": {"dist": "uniform", "low": 0, "high": 1}}, "unknown input"),
        ({"V": {"dist": "uniform", "low": 1, "high": 0}}, "low < high"),
        ({"V": {"dist": "poisson", "lam": 1}}, "dist"),
        ({"V": {"dist": "beta", "mean": 0.5}}, "concentration"),
        ({"V": {"dist": "normal", "mean": 1, "sd": 1, "extra": 2}}, "unknown extra"),
    ],
)
def test_bad_distributions_name_the_field(unc, match):
    with pytest.raises(RedlineError, match=match):
        monte_carlo(spec_game(uncertainty=unc), 10, rng=1)


def test_bad_draws_and_rule():
    with pytest.raises(RedlineError, match="draws"):
        monte_carlo(spec_game(), 0)
    with pytest.raises(RedlineError, match="lambda"):
        monte_carlo(spec_game(), 10, rule="logit")


def test_sensitivity_merges_all_and_named_allies():
    game = spec_game(
        uncertainty={
            "w.*": {"dist": "beta", "concentration": 10},
            "w.USA": {"dist": "uniform", "low": 0.2, "high": 0.9},
        }
    )
    r = monte_carlo(game, 5_000, rng=2)
    names = list(r.sensitivity["input"])
    assert sorted(names) == sorted(f"w.{a}" for a in game.allies)
    assert (r.sensitivity["draws"] == 5_000).all()
    sens = r.sensitivity.set_index("input")
    assert sens.loc["w.USA", "spearman_kappa"] > sens.loc["w.HUN", "spearman_kappa"]
