"""``redline deter`` and a scenario run the same deterrence code: on a target they give the same numbers."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from redline.adapters.base import BuildContext
from redline.adapters.deterrence import DeterrenceAdapter, kappa_if_article5, world_for
from redline.cli import app
from redline.scenario import load_scenario

SCENARIO = """
[scenario]
name = "deter-agree"
[world]
year = 2024
[run]
draws = 64
seed = 3
[models]
bargaining = false
escalation = false
analytics = false
[deterrence]
targets = ["EST", "UKR"]
params = { force_ratio = 3.0 }
[deterrence.uncertainty]
"w.*" = { dist = "beta", concentration = 20 }
[levers]
compare = ["us_withdrawal"]
"""


@pytest.fixture(scope="module")
def scenario_part(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agree")
    path = folder / "agree.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    scenario = load_scenario(path)
    world = world_for(2024)
    part = DeterrenceAdapter().build(BuildContext(scenario, world, folder, draws=64, seed=3))
    return part, world


def _cli(*args: str) -> dict:
    result = CliRunner().invoke(
        app, ["deter", "--year", "2024", "--param", "force_ratio=3", *args, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


SEED = int(np.random.default_rng(11).integers(0, 2**63 - 1))
"""The seed the scenario's task draws from ``default_rng(11)``; the command takes it directly."""


@pytest.fixture(scope="module")
def ukr_report():
    return _cli("--target", "UKR", "--w-concentration", "20", "--draws", "2000", "--seed", str(SEED))


@pytest.mark.parametrize("target", ["UKR", "EST"])
def test_command_and_scenario_agree_on_a_target(scenario_part, ukr_report, target):
    """κ, κ*, margin and regime at the coded values, and P(failure) on the same seed and draws."""
    part, _ = scenario_part
    entry = next(t for t in part.exact["deterrence"]["targets"] if t["target"] == target)
    base = next(row for row in entry["point"] if row["lever"] == "base")
    cli = (
        ukr_report
        if target == "UKR"
        else _cli("--target", target, "--w-concentration", "20", "--draws", "2000", "--seed", str(SEED))
    )
    decision = cli["decision"]
    for key in ("kappa", "kappa_star", "margin", "regime", "basis", "question"):
        a, b = base[key], decision[key]
        assert a == b or (isinstance(a, float) and math.isnan(a) and b is None), key
    if target == "UKR":  # at full war since 24 Feb 2022: no P(failure) on either path, and both say why
        assert cli["montecarlo"]["p_failure"] is None and cli["montecarlo"]["draws"] == 0
        assert "at war since 2022-02-24" in cli["montecarlo"]["at_war"] == entry["at_war"]
        assert "source: https://" in entry["at_war"]
        assert not any(t.key == f"deter.{target}" for t in part.tasks)
        return
    task = next(t for t in part.tasks if t.key == f"deter.{target}")
    draws = task.sampler(np.random.default_rng(11), 2000)
    assert entry["at_war"] is None
    assert cli["montecarlo"]["p_failure"] == pytest.approx(
        draws[f"deter.base.{target}.fail"].mean(), abs=1e-15
    )


def test_a_member_target_agrees_too(scenario_part):
    """EST (Article 5): the scenario's point values are the adapter's report for the same World."""
    from redline.adapters.deterrence import report_target

    part, world = scenario_part
    entry = next(t for t in part.exact["deterrence"]["targets"] if t["target"] == "EST")
    base = next(row for row in entry["point"] if row["lever"] == "base")
    uncertainty = {"w.*": {"dist": "beta", "concentration": 20.0}}
    report = report_target(world, "EST", {"force_ratio": 3.0}, uncertainty=uncertainty)
    for key in ("kappa", "kappa_star", "margin", "regime", "basis"):
        assert report["decision"][key] == base[key] or math.isnan(base[key]), key
    assert "kappa_if_article5" not in report["decision"]


def test_the_article5_counterfactual_is_one_function(scenario_part, ukr_report):
    """The single-target report, the all-targets table and the function give the same κ if Article 5."""
    _, world = scenario_part
    expected = kappa_if_article5(world, "UKR", {"force_ratio": 3.0})
    table = _cli("--all-targets")["targets"]
    row = next(r for r in table if r["target"] == "UKR")
    assert ukr_report["decision"]["kappa_if_article5"] == row["kappa_if_article5"] == expected
    member = next(r for r in table if r["target"] == "EST")
    assert member["kappa_if_article5"] == member["kappa"]


def test_the_cli_module_holds_no_model_orchestration():
    """``redline deter`` parses and prints; coding and reporting live in the adapter."""
    source = (Path(__file__).resolve().parents[1] / "src" / "redline" / "cli" / "deter.py").read_text()
    for name in ("def report_game", "def report_targets", "from_world(", "monte_carlo(", "treat_as_member"):
        assert name not in source, name


def test_ally_failure_range_names_an_end_only_when_it_is_unique():
    """The allies headline names the safest / riskiest ally only when no other ally shares its printed
    P(failure); ties are counted (the old text read "from 0.0% (ALB) to 0.0% (ALB)")."""
    from redline.adapters.deterrence import _failure_range

    def rows(**p: float) -> list[dict]:
        return [{"target": k, "p_failure": v} for k, v in p.items()]

    tied = rows(ALB=0.0, BEL=0.0, EST=0.00001)
    assert _failure_range(tied, tied[0], tied[2]) == "0.0% for every one of the 3"
    mixed = rows(ALB=0.0, BEL=0.0, EST=0.023)
    assert _failure_range(mixed, mixed[0], mixed[2]) == "from 0.0% (2 equally) to 2.3% (EST)"
    apart = rows(ALB=0.001, EST=0.023, LVA=0.023)
    assert _failure_range(apart, apart[0], apart[1]) == "from 0.1% (ALB) to 2.3% (2 equally)"


def test_lever_headline_names_the_largest_change_only_when_it_is_unique_and_not_zero():
    """The lever headline read "largest change +0.0 pp for ALB" (the first of 35 unchanged targets)."""
    from redline.adapters.deterrence import _largest_change

    def rows(**d: float) -> list[dict]:
        return [{"target": k, "delta_p": v} for k, v in d.items()]

    flat = rows(ALB=0.0, BEL=0.0002, GEO=-0.0003)
    assert _largest_change(flat, flat[2]) == "no change of 0.1 pp or more for any of the 3 targets"
    one = rows(ALB=0.0, GEO=-0.073)
    assert _largest_change(one, one[1]) == "largest change -7.3 pp for GEO"
    two = rows(EST=0.012, LVA=-0.012, ALB=0.0)
    assert _largest_change(two, two[0]) == "largest change +1.2 pp for 2 targets equally"


def test_article5_headline_says_why_the_lowest_kappa_is_lowest():
    """Red team B3: NOR has the lowest κ of the 32 allies (0.76 in nato-2024) and no reason was printed.
    The reason comes from the terms that set κ: θ ranked among the allies, and who leads forward forces
    on it (w_tripwire) — none for NOR, while the three allies with a higher θ all have forward forces."""
    import pandas as pd

    from redline.adapters.deterrence import _lowest_kappa

    def coding(leads: list[str]) -> pd.DataFrame:
        allies = ["CAN", "DEU", "USA"]
        return pd.DataFrame(
            {
                "ally": allies,
                "w": [0.9 if a in leads else 0.4 for a in allies],
                "w_basis": [f"Pew 2019 median{'; leads forward forces on X: w_tripwire' if a in leads else ''}" for a in allies],
            }
        )

    members = [
        {"target": "NOR", "kappa": 0.756, "theta": 0.061},
        {"target": "LVA", "kappa": 0.785, "theta": 0.065},
        {"target": "BEL", "kappa": 1.0, "theta": 0.0},
    ]
    text = _lowest_kappa(members, {"NOR": coding([]), "LVA": coding(["CAN"]), "BEL": coding([])})
    assert text.startswith(" (lowest: NOR 0.76: the responding allies must bring θ = 0.061")
    assert "the 2nd highest of the 3 (the higher, LVA, have allied forward forces)" in text
    assert "no ally leads forward forces on it (no w_tripwire), the other allies' w 0.40–0.40 (Pew surveys)" in text
    assert _lowest_kappa([{**m, "kappa": 1.0} for m in members], {}) == ""  # the same κ for all: nothing to say
    golden = json.loads((Path(__file__).parent / "golden" / "nato-2024.json").read_text(encoding="utf-8"))
    allies = next(h for h in golden["headlines"] if h["key"] == "deter.allies")
    assert "(lowest: NOR 0.76: " in allies["answer"]
