"""An issue read from a backtest case file (``case = "file.toml"`` in ``[[issues]]``)."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm
from typer.testing import CliRunner

from redline.backtest import read_case
from redline.backtest.method import case_rule
from redline.cli import app
from redline.decisions import get_rule
from redline.issues import case_issue
from redline.runner import execute, prepare
from redline.scenario import ScenarioError, load_scenario, parse_scenario, scenario_hash

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "backtest" / "cases"
NO_FLY = CASES / "nato_no_fly_zone_2022.toml"
runner = CliRunner()

HEAD = """[scenario]
name = "case-test"

[world]
year = 2023

[run]
draws = 256
seed = 11

[models]
deterrence = false
escalation = false
analytics = false
"""


def scenario_text(*issues: str) -> str:
    return HEAD + "".join(f"\n[[issues]]\n{body.strip()}\n" for body in issues)


def write(tmp_path: Path, text: str, case: Path = NO_FLY) -> Path:
    """The scenario in tmp/scenarios/, the case copied to tmp/cases/ (so `case` is relative)."""
    (tmp_path / "cases").mkdir(exist_ok=True)
    (tmp_path / "scenarios").mkdir(exist_ok=True)
    shutil.copy(case, tmp_path / "cases" / case.name)
    path = tmp_path / "scenarios" / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, draws: int = 256):
    plan = prepare(load_scenario(path), draws=draws, source=path)
    return execute(plan)


def issue_of(summary: dict, iid: str) -> dict:
    return next(i for i in summary["issues"] if i["id"] == iid)


# ----------------------------------------------------------------------------------------- running
def test_case_issue_validates_runs_and_matches_the_rule_called_directly(tmp_path):
    path = write(tmp_path, scenario_text('id = "nfz"\ncase = "../cases/nato_no_fly_zone_2022.toml"'))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    summary = run(path).summary
    issue = issue_of(summary, "nfz")
    case = read_case(NO_FLY)
    # title, scale, threshold and rule come from the case
    assert issue["title"] == case.title and issue["question"] == case.question
    assert (issue["status_quo"], issue["proposal"]) == (case.status_quo, case.proposal)
    assert issue["pass_threshold"] == case.issue.adopted_threshold == 50
    assert issue["rule"] == "nato-consensus"
    assert issue["source"]["kind"] == "case" and issue["source"]["coding_date"] == "2022-03-01"
    assert "case file" in issue["note"] and "2022-03-01" in issue["note"]
    # the decision equals the rule evaluated directly on the case's actors table
    direct = get_rule("nato-consensus").evaluate(case.actor_table(), case.status_quo, case.proposal).to_dict()
    decision = issue["decision"]
    assert decision["passes"] == direct["passes"]
    for key in ("yes", "no", "blockers", "veto_players"):
        assert sorted(decision[key]) == sorted(direct[key]), key
    assert decision["largest_passable"] == pytest.approx(direct["largest_passable"])
    assert decision["pivotal"] == direct["pivotal"]
    # and an independent loop: every member (veto player) must not lose by the move
    members = [a for a in case.actors if a.veto]
    losers = {
        a.key
        for a in members
        if abs(case.proposal - a.position) - abs(case.status_quo - a.position) > (a.block_cost or 0.0) + 1e-9
    }
    assert decision["passes"] == (not losers) and set(decision["blockers"]) == losers
    # no uncertainty: every draw agrees with the exact answer; bargaining ran on the case's actors
    assert issue["mc_pass"]["mean"] == float(direct["passes"]) and issue["mc_pass"]["n"] == 256
    assert 0 <= issue["bargaining"]["forecast"] <= 100
    assert {r["actor"] for r in issue["actors"]} == {a.key for a in case.actors}
    headline = next(h for h in summary["headlines"] if h["key"] == "issue.nfz.pass")
    assert "coded 2022-03-01" in headline["answer"]


def test_report_shows_the_note(tmp_path):
    path = write(tmp_path, scenario_text('id = "nfz"\ncase = "../cases/nato_no_fly_zone_2022.toml"'))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", str(path), "--draws", "64", "--out", str(out), "--store", str(tmp_path / "s.duckdb")]
    )
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "from the backtest case file" in html and "coded as of 2022-03-01" in html


def test_uncertainty_applies_single_government_against_the_normal_cdf(tmp_path):
    """Leopard 2: the decider DEU (position 30) accepts 100 against 0 iff its drawn position >= 50,
    so with Normal(30, 20) noise P(pass) = 1 - Phi(1)."""
    case_file = CASES / "deu_leopard2_ukraine_2023.toml"
    text = scenario_text(
        f'id = "leo"\ncase = "../cases/{case_file.name}"\n[issues.uncertainty]\nposition_sd = 20'
    ).replace("[models]", "[models]\nbargaining = false")
    path = write(tmp_path, text, case_file)
    summary = run(path, draws=4096).summary
    issue = issue_of(summary, "leo")
    x = next(a.position for a in read_case(case_file).actors if a.key == "DEU")
    expected = 1 - norm.cdf((50 - x) / 20)
    s = issue["mc_pass"]
    assert abs(s["mean"] - expected) < 4 * math.sqrt(expected * (1 - expected) / s["n"])
    assert issue["rule"] == "single-government" and issue["rule_params"] == {"decider": "DEU"}


def test_every_shipped_case_maps_to_the_backtests_rule():
    for path in sorted(CASES.glob("*.toml")):
        case = read_case(path)
        spec = parse_scenario(
            scenario_text(f'id = "x"\ncase = "{path}"'), source=str(path.parent / "s.toml")
        ).issues[0]
        issue = case_issue(spec, case)
        assert get_rule(issue.rule, **issue.rule_params) == case_rule(case), path.name
        assert issue.pass_threshold == case.issue.adopted_threshold
        assert issue.actors.to_frame().equals(case.actor_table().to_frame())


def test_coalition_case_keeps_required_resources(tmp_path):
    case_file = tmp_path / "coal.toml"
    case_file.write_text(
        """id = "coal"
title = "A coalition"
decision_date = 2024-01-02
coding_date = 2024-01-01
body = "ad hoc"
rule = "coalition"
[issue]
question = "Do they act?"
scale_0 = "no"
scale_100 = "yes"
status_quo = 0
proposal = 100
adopted_threshold = 50
required_resources = 5
"""
        + "".join(
            f'[actors.{k}]\nname = "{k}"\nposition = {x}\nsalience = 0.5\ncapability = 0.5\n'
            f'veto = false\nsource = "https://example.org"\nresources = {r}\n'
            for k, x, r in (("AAA", 90, 3), ("BBB", 80, 3), ("CCC", 10, 9))
        ),
        encoding="utf-8",
    )
    path = write(tmp_path, scenario_text('id = "c"\ncase = "../coal.toml"'), case_file)
    issue = issue_of(run(path, draws=32).summary, "c")
    assert issue["rule_params"] == {"required": 5.0, "indifferent_join": True}
    # the willing (AAA and BBB, who gain from 100 over 0) bring 6 >= 5: feasible
    assert issue["decision"]["passes"] is True


def test_overrides_by_actor_key_and_case_changes_change_the_hash(tmp_path):
    text = scenario_text(
        'id = "nfz"\ncase = "../cases/nato_no_fly_zone_2022.toml"\ntitle = "My title"\n'
        '[issues.overrides.NATO_SG]\nposition = 80\nreason = "test"\n'
        "[issues.overrides.HUN]\nmember = false"
    )
    path = write(tmp_path, text)
    scenario = load_scenario(path)
    issue = issue_of(run(path, draws=16).summary, "nfz")
    assert issue["title"] == "My title"
    actors = {r["actor"]: r for r in issue["actors"]}
    assert actors["NATO_SG"]["position"] == 80 and not actors["HUN"]["member"]
    coding = {r["actor"]: r for r in issue["coding"]}
    assert coding["NATO_SG"]["override"] == "position=80 (test)"
    assert "HUN" not in issue["decision"]["blockers"]
    before = scenario_hash(scenario)
    case_copy = tmp_path / "cases" / NO_FLY.name
    case_copy.write_text(case_copy.read_text().replace("salience = 0.5", "salience = 0.55", 1))
    assert scenario_hash(load_scenario(path)) != before


# ----------------------------------------------------------------------------------------- outcome
def test_the_outcome_table_is_never_read(tmp_path, monkeypatch):
    text = NO_FLY.read_text(encoding="utf-8")
    start = text.index("[outcome]")
    end = text.find("\n[", start + 1)
    garbage = '[outcome]\nadopted = "perhaps"\noutcome_value = "SECRET-OUTCOME"\nsources = 7\n'
    poisoned = text[:start] + garbage + (text[end + 1 :] if end >= 0 else "")
    case_file = tmp_path / "poisoned.toml"
    case_file.write_text(poisoned, encoding="utf-8")

    def forbidden(*args, **kwargs):
        raise AssertionError("the outcome was read")

    import redline.backtest as backtest
    import redline.backtest.cases as cases

    monkeypatch.setattr(cases, "read_outcome", forbidden)
    monkeypatch.setattr(backtest, "read_outcome", forbidden)
    path = write(tmp_path, scenario_text('id = "nfz"\ncase = "../poisoned.toml"'), case_file)
    summary = run(path, draws=16).summary
    assert "SECRET-OUTCOME" not in str(summary) and "perhaps" not in str(summary)
    assert issue_of(summary, "nfz")["decision"]["passes"] is False


# ----------------------------------------------------------------------------------------- errors
CASE_LINE = 'id = "nfz"\ncase = "../cases/nato_no_fly_zone_2022.toml"'


@pytest.mark.parametrize(
    ("extra", "path", "expected", "found"),
    [
        ('body = "EU"', "issues[0].body", "no body in an issue read from a case file", "'EU'"),
        ('participants = ["UKR"]', "issues[0].participants", "no participants", "an array"),
        ("status_quo = 10", "issues[0].status_quo", "no status_quo", "10"),
        ('rule = "eu-qmv"', "issues[0].rule", "no rule", "'eu-qmv'"),
        ("pass_threshold = 60", "issues[0].pass_threshold", "no pass_threshold", "60"),
        (
            "[issues.coding.position]\nweights = { libdem = 1 }",
            "issues[0].coding",
            "no coding in an issue read from a case file",
            "a table",
        ),
        ("[issues.overrides.XYZ]\nposition = 5", "issues[0].overrides.XYZ", "an actor of the case", "'XYZ'"),
    ],
)
def test_fields_that_cannot_combine_with_case(extra, path, expected, found, tmp_path):
    scenario = write(tmp_path, scenario_text(CASE_LINE + "\n" + extra))
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    match = re.match(rf"error: {re.escape(str(scenario))}:(\d+): (\S+): expected (.*); found (.*)$", lines[0])
    assert match, lines[0]
    assert match.group(2) == path and expected in match.group(3) and found in match.group(4)
    field = path.split(".")[-1].split("[")[0]
    text = scenario.read_text().splitlines()
    assert field in text[int(match.group(1)) - 1]


@pytest.mark.parametrize(
    ("case_text", "found"),
    [
        (None, "case file not found"),
        ("id = [", "not valid TOML"),
        (NO_FLY.read_text().replace("status_quo = 0", 'status_quo = "low"'), "field issue.status_quo"),
        (NO_FLY.read_text().replace('rule = "nato-consensus"', 'rule = "vote"'), "field rule"),
    ],
)
def test_missing_or_malformed_case_file(case_text, found, tmp_path):
    if case_text is not None:
        (tmp_path / "bad_case.toml").write_text(case_text, encoding="utf-8")
    scenario = write(tmp_path, scenario_text('id = "nfz"\ncase = "../bad_case.toml"'))
    result = runner.invoke(app, ["validate", str(scenario)])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith(f"error: {scenario}:")
    assert ": issues[0].case: expected a valid backtest case file" in line
    assert "bad_case.toml" in line and found in line, line


def test_coded_issue_still_needs_its_fields_and_iso3_overrides():
    with pytest.raises(ScenarioError) as info:
        parse_scenario(scenario_text('id = "x"\n[issues.overrides.NATO_SG]\nposition = 5'), "bad.toml")
    problems = "\n".join(info.value.problems)
    for field in ("title", "status_quo", "proposal"):
        assert f"issues[0].{field}: expected this required field; found nothing" in problems
    assert "issues[0].coding: expected this required field (or case = " in problems
    assert "issues[0].overrides.NATO_SG: expected an ISO3 code" in problems


def test_template_example_validates():
    """The commented case example of scenarios/template.toml, uncommented, is a valid issue."""
    template = (ROOT / "scenarios" / "template.toml").read_text(encoding="utf-8")
    block = re.search(r"# \[\[issues\]\]\n# id = \"no_fly_zone\".*?(?=\n\n)", template, re.S)
    assert block, "the case example is missing from the template"
    body = "\n".join(line.removeprefix("# ").removeprefix("#") for line in block.group(0).splitlines())
    text = HEAD + "\n" + body + "\n"
    scenario = parse_scenario(text, source=str(ROOT / "scenarios" / "example.toml"))
    assert scenario.issues[0].title == read_case(NO_FLY).title
    assert np.isclose(
        case_issue(scenario.issues[0], read_case(NO_FLY)).pass_threshold, read_case(NO_FLY).pass_threshold
    )


def test_validate_coding_reads_a_relative_case_from_the_scenario_folder(tmp_path, monkeypatch):
    import os

    from typer.testing import CliRunner

    from redline.cli import app

    case = Path(__file__).resolve().parents[1] / "backtest" / "cases" / "nato_no_fly_zone_2022.toml"
    scenario = tmp_path / "sub" / "case.toml"
    scenario.parent.mkdir()
    relative = os.path.relpath(case, scenario.parent)
    scenario.write_text(
        f'[scenario]\nname = "case-demo"\n[world]\nyear = 2022\n[[issues]]\nid = "no_fly"\ncase = "{relative}"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # not the scenario's folder: the case path is relative to the file
    result = CliRunner().invoke(app, ["validate", str(scenario), "--coding"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "actors from the case file" in result.output
    assert "NATO_SG" in result.output
