"""The challenger's decision: payoffs, κ*, regimes, logit (models.md §3.2, §3.5, §3.7)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.deterrence import DeterrenceGame, challenger_decision, challenger_payoffs, contest_success
from redline.errors import RedlineError
from test_deterrence_reference import (
    SPEC_A,
    SPEC_PAYOFFS,
    SPEC_W,
    decision_reference,
    enumerate_kappa,
    logit_reference,
)

TOL = 1e-6


def spec_game(**changes):
    base = dict(
        target="T",
        allies=("USA", "GBR", "DEU", "FRA", "POL", "HUN", "TUR"),
        a=SPEC_A,
        w=SPEC_W,
        theta=0.35,
        **SPEC_PAYOFFS,
    )
    base.update(changes)
    return DeterrenceGame(**base)


def test_spec_payoffs_and_critical_credibility():
    A, B = challenger_payoffs(**SPEC_PAYOFFS)
    assert math.isclose(A, 0.9 * 1 - 0.3, abs_tol=1e-12) and math.isclose(A, 0.6, abs_tol=TOL)
    assert math.isclose(B, -1.3, abs_tol=TOL)
    d = challenger_decision(0.5, A, B)
    assert math.isclose(float(d.kappa_star), 0.6 / 1.9, abs_tol=1e-12)
    assert math.isclose(float(d.kappa_star), 0.315789, abs_tol=TOL)


@pytest.mark.parametrize(
    ("theta", "w_us", "eu", "regime"),
    [
        (0.35, 0.80, -0.967684, "deterred"),
        (0.50, 0.80, -0.92, "deterred"),
        (0.35, 0.30, -0.136896, "deterred"),
    ],
)
def test_spec_expected_utilities(theta, w_us, eu, regime):
    w = [w_us, *SPEC_W[1:]]
    kappa = enumerate_kappa(w, SPEC_A, theta)
    ref_regime, ref_ks, ref_eu = decision_reference(kappa, 0.6, -1.3)
    assert math.isclose(ref_eu, eu, abs_tol=TOL)
    game = spec_game(w=w, theta=theta)
    d = game.decide()
    assert math.isclose(float(d.eu_attack), ref_eu, abs_tol=1e-12)
    assert str(d.regime_name) == ref_regime == regime
    assert math.isclose(float(d.margin), kappa - ref_ks, abs_tol=1e-12)


@pytest.mark.parametrize(("w_us", "expected"), [(0.80, 0.007857), (0.30, 0.335262)])
def test_spec_logit_vectors(w_us, expected):
    w = [w_us, *SPEC_W[1:]]
    eu = decision_reference(enumerate_kappa(w, SPEC_A, 0.35), 0.6, -1.3)[2]
    ref = logit_reference(eu, 5.0)
    assert math.isclose(ref, expected, abs_tol=TOL)
    d = spec_game(w=w, lam=5.0).decide()
    assert math.isclose(float(d.p_attack), ref, abs_tol=1e-12)


@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(-2, 2), st.floats(-2, 2)), min_size=1, max_size=30),
    st.floats(0.1, 50),
)
def test_batched_decision_equals_scalar_reference(rows, lam):
    kappa, A, B = (np.array(x) for x in zip(*rows, strict=True))
    d = challenger_decision(kappa, A, B, lam=lam)
    for i, (k, a, b) in enumerate(rows):
        regime, ks, eu = decision_reference(k, a, b)
        assert d.regime_name[i] == regime
        assert math.isclose(d.eu_attack[i], eu, abs_tol=1e-12)
        assert (math.isnan(ks) and math.isnan(d.kappa_star[i])) or math.isclose(
            d.kappa_star[i], ks, abs_tol=1e-12
        )
        assert d.attack[i] == (regime in ("deterrence_fails", "undeterrable"))
        assert math.isclose(d.p_attack[i], 1 / (1 + math.exp(-lam * eu)), abs_tol=1e-12)
        if regime in ("deterred", "deterrence_fails"):  # the step rule is EU > 0 (ties → status quo)
            assert d.attack[i] == (eu > 0) or abs(eu) <= 1e-12


def test_every_regime_and_logit_limit():
    d = challenger_decision(
        np.array([0.5, 0.9, 0.1, 0.5]), np.array([-0.1, 0.6, 0.6, 0.6]), np.array([-1.0, -1.3, -1.3, 0.1])
    )
    assert list(d.regime_name) == ["no_opportunity", "deterred", "deterrence_fails", "undeterrable"]
    assert list(d.attack) == [False, False, True, True]
    big = challenger_decision(np.array([0.9, 0.1]), 0.6, -1.3, lam=1e4)
    np.testing.assert_allclose(big.p_attack, [0.0, 1.0], atol=1e-9)
    frame = d.to_frame()
    assert list(frame["regime"]) == list(d.regime_name)


def test_contest_success_function():
    assert math.isclose(contest_success(3, 1), 0.75)
    assert math.isclose(contest_success(3, 1, 2), 0.5)
    assert math.isclose(contest_success(2, 1, 0, psi=2), 0.8)
    with pytest.raises(RedlineError, match="challenger capability"):
        contest_success(-1, 1)


def test_game_validation_names_the_field():
    with pytest.raises(RedlineError, match="ally USA: w = 1.5"):
        spec_game(w=[1.5, *SPEC_W[1:]])
    with pytest.raises(RedlineError, match="p_L"):
        spec_game(p_L=1.2)
    with pytest.raises(RedlineError, match="7 allies"):
        spec_game(a=SPEC_A[:3])
    with pytest.raises(RedlineError, match="missing"):
        spec_game(w=[math.nan, *SPEC_W[1:]])


def test_game_is_immutable_and_replace_validates():
    g = spec_game()
    with pytest.raises(ValueError):
        g.w[0] = 0.1
    g2 = g.replace(theta=0.5)
    assert g.theta == 0.35 and g2.theta == 0.5
    assert math.isclose(g2.kappa(), 0.8, abs_tol=1e-12)


def _reference_resolve_margin(w, a, theta, kappa_star):
    """Root of enumerate_kappa(logistic(logit(w) − Δ)) − κ* by Brent's method (plain scalar code)."""
    from scipy.optimize import brentq

    def shifted(delta):
        return [1 / (1 + math.exp(-(math.log(x / (1 - x)) - delta))) for x in w]

    return brentq(lambda d: enumerate_kappa(shifted(d), a, theta) - kappa_star, -20, 20, xtol=1e-10)


@pytest.mark.parametrize(
    ("changes", "sign"),
    [({}, 1), ({"w": [0.3, *SPEC_W[1:]]}, 1), ({"theta": 0.5}, 1), ({"theta": 0.9}, -1)],
)
def test_resolve_margin_matches_a_root_of_the_enumeration(changes, sign):
    g = spec_game(**changes)
    kappa_star = 0.6 / 1.9  # §3.7: A = 0.6, B = −1.3
    ref = _reference_resolve_margin(list(g.w), list(g.a), g.theta, kappa_star)
    got = g.resolve_margin()
    assert abs(got - ref) < 0.01 and np.sign(got) == sign  # grid resolution 40/16³ ≈ 0.0098
    # just inside the margin C is still deterred, just beyond it deterrence fails
    inside = g.replace(w=1 / (1 + np.exp(-(np.log(g.w / (1 - g.w)) - (ref - 0.02)))))
    beyond = g.replace(w=1 / (1 + np.exp(-(np.log(g.w / (1 - g.w)) - (ref + 0.02)))))
    assert inside.summary()["regime"] == "deterred" and beyond.summary()["regime"] == "deterrence_fails"


def test_resolve_margin_is_nan_without_a_threshold():
    assert math.isnan(spec_game(k_L=0.95).resolve_margin())  # A ≤ 0: no opportunity
    assert math.isnan(spec_game(k_W=0.1).resolve_margin())  # B ≥ 0: undeterrable
    assert math.isnan(spec_game(theta=0.0).resolve_margin())  # κ = 1 whatever the resolve


def test_ties_go_to_the_status_quo():
    # κ exactly at κ* = A/(A − B): C is deterred (models.md §3.2, ties → status quo), batched and scalar
    A, B = np.array([0.6, 0.5, 0.25]), np.array([-1.3, -0.5, -0.75])
    kappa = A / (A - B)
    d = challenger_decision(kappa, A, B)
    assert not d.attack.any() and (d.regime_name == "deterred").all()
    for k, a, b in zip(kappa, A, B, strict=True):
        assert decision_reference(k, a, b)[0] == "deterred"
