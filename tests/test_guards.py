"""Resource guards and range checks that close the last gaps of the reliability issue.

Each test here failed on the code before its fix: the backtest folder's total work was never checked
(each case alone fitted the budget, so ``--draws 1900`` ran for 20 CPU-minutes).
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from redline.backtest import find_cases, read_case, run_backtest
from redline.backtest.crossval import cross_validate
from redline.cli import app
from redline.errors import RedlineError

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "backtest" / "cases"


def _no_work(*args, **kwargs):
    raise AssertionError("a case was forecast before the folder's work was checked")


def _per_draw_reference() -> float:
    """Plain re-derivation: every case bargains all its actors, 1,000 rounds of n^2 log2(n + 2)."""
    total = 0.0
    for path in find_cases(CASES):
        n = len(read_case(path).actors)
        total += 1000 * n * n * math.log2(n + 2)
    return total


def test_backtest_folder_over_the_work_budget_is_refused_before_any_case(monkeypatch):
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e11")
    monkeypatch.setattr("redline.backtest.runner.forecast_case", _no_work)
    fits = int(1e11 // _per_draw_reference())
    n_cases = len(find_cases(CASES))
    assert 300 <= fits < 1900  # the documented 300 draws fit; the sweep's 1900 do not
    with pytest.raises(
        RedlineError, match=rf"backtest of {n_cases} case\(s\) with 1,900 draws.*--draws {fits} or fewer"
    ):
        run_backtest(CASES, draws=1900)
    with pytest.raises(RedlineError, match=rf"--draws {fits} or fewer"):
        run_backtest(CASES, draws=fits + 1)


def test_cross_validation_counts_the_folder_and_the_grid(monkeypatch):
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e11")
    monkeypatch.setattr("redline.backtest.crossval.prepare_case", _no_work)
    n_cases = len(find_cases(CASES))
    with pytest.raises(
        RedlineError, match=rf"cross-validation of {n_cases} case\(s\) with 1,000 draws.*--draws \d+ or fewer"
    ):
        cross_validate(CASES, draws=1000)


def test_backtest_cli_names_the_draws_that_fit(monkeypatch):
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e11")
    monkeypatch.setattr("redline.backtest.runner.forecast_case", _no_work)
    result = CliRunner().invoke(app, ["backtest", str(CASES), "--draws", "1900"])
    assert result.exit_code == 2, result.output
    n_cases = len(find_cases(CASES))
    assert result.output.startswith(f"error: backtest of {n_cases} case(s) with 1,900 draws"), result.output
    assert "or raise REDLINE_WORK_BUDGET" in result.output
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e13")  # the override lets it through (to the first case)
    result = CliRunner().invoke(app, ["backtest", str(CASES), "--draws", "1900"])
    assert isinstance(result.exception, AssertionError)


def test_backtest_says_which_case_it_is_on(tmp_path, monkeypatch, capsys):
    """Progress per case on stderr, like the other long commands (a terminal or REDLINE_PROGRESS=1)."""
    for path in find_cases(CASES)[:2]:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("REDLINE_PROGRESS", "1")
    run_backtest(tmp_path, draws=8, bargainer=lambda x, c, s: np.median(x, axis=1), n_boot=10)
    err = capsys.readouterr().err
    assert "case 1/2" in err and "case 2/2" in err
    monkeypatch.setenv("REDLINE_PROGRESS", "0")
    run_backtest(tmp_path, draws=8, bargainer=lambda x, c, s: np.median(x, axis=1), n_boot=10)
    assert capsys.readouterr().err == ""


WIDE = """[scenario]
name = "wide"
[world]
year = 2024
[run]
draws = 1000
[deterrence]
targets = ["EST"]
[deterrence.uncertainty]
"a.*" = { dist = "normal", sd = SD }
"""


def test_validate_refuses_the_credibility_dp_the_run_would_refuse(tmp_path):
    """The deterrence DP's budget depends on the drawn capabilities: validate makes the run's own check
    on the run's first block of draws (a dry run), so it refuses what the run would, before any work."""
    path = tmp_path / "wide.toml"
    path.write_text(WIDE.replace("SD", "1e15"))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(
        f"error: {path}:9: deterrence.uncertainty: expected a deterrence Monte Carlo"
    )
    assert "credibility DP: would need about" in result.output and "REDLINE_MEMORY_BUDGET" in result.output
    path.write_text(WIDE.replace("SD", "0.001"))  # a narrow spread fits: accepted as before
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_dry_run_stops_at_the_checkpoint_and_passes_refusals():
    from redline.budget import FitsBudget, dry_run
    from redline.deterrence.credibility import credibility

    w, a = np.full((4, 3), 0.5), np.full((4, 3), 1 / 3)
    with dry_run(), pytest.raises(FitsBudget):
        credibility(w, a, np.full(4, 0.5))
    assert 0 < credibility(w, a, np.full(4, 0.5))[0] < 1  # outside a dry run the work is done
    with dry_run(), pytest.raises(RedlineError, match="credibility DP"):
        credibility(w, np.full((4, 3), 1e12), np.full(4, 1e12), delta=1e-3)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"world": {"year": 2100}}, "world.year: expected a year within the data's coverage"),
        (
            {"deterrence": {"targets": ["RUS"], "challenger": "RUS"}},
            "expected targets other than the challenger",
        ),
        (
            {"deterrence": {"targets": ["EST"], "params": {"V": 1e300}}},
            "deterrence.params.V: expected a number within",
        ),
        ({"levers": {"compare": ["no_such_lever"]}}, "levers.compare"),
    ],
)
def test_prepare_checks_a_hand_built_scenario_like_a_file(raw, message):
    """The Python API path (Scenario(...) then prepare) refuses what parse_scenario/validate refuse."""
    from redline.runner import prepare
    from redline.scenario import Scenario, ScenarioError

    scenario = Scenario.model_validate({"scenario": {"name": "api"}, "world": {"year": 2024}, **raw})
    with pytest.raises(ScenarioError, match=message):
        prepare(scenario, draws=10)


def test_a_parsed_scenario_is_not_checked_twice_but_a_changed_copy_is(monkeypatch):
    from redline.scenario import ScenarioError, check_scenario, parse_scenario

    text = '[scenario]\nname = "x"\n[world]\nyear = 2024\n[deterrence]\ntargets = ["EST"]\n'
    scenario = parse_scenario(text)
    monkeypatch.setattr("redline.scenario.runnable.runnable_problems", _no_work)
    check_scenario(scenario)  # unchanged since parse_scenario checked it
    changed = scenario.model_copy(
        update={"deterrence": scenario.deterrence.model_copy(update={"challenger": "EST"})}
    )
    with pytest.raises(ScenarioError, match="challenger"):
        check_scenario(changed)


def _numeric_options():
    """Every int or float option of every command, found from the registered app (not a list)."""
    import typing

    import typer

    def walk(command, path=()):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, (*path, name))
        else:
            yield path, command

    def base(annotation):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return base(args[0]) if args else annotation

    found = []
    for path, command in walk(typer.main.get_command(app)):
        for param in command.params:
            kind = base(param.type_descriptor.annotation)
            if kind in (int, float) and param.opts and param.opts[0].startswith("--"):
                found.append((" ".join(path), command, param, kind))
    return found


NUMERIC = _numeric_options()


def test_the_enumeration_finds_the_numeric_options():
    flags = {(path, param.opts[0]) for path, _, param, _ in NUMERIC}
    assert {("bargain", "--position-sd"), ("deter", "--a-sigma"), ("power eu-qmv", "--unit")} <= flags
    assert len(NUMERIC) > 50


@pytest.mark.parametrize(
    ("path", "command", "param", "kind"), NUMERIC, ids=[f"{p} {q.opts[0]}" for p, _, q, _ in NUMERIC]
)
def test_every_numeric_option_is_range_checked(path, command, param, kind):
    """Hostile magnitudes are refused naming the option; the option's default passes."""
    from redline.cli import _check_params

    flag = param.opts[0]
    hostile = (10**30, -(10**30)) if kind is int else (1e308, -1e308, 1e16)
    if param.name == "seed" or param.name.endswith("_seed"):
        hostile = (-1, 2**64)
    for value in hostile:
        with pytest.raises(RedlineError, match=rf"^{flag}: expected an integer|^{flag}: expected a number"):
            _check_params(command, {param.name: value})
    _check_params(command, {param.name: param.default})


@pytest.mark.parametrize(
    "line",
    [
        ["bargain", "examples/bargaining/ec_car_emissions_1994.csv", "--position-sd", "1e308"],
        ["bargain", "examples/bargaining/ec_car_emissions_1994.csv", "--capability-sigma", "1e3"],
        ["deter", "--year", "2024", "--target", "EST", "--a-sigma", "1e308"],
        ["power", "eu-qmv", "--unit", "99999999999999999999"],
        ["factions", "--min-votes", "-5"],
        # --scale is text (LOW,HIGH): checked before any work, even when no draw would read it
        ["bargain", "examples/bargaining/ec_car_emissions_1994.csv", "--scale", "NaN,100"],
        ["bargain", "examples/bargaining/ec_car_emissions_1994.csv", "--scale", "100,0"],
        ["bargain", "examples/bargaining/ec_car_emissions_1994.csv", "--scale", "0,1e308"],
    ],
)
def test_hostile_numbers_end_in_one_error_line(line, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, line)
    assert result.exit_code == 2, (line, result.output)
    assert result.output.startswith(f"error: {line[-2]}: expected "), result.output


def test_a_huge_text_cell_is_cut_in_a_table_not_rendered_for_minutes():
    """A 10 MB cell (under data sql's 20 MB result limit) took the table renderer 344 s; a table now
    shows its first MAX_CELL characters, CSV keeps every one."""
    from redline.cli._output import MAX_CELL

    result = CliRunner().invoke(app, ["data", "sql", "SELECT repeat('x', 1000000) AS s"])
    assert result.exit_code == 0, result.output
    assert "1,000,000 characters" in result.output and len(result.output) < 4 * MAX_CELL
    result = CliRunner().invoke(app, ["data", "sql", "SELECT repeat('x', 1000000) AS s", "--format", "csv"])
    assert result.output.count("x") == 1_000_000
