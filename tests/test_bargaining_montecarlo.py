"""Monte Carlo over uncertain codings: reproducible, chunk-independent, statistically right."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from redline.bargaining import forecast, forecast_batch, monte_carlo
from redline.bargaining.montecarlo import sample_codings
from redline.cli import app
from redline.errors import RedlineError
from redline.rng import BLOCK

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bargaining" / "ec_car_emissions_1994.csv"
SMALL = ([20.0, 50.0, 80.0], [1.0, 2.0, 1.5], [0.6, 0.5, 0.7])
runner = CliRunner()


def test_same_seed_same_distribution():
    a = monte_carlo(SMALL, 300, rng=5, position_sd=5.0, salience_concentration=20, capability_sigma=0.3)
    b = monte_carlo(SMALL, 300, rng=5, position_sd=5.0, salience_concentration=20, capability_sigma=0.3)
    c = monte_carlo(SMALL, 300, rng=6, position_sd=5.0, salience_concentration=20, capability_sigma=0.3)
    assert np.array_equal(a.forecasts, b.forecasts) and np.array_equal(a.rounds, b.rounds)
    assert a.to_dict() == b.to_dict()
    assert not np.array_equal(a.forecasts, c.forecasts)


def test_chunking_does_not_change_the_distribution():
    draws = BLOCK + 500  # two blocks
    options = {"position_sd": 8.0, "position_dist": "uniform", "max_rounds": 4}
    whole = monte_carlo(SMALL, draws, rng=11, chunk_size=2 * BLOCK, **options)
    split = monte_carlo(SMALL, draws, rng=11, chunk_size=BLOCK, **options)
    assert np.array_equal(whole.forecasts, split.forecasts)
    assert np.array_equal(whole.counterpart_moves, split.counterpart_moves)
    assert np.array_equal(whole.mean_moves, split.mean_moves)


def test_draws_equal_the_batched_kernel_on_the_same_codings():
    dist = monte_carlo(SMALL, 50, rng=3, position_sd=4.0, max_rounds=50)
    gen = np.random.Generator(np.random.PCG64(np.random.SeedSequence(3, spawn_key=(0,))))
    coded = sample_codings(
        gen, 50, np.array(SMALL[0]), np.array(SMALL[1]), np.array(SMALL[2]), position_sd=4.0
    )
    batch = forecast_batch(coded["position"], coded["capability"], coded["salience"], max_rounds=50)
    assert np.array_equal(dist.forecasts, batch.forecast)
    one = forecast((coded["position"][7], coded["capability"][7], coded["salience"][7]), max_rounds=50)
    assert one.forecast == pytest.approx(dist.forecasts[7], abs=1e-12)


def test_no_uncertainty_gives_the_point_forecast():
    dist = monte_carlo(SMALL, 20, rng=1)
    assert np.all(dist.forecasts == forecast(SMALL).forecast)


def test_sampler_moments_within_four_standard_errors():
    n = 20_000
    gen = np.random.default_rng(2)
    x, c, s = np.array([30.0, 60.0]), np.array([2.0, 1.0]), np.array([0.3, 0.8])
    for dist in ("normal", "uniform"):
        coded = sample_codings(
            gen,
            n,
            x,
            c,
            s,
            position_sd=5.0,
            position_dist=dist,
            salience_concentration=10.0,
            capability_sigma=0.5,
        )
        se_mean = 5.0 / math.sqrt(n)
        assert np.all(np.abs(coded["position"].mean(axis=0) - x) < 4 * se_mean)
        assert np.all(np.abs(coded["position"].std(axis=0) - 5.0) < 4 * 5.0 / math.sqrt(2 * n) * 1.5)
        se_s = np.sqrt(s * (1 - s) / 11.0 / n)  # Beta variance = m(1-m)/(kappa+1)
        assert np.all(np.abs(coded["salience"].mean(axis=0) - s) < 4 * se_s)
        median_c = np.median(coded["capability"], axis=0)
        assert np.all(np.abs(np.log(median_c / c)) < 4 * 0.5 * 1.2533 / math.sqrt(n))


def test_single_actor_forecast_distribution_is_the_position_noise():
    """One actor: the forecast is its drawn position, so P(forecast >= x) = 1/2 within 4 SE."""
    dist = monte_carlo(([50.0], [1.0], [0.5]), 4000, rng=9, position_sd=10.0, threshold=50.0)
    p, se = dist.p_at_least(50.0)
    assert abs(p - 0.5) < 4 * math.sqrt(0.25 / 4000)
    assert abs(dist.mean - 50.0) < 4 * 10.0 / math.sqrt(4000)
    out = dist.to_dict()
    assert out["p_at_least_threshold"] == p and out["p_at_least_threshold_se"] == pytest.approx(se)
    assert sum(row["count"] for row in out["histogram"]) == 4000


def test_to_dict_is_strict_json():
    """No NaN leaks into JSON: gaps (no status quo, actors that never moved) become null."""
    dist = monte_carlo(SMALL, 30, rng=4, position_sd=3.0, max_rounds=20)
    text = json.dumps(dist.to_dict(), allow_nan=False)
    assert '"status_quo": null' in text
    one = forecast(SMALL, compat="scholz_code", max_rounds=20)
    json.dumps(one.to_dict(), allow_nan=False)


def test_monte_carlo_rejects_bad_options():
    with pytest.raises(RedlineError, match="draws"):
        monte_carlo(SMALL, 0)
    with pytest.raises(RedlineError, match="position_dist"):
        monte_carlo(SMALL, 10, position_dist="cauchy")
    with pytest.raises(RedlineError, match="scale"):
        monte_carlo(SMALL, 10, scale=(0, 10))


# --- CLI ----------------------------------------------------------------------------------------------


def test_cli_json_on_the_shipped_example():
    result = runner.invoke(app, ["bargain", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert (out["forecast"], out["status"], out["rounds"]) == (7.0, "converged", 181)
    assert out["baselines"]["weighted_mean"] == pytest.approx(7.389956, abs=1e-6)
    assert out["baselines"]["status_quo"] is None
    assert len(out["trajectory"]) == 182 and out["trajectory"][0]["positions"]["UK"] == 10
    assert "distribution" not in out


def test_cli_with_draws_and_compat():
    args = ["bargain", str(EXAMPLE), "--compat", "scholz_code", "--max-rounds", "10", "--draws", "40"]
    result = runner.invoke(
        app, [*args, "--position-sd", "0.5", "--scale", "4,10", "--seed", "3", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["status"] != "converged" and out["rounds"] == 10
    assert out["distribution"]["draws"] == 40 and out["distribution"]["seed"] == 3
    table = runner.invoke(
        app, ["bargain", str(EXAMPLE), "--max-rounds", "5", "--draws", "10", "--scale", "4,10"]
    )
    assert table.exit_code == 0, table.output
    assert "forecast" in table.output and "Monte Carlo" in table.output
    csv = runner.invoke(app, ["bargain", str(EXAMPLE), "--max-rounds", "3", "-f", "csv"])
    assert (
        csv.exit_code == 0
        and csv.output.splitlines()[0] == "round,actor,position,risk_exponent,move_type,counterpart"
    )


def test_cli_errors_are_clean(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,position,capability,salience\nA,1,1,2\n")
    result = runner.invoke(app, ["bargain", str(bad)])
    assert result.exit_code == 2 and "salience" in result.output
    result = runner.invoke(app, ["bargain", str(EXAMPLE), "--compat", "nope"])
    assert result.exit_code == 2 and "compat" in result.output
