"""Scenario files fuzzed over the schema: ``validate`` and ``run`` end in exit 0 or in exit 2 with
``error:`` lines and no traceback, and every file ``validate`` accepts runs.

``validate`` and ``run`` read a file through one code path (:func:`redline.scenario.parse_scenario`
with the data checks of :mod:`redline.scenario.runnable`), so whatever a run refuses, validation
refuses first. The bounded version is here; ``python scripts/fuzz_scenarios.py`` draws many more.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from redline.cli import app
from redline.errors import RedlineError
from redline.runner import execute, prepare
from redline.scenario import ScenarioError, parse_scenario
from scenario_fuzz import hostile_scenarios
from web_scenario import SMALL

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _validate(text: str, where: str):
    """The scenario, or None when validation refused it with one located line per problem."""
    try:
        return parse_scenario(text, source=where)
    except ScenarioError as exc:
        assert exc.problems and all(p.startswith(where) for p in exc.problems), exc.problems
        assert all("\n" not in p for p in exc.problems), exc.problems
        return None


def _run(scenario, where: str) -> None:
    """A validated scenario runs with tiny draws; the only refusal left is a resource budget
    (which depends on --draws, not on the file)."""
    try:
        plan = prepare(scenario, draws=8, chunk_size=4096, source=where)
        result = execute(plan)
    except RedlineError as exc:
        assert "budget" in str(exc), f"validate accepted a file the run refuses: {exc}"
        return
    json.dumps(result.summary, allow_nan=False)  # summary.json stays JSON (no NaN/inf crash at the end)


@FUZZ
@given(text=hostile_scenarios())
def test_validate_survives_hostile_scenarios(tmp_path_factory, text):
    where = str(tmp_path_factory.getbasetemp() / "hostile.toml")
    _validate(text, where)  # returns a Scenario or raises ScenarioError; anything else fails the test


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=hostile_scenarios(finite=True))
def test_validate_accepted_files_run(tmp_path_factory, text):
    where = str(tmp_path_factory.getbasetemp() / "limits.toml")
    scenario = _validate(text, where)
    if scenario is not None:
        _run(scenario, where)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=hostile_scenarios())
def test_validate_cli_one_error_line_per_problem(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "cli.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code in (0, 2), (result.exit_code, repr(result.exception))
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert all(line.startswith("error: ") for line in result.output.splitlines() if line.strip())


def _variant(old: str, new: str) -> str:
    assert old in SMALL, old
    return SMALL.replace(old, new)


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        (_variant("year = 2024", "year = 2100"), "world.year", "within the data's coverage"),
        (_variant("weights = { libdem = 1.0 }", "weights = { libdem = 1.0 }\nhigh = -500"),
         "issues[0].coding.position", "within [0, 100]"),
        (_variant("weights = { libdem = 1.0 }", "weights = { libdem = 1e308 }"),
         "issues[0].coding.position.weights.libdem", "within ±1e+15"),
        (SMALL + "\n[issues.overrides.POL]\ncapability = 1e308\n", "issues[0].overrides.POL.capability", "±1e+15"),
        (_variant('body = "NATO"', 'body = "NATO"\nblock_cost = 1e308'), "issues[0].block_cost", "±1e+15"),
        (_variant('rule = "nato-consensus"', 'rule = "eu-qmv"\nrule_params = { blocking_minority = 1e308 }'),
         "issues[0].rule_params.blocking_minority", "±1e+15"),
        (_variant('rule = "nato-consensus"', 'rule = "eu-qmv"\nrule_params = { blocking_minority = 4.5 }'),
         "issues[0].rule_params", "a whole number in [0, 1000]"),
        (_variant('rule = "nato-consensus"', 'rule = "majority"\nrule_params = { threshold = -1.0 }'),
         "issues[0].rule_params", "threshold expected a number in [0, 1]"),
        (_variant('rule = "nato-consensus"', 'rule = "majority"\nrule_params = { threshold = nan }'),
         "issues[0].rule_params.threshold", "a finite number; found nan"),
        (SMALL + '\n[levers]\ncompare = ["us_withdrawal:w_scale=-5"]\n', "levers.compare[0]", "in [0, 1e+06]"),
        (SMALL + '\n[levers]\ncompare = ["mine:x=1"]\n[levers.define.mine]\ntheta = 2.0\n',
         "levers.compare[0]", "takes no parameters"),
        (_variant('targets = ["EST", "MDA", "GEO"]', 'targets = ["RUS", "EST"]'), "deterrence.targets[0]",
         "other than the challenger"),
        (SMALL + "\n[world.overrides.POL]\nlibdem = 1e308\n", "world.overrides.POL.libdem", "±1e+15"),
    ],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value and ":" not in value else "",
)
def test_validate_refuses_what_the_run_would(text, where, expected, tmp_path):
    """The issue's crafted files that validation let through and the run refused or crashed on."""
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, source=str(tmp_path / "s.toml"))
    message = str(caught.value)
    assert f": {where}: expected" in message and expected in message, message


def test_a_lever_defined_in_the_file_is_never_called_unknown(tmp_path):
    text = SMALL + '\n[levers]\ncompare = ["mine"]\n[levers.define.mine]\ntheta = 1.2\n'
    scenario = parse_scenario(text, source=str(tmp_path / "s.toml"))
    assert scenario.levers.compare == ["mine"]


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize(
    "shape",
    [
        lambda d: "x = " + "[" * d + "]" * d,
        lambda d: "x = " + "{ a = " * d + "1" + " }" * d,
        lambda d: "[" + ".".join(["a"] * d) + "]\nx = 1",
        lambda d: ".".join(["a"] * d) + " = 1",
    ],
    ids=["arrays", "inline-tables", "table-header", "dotted-key"],
)
def test_deep_nesting_is_one_clean_error(shape, depth, tmp_path):
    """TOML nested 1,000-100,000 deep: one located error at once (not RecursionError, not minutes)."""
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(SMALL + "\n" + shape(depth), source=str(tmp_path / "deep.toml"), check_data=False)
    assert "nested at most 64 deep" in str(caught.value)


def test_twenty_thousand_misspelled_keys_each_get_their_line(tmp_path):
    """Every problem is located (line numbers from one index of the file, not a scan per problem)."""
    keys = "\n".join(f"draws_{i} = 1" for i in range(20_000))
    text = SMALL.replace("[run]", "[run]\n" + keys)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, source="many.toml", check_data=False)
    problems = caught.value.problems
    assert len(problems) == 20_000
    assert problems[0].startswith("many.toml:10: run.draws_0: expected no such field")
    assert problems[-1].startswith(f"many.toml:{10 + 19_999}: run.draws_19999:")
