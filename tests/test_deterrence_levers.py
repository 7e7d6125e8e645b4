"""Levers: pure, documented transformations; user-defined levers; side-by-side comparison."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import expit, logit

from redline.deterrence import LEVERS, apply_levers, compare_levers, define_lever
from redline.deterrence.coding import ForceEconomy
from redline.deterrence.levers import parse_lever
from redline.errors import RedlineError
from test_deterrence_game import spec_game


def force_game():
    """A hand-made data game: three allies (spending USD bn, personnel k), first-days forces 60k vs 20k."""
    econ = ForceEconomy(
        capability=np.array([100.0, 30.0, 10.0]),
        gdp=np.array([2000.0, 600.0, 1000.0]),
        cap_challenger=math.nan,
        cap_target=20.0,
        gdp_target=400.0,
        personnel=np.array([400.0, 100.0, 100.0]),
        c_local=60.0,
        t_local=20.0,
        ratio=1.0,
    )
    from redline.deterrence.spec import DeterrenceGame

    return DeterrenceGame(
        target="BBB",
        allies=("AAA", "CCC", "DDD"),
        w=np.array([0.6, 0.5, 0.4]),
        V=1.0,
        k_L=0.3,
        k_W=1.5,
        economy=econ,
        **econ.derived(),
    )


def reference_force(spending, personnel, c, t, ratio=1.0):
    """a_k = sqrt(personnel share · spending share) normalised; θ = (ratio·C − T)/Σ personnel."""
    ps = [x / sum(personnel) for x in personnel]
    ss = [x / sum(spending) for x in spending]
    comp = [math.sqrt(a * b) for a, b in zip(ps, ss, strict=True)]
    need = max(ratio * c - t, 0.0)
    return [x / sum(comp) for x in comp], need / sum(personnel), c / (c + t), c / (c + t + need)


def test_registry_has_the_documented_levers():
    assert set(LEVERS) == {
        "lift_restrictions",
        "us_withdrawal",
        "illiberal_shift",
        "spend_3_5",
        "joint_air_defence",
    }
    for lever in LEVERS.values():
        assert lever.description and lever.func.__doc__


def test_us_withdrawal_scales_willingness_and_capability():
    g = spec_game()
    out = LEVERS["us_withdrawal"](g)
    assert math.isclose(out.w[0], 0.4) and np.array_equal(out.w[1:], g.w[1:])
    assert g.w[0] == 0.8  # input unchanged
    assert out.kappa() < g.kappa()
    cap = LEVERS["us_withdrawal"].with_params(w_scale=1.0, a_scale=0.5)(g)
    assert math.isclose(cap.a[0], 0.3) and cap.theta == g.theta
    with pytest.raises(RedlineError, match="unknown parameter"):
        LEVERS["us_withdrawal"].with_params(nope=1)


def test_illiberal_shift_moves_in_logit_units():
    g = spec_game()
    out = LEVERS["illiberal_shift"].with_params(shift=-0.7)(g)
    i = g.allies.index("HUN")
    assert math.isclose(out.w[i], expit(logit(0.10) - 0.7))
    assert math.isclose(out.w[g.allies.index("TUR")], expit(logit(0.30) - 0.7))
    assert out.w[0] == g.w[0]
    away = LEVERS["illiberal_shift"].with_params(shift=2.0)(g)
    assert away.kappa() >= g.kappa()


def test_joint_air_defence_and_lift_restrictions_on_plain_games():
    g = spec_game(target="UKR")
    jad = LEVERS["joint_air_defence"](g)
    assert math.isclose(jad.theta, 0.35 * 0.9) and math.isclose(jad.p_L, 0.9 * 0.9)
    lift = LEVERS["lift_restrictions"](g)
    assert math.isclose(lift.p_L, 0.9 * 0.8) and math.isclose(lift.k_L, 0.4)
    assert lift.A < g.A
    other = LEVERS["lift_restrictions"](spec_game(target="EST"))
    assert other.p_L == 0.9 and any("no effect on EST" in n for n in other.notes)


def test_spend_3_5_needs_data_and_raises_spending():
    with pytest.raises(RedlineError, match="spend_3_5"):
        LEVERS["spend_3_5"](spec_game())
    g = force_game()
    a, theta, p_L, p_W = reference_force([100.0, 30.0, 10.0], [400.0, 100.0, 100.0], 60.0, 20.0)
    np.testing.assert_allclose(g.a, a, rtol=1e-12)
    assert math.isclose(g.theta, theta) and math.isclose(g.p_L, p_L) and math.isclose(g.p_W, p_W)
    out = LEVERS["spend_3_5"](g)
    # AAA already spends 100 of 2000 (5%), CCC 30 → 21 floor (keeps 30), DDD 10 → 35
    np.testing.assert_allclose(out.economy.capability, [100.0, 30.0, 35.0])
    a2, theta2, _, p_W2 = reference_force([100.0, 30.0, 35.0], [400.0, 100.0, 100.0], 60.0, 20.0)
    np.testing.assert_allclose(out.a, a2, rtol=1e-12)
    # money moves the shares; the first-days balance is in personnel and does not move with it
    assert math.isclose(out.theta, theta2) and math.isclose(out.p_W, p_W2)
    assert g.economy.capability[2] == 10.0  # input unchanged


def test_user_defined_lever_in_scenario_form():
    g = spec_game()
    lever = define_lever(
        "europe_up", {"description": "x", "capability": {"ALL": 2.0, "USA": 1.0}, "willingness": {"DEU": 2.0}}
    )
    out = lever(g)
    np.testing.assert_allclose(out.a, [0.6, *(np.array(g.a[1:]) * 2)])
    assert out.w[g.allies.index("DEU")] == 1.0  # capped at 1
    out2 = apply_levers(g, [{"name": "k", "k_W": 0.5, "theta": 0.5, "willingness_shift": {"HUN": 1.0}}])
    assert math.isclose(out2.k_W, 2.0) and math.isclose(out2.theta, 0.175)
    with pytest.raises(RedlineError, match="unknown field"):
        define_lever("bad", {"capabilty": {"USA": 2}})
    with pytest.raises(RedlineError, match="unknown lever"):
        apply_levers(g, ["nope"])


def test_parse_lever_text():
    lever = parse_lever("us_withdrawal:w_scale=0,a_scale=0.5")
    assert lever.params["w_scale"] == 0.0 and lever.params["a_scale"] == 0.5
    lever = parse_lever("illiberal_shift:allies=hun+tur,shift=-2")
    assert lever.params["allies"] == ("HUN", "TUR")


def test_compare_levers_paired_intervals():
    g = spec_game(uncertainty={"w.*": {"dist": "beta", "concentration": 8}})
    table = compare_levers(g, ["us_withdrawal", "joint_air_defence"], draws=8192, rng=5)
    assert list(table["lever"]) == ["baseline", "us_withdrawal", "joint_air_defence"]
    row = table.set_index("lever")
    assert row.loc["us_withdrawal", "delta_p"] > 0 > row.loc["joint_air_defence", "delta_p"]
    for name in ("us_withdrawal", "joint_air_defence"):
        assert row.loc[name, "delta_low"] <= row.loc[name, "delta_p"] <= row.loc[name, "delta_high"]
        assert math.isclose(
            row.loc[name, "delta_p"], row.loc[name, "p_failure"] - row.loc["baseline", "p_failure"]
        )
    point = compare_levers(g, ["us_withdrawal"])
    assert "p_failure" not in point and point.loc[1, "kappa"] < point.loc[0, "kappa"]


def test_scenario_models_are_accepted():
    scenario = pytest.importorskip("redline.scenario")
    if not hasattr(scenario, "LeverSpec"):
        pytest.skip("scenario LeverSpec not available")
    g = spec_game()
    out = apply_levers(g, [scenario.LeverSpec(willingness={"USA": 0.5})])
    assert math.isclose(out.w[0], 0.4)


def test_joint_air_defence_on_world_game_keeps_p_W():
    g = force_game()
    out = LEVERS["joint_air_defence"](g)
    assert math.isclose(out.theta, 0.9 * g.theta) and math.isclose(out.p_W, g.p_W)
    assert math.isclose(out.p_L, 0.9 * g.p_L)
    # composes with a spending lever: both effects survive the re-derivation
    both = apply_levers(g, ["joint_air_defence", "spend_3_5"])
    assert math.isclose(both.p_L, 0.9 * LEVERS["spend_3_5"](g).p_L)
    assert math.isclose(both.theta, 0.9 * LEVERS["spend_3_5"](g).theta)
