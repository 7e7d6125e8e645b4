"""The protégé-restraint sweep (models.md §3.2 extension) built on the escalation model (§4)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from test_deterrence_game import spec_game

escalation = pytest.importorskip("redline.escalation")

from redline.deterrence.restraint import restraint_sweep  # noqa: E402
from redline.errors import RedlineError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def kursk():
    return escalation.Ladder(
        red_lines={1: 0.30, 2: 0.10},
        q_resolute=0.7,
        q_bluffer=0.05,
        h=(0, 0, 0.01, 0.05),
        theta0=0.6,
        pi_resolute=0.6,
        start=1,
        steps=10,
        observations=(escalation.Observation("Kursk", retaliated=False),),
    )


def test_sigma_zero_is_the_plain_ladder_and_spec_vector():
    table = restraint_sweep(spec_game(target="UKR", lam=5.0), kursk(), [0.0, 1.0])
    row = table.iloc[0]
    assert math.isclose(row["p_nuclear_resolute"], 0.286646, abs_tol=1e-6)  # models.md §4.3
    assert math.isclose(row["p_nuclear_bluffer"], 0.038309, abs_tol=1e-6)
    assert math.isclose(row["p_nuclear"], 0.187311, abs_tol=1e-6)
    # deterrence side at σ = 0 is the game itself (logit rule)
    assert math.isclose(row["p_failure"], 0.007857, abs_tol=1e-6)


def test_each_sigma_equals_a_hand_built_ladder():
    effects = {"p_L_cut": 0.5, "k_L_add": 0.3, "tau_gain": 0.15, "h_scale": 2.0}
    sigmas = [0.0, 0.4, 1.0]
    table = restraint_sweep(spec_game(target="UKR", lam=5.0), kursk(), sigmas, **effects)
    for sigma, (_, row) in zip(sigmas, table.iterrows(), strict=True):
        ladder = (
            kursk()
            .posterior()
            .replace(
                red_lines={1: 0.30 + 0.15 * sigma, 2: 0.10 + 0.15 * sigma},
                h=tuple(min(1.0, h * (1 + 2.0 * sigma)) for h in (0, 0, 0.01, 0.05)),
            )
        )
        ref = escalation.propagate(ladder, 10).p_nuclear[0, -1]
        assert math.isclose(row["p_nuclear"], ref, abs_tol=1e-12)
        p_L, k_L = 0.9 * (1 - 0.5 * sigma), 0.3 + 0.3 * sigma
        kappa = spec_game().kappa()
        eu = (1 - kappa) * (p_L - k_L) + kappa * -1.3
        assert math.isclose(row["p_failure"], 1 / (1 + math.exp(-5 * eu)), abs_tol=1e-12)


def test_dilemma_directions_and_interior_optimum_flag():
    game = spec_game(target="UKR", w=[0.3, 0.85, 0.6, 0.7, 0.95, 0.1, 0.3], lam=5.0)
    table = restraint_sweep(game, kursk(), np.linspace(0, 1, 6), nuclear_weight=0.5)
    assert (np.diff(table["p_failure"]) <= 1e-12).all()  # support deters
    assert (np.diff(table["p_nuclear"]) >= -1e-12).all()  # and emboldens the protégé
    assert table["best"].sum() >= 1
    with pytest.raises(RedlineError, match="σ"):
        restraint_sweep(game, kursk(), [1.5])
    with pytest.raises(RedlineError, match="unknown effect"):
        restraint_sweep(game, kursk(), [0.5], nope=1.0)


def test_shipped_kursk_ladder_runs_with_monte_carlo():
    path = ROOT / "examples" / "ladders" / "kursk.toml"
    if not path.is_file():
        pytest.skip("kursk ladder not shipped yet")
    game = spec_game(target="UKR", uncertainty={"w.USA": {"dist": "uniform", "low": 0.2, "high": 0.9}})
    table = restraint_sweep(game, escalation.load_ladder(path), [0.0, 0.5], draws=4096, rng=1)
    assert {"p_failure", "ci_low", "ci_high", "p_nuclear"} <= set(table.columns)
    assert (table["ci_low"] <= table["p_failure"]).all()


def test_a_target_at_war_gets_no_p_failure_at_any_sigma():
    """At full war (question continuation) deterrence has already failed: P(failure) is NaN, exact or
    drawn, while P(nuclear) is still swept (docs/deterrence.md, 'The question')."""
    at_peace = restraint_sweep(spec_game(target="UKR", lam=5.0), kursk(), [0.0, 1.0], draws=200, rng=1)
    at_war = restraint_sweep(
        spec_game(target="UKR", lam=5.0, question="continuation"), kursk(), [0.0, 1.0], draws=200, rng=1
    )
    assert at_peace["p_failure"].notna().all() and at_peace.attrs["at_war"] is None
    assert at_war["p_failure"].isna().all() and "at war" in at_war.attrs["at_war"]
    assert np.allclose(at_war["p_nuclear"], at_peace["p_nuclear"])


def test_a_restraint_headline_names_the_share_of_assumption_draws():
    """Not at war: the sweep's p_failure is the share of assumption draws in which attack pays (session 7)."""
    import pandas as pd

    from redline.adapters.restraint import RestraintAdapter

    table = pd.DataFrame({"sigma": [0.0, 1.0], "p_failure": [0.5, 0.25], "p_nuclear": [0.1, 0.2]})
    sweep = {"target": "GEO", "table": table, "steps": 12, "time_step": "month", "fitted": True}
    _, heads = RestraintAdapter().summarise({"restraint": sweep}, {}, None)
    answer = heads[0]["answer"]
    assert answer.startswith("share of the assumption draws in which attack pays 50.0% → 25.0%; ")
    assert "P(deterrence failure)" not in answer
    assert heads[0]["value"] == -0.25


def test_sigma_zero_on_a_fitted_ladder_is_the_fitted_forecast():
    """σ = 0 must propagate the fitted ladder itself — its record-informed thresholds τ included — so the
    sweep starts where the scenario's escalation headline stands (before session 7 it swapped in the base
    ladder's assumed τ: 18.8 % against the headline's 2.7 % on nato-2025)."""
    from redline.escalation import propagate
    from redline.escalation.fit import fit_escalation

    fitted = fit_escalation()
    sweep = restraint_sweep(spec_game(), fitted, [0.0, 0.5], steps=12, escalation_draws=64, rng=5)
    direct = propagate(fitted.params(64, rng=5), 12).p_nuclear[:, -1]
    assert sweep["p_nuclear"].iloc[0] == pytest.approx(direct.mean(), rel=1e-12, abs=1e-15)
    # the interval is the weighted one over (ladder draw, effect size) pairs (session 8): the same draws
    assert sweep["p_nuclear_lo"].iloc[0] == pytest.approx(np.quantile(direct, 0.05), abs=2e-3)


def test_each_p_nuclear_names_its_window_and_draws():
    """Red team (minor): P(nuclear rung within 12 months) read 2.9% in `escalation fit`, 2.7% in the
    nato-2025 headline and 2.9% at σ = 0 in the restraint sweep. The fit runs to the catalogue's last row
    (the scenario to its date), and the sweep propagates 400 posterior draws against the headline's 2,000:
    each place says its window and its draws."""
    import json
    from pathlib import Path

    from redline.adapters.escalation import FIT_DRAWS
    from redline.cli.escalation import fit_report
    from redline.deterrence.restraint import LADDER_DRAWS

    golden = json.loads((Path(__file__).parent / "golden" / "nato-2024.json").read_text(encoding="utf-8"))
    answers = {h["key"]: h["answer"] for h in golden["headlines"]}
    assert f"over {FIT_DRAWS:,} posterior draws), ladder fitted to the record 2022-02-24 to 2024-12-31" in (
        answers["escalation.nuclear"]
    )
    assert (
        f"ladder fitted to the record 2022-02-24 to 2024-12-31, each σ over {LADDER_DRAWS:,} posterior draws"
        in answers["restraint"]
    )
    out = fit_report(draws=50)
    record = out["record"]
    assert out["forecast"]["window"].startswith(f"record {record['start']} to {record['end']}, the catalogue's last row")
