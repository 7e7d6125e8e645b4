"""Every public result follows one protocol: to_frame(), to_dict(), summary() (a dict) and provenance."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from redline import __version__
from redline.results import Provenance, Result

ROOT = Path(__file__).resolve().parents[1]


def _actors():
    from redline.actors import ActorTable

    return ActorTable.from_frame(
        pd.DataFrame(
            {
                "actor": ["A", "B", "C"],
                "position": [10.0, 60.0, 90.0],
                "salience": [0.9, 0.5, 0.7],
                "capability": [3.0, 2.0, 1.0],
            }
        )
    )


def _results():
    """One instance of every public result class, from small inputs."""
    from redline.bargaining import forecast, forecast_batch
    from redline.bargaining.montecarlo import monte_carlo as bargain_mc
    from redline.decisions import get_rule, what_it_would_take
    from redline.decisions.power import weighted_power
    from redline.deterrence import load_game, monte_carlo
    from redline.escalation import load_ladder, propagate, simulate

    actors = _actors()
    rule = get_rule("majority")
    game, _ = load_game(ROOT / "examples" / "deterrence_illustrative.toml")
    ladder = load_ladder(ROOT / "examples" / "ladders" / "kursk.toml")
    x = np.array([[10.0, 60.0, 90.0]] * 2)
    return {
        "Decision": rule.evaluate(actors, 20.0, 70.0),
        "WhatItWouldTake": what_it_would_take(rule, actors, 20.0, 70.0),
        "PowerIndices": weighted_power(np.array([3, 2, 1]), 4, ["A", "B", "C"]),
        "BargainingResult": forecast(actors, status_quo=20.0),
        "BatchForecast": forecast_batch(x, np.array([[3.0, 2.0, 1.0]] * 2), np.array([[0.9, 0.5, 0.7]] * 2)),
        "BargainingDistribution": bargain_mc(actors, draws=8, rng=1, position_sd=5.0),
        "ChallengerDecision": game.decide(),
        "MonteCarloResult": monte_carlo(game, 64, rng=2),
        "EscalationResult": propagate(ladder, 5),
        "SimulationResult": simulate(ladder, 5, 64, rng=3),
        "HoldoutResult": _holdout(),
        "CrossValidation": _cross_validation(),
    }


def _holdout():
    from redline.decisions.holdout import resolve

    x = np.array([[90.0, 10.0, -30.0]] * 4)
    s = np.array([[0.9, 0.5, 0.8]] * 4)
    veto = np.array([True, True, True])
    return resolve(x, s, veto, np.full(3, np.nan), 0.0, np.full(4, 80.0), 50.0)


def _cross_validation():
    from redline.backtest.crossval import CrossValidation

    predictions = pd.DataFrame(
        {"split": ["loo"] * 2, "case": ["a", "b"], "method": ["redline"] * 2, "p_adopted": [0.8, 0.3], "adopted": [1, 0]}
    )
    scores = pd.DataFrame(
        {"split": ["loo", "loo"], "method": ["redline", "weighted_median"], "brier": [0.065, 0.2]}
    )
    empty = pd.DataFrame()
    return CrossValidation(predictions, scores, empty, empty, {}, {}, settings={"seed": 7, "draws": 4})


@pytest.fixture(scope="module")
def results():
    return _results()


@pytest.mark.parametrize(
    "name",
    [
        "Decision",
        "WhatItWouldTake",
        "PowerIndices",
        "BargainingResult",
        "BatchForecast",
        "BargainingDistribution",
        "ChallengerDecision",
        "MonteCarloResult",
        "EscalationResult",
        "SimulationResult",
        "HoldoutResult",
        "CrossValidation",
    ],
)
def test_every_result_follows_the_protocol(results, name):
    result = results[name]
    assert type(result).__name__ == name and isinstance(result, Result)
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) >= 1
    as_dict = result.to_dict()
    assert isinstance(as_dict, dict) and as_dict
    json.dumps(as_dict, allow_nan=False)  # plain JSON, gaps as null
    summary = result.summary()
    assert isinstance(summary, dict) and summary
    prov = result.provenance
    assert isinstance(prov, Provenance) and prov.package_version == __version__
    assert prov.data_snapshot


def test_seeded_results_carry_their_seed(results):
    assert results["MonteCarloResult"].provenance.seed == 2
    assert results["Decision"].provenance.seed is None
    assert results["CrossValidation"].provenance.seed == 7


def test_holdout_result_by_hand(results):
    """Three veto holders against a proposal at 80 (status quo 0): what the table and the dict say agree."""
    r = results["HoldoutResult"]
    frame, d = r.to_frame(), r.to_dict()
    assert len(frame) == 4 and set(frame["outcome"]) <= {"adopted", "adopted_with_opt_outs", "delayed", "blocked"}
    assert sum(d["p_outcome"].values()) == pytest.approx(1.0)
    for name, p in d["p_outcome"].items():
        assert p == pytest.approx((frame["outcome"] == name).mean())
    assert r.summary()["mean_value"] == pytest.approx(frame["value"].mean())
    assert len(d["p_action"]["accept"]) == 3


def test_cross_validation_summary_is_its_target(results):
    cv = results["CrossValidation"]
    assert cv.summary() == cv.target() and cv.summary()["meets_target"] is True
    assert cv.to_frame() is cv.predictions


def test_one_class_name_per_concept():
    """The vote outcome and the challenger's decision are two concepts with two names."""
    import redline.decisions as decisions
    import redline.deterrence as deterrence

    assert decisions.Decision is not deterrence.ChallengerDecision
    assert not hasattr(deterrence, "Decision")


def test_run_result_provenance_names_the_inputs_hash():
    from redline.runner import execute, prepare
    from redline.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "nato-2024.toml")
    flags = {
        n: n == "escalation" for n in ("decisions", "bargaining", "deterrence", "escalation", "analytics")
    }
    scenario = scenario.model_copy(update={"models": scenario.models.model_copy(update=flags)})
    result = execute(prepare(scenario, draws=16, seed=5))
    prov = result.provenance
    assert prov.seed == 5 and prov.inputs_hash == result.plan.hash == result.summary["run"]["scenario_hash"]
    assert result.to_dict() is result.summary and "question" in result.to_frame()


def test_no_result_field_hides_a_protocol_method():
    """A dataclass field named like a protocol method would silently replace it (or break the class)."""
    import dataclasses
    import importlib

    for module in (
        "redline.decisions",
        "redline.bargaining",
        "redline.deterrence",
        "redline.escalation",
        "redline.analytics.claims",
        "redline.backtest",
    ):
        importlib.import_module(module)
    classes = Result.__subclasses__()
    assert len(classes) >= 12
    for cls in classes:
        names = {f.name for f in dataclasses.fields(cls)}
        assert not names & {"to_frame", "to_dict", "summary", "provenance"}, cls.__name__


def test_backtest_result_has_the_protocol_with_its_score_table():
    from redline.backtest.runner import BacktestResult

    for name in ("to_frame", "to_dict", "provenance"):
        assert hasattr(BacktestResult, name)


def test_summary_results_are_range_checked():
    """A forecast off its 0-100 scale, a probability outside [0, 1] or the challenger as its own
    target is refused before it is stored (the run is then marked failed, resumable)."""
    import pytest

    from redline.errors import RedlineError
    from redline.summary import read_summary

    run = {
        "run_id": "r", "scenario": "s", "scenario_hash": "h", "seed": 1, "draws": 8, "chunk_size": 8,
        "package_version": "0", "data_version": "0", "started": "2026-01-01",
    }
    issue = {"id": "a", "title": "A", "status_quo": 40, "proposal": 80, "rule": "majority", "pass_threshold": 60}
    assert read_summary({"run": run, "issues": [issue]}).issues[0].proposal == 80
    bad = [
        {"run": run, "issues": [{**issue, "mc_forecast": {"mean": -169.6, "lo": -170, "hi": -169, "n": 8}}]},
        {"run": run, "issues": [{**issue, "bargaining": {"forecast": 101.0}}]},
        {"run": run, "issues": [{**issue, "mc_pass": {"mean": 1.2, "lo": 1, "hi": 1.3, "n": 8}}]},
        {"run": run, "deterrence": {"challenger": "RUS", "capability_source": "nato",
                                    "table": [{"target": "EST", "lever": "base", "p_failure": 1.5}]}},
        {"run": run, "deterrence": {"challenger": "RUS", "capability_source": "nato",
                                    "table": [{"target": "RUS", "lever": "base", "p_failure": 0.5}]}},
    ]
    for summary in bad:
        with pytest.raises(RedlineError, match="expected"):
            read_summary(summary)
