"""The key-ally rule: κ = P(the key ally is resolute ∧ the resolute allies reach θ) (models.md §3.3).

Checked against references written here from the definition, not from the DP: every one of the 2^m
resolve profiles (independent allies), adaptive quadrature over the common shock and a plain Monte
Carlo of the one-factor copula (correlated resolve), one common uniform (comonotone). The properties
(more capability or resolve of a non-key ally never lowers κ; a key ally who never responds gives
κ = 0; a key index outside the allies switches the rule off) and the Georgia lever that the old
θ-raising rule got backwards.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.stats import norm

from redline.deterrence import credibility, key_ally
from redline.deterrence.credibility import credibility_comonotone, credibility_independent
from redline.errors import RedlineError
from test_deterrence_reference import SPEC_A, SPEC_W, enumerate_kappa


# ------------------------------------------------------------------ references from the definition
def enumerate_key(w, u, t, key):
    """Σ over all 2^m profiles of P(profile)·1[key resolute ∧ Σ_{resolute} u_k ≥ t] (integer units)."""
    w, u = np.asarray(w, float), np.asarray(u, np.int64)
    profiles = np.array(list(itertools.product((0, 1), repeat=len(w))), dtype=bool)
    prob = np.where(profiles, w, 1.0 - w).prod(axis=1)
    hit = (profiles * u).sum(axis=1) >= t
    if 0 <= key < len(w):
        hit &= profiles[:, key]
    return float(prob[hit].sum())


def quad_key(w, a, theta, rho, key):
    """∫ φ(z) P(key ∧ Σ ≥ θ | z) dz by scipy's adaptive quadrature over the enumeration."""
    w = np.asarray(w, float)

    def given_z(z):
        wz = norm.cdf((norm.ppf(w) - math.sqrt(rho) * z) / math.sqrt(1.0 - rho))
        return norm.pdf(z) * enumerate_key(wz, np.rint(np.asarray(a) / 1e-3), round(theta / 1e-3), key)

    return integrate.quad(given_z, -9, 9, epsabs=1e-11, limit=400, points=[0.0])[0]


def mc_key(w, a, theta, rho, key, draws, seed):
    """Plain Monte Carlo: resolute iff √ρ Z + √(1−ρ) ε_k < Φ⁻¹(w_k); (estimate, standard error)."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((draws, 1))
    eps = rng.standard_normal((draws, len(w)))
    resolute = math.sqrt(rho) * z + math.sqrt(1.0 - rho) * eps < norm.ppf(w)
    hit = ((resolute * np.asarray(a)).sum(axis=1) >= theta - 1e-9) & resolute[:, key]
    return hit.mean(), hit.std(ddof=1) / math.sqrt(draws)


def random_case(seed, m):
    """w in (0, 1), capability shares on the δ = 0.001 grid, θ on the grid below the total."""
    rng = np.random.default_rng(seed)
    w = rng.uniform(0.02, 0.98, m)
    u = rng.integers(1, 400, m)
    t = int(rng.integers(0, u.sum() + 2))
    return w, u, t


# ------------------------------------------------------------------ independent allies: every profile
@pytest.mark.parametrize("seed", range(12))
def test_dp_equals_enumeration_of_every_profile(seed):
    m = 2 + seed % 11  # 2..12 allies
    w, u, t = random_case(seed, m)
    for key in {0, m // 2, m - 1}:
        expected = enumerate_key(w, u, t, key)
        assert math.isclose(credibility_independent(w, u * 1e-3, t * 1e-3, key=key), expected, abs_tol=1e-12)
        assert math.isclose(credibility(w, u * 1e-3, t * 1e-3, key=key), expected, abs_tol=1e-12)
        assert math.isclose(key_ally(w, u * 1e-3, key, t * 1e-3), expected, abs_tol=1e-12)


def test_spec_allies_with_the_us_as_key():
    # §3.7 allies: the US (a = 0.60) reaches θ = 0.35 alone, so κ = w_US; at θ = 0.7 the others add 0.1
    assert math.isclose(key_ally(SPEC_W, SPEC_A, 0, 0.35), SPEC_W[0], abs_tol=1e-12)
    others = enumerate_kappa(SPEC_W[1:], SPEC_A[1:], 0.7 - SPEC_A[0])
    assert math.isclose(key_ally(SPEC_W, SPEC_A, 0, 0.7), SPEC_W[0] * others, abs_tol=1e-12)
    assert key_ally(SPEC_W, SPEC_A, 0) == SPEC_W[0]  # θ = 0: the key ally must still respond


def test_draw_axis_row_by_row():
    rng = np.random.default_rng(3)
    w = rng.uniform(0.05, 0.95, (9, 7))
    a = np.round(rng.dirichlet(np.ones(7), 9), 3)
    theta = rng.uniform(0.1, 0.9, 9)
    for rho in (0.0, 0.4, 0.95, 1.0):
        batch = credibility(w, a, theta, rho=rho, key=2)
        rows = [credibility(w[d], a[d], theta[d], rho=rho, key=2) for d in range(9)]
        np.testing.assert_allclose(batch, rows, rtol=0, atol=1e-13)


# ------------------------------------------------------------------ correlated resolve
@pytest.mark.parametrize(("seed", "rho"), [(1, 0.2), (2, 0.5), (3, 0.8), (4, 0.95)])
def test_copula_against_adaptive_quadrature(seed, rho):
    w, u, t = random_case(seed, 6)
    key = seed % 6
    value = credibility(w, u * 1e-3, t * 1e-3, rho=rho, key=key)
    assert math.isclose(value, quad_key(w, u * 1e-3, t * 1e-3, rho, key), abs_tol=1e-6)


@pytest.mark.parametrize(("seed", "rho"), [(5, 0.3), (6, 0.7)])
def test_copula_against_monte_carlo(seed, rho):
    """Within 4 standard errors of 400,000 copula draws (SE ≤ 0.0008)."""
    w, u, t = random_case(seed, 8)
    key = 1
    mc, se = mc_key(w, u * 1e-3, t * 1e-3, rho, key, 400_000, seed)
    assert abs(credibility(w, u * 1e-3, t * 1e-3, rho=rho, key=key) - mc) < 4 * se + 1e-12


@pytest.mark.parametrize("seed", range(6))
def test_comonotone_is_the_common_uniform(seed):
    w, u, t = random_case(seed, 7)
    key = seed % 7
    grid = np.linspace(0, 1, 20_001)[:-1] + 0.5 / 20_000  # U at the midpoints: exact up to 1/20,000
    resolute = np.asarray(w)[None, :] > grid[:, None]
    hit = ((resolute * u).sum(axis=1) >= t) & resolute[:, key]
    value = credibility_comonotone(w, u * 1e-3, t * 1e-3, key=key)
    assert abs(value - hit.mean()) <= 1 / 20_000
    assert value == credibility(w, u * 1e-3, t * 1e-3, rho=1.0, key=key)


# ------------------------------------------------------------------ properties
allies = st.integers(2, 8)


@st.composite
def key_games(draw):
    m = draw(allies)
    w = draw(st.lists(st.floats(0.0, 1.0), min_size=m, max_size=m))
    u = draw(st.lists(st.integers(0, 300), min_size=m, max_size=m))
    t = draw(st.integers(-5, sum(u) + 5))
    key = draw(st.integers(0, m - 1))
    other = draw(st.integers(0, m - 2))
    other += other >= key  # any ally but the key
    rho = draw(st.sampled_from([0.0, 0.3, 0.7, 0.95, 1.0]))
    return np.array(w), np.array(u) * 1e-3, t * 1e-3, key, other, rho


@settings(max_examples=60)
@given(key_games(), st.integers(1, 200), st.floats(0.0, 1.0))
def test_more_of_a_non_key_ally_never_lowers_kappa(game, more_units, more_w):
    w, a, theta, key, other, rho = game
    base = credibility(w, a, theta, rho=rho, key=key)
    stronger = a.copy()
    stronger[other] += more_units * 1e-3
    assert credibility(w, stronger, theta, rho=rho, key=key) >= base - 1e-12
    bolder = w.copy()
    bolder[other] = max(w[other], more_w)
    assert credibility(bolder, a, theta, rho=rho, key=key) >= base - 1e-12


@settings(max_examples=40)
@given(key_games())
def test_a_key_ally_who_never_responds_gives_zero(game):
    w, a, theta, key, _, rho = game
    w = w.copy()
    w[key] = 0.0
    assert credibility(w, a, theta, rho=rho, key=key) == 0.0


@settings(max_examples=40)
@given(key_games(), st.sampled_from([-1, -3, 0, 2]))
def test_a_key_outside_the_allies_switches_the_rule_off(game, past):
    w, a, theta, _, _, rho = game
    key = len(w) + past if past >= 0 else past
    assert credibility(w, a, theta, rho=rho, key=key) == credibility(w, a, theta, rho=rho)


def test_key_ally_never_above_the_rule_without_it_nor_above_its_own_w():
    w, u, t = random_case(7, 9)
    for rho in (0.0, 0.5, 1.0):
        with_key = credibility(w, u * 1e-3, t * 1e-3, rho=rho, key=4)
        assert with_key <= credibility(w, u * 1e-3, t * 1e-3, rho=rho) + 1e-12
        assert with_key <= w[4] + 1e-12


def test_key_must_be_an_integer():
    with pytest.raises(RedlineError, match="key"):
        credibility(SPEC_W, SPEC_A, 0.3, key=0.5)
    with pytest.raises(RedlineError, match="key"):
        credibility(SPEC_W, SPEC_A, 0.3, key=True)


# ------------------------------------------------------------------ the old rule's counter-example
def test_more_european_capability_no_longer_lowers_kappa():
    """The old rule raised θ to Σ_{k≠key} a_k + δ: once the others outweighed the key ally, more of
    their capability raised θ and lowered κ. Here the US (a = 0.55) reaches θ = 0.4 alone."""
    w = np.array([0.7, 0.3, 0.3, 0.3])
    a = np.array([0.55, 0.15, 0.15, 0.15])
    before = key_ally(w, a, 0, 0.4)
    europe = np.array([0.55, 0.3, 0.3, 0.3])
    after = key_ally(w, europe / europe.sum(), 0, 0.4 * a.sum() / europe.sum())
    assert math.isclose(before, 0.7, abs_tol=1e-12)
    assert after >= before


# ------------------------------------------------------------------ the game from the data
@pytest.fixture(scope="module")
def world_2024():
    from redline.world import World

    return World.for_year(2024)


def test_georgia_spend_3_5_no_longer_lowers_kappa(world_2024):
    """Under the old rule this lever took Georgia's κ from 0.020 to 0.010 (θ 0.461 → 0.529)."""
    from redline.deterrence import apply_levers, from_world

    base = from_world(world_2024, "GEO")
    assert base.allies[base.key] == "USA"
    for levers in (["spend_3_5"], [{"capability": {"ALL": 1.5, "USA": 1.0}}]):
        if isinstance(levers[0], dict):
            from redline.deterrence import define_lever

            levers = [define_lever("europe_more_capable", levers[0])]
        after = apply_levers(base, levers)
        assert after.key == base.key
        assert after.kappa() >= base.kappa()
        assert after.theta <= base.theta + 1e-12  # θ is what the response needs, not the others' share


def test_theta_of_a_data_game_is_the_need_alone(world_2024):
    from redline.deterrence import from_world

    key = from_world(world_2024, "GEO")
    off = from_world(world_2024, "GEO", {"us_key_nonmember": 0})
    assert off.key == -1
    assert key.theta == off.theta  # the key ally is a condition on κ, not a higher threshold
    assert key.kappa() <= off.kappa()


# ------------------------------------------------------------------ the game, its file and its Monte Carlo
def _doc(**game):
    return {
        "game": {"theta": 0.35, "rho": 0.4, **game},
        "challenger": {"V": 1.0, "p_L": 0.9, "k_L": 0.3, "p_W": 0.2, "k_W": 1.5},
        "allies": [{"name": n, "a": a, "w": w} for n, a, w in zip("ABCDEFG", SPEC_A, SPEC_W, strict=True)],
    }


def test_game_file_key_ally_and_monte_carlo_per_draw():
    from redline.deterrence import monte_carlo
    from redline.deterrence.gamefile import game_from_dict

    game, _ = game_from_dict(_doc(key_ally="A"))
    assert game.key == 0
    assert game.kappa() == credibility(SPEC_W, SPEC_A, 0.35, rho=0.4, key=0)
    assert game.kappa() < game.replace(key=-1).kappa()  # the others (0.40) could reach 0.35 alone
    # a fixed distribution on θ sends every draw through the batched κ: the key must go with it
    drawn = game.replace(uncertainty={"theta": {"dist": "fixed", "value": 0.35}})
    assert math.isclose(monte_carlo(drawn, 64, rng=1).kappa_mean, game.kappa(), abs_tol=1e-12)
    with pytest.raises(RedlineError, match="key_ally"):
        game_from_dict(_doc(key_ally="USA"))


def test_game_key_must_name_an_ally():
    from redline.deterrence.gamefile import game_from_dict

    game, _ = game_from_dict(_doc())
    assert game.key == -1
    for bad in (7, -2, 1.0, True):
        with pytest.raises(RedlineError, match="key"):
            game.replace(key=bad)
