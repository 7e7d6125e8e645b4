"""The effects of support conditioned on the record: the partial lifting of November 2024 (session 8)."""

from __future__ import annotations

import numpy as np
import pytest

from redline.deterrence.lifting import (
    EFFECT_PRIOR,
    Lifting,
    effect_grid,
    effect_weights,
    observed_lifting,
)
from redline.deterrence.restraint import restraint_sweep
from redline.errors import RedlineError
from redline.escalation import Ladder, propagate
from redline.escalation.fit import fit_escalation
from test_deterrence_game import spec_game

# three ladder draws on the default rungs, standing on rung 2 below the "direct NATO involvement" line
THETA = [0.10, 0.30, 0.05]
Q_R, Q_B = [0.5, 0.7, 0.4], [0.10, 0.05, 0.02]
TAU_2 = [0.05, 0.20, 0.01]
H_2 = [0.02, 0.01, 0.05]


def _draws():
    ladder = Ladder(red_lines={1: 0.3, 2: 0.1}, q_resolute=0.7, q_bluffer=0.05, h=(0, 0, 0.01, 0.05), start=2)
    tau = np.array([[np.nan, 0.3, t, np.nan] for t in TAU_2])
    h = np.array([[0.0, 0.0, x, 0.05] for x in H_2])
    return ladder.params(3, tau=tau, h=h, theta0=THETA, pi_resolute=THETA, q_resolute=Q_R, q_bluffer=Q_B)


def _reference(gains, scales, sigma, months):
    """Plain Python: the pusher crosses at once iff ρ < τ_2 + gain·σ (and then leaves rung 2 for good);
    otherwise the ladder stays on rung 2 with probability (1 − h_2·(1 + scale·σ))^months. Normalised
    over the effect points, per ladder draw."""
    out = []
    for theta, qr, qb, tau, h in zip(THETA, Q_R, Q_B, TAU_2, H_2, strict=True):
        rho = theta * qr + (1 - theta) * qb
        like = [
            0.0 if rho < tau + g * sigma else (1 - min(1.0, h * (1 + s * sigma))) ** months
            for g, s in zip(gains, scales, strict=True)
        ]
        total = sum(like)
        out.append([x / total if total > 0 else 1 / len(like) for x in like])
    return out


def test_likelihood_weights_match_a_plain_python_reference():
    gains, scales = [0.0, 0.1, 0.3, 0.05], [0.0, 1.0, 2.0, 0.5]
    lifting = Lifting("deep_strikes", "2024-11-17", 0.3, 5, 2, 2, "2025-04-30")
    got = effect_weights(_draws(), np.array(gains), np.array(scales), lifting)
    assert got == pytest.approx(np.array(_reference(gains, scales, 0.3, 5)), abs=1e-12)
    # a draw whose threshold sits within 0.3·0.05 of ρ keeps only the effect points that do not cross
    assert got[2, 1] == 0.0 and got[2, 2] == 0.0


def test_no_escalation_after_a_lifting_moves_the_effects_down_nothing_observed_keeps_the_prior():
    fitted = fit_escalation(as_of="2025-12-31")
    post = fitted.params(100, rng=3)
    grid = effect_grid(EFFECT_PRIOR)
    seen = observed_lifting("2025-12-31")
    assert seen is not None and seen.months == 13 and seen.rung_end == 2
    moved = effect_weights(post, grid["tau_gain"], grid["h_scale"], seen).mean(axis=0)
    prior = effect_weights(post, grid["tau_gain"], grid["h_scale"], None).mean(axis=0)
    assert prior == pytest.approx(np.full(grid["tau_gain"].size, 1 / grid["tau_gain"].size))
    assert (prior * grid["tau_gain"]).sum() == pytest.approx(0.2)
    assert (moved * grid["tau_gain"]).sum() < 0.15  # toward smaller effects
    assert (moved * grid["h_scale"]).sum() <= (prior * grid["h_scale"]).sum() + 1e-12
    zero = Lifting("deep_strikes", "2025-12-31", 0.3, 0, 2, 2, "2025-12-31")
    assert effect_weights(post, grid["tau_gain"], grid["h_scale"], zero) == pytest.approx(
        np.full((100, grid["tau_gain"].size), 1 / grid["tau_gain"].size)
    )


def test_the_lifting_is_seen_only_up_to_the_scenario_date():
    assert observed_lifting("2024-06-30") is None
    assert observed_lifting("2024-12-31").months == 1
    with pytest.raises(RedlineError, match="no step"):
        observed_lifting("2024-12-31", step_id="nope")
    with pytest.raises(RedlineError, match="σ_obs"):
        observed_lifting("2024-12-31", sigma=0.0)


def test_sigma_zero_is_the_escalation_forecast_and_the_observed_level_agrees_with_the_record():
    """σ = 0 propagates the fitted ladder itself (the escalation headline). At the observed lifting
    (σ = 0.3, no escalation since) the sweep must stay near it: before session 8 the invented effect
    sizes gave about 50% there, for a lifting the record shows passed without escalation."""
    fitted = fit_escalation(as_of="2025-12-31")
    sweep = restraint_sweep(spec_game(), fitted, [0.0, 0.3, 1.0], steps=12, escalation_draws=64, rng=5)
    direct = propagate(fitted.params(64, rng=5), 12).p_nuclear[:, -1]
    assert sweep["p_nuclear"].iloc[0] == pytest.approx(direct.mean(), rel=1e-12)
    assert sweep["p_nuclear"].iloc[1] < sweep["p_nuclear"].iloc[0] + 0.05
    evidence = sweep.attrs["evidence"]
    assert evidence["months"] == 13 and evidence["tau_gain"]["mean"] < 0.15
    prior = restraint_sweep(
        spec_game(), fitted, [0.0, 0.3], steps=12, escalation_draws=64, rng=5, lifting=None
    )
    assert prior["p_nuclear"].iloc[0] == pytest.approx(direct.mean(), rel=1e-12)
    assert prior["p_nuclear"].iloc[1] > sweep["p_nuclear"].iloc[1] + 0.1


def test_effect_ranges_need_a_fitted_ladder_and_a_valid_pair():
    plain = Ladder(red_lines={1: 0.3, 2: 0.1}, q_resolute=0.7, q_bluffer=0.05, h=(0, 0, 0.01, 0.05), start=1)
    with pytest.raises(RedlineError, match="fitted to the record"):
        restraint_sweep(spec_game(), plain, [0.0, 1.0], tau_gain=(0.0, 0.4))
    with pytest.raises(RedlineError, match="range"):
        restraint_sweep(spec_game(), plain, [0.0, 1.0], tau_gain=(0.4, 0.1))
    with pytest.raises(RedlineError, match="expected a number"):
        restraint_sweep(spec_game(), plain, [0.0, 1.0], p_L_cut=(0.1, 0.2))
    fixed = restraint_sweep(spec_game(), plain, [0.0, 1.0], tau_gain=(0.2, 0.2))
    assert fixed.attrs["effects"]["tau_gain"] == 0.2


def test_the_headline_says_what_the_record_grounds_and_what_rests_on_assumptions():
    import pandas as pd

    from redline.adapters.restraint import RestraintAdapter

    table = pd.DataFrame(
        {"sigma": [0.0, 0.3, 1.0], "p_failure": [np.nan] * 3, "p_nuclear": [0.03, 0.04, 0.35]}
    )
    evidence = {"sigma_obs": 0.3, "lifting": "the lifting of 2024-11-17 (deep_strikes), then 1 month"}
    sweep = {
        "target": "UKR",
        "table": table,
        "steps": 12,
        "time_step": "month",
        "fitted": True,
        "at_war": "at war",
        "effects": {"p_L_cut": 0.3, "tau_gain": [0.0, 0.4], "h_scale": [0.0, 2.0]},
        "evidence": evidence,
    }
    answer = RestraintAdapter().summarise({"restraint": sweep}, {}, None)[1][0]["answer"]
    assert "3.0% → 35.0%; 4.0% at σ = 0.3, the observed lifting" in answer
    assert "uniform priors tau_gain U(0, 0.4), h_scale U(0, 2)" in answer
    assert "that lifting coded σ = 0.3" in answer and "Beyond σ = 0.3 the rise rests on the priors" in answer
