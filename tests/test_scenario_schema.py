"""Scenario files: schema round-trip, one specific message per malformed-file class, exit code 2."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from redline.cli import app
from redline.scenario import Scenario, ScenarioError, load_scenario, parse_scenario, scenario_hash

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
TEMPLATE = (SCENARIOS / "template.toml").read_text()
runner = CliRunner()


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, source="bad.toml")
    return info.value.problems


@pytest.mark.parametrize("name", ["template.toml", "nato-2024.toml", "levers.toml"])
def test_shipped_scenarios_validate(name):
    path = SCENARIOS / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    scenario = load_scenario(path)
    assert scenario.scenario.name


def test_round_trip_through_toml_keeps_the_scenario_and_its_hash():
    scenario = parse_scenario(TEMPLATE, "template.toml")
    dumped = scenario.model_dump(mode="json", exclude_none=True)
    again = parse_scenario(tomli_w.dumps(dumped), "again.toml")
    assert again == scenario
    assert scenario_hash(again) == scenario_hash(scenario)
    # formatting and comments do not change the hash; a value does
    assert scenario_hash(parse_scenario(TEMPLATE.replace("# ", "#  "), "x")) == scenario_hash(scenario)
    changed = parse_scenario(TEMPLATE.replace("seed = 20240711", "seed = 1"), "x")
    assert scenario_hash(changed) != scenario_hash(scenario)


def test_every_schema_field_is_documented_in_the_template():
    """The template documents every field: each model field name appears in it."""
    from pydantic import BaseModel

    names: set[str] = set()

    def walk(model: type[BaseModel]) -> None:
        for name, field in model.model_fields.items():
            names.add(name)
            for arg in getattr(field.annotation, "__args__", ()) + (field.annotation,):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    walk(arg)

    walk(Scenario)
    from redline import scenario as module

    for cls in (
        module.IssueSpec,
        module.ActorOverride,
        module.IssueUncertainty,
        module.Coding,
        module.LinearCoding,
        module.CapabilityCoding,
        module.LeverSpec,
        module.ExtraActor,
    ):
        walk(cls)
    undocumented = sorted(n for n in names if not re.search(rf"\b{n}\b", TEMPLATE))
    assert undocumented == []


@pytest.mark.parametrize(
    ("old", "new", "path", "expected", "found"),
    [
        ("block_cost = 0.0 ", "blok_cost = 0.0 ", "issues[0].blok_cost", "no such field", "0.0"),
        ("draws = 2000", 'draws = "many"', "run.draws", "valid integer", "'many'"),
        ("status_quo = 40", "status_quo = 140", "issues[0].status_quo", "less than or equal to 100", "140"),
        (
            'participants = ["UKR"]',
            'participants = ["UKX"]',
            "issues[0].participants[0]",
            "ISO3 code",
            "'UKX'",
        ),
        (
            'rule = "nato-consensus"',
            'rule = "nato-consensu"',
            "issues[0].rule",
            "nato-consensus",
            "'nato-consensu'",
        ),
        (
            '"us_withdrawal", "baltic_surge"',
            '"us_withdraw"',
            "levers.compare[0]",
            "built-in lever",
            "'us_withdraw'",
        ),
        (
            "low = 0.8, mode = 1.0, high = 1.2",
            "low = 1.8, mode = 1.0, high = 1.2",
            "deterrence.uncertainty.V",
            "low <= mode <= high",
            "low=1.8",
        ),
        (
            'dist = "triangular", low = 0.8, mode = 1.0, high = 1.2',
            'dist = "beta", mean = 1.5, concentration = 2',
            "deterrence.uncertainty.V.mean",
            "less than 1",
            "1.5",
        ),
        (
            'dist = "triangular", low = 0.8, mode = 1.0, high = 1.2',
            'dist = "normal", mean = 1, sd = -1',
            "deterrence.uncertainty.V.sd",
            "greater than 0",
            "-1",
        ),
        (
            'V = { dist = "triangular"',
            'V = { dist = "gamma"',
            "deterrence.uncertainty.V",
            "dist = normal",
            "'gamma'",
        ),
        (
            "unga_ukraine = 0.2",
            "unga = 0.2",
            "issues[0].coding.position.weights",
            "indicators from",
            "'unga'",
        ),
        ("q_bluffer = 0.05 ", "q_bluffer = 1.05 ", "escalation.ladder", "valid escalation ladder", "1.05"),
        ("[world.overrides]\nHUN", "[world.overrides]\nHUX", "world.overrides.HUX", "ISO3 code", "'HUX'"),
        (
            "rule_params = {}",
            "rule_params = { quota = 3 }",
            "issues[0].rule_params",
            "parameters of the rule",
            "quota",
        ),
        ("params = { rho = 0.2 }", "params = { rhoo = 0.2 }", "deterrence.params", "parameters from", "rhoo"),
        (
            '"us_withdrawal", "baltic_surge"',
            '"us_withdrawal:w_scal=0.3"',
            "levers.compare[0]",
            "name:parameter",
            "w_scal",
        ),
    ],
)
def test_each_problem_names_file_line_field_expected_and_found(old, new, path, expected, found, tmp_path):
    assert old in TEMPLATE
    text = TEMPLATE.replace(old, new, 1)
    problems = problems_of(text)
    assert len(problems) == 1, problems
    message = problems[0]
    assert re.match(r"bad\.toml:\d+: ", message), message
    assert f": {path}: expected " in message
    assert expected in message and found in message.split("; found ")[-1], message
    line = int(message.split(":")[1])
    assert (
        new.split("\n")[-1].split("=")[0].strip().split()[0].strip('["') in text.splitlines()[line - 1]
        or path.split(".")[0] in text.splitlines()[line - 1]
    )
    # the CLI: the same single line on stderr, exit code 2, no traceback
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {str(bad)}{message[len('bad.toml') :]}"


def test_toml_syntax_error_gives_the_line():
    problems = problems_of(TEMPLATE.replace("steps = 10", "steps = = 10"))
    text = TEMPLATE.replace("steps = 10", "steps = = 10")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "steps = = 10" in t)
    assert problems == [problems[0]] and problems[0].startswith(f"bad.toml:{line}: TOML syntax error")


def test_several_problems_are_all_reported():
    text = TEMPLATE.replace('title = "Arm Ukraine"', "").replace("draws = 2000", "draws = 0")
    problems = problems_of(text)
    assert len(problems) == 2
    assert any("issues[0].title: expected this required field" in p for p in problems)
    assert any("run.draws" in p for p in problems)


def test_year_or_date_and_unique_issue_ids():
    assert (
        "exactly one of year or date"
        in problems_of(TEMPLATE.replace("year = 2024", "year = 2024\ndate = 2024-03-01"))[0]
    )
    data = tomllib.loads(TEMPLATE)
    data["issues"].append(data["issues"][0])
    problems = problems_of(tomli_w.dumps(data))
    assert len(problems) == 1 and "unique issue ids" in problems[0] and "'arm_ukraine' twice" in problems[0]


def _cli(*args: str):
    return runner.invoke(app, list(args))


def test_validate_cli_ok_and_bad(tmp_path):
    ok = _cli("validate", str(SCENARIOS / "template.toml"))
    assert ok.exit_code == 0 and "valid scenario" in ok.output
    bad = tmp_path / "bad.toml"
    bad.write_text(TEMPLATE.replace("status_quo = 40", "status_quo = -1").replace("steps = 10", "steps = 0"))
    result = _cli("validate", str(bad))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 2 and all(line.startswith(f"error: {bad}:") for line in lines)
    assert "Traceback" not in result.output
    missing = _cli("validate", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 2 and "file not found" in missing.output


# ------------------------------------------------------------------ hypothesis: never a traceback
_BASE = tomllib.loads(TEMPLATE)
_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for key, sub in value.items():
            yield prefix + (key,)
            yield from _paths(sub, prefix + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield prefix + (i,)
            yield from _paths(sub, prefix + (i,))


_ALL_PATHS = list(_paths(_BASE))


def _mutate(data, path, value, action):
    import copy

    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    last = path[-1]
    if action == "delete":
        del node[last]
    elif action == "rename" and isinstance(node, dict):
        node[str(last) + "x"] = node.pop(last)
    else:
        node[last] = value
    return data


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(_ALL_PATHS), _leaf, st.sampled_from(["set", "delete", "rename"])),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_files_give_messages_never_tracebacks(mutations):
    data = _BASE
    for path, value, action in mutations:
        try:
            data = _mutate(data, path, value, action)
        except (KeyError, IndexError, TypeError):
            continue

    def clean(v):
        if isinstance(v, dict):
            return {str(k): clean(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [clean(x) for x in v if x is not None]
        return v

    text = tomli_w.dumps(clean(data))
    try:
        parse_scenario(text, source="fuzz.toml")
    except ScenarioError as exc:
        assert exc.problems and all(p.startswith("fuzz.toml") and "expected" in p for p in exc.problems), (
            exc.problems
        )


@given(st.text(max_size=200))
def test_arbitrary_text_gives_messages_never_tracebacks(text):
    try:
        parse_scenario(text, source="fuzz.toml")
    except ScenarioError as exc:
        assert all(p.startswith("fuzz.toml") for p in exc.problems)


def test_validate_coding_prints_every_issue(tmp_path):
    result = _cli("validate", str(SCENARIOS / "nato-2024.toml"), "--coding", "--format", "csv")
    assert result.exit_code == 0, result.output
    scenario = load_scenario(SCENARIOS / "nato-2024.toml")
    table = pd.read_csv(io.StringIO(result.stdout))  # stdout is one clean CSV, nothing else
    assert list(table.columns[:2]) == ["issue", "actor"]
    assert list(dict.fromkeys(table["issue"])) == [issue.id for issue in scenario.issues]
    assert "UKR" in set(table["actor"]) and "valid scenario" in result.stderr
    assert "the requester" in result.stdout


def test_wrong_types_are_not_coerced():
    """A quoted number is a wrong type, not silently converted (pydantic strict mode)."""
    text = TEMPLATE.replace("year = 2024", 'year = "2024"', 1)
    assert text != TEMPLATE
    (message,) = problems_of(text)
    assert re.match(
        r"bad\.toml:\d+: world\.year: expected a valid integer; found '2024' \(a string\)$", message
    )


def test_pattern_mismatch_is_explained_in_words():
    text = TEMPLATE.replace('V = { dist = "triangular"', 'VV = { dist = "triangular"', 1)
    (message,) = problems_of(text)
    assert ": deterrence.uncertainty.VV: expected a deterrence input: V, k_L" in message
    assert "found 'VV'" in message and "^(" not in message
