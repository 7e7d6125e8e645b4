"""κ_T: exact DP vs enumeration, correlated resolve vs quadrature and Monte Carlo, special cases,
edge cases and properties (models.md §3.3, §3.7, §3.8)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.deterrence import at_least, credibility, key_ally
from redline.deterrence.credibility import credibility_comonotone, credibility_independent
from redline.errors import RedlineError
from test_deterrence_reference import (
    SPEC_A,
    SPEC_W,
    comonotone_kappa_mc,
    correlated_kappa_mc,
    correlated_kappa_quad,
    enumerate_kappa,
    enumerate_kappa_units,
)

TOL = 1e-6  # models.md §0: values printed with 6 decimals


# ------------------------------------------------------------------ §3.7 vectors, two ways
@pytest.mark.parametrize(
    ("theta", "w_us", "expected"),
    [(0.35, 0.80, 0.825097), (0.50, 0.80, 0.800000), (0.35, 0.30, 0.387840)],
)
def test_spec_vectors_dp_and_enumeration(theta, w_us, expected):
    w = [w_us, *SPEC_W[1:]]
    ref = enumerate_kappa(w, SPEC_A, theta)
    assert math.isclose(ref, expected, abs_tol=TOL)
    assert math.isclose(credibility(w, SPEC_A, theta), ref, abs_tol=1e-12)


def test_spec_decomposition_without_us():
    # κ = w_US + (1 − w_US)·q, q from the other six allies reaching 0.35 on their own
    q = enumerate_kappa(SPEC_W[1:], SPEC_A[1:], 0.35)
    assert math.isclose(q, 0.125485, abs_tol=TOL)
    for w_us in (0.0, 0.3, 0.8, 1.0):
        w = [w_us, *SPEC_W[1:]]
        assert math.isclose(credibility(w, SPEC_A, 0.35), w_us + (1 - w_us) * q, abs_tol=1e-12)


def test_spec_correlated_vector_quadrature_and_monte_carlo():
    exact = credibility(SPEC_W, SPEC_A, 0.35, rho=0.5)
    assert math.isclose(exact, 0.807741, abs_tol=TOL)
    assert math.isclose(exact, correlated_kappa_quad(SPEC_W, SPEC_A, 0.35, 0.5), abs_tol=1e-7)
    mc, se = correlated_kappa_mc(SPEC_W, SPEC_A, 0.35, 0.5, 200_000, seed=11)
    assert abs(mc - exact) < 4 * se
    # correlation lowers credibility here (the system depends on joint resolve)
    assert exact < credibility(SPEC_W, SPEC_A, 0.35)


@pytest.mark.parametrize("rho", [0.1, 0.3, 0.8, 0.9, 0.95, 0.99])
def test_correlated_matches_adaptive_quadrature(rho):
    w, a = [0.7, 0.4, 0.9, 0.2], [0.5, 0.2, 0.2, 0.1]
    assert math.isclose(credibility(w, a, 0.6, rho=rho), correlated_kappa_quad(w, a, 0.6, rho), abs_tol=1e-6)


def test_comonotone_limit_matches_monte_carlo_and_rule():
    exact = credibility(SPEC_W, SPEC_A, 0.35, rho=1.0)
    mc, se = comonotone_kappa_mc(SPEC_W, SPEC_A, 0.35, 100_000, seed=5)
    assert abs(mc - exact) < 4 * se + 1e-12
    # the largest u such that {k : w_k >= u} reaches θ: POL, GBR, USA reach 0.76 at u = 0.80
    assert math.isclose(exact, 0.80, abs_tol=1e-12)
    assert credibility([0.9, 0.2], [0.5, 0.5], 0.9, rho=1.0) == 0.2
    assert credibility([0.9, 0.2], [0.5, 0.5], 1.5, rho=1.0) == 0.0


# ------------------------------------------------------------------ DP == enumeration
@st.composite
def games(draw, max_m=9):
    m = draw(st.integers(1, max_m))
    u = draw(st.lists(st.integers(0, 60), min_size=m, max_size=m))
    w = draw(st.lists(st.floats(0, 1), min_size=m, max_size=m))
    t = draw(st.integers(-5, sum(u) + 5))
    return w, u, t


@given(games())
def test_dp_equals_enumeration(game):
    w, u, t = game
    delta = 0.01
    a = [x * delta for x in u]
    ref = enumerate_kappa_units(w, u, t) if t > 0 else 1.0
    assert math.isclose(credibility(w, a, t * delta, delta=delta), ref, abs_tol=1e-12)


def test_dp_equals_enumeration_twenty_allies():
    rng = np.random.default_rng(3)
    u = rng.integers(1, 50, size=14)
    w = rng.uniform(size=14)
    t = int(u.sum() * 0.4)
    assert math.isclose(credibility(w, u * 0.001, t * 0.001), enumerate_kappa_units(w, u, t), abs_tol=1e-12)


def test_batched_equals_scalar_calls_fixed_and_varying_capabilities():
    rng = np.random.default_rng(7)
    w = rng.uniform(size=(50, 6))
    a = rng.dirichlet(np.ones(6), size=50)
    theta = rng.uniform(0, 1, size=50)
    batched = credibility(w, a, theta)
    assert batched.shape == (50,)
    for d in range(50):
        ref = enumerate_kappa_units(w[d], np.rint(a[d] / 0.001).astype(int), round(theta[d] / 0.001))
        assert math.isclose(batched[d], ref, abs_tol=1e-12)
    fixed = credibility(w, a[0], theta)
    for d in range(0, 50, 7):
        assert math.isclose(fixed[d], credibility(w[d], a[0], theta[d]), abs_tol=1e-12)


def test_batched_correlated_equals_scalar_calls():
    rng = np.random.default_rng(8)
    w = rng.uniform(size=(6, 5))
    rho = np.array([0.0, 0.2, 0.5, 0.9, 1.0, 0.3])
    batched = credibility(w, [0.3, 0.3, 0.2, 0.1, 0.1], 0.5, rho=rho)
    for d in range(6):
        assert math.isclose(
            batched[d], credibility(w[d], [0.3, 0.3, 0.2, 0.1, 0.1], 0.5, rho=rho[d]), abs_tol=1e-12
        )


# ------------------------------------------------------------------ special cases
@given(st.lists(st.floats(0, 1), min_size=1, max_size=9), st.integers(0, 10))
def test_at_least_r_is_poisson_binomial_tail(w, r):
    ref = sum(
        p
        for p, k in (
            (math.prod(wk if x else 1 - wk for wk, x in zip(w, prof, strict=True)), sum(prof))
            for prof in __import__("itertools").product((0, 1), repeat=len(w))
        )
        if k >= r
    )
    assert math.isclose(at_least(w, r), ref if r > 0 else 1.0, abs_tol=1e-12)


def test_key_ally_must_respond():
    # the US must be resolute, and then the others must add θ − a_US (more in test_deterrence_key_ally.py)
    value = key_ally(SPEC_W, SPEC_A, 0, 0.75)
    others = enumerate_kappa(SPEC_W[1:], SPEC_A[1:], 0.75 - SPEC_A[0])
    assert math.isclose(value, SPEC_W[0] * others, abs_tol=1e-12)
    w = list(SPEC_W)
    w[0] = 0.0
    assert key_ally(w, SPEC_A, 0, 0.35) == 0.0


# ------------------------------------------------------------------ edge cases (§3.8)
def test_edge_cases():
    assert credibility(SPEC_W, SPEC_A, 0.0) == 1.0
    assert credibility(SPEC_W, SPEC_A, -1.0) == 1.0
    assert credibility(SPEC_W, SPEC_A, 1.01) == 0.0
    assert credibility([], [], 0.3) == 0.0
    assert credibility([], [], 0.0) == 0.0  # no allies: T stands alone
    assert credibility([1.0, 1.0], [0.5, 0.5], 1.0) == 1.0
    assert credibility([0.0, 0.0], [0.5, 0.5], 0.1) == 0.0
    for rho in (0.0, 0.5, 1.0):
        assert credibility([1.0, 0.0, 0.5], [0.4, 0.4, 0.2], 0.4, rho=rho) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("w", "a", "theta", "rho", "match"),
    [
        ([1.2, 0.5], [0.5, 0.5], 0.3, 0.0, "willingness"),
        ([-0.1, 0.5], [0.5, 0.5], 0.3, 0.0, "willingness"),
        ([0.5, math.nan], [0.5, 0.5], 0.3, 0.0, "NaN"),
        ([0.5, 0.5], [0.5, -0.5], 0.3, 0.0, "capability"),
        ([0.5, 0.5], [0.5, 0.5], 0.3, 1.5, "rho"),
        ([0.5, 0.5], [0.5, 0.5, 0.1], 0.3, 0.0, "same allies"),
    ],
)
def test_bad_input_is_a_redline_error(w, a, theta, rho, match):
    with pytest.raises(RedlineError, match=match):
        credibility(w, a, theta, rho=rho)


def test_inputs_are_not_mutated():
    w = np.array([[0.3, 0.9], [0.5, 0.5]])
    a = np.array([0.6, 0.4])
    w0, a0 = w.copy(), a.copy()
    credibility(w, a, 0.5, rho=0.4)
    credibility_comonotone(w, a, 0.5)
    np.testing.assert_array_equal(w, w0)
    np.testing.assert_array_equal(a, a0)


# ------------------------------------------------------------------ properties
@given(games(max_m=7), st.integers(0, 6), st.floats(0, 1), st.sampled_from([0.0, 0.4, 1.0]))
def test_raising_any_willingness_never_lowers_kappa(game, k, bump, rho):
    w, u, t = game
    k %= len(w)
    a = [x * 0.01 for x in u]
    higher = list(w)
    higher[k] = w[k] + (1 - w[k]) * bump
    before = credibility(w, a, t * 0.01, rho=rho, delta=0.01)
    after = credibility(higher, a, t * 0.01, rho=rho, delta=0.01)
    assert after >= before - 1e-9
    assert 0.0 <= before <= 1.0 and 0.0 <= after <= 1.0


@given(games(max_m=7), st.integers(0, 50), st.sampled_from([0.0, 0.4, 1.0]))
def test_raising_theta_never_raises_kappa(game, step, rho):
    w, u, t = game
    a = [x * 0.01 for x in u]
    low = credibility(w, a, t * 0.01, rho=rho, delta=0.01)
    high = credibility(w, a, (t + step) * 0.01, rho=rho, delta=0.01)
    assert high <= low + 1e-9


@given(games(max_m=6))
def test_rho_zero_equals_independent_result(game):
    w, u, t = game
    a = [x * 0.01 for x in u]
    ind = credibility_independent(w, a, t * 0.01, delta=0.01)
    assert credibility(w, a, t * 0.01, rho=0.0, delta=0.01) == ind
    # and the quadrature tends to it as ρ → 0
    assert math.isclose(credibility(w, a, t * 0.01, rho=1e-12, delta=0.01), ind, abs_tol=1e-6)


def test_high_correlation_rule_is_continuous_and_accurate_on_spec():
    from redline.deterrence.credibility import HIGH_RHO

    below = credibility(SPEC_W, SPEC_A, 0.35, rho=HIGH_RHO)
    above = credibility(SPEC_W, SPEC_A, 0.35, rho=HIGH_RHO + 1e-9)
    assert abs(below - above) < 1e-6
    for rho in (0.97, 0.999):
        assert math.isclose(
            credibility(SPEC_W, SPEC_A, 0.35, rho=rho),
            correlated_kappa_quad(SPEC_W, SPEC_A, 0.35, rho),
            abs_tol=1e-6,
        )


def test_rho_near_one_stays_bounded_and_approaches_the_comonotone_limit():
    """ρ → 1 caps the composite rule's panels (time and memory bounded) and tends to the ρ = 1 limit."""
    gen = np.random.default_rng(5)
    w = gen.uniform(0.05, 0.95, size=(16, 7))
    a = np.array([0.6, 0.08, 0.1, 0.08, 0.08, 0.03, 0.03])
    near = credibility(w, a, 0.35, rho=1 - 1e-7)
    limit = credibility_comonotone(w, a, 0.35)
    np.testing.assert_allclose(near, limit, atol=2e-3)
    one_by_one = np.array([credibility(w[i], a, 0.35, rho=1 - 1e-7) for i in range(len(w))])
    np.testing.assert_array_equal(near, one_by_one)
