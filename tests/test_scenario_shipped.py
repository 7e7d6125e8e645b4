"""The shipped scenarios run end to end (small draws); their numbers match the models called directly."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.rng import BLOCK, draw_blocks
from redline.runner import execute, prepare, task_seed
from redline.scenario import load_scenario
from redline.store import Store

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
DRAWS = BLOCK + 904  # two blocks, the second one short


@pytest.fixture(scope="module")
def nato(tmp_path_factory):
    path = tmp_path_factory.mktemp("nato")
    scenario = load_scenario(SCENARIOS / "nato-2024.toml")
    plan = prepare(scenario, draws=DRAWS, source=SCENARIOS / "nato-2024.toml")
    with Store(path / "s.duckdb") as store:
        result = execute(plan, store, keep_draws=True)
    return scenario, plan, result


@pytest.fixture(scope="module")
def levers():
    scenario = load_scenario(SCENARIOS / "levers.toml")
    plan = prepare(scenario, draws=1000)  # 36 targets x 7 variants: fewer draws keep the suite fast
    return scenario, plan, execute(plan, keep_draws=True)


# ------------------------------------------------------------------ issue coding (plain reference)
def _coded_reference(values: dict[str, dict[str, float]], weights: dict[str, float], low: float, high: float):
    """Min-max per indicator, reversed for negative weights, weighted mean over available ones."""
    actors = list(values)
    out = {}
    for actor in actors:
        num = den = 0.0
        for name, weight in weights.items():
            column = [values[a][name] for a in actors if not math.isnan(values[a][name])]
            x = values[actor][name]
            if math.isnan(x) or weight == 0:
                continue
            lo, hi = min(column), max(column)
            score = 0.5 if hi == lo else (x - lo) / (hi - lo)
            if weight < 0:
                score = 1 - score
            num += abs(weight) * score
            den += abs(weight)
        out[actor] = low + (high - low) * num / den if den else math.nan
    return out


def test_issue_coding_matches_a_plain_reference(nato):
    scenario, plan, _ = nato
    indicators = plan.context["indicators"]
    for spec, issue in zip(scenario.issues, plan.context["issues"], strict=True):
        actors = list(issue.actors.actor)
        for name, coding in (("position", spec.coding.position), ("salience", spec.coding.salience)):
            values = {a: {k: float(indicators.loc[a, k]) for k in coding.weights} for a in actors}
            expected = _coded_reference(values, coding.weights, coding.low, coding.high)
            got = dict(zip(actors, getattr(issue.actors, name), strict=True))
            coding_table = issue.coding.set_index("actor")
            for actor in actors:
                override = spec.overrides.get(actor)
                stated = "basis" in coding_table and coding_table.loc[actor, "basis"].startswith("statement")
                if override is not None and getattr(override, name) is not None:
                    assert got[actor] == getattr(override, name)
                elif stated:  # coded from a dated statement; the data coding stays beside it
                    assert got[actor] == coding_table.loc[actor, f"{name}_statement"]
                    data = coding_table.loc[actor, f"{name}_data"]
                    assert data == pytest.approx(expected[actor], abs=1e-9), (spec.id, name, actor)
                else:
                    assert got[actor] == pytest.approx(expected[actor], abs=1e-9), (spec.id, name, actor)
        # capability: NATO defence USD, SIPRI where NATO has none
        for actor, cap in zip(actors, issue.actors.capability, strict=True):
            primary = indicators.loc[actor, "defence_usd"]
            assert cap == (primary if not math.isnan(primary) else indicators.loc[actor, "milex_usd"])
        # members are the NATO members of 2024, participants do not vote
        assert sorted(issue.members) == sorted(plan_world_members())


def plan_world_members():
    from redline.world import World

    return World.for_year(2024).members("NATO")


# ------------------------------------------------------------------ decisions
def test_decision_outcomes_match_the_rule_and_a_scalar_reference(nato):
    from redline.decisions.rules import get_rule
    from redline.questions import draw_issue_inputs

    scenario, plan, result = nato
    by_id = {i["id"]: i for i in result.summary["issues"]}
    for issue in plan.context["issues"]:
        direct = get_rule(issue.rule).evaluate(issue.actors, issue.status_quo, issue.proposal)
        stored = by_id[issue.id]["decision"]
        assert stored["passes"] == direct.passes
        assert sorted(stored["blockers"]) == sorted(direct.blockers)
        assert stored["largest_passable"] == pytest.approx(direct.largest_passable)
        # the Monte Carlo share: regenerate the same draws and apply consensus by plain loops
        inputs = draw_blocks(
            task_seed(plan.seed, f"issue.{issue.id}"),
            0,
            DRAWS,
            lambda g, n, i=issue: draw_issue_inputs(i, g, n),
        )
        member = issue.actors.member
        eps = issue.actors.block_cost
        passes = []
        for row in inputs["position"]:
            ok = True
            for k, x in enumerate(row):
                if member[k] and abs(issue.proposal - x) - abs(issue.status_quo - x) > eps[k] + 1e-9:
                    ok = False
                    break
            passes.append(ok)
        assert np.array_equal(result.draws[f"issue.{issue.id}.pass"], np.array(passes, dtype=float))
        assert by_id[issue.id]["mc_pass"]["mean"] == pytest.approx(np.mean(passes))


# ------------------------------------------------------------------ bargaining
def _weighted_median(x, w):
    order = sorted(range(len(x)), key=lambda i: x[i])
    total, acc = sum(w), 0.0
    for i in order:
        acc += w[i]
        if acc >= total / 2 - 1e-12:
            return x[i]
    return x[order[-1]]


def test_bargaining_forecast_matches_the_model_and_baselines(nato):
    from redline.bargaining import forecast

    _, plan, result = nato
    by_id = {i["id"]: i for i in result.summary["issues"]}
    for issue in plan.context["issues"]:
        direct = forecast(issue.actors, status_quo=issue.status_quo)
        stored = by_id[issue.id]["bargaining"]
        assert stored["forecast"] == pytest.approx(direct.forecast, abs=1e-12)
        assert stored["status"] == direct.status and stored["rounds"] == direct.rounds
        w = list(issue.actors.capability * issue.actors.salience)
        x = list(issue.actors.position)
        assert stored["baselines"]["weighted_median"] == pytest.approx(_weighted_median(x, w))
        assert stored["baselines"]["weighted_mean"] == pytest.approx(
            sum(a * b for a, b in zip(x, w, strict=True)) / sum(w)
        )


def test_bargaining_monte_carlo_runs_only_when_asked():
    from redline.bargaining import forecast_batch
    from redline.questions import draw_issue_inputs

    scenario = load_scenario(SCENARIOS / "nato-2024.toml")
    issue_spec = scenario.issues[0].model_copy(update={"participants": [], "overrides": {}})
    small = scenario.model_copy(
        update={
            "issues": [issue_spec],
            "run": scenario.run.model_copy(update={"bargaining_draws": 6}),
            "models": scenario.models.model_copy(
                update={"deterrence": False, "escalation": False, "analytics": False}
            ),
        }
    )
    plan = prepare(small, draws=20)
    result = execute(plan, keep_draws=True)
    key = f"issue.{issue_spec.id}.forecast"
    assert result.draws[key].shape == (6,) and result.draws[f"issue.{issue_spec.id}.pass"].shape == (20,)
    issue = plan.context["issues"][0]
    inputs = draw_blocks(
        task_seed(plan.seed, f"issue.{issue.id}.bargaining"),
        0,
        6,
        lambda g, n: draw_issue_inputs(issue, g, n),
    )
    direct = forecast_batch(inputs["position"], inputs["capability"], inputs["salience"]).forecast
    assert np.allclose(result.draws[key], direct)


# ------------------------------------------------------------------ deterrence
def test_deterrence_matches_the_model_called_directly(nato):
    from redline.deterrence import from_world, monte_carlo
    from redline.world import World

    scenario, _, result = nato
    world = World.for_year(2024)
    table = pd.DataFrame(result.summary["deterrence"]["table"])
    base = table[table["lever"] == "base"].set_index("target")
    assert set(base.index) == set(world.members("NATO")) | {"UKR", "MDA", "GEO"}
    assert (base.loc[["UKR", "MDA", "GEO"], "basis"] == "coalition of the willing").all()
    uncertainty = {k: v.model_dump(exclude_none=True) for k, v in scenario.deterrence.uncertainty.items()}
    # Ukraine is at full war (since 24 Feb 2022): deterrence already failed, no P(failure), not ranked
    assert base.loc["UKR", "regime"] == "at_war" and pd.isna(base.loc["UKR", "p_failure"])
    heads = {h["key"]: h for h in result.summary["headlines"]}
    assert "at war since 2022-02-24" in heads["deter.base.UKR"]["answer"]
    assert "P(failure) =" not in heads["deter.base.UKR"]["answer"]
    worst = heads["deter.worst"]["answer"]
    assert "UKR left out: at war" in worst and "attack pays: UKR" not in worst
    # the Monte Carlo share is named for what it is (a share of assumption draws), beside the calibrated
    # annual P(attack) of the retrodiction link fitted to the years before the scenario's (2000-2023)
    from redline.deterrence.link import annual_text, share_text

    geo = base.loc["GEO"]
    assert worst.startswith(
        f"largest share of the assumption draws in which attack pays: GEO {share_text(geo['p_failure'])} "
        "(coalition of the willing; EU_C = −0.243 at the coded values); highest annual P(attack): "
        f"GEO {annual_text(geo['p_attack_year'])} (link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate)"
    )
    assert "P(deterrence failure)" not in worst and "lowest credibility κ: 0.02 (2 targets equally)" in worst
    line = heads["deter.base.GEO"]
    assert line["answer"] == (
        f"κ = 0.02 vs κ* = —: no opportunity (EU_C = −0.243 at the coded values); attack pays in "
        f"{share_text(geo['p_failure'])} of the assumption draws; annual P(attack) "
        f"{annual_text(geo['p_attack_year'])} (link fitted to the 2000–2023 record; an order of magnitude: out of sample no better than the base rate)"
    )
    assert line["p_attack_year"] == geo["p_attack_year"] and 0 < geo["p_attack_year"] < 0.01
    assert "annual P(attack)" in heads["deter.allies"]["answer"]
    for target in ("EST", "POL", "GEO"):
        game = from_world(world, target, uncertainty=uncertainty)
        assert base.loc[target, "kappa"] == pytest.approx(game.kappa(), abs=1e-12)
        assert base.loc[target, "regime"] == game.summary()["regime"]
        # an independent Monte Carlo of the same game (other seed) agrees within 4 SE
        other = monte_carlo(game, 20_000, rng=12345)
        p, n = base.loc[target, "p_failure"], DRAWS
        se = math.sqrt(max(p * (1 - p), 1e-4) / n + other.se**2)
        assert abs(p - other.p_failure) < 4 * se, target


def test_levers_are_paired_and_match_apply_levers(levers):
    from redline.deterrence import apply_levers, from_world
    from redline.deterrence.levers import parse_lever
    from redline.stats import paired_interval
    from redline.world import World

    scenario, _, result = levers
    table = pd.DataFrame(result.summary["deterrence"]["table"])
    world = World.for_year(2024)
    defined = {k: v.model_dump(exclude_none=True) for k, v in scenario.levers.define.items()}
    for target in ("LTU", "GEO"):
        game = from_world(world, target)
        for name in scenario.levers.compare:
            lever = parse_lever(name) if ":" in name else name
            row = table[(table["target"] == target) & (table["lever"] == name)].iloc[0]
            assert row["kappa"] == pytest.approx(apply_levers(game, [lever], defined).kappa(), abs=1e-12)
            diff = result.draws[f"deter.{name}.{target}.fail"] - result.draws[f"deter.base.{target}.fail"]
            expected = paired_interval(diff)  # from every draw; the run's is streamed (per-block tallies)
            assert row["delta_p"] == pytest.approx(diff.mean(), rel=1e-12, abs=1e-15)
            assert row["delta_lo"] == pytest.approx(expected["lo"], rel=1e-12, abs=1e-15)
            assert row["delta_hi"] == pytest.approx(expected["hi"], rel=1e-12, abs=1e-15)
            assert row["delta_lo"] <= row["delta_p"] <= row["delta_hi"]
    # Ukraine is at full war in 2024: no P(failure) under any lever, so no change to report either
    ukr = table[table["target"] == "UKR"]
    assert len(ukr) == 1 + len(scenario.levers.compare) and ukr["p_failure"].isna().all()
    assert not any(".UKR." in key for key in result.draws)
    # the lever headlines name the Monte Carlo figure for what it is, and give the largest mover's annual
    # P(attack) at the coded values of the base and the lever's game (the link fitted to 2000-2023)
    from redline.deterrence.link import annual_text

    heads = {h["key"]: h for h in result.summary["headlines"] if h["key"].startswith("lever.")}
    assert heads and all(
        h["question"].endswith(": change in the share of the assumption draws in which attack pays")
        for h in heads.values()
    )
    assert not any("P(deterrence failure)" in h["question"] for h in heads.values())
    named = 0
    for name, h in heads.items():
        m = re.search(r"annual P\(attack\) of ([A-Z]{3}) (\S+) → (\S+) \(link fitted to the 2000–2023 record; an order of magnitude", h["answer"])
        if m is None:
            continue
        named += 1
        rows = table[table["target"] == m[1]].set_index("lever")
        assert (m[2], m[3]) == (annual_text(rows.loc["base", "p_attack_year"]),
                                annual_text(rows.loc[name.removeprefix("lever."), "p_attack_year"]))
    assert named  # at least one lever moves a target by 0.1 pp or more


# ------------------------------------------------------------------ claims and escalation
def test_claims_match_check_claims(nato):
    from redline.analytics.claims import check_claims

    _, plan, result = nato
    direct = {
        c.id: (str(c.verdict), c.to_dict()["value"]) for c in check_claims(article_year=2024, rng=plan.seed)
    }
    stored = {c["id"]: (c["verdict"], c["value"]) for c in result.summary["analytics"]["claims"]}
    assert stored.keys() == direct.keys()
    for key, (verdict, value) in direct.items():
        assert stored[key][0] == verdict, key
        assert (value is None and stored[key][1] is None) or math.isclose(stored[key][1], value), key


def test_summary_has_provenance_and_is_plain_json(nato):
    _, plan, result = nato
    text = json.dumps(result.summary, allow_nan=False)
    run = result.summary["run"]
    assert run["run_id"] == result.run_id and run["seed"] == plan.seed and run["draws"] == DRAWS
    assert run["scenario_hash"] == plan.hash and run["data_version"] not in ("", "unknown")
    assert len(text) < 3_000_000


# ------------------------------------------------------------------ report
def test_report_is_offline_and_complete(nato, tmp_path):
    from redline.report import write_report

    _, plan, result = nato
    path = write_report(result.summary, tmp_path / "report.html", plan=plan)
    html = path.read_text(encoding="utf-8")
    # no remote resource loads: no script/img/iframe/link with a src/href to the network, no css url()
    assert not re.search(r"<(script|img|iframe|embed|source|audio|video)[^>]*\ssrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*href\s*=\s*['\"]?(https?:)?//", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert not re.search(r"@import", html)
    assert html.count("<script type='text/javascript'>") == 1  # plotly.js bundled once
    assert html.count("Plotly.newPlot") >= 5
    assert "<svg" in html and "UKR (coalition of the willing)" in html
    assert result.run_id in html and plan.hash[:12] in html
    for section in (
        "answers",
        "issues",
        "deterrence",
        "escalation",
        "analytics",
        "claims",
        "assumptions",
        "provenance",
    ):
        assert f"id='{section}'" in html and f"href='#{section}'" in html
    assert "href='#levers'" not in html  # no levers in nato-2024: no dead link


def test_headlines_answer_in_words(nato):
    _, plan, result = nato
    heads = {h["key"]: h for h in result.summary["headlines"]}
    for issue in plan.context["issues"]:
        passing = heads[f"issue.{issue.id}.pass"]
        verdict = "No" if passing["hi"] < 0.05 else "Yes" if passing["lo"] > 0.95 else "Uncertain"
        assert passing["answer"].startswith(verdict + ":")
        forecast = heads[f"issue.{issue.id}.forecast"]
        share = (forecast["value"] - issue.status_quo) / (issue.proposal - issue.status_quo)
        if 0 <= share < 1:
            assert forecast["answer"].startswith(f"{share * 100:.0f}% of the way")
    allies = heads["deter.allies"]
    rows = [
        r for r in result.summary["deterrence"]["table"] if r["lever"] == "base" and r["basis"] == "Article 5"
    ]
    assert allies["value"] == max(r["p_failure"] for r in rows)
    assert f"for the {len(rows)} allies" in allies["question"]


def test_compare_difference_interval_against_newcombe():
    """B - A with the MOVER / Newcombe (1998) hybrid score interval, from two Wilson intervals."""
    from redline.compare import difference
    from redline.runner import wilson

    x1, n1, x2, n2 = 30, 400, 52, 500
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = wilson(x1, n1), wilson(x2, n2)
    # Newcombe's method 10, written out: delta = p2 - p1
    lower = (p2 - p1) - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    upper = (p2 - p1) + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    a = {"value": p1, "lo": l1, "hi": u1, "percent": True}
    b = {"value": p2, "lo": l2, "hi": u2, "percent": True}
    diff, lo, hi = difference(a, b)
    assert math.isclose(diff, p2 - p1) and math.isclose(lo, lower) and math.isclose(hi, upper)
    assert difference({"value": 1.0}, {"value": 3.0}) == (2.0, None, None)
    assert difference({"value": None}, b) == (None, None, None)


# ------------------------------------------------------------------ CLI
def test_cli_run_runs_show_compare(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "s.duckdb")
    out = tmp_path / "out"
    first = runner.invoke(
        app, ["run", str(SCENARIOS / "levers.toml"), "--draws", "500", "--out", str(out), "--store", store]
    )
    assert first.exit_code == 0, first.output
    summary = json.loads((out / "summary.json").read_text())
    assert (out / "report.html").exists()
    second = runner.invoke(
        app,
        [
            "run",
            str(SCENARIOS / "levers.toml"),
            "--draws",
            "500",
            "--seed",
            "7",
            "--out",
            str(out),
            "--store",
            store,
            "--no-report",
            "--format",
            "json",
        ],
    )
    assert second.exit_code == 0
    other = json.loads(second.output)
    listed = runner.invoke(app, ["runs", "--store", store, "--format", "json"])
    runs = json.loads(listed.output)
    assert {r["run_id"] for r in runs} == {summary["run"]["run_id"], other["run"]["run_id"]}
    assert all(r["status"] == "finished" for r in runs)
    shown = runner.invoke(app, ["show", summary["run"]["run_id"], "--store", store, "--format", "json"])
    assert json.loads(shown.output)["headlines"] == summary["headlines"]
    compared = runner.invoke(
        app,
        ["compare", summary["run"]["run_id"], other["run"]["run_id"], "--store", store, "--format", "json"],
    )
    rows = json.loads(compared.output)
    assert rows and all({"question", "A", "B", "B - A"} <= set(r) for r in rows)
    lever = next(r for r in rows if r["question"].startswith("Lever "))
    assert re.fullmatch(r"[+-]\d+\.\d pp \[[+-]\d+\.\d, [+-]\d+\.\d\]", lever["B - A"]), lever
    missing = runner.invoke(app, ["show", "nope", "--store", store])
    assert missing.exit_code == 2 and "no run 'nope'" in missing.output


def test_restraint_sweep_matches_the_model_called_directly(nato):
    from redline.deterrence import from_world
    from redline.deterrence.restraint import restraint_sweep
    from redline.scenario import escalation_fit_of
    from redline.world import World

    scenario, plan, result = nato
    spec = scenario.deterrence.restraint
    uncertainty = {k: v.model_dump(exclude_none=True) for k, v in scenario.deterrence.uncertainty.items()}
    game = from_world(World.for_year(2024), spec.target, uncertainty=uncertainty)
    direct = restraint_sweep(  # on the ladder fitted to the record up to the scenario's year
        game,
        escalation_fit_of(scenario.escalation, as_of="2024-12-31"),
        spec.sigmas,
        steps=scenario.escalation.steps,
        draws=plan.draws,
        rng=plan.seed,
    )
    stored = pd.DataFrame(result.summary["restraint"]["table"])
    assert np.allclose(stored["p_nuclear"], direct["p_nuclear"])
    # Ukraine is at full war in 2024: no P(failure) at any σ, and the headline says why
    assert stored["p_failure"].isna().all() and direct["p_failure"].isna().all()
    assert (stored["p_nuclear_lo"] <= stored["p_nuclear"]).all()
    assert (stored["p_nuclear"] <= stored["p_nuclear_hi"]).all()
    heads = {h["key"]: h for h in result.summary["headlines"]}
    assert (
        "assumption" in heads["restraint"]["answer"] and "assumption" in heads["escalation.nuclear"]["answer"]
    )
    assert "months" in heads["escalation.nuclear"]["question"]
    assert heads["restraint"]["answer"].startswith("no P(deterrence failure): UKR at war since 2022-02-24")
    # more support, more risk of escalation (the deterrence side: the 2021 game, test_deterrence_restraint)
    assert stored["p_nuclear"].iloc[-1] > stored["p_nuclear"].iloc[0]


EU_SCENARIO = """
[scenario]
name = "eu-test"
[world]
year = 2024
[models]
bargaining = false
deterrence = false
analytics = false
escalation = false
[[issues]]
id = "eu_aid"
title = "EU aid facility"
status_quo = 20
proposal = 70
rule = "eu-qmv"
body = "EU"
[issues.coding.position]
weights = { ukraine_aid_pct_gdp = 0.5, libdem = 0.5 }
[issues.coding.capability]
indicator = "population"
[issues.uncertainty]
position_sd = 10
"""


def test_an_eu_qmv_issue_runs_with_population_weights():
    from redline.decisions.rules import get_rule
    from redline.scenario import parse_scenario
    from redline.world import World

    plan = prepare(parse_scenario(EU_SCENARIO, "eu.toml"), draws=300)
    result = execute(plan, keep_draws=True)
    issue = plan.context["issues"][0]
    assert sorted(issue.actors.actor) == sorted(World.for_year(2024).members("EU"))
    assert issue.actors.population is not None and (issue.actors.population > 0).all()
    direct = get_rule("eu-qmv").evaluate(issue.actors, 20, 70)
    assert result.summary["issues"][0]["decision"]["passes"] == direct.passes
    assert result.draws["issue.eu_aid.pass"].shape == (300,)


MAJORITY_SCENARIO = """
[scenario]
name = "majority-test"
[world]
year = 2024
[run]
seed = 11
[models]
bargaining = false
deterrence = false
analytics = false
escalation = false
[[issues]]
id = "vote"
title = "A close vote"
status_quo = 62
proposal = 100
rule = "majority"
[issues.coding.position]
weights = { libdem = 1.0 }
[issues.uncertainty]
position_sd = 15
"""


def test_an_uncertain_vote_matches_a_scalar_majority_count():
    """A close majority vote (P(pass) strictly between 0 and 1), checked draw by draw with plain loops."""
    from redline.questions import draw_issue_inputs
    from redline.scenario import parse_scenario

    plan = prepare(parse_scenario(MAJORITY_SCENARIO, "majority.toml"), draws=700)
    result = execute(plan, keep_draws=True)
    issue = plan.context["issues"][0]
    inputs = draw_blocks(
        task_seed(plan.seed, "issue.vote"), 0, 700, lambda g, n: draw_issue_inputs(issue, g, n)
    )
    members = sum(issue.actors.member)
    passes = []
    for row in inputs["position"]:
        yes = sum(
            1 for k, x in enumerate(row) if issue.actors.member[k] and abs(100 - x) - abs(62 - x) <= 1e-9
        )
        passes.append(float(yes > 0.5 * members + 1e-9))
    stored = result.draws["issue.vote.pass"]
    assert 0.05 < np.mean(passes) < 0.95  # a vote that can go either way
    assert np.array_equal(stored, np.array(passes))


def test_issue_input_draws_against_a_plain_reference(nato):
    """Positions Normal(x, sd) clipped to [0, 100]; salience Beta(s k, (1 - s) k); capability x LogNormal."""
    from redline.questions import draw_issue_inputs

    _, plan, _ = nato
    issue = plan.context["issues"][0]
    unc, table = issue.uncertainty, issue.actors
    n, m = 50, len(table)
    drawn = draw_issue_inputs(issue, np.random.default_rng(5), n)
    g = np.random.default_rng(5)  # the same stream, in the documented order
    z = g.standard_normal((n, m))
    k = unc.salience_concentration
    a = [s * k if 0 < s < 1 else 1.0 for s in table.salience]
    b = [(1 - s) * k if 0 < s < 1 else 1.0 for s in table.salience]
    beta = g.beta(np.broadcast_to(a, (n, m)), np.broadcast_to(b, (n, m)))
    w = g.standard_normal((n, m))
    for d in range(n):
        for j in range(m):
            x, s, c = table.position[j], table.salience[j], table.capability[j]
            assert drawn["position"][d, j] == pytest.approx(
                min(100.0, max(0.0, x + unc.position_sd * z[d, j]))
            )
            assert drawn["salience"][d, j] == pytest.approx(beta[d, j] if 0 < s < 1 else s)
            assert drawn["capability"][d, j] == pytest.approx(c * math.exp(unc.capability_sigma * w[d, j]))
    assert unc.position_sd > 0 and k and unc.capability_sigma > 0  # every branch exercised


def test_nato_2025_spreads_the_coded_stakes_like_nato_2024():
    """V is coded per target from dated facts; both NATO scenarios spread it around that value (an
    absolute V replaced the coded stakes: nato-2025 had Georgia failing in 95 % of draws, Moldova in
    36 %, though both are 'no opportunity' at the coded values)."""
    from redline.adapters.deterrence_games import scenario_game
    from redline.deterrence import monte_carlo
    from redline.scenario.runnable import world_for

    specs = {y: load_scenario(SCENARIOS / f"nato-{y}.toml") for y in (2024, 2025)}
    v = {y: s.deterrence.uncertainty["V"].model_dump(exclude_none=True) for y, s in specs.items()}
    assert v[2025] == v[2024] == {"dist": "lognormal", "sigma": 0.3}
    scenario = specs[2025]
    world = world_for(scenario.world)
    for target in ("GEO", "MDA"):
        game = scenario_game(scenario, world, target)
        assert game.summary()["regime"] == "no_opportunity", target
        assert monte_carlo(game, 2000, rng=1).p_failure < 0.05, target


def test_both_shipped_scenarios_fit_the_escalation_ladder_to_the_record():
    """nato-2025 ran the worked example's invented numbers until session 7; both now fit the record."""
    from redline.scenario import load_scenario

    for name in ("nato-2024", "nato-2025"):
        scenario = load_scenario(SCENARIOS / f"{name}.toml")
        assert scenario.escalation.fit, name
        assert not scenario.escalation.ladder.get("observations"), name  # the record, not a hand-made list


def test_every_interval_says_what_it_is_of(nato, tmp_path):
    """The red team's A2: "Article 5: how credible is it? [0.0%, 0.1%]" read as "0% credible" (the
    interval is the share of draws in which attack pays), and the escalation row's 90% credible interval
    sat under a "95% interval" column. Every interval now names what it is of, in the JSON, the terminal
    table and the report."""
    from redline.compare import headline_rows
    from redline.report import write_report

    _, plan, result = nato
    heads = {h["key"]: h for h in result.summary["headlines"]}
    for h in heads.values():
        assert bool(h["interval"]) == bool(h["interval_of"]), h["key"]
    assert "attack pays" in heads["deter.allies"]["interval_of"]
    assert "attack pays" in heads["deter.worst"]["interval_of"]
    assert "90% credible" in heads["escalation.nuclear"]["interval_of"]
    assert "95%" not in heads["escalation.nuclear"]["interval_of"]
    rows = {r["question"]: r for r in headline_rows(result.summary)}
    allies = rows[heads["deter.allies"]["question"]]
    assert allies["interval of"] == heads["deter.allies"]["interval_of"]
    html = write_report(result.summary, tmp_path / "report.html", plan=plan).read_text(encoding="utf-8")
    assert "95% interval</th>" not in html.split("id='answers'")[1].split("id='issues'")[0]
    assert "<th>interval of</th>" in html and "90% credible" in html


def test_escalation_headline_names_the_coding_of_its_answered_count(nato):
    """A7: the scenario's "(7 crossings of declared lines, 0 answered)" names its coding and the other count."""
    from redline.escalation.catalogue import answered_text, load_catalogue

    scenario, _, result = nato
    heads = {h["key"]: h for h in result.summary["headlines"]}
    cat = load_catalogue(None)
    cat = cat[cat["date"] <= "2024-12-31"]  # nato-2024 fits the record to its world year's end
    assert answered_text(cat, "strict") in heads["escalation.nuclear"]["question"]
    assert "(strict coding; 1 answered with force in the material coding)" in heads["escalation.nuclear"]["question"]


def test_article5_headline_says_why_the_others_have_no_opportunity(nato):
    """The red team's B3: "3 of 32 deterred (the others: no opportunity)" hid that the verdict rests on the
    assumed stakes sitting below the assumed cost of a limited war, not on Article 5."""
    from redline.deterrence.coding import DEFAULTS

    _, _, result = nato
    heads = {h["key"]: h for h in result.summary["headlines"]}
    rows = [
        r
        for r in result.summary["deterrence"]["table"]
        if r["lever"] == "base" and r["basis"] == "Article 5" and r["regime"] == "no_opportunity"
    ]
    assert rows and all(r["p_L"] * r["V"] <= r["k_L"] for r in rows)  # A = p_L·V − k_L ≤ 0
    answer = heads["deter.allies"]["answer"]
    assert f"the assumed stakes V {min(r['V'] for r in rows):.2f}" in answer
    assert f"the assumed cost of a limited war k_L {DEFAULTS['k_L']:.2f} (assumption)" in answer


def test_bargaining_at_the_round_cap_says_so_in_words(nato):
    """Minor finding of the red team: "(max_rounds, 1000 rounds)" is jargon; the headline says the run
    stopped at the cap and how much the mean position still moved in its last round."""
    _, _, result = nato
    issue = next(i for i in result.summary["issues"] if i["bargaining"]["status"] == "max_rounds")
    means = [row["mean"] for row in issue["bargaining"]["trajectory"]]
    move = abs(means[-1] - means[-2])
    answer = next(h for h in result.summary["headlines"] if h["key"] == f"issue.{issue['id']}.forecast")["answer"]
    assert "max_rounds" not in answer and "stopped at the 1,000-round cap" in answer
    bound = float(answer.split("still moving by < ")[1].split(" ")[0])
    assert move < bound <= 10 * move


def test_escalation_how_to_read_fits_a_fitted_ladder(nato, tmp_path):
    """A7: the report's box said "read the change before and after the observations, not the level" while
    the fitted ladder's headline gives a level within 12 months."""
    from redline.report import write_report

    _, plan, result = nato
    html = write_report(result.summary, tmp_path / "report.html", plan=plan).read_text(encoding="utf-8")
    box = html.split("<h3>Escalation</h3>")[1].split("</div>")[0]
    assert "ladder fitted to the record gives a level" in box and "90% credible interval" in box
