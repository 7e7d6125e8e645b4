"""Every command survives hostile input: exit 0 or 2, never a traceback, one ``error:`` line.

The command lines come from tests/hostile.py (one argument hostile at a time, the rest well-formed);
hypothesis samples a bounded number here, and ``python scripts/fuzz_cli.py`` runs all of them in
subprocesses with memory and time limits.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hostile import ROOT, hostile_command_lines, hostile_files
from redline.cli import app


@pytest.fixture(scope="module")
def command_lines(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    return hostile_command_lines(tmp, hostile_files(tmp / "files"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder that sees the repository's inputs (paths relative to the root work) but keeps what a
    command writes by default (``redline.duckdb``, ``report/``) out of the clone and away from other
    xdist workers."""
    folder = tmp_path_factory.mktemp("hostile-cwd")
    for name in ("examples", "scenarios", "backtest", "data"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    return folder


def _check(line: list[str], monkeypatch, workdir) -> None:
    monkeypatch.chdir(workdir)
    # small budgets: a hostile size is refused at once (the default budgets are tested elsewhere)
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e9")
    monkeypatch.setenv("REDLINE_MEMORY_BUDGET", "1GB")
    result = CliRunner().invoke(app, line)
    assert result.exit_code in (0, 2), (line, result.exit_code, repr(result.exception))
    assert "Traceback" not in result.output, line
    if result.exit_code == 2:  # one line per problem (validate lists every problem of a file)
        errors = [row for row in result.output.splitlines() if row.startswith("error: ")]
        assert errors, (line, result.output)


def test_every_command_is_covered(command_lines):
    covered = {" ".join(line[:2]) if line[0] in {"data", "power"} else line[0] for line in command_lines}
    assert {"deter", "escalate", "bargain", "decide", "power weighted", "data sql", "backtest"} <= covered
    assert len(command_lines) > 400


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_hostile_command_lines(command_lines, data, monkeypatch, workdir):
    line = data.draw(st.sampled_from(command_lines))
    _check(line, monkeypatch, workdir)


@pytest.mark.parametrize(
    "line",
    [
        ["escalate", "{dir}"],
        ["deter", "{dir}"],
        ["deter", "--year", "2024", "--target", "EST", "--lever", "us_withdrawal:w_scale=abc"],
        ["burden", "--seed", "-1"],
        ["claims", "--seed", "-1"],
        ["escalate", "examples/ladders/kursk.toml", "--seed", "-1"],
        ["forecast", "backtest/cases/nato_no_fly_zone_2022.toml", "--seed", "-1"],
        ["data", "sql", ""],
        ["power", "eu-qmv", "--states-pct", "nan"],
        ["bargain", "examples/bargaining/ec_car_emissions_1994.csv", "--threshold", "nan"],
        ["bargain", "{dir}"],
        ["decide", "{dir}", "--rule", "nato-consensus", "--status-quo", "10", "--proposal", "60"],
        ["power", "weighted", "{dir}", "--quota", "3"],
        ["backtest", "backtest/cases", "--plot", "/nonexistent/dir/x.html"],
        ["escalate", "examples/ladders/kursk.toml", "--draws", "100000000"],
        ["escalate", "examples/ladders/kursk.toml", "--steps", "1000000"],
        ["data", "sql", "SELECT repeat('x', 100000000)"],
    ],
)
def test_issue_examples(line, tmp_path, monkeypatch, workdir):
    """The hostile command lines reported in the reliability issue, each one a clean error now."""
    line = [arg.replace("{dir}", str(tmp_path)) for arg in line]
    monkeypatch.chdir(workdir)
    result = CliRunner().invoke(app, line)
    assert result.exit_code == 2, (line, result.output, repr(result.exception))
    assert result.output.startswith("error: "), result.output
    assert "Traceback" not in result.output


def test_a_bug_keeps_its_own_exception(monkeypatch):
    """Only user errors become one line; a bug propagates as itself (not masked by the exit handling)."""
    import sys

    import typer

    from redline.cli import _Group

    bug = typer.Typer(cls=_Group)

    @bug.command()
    def boom() -> None:
        raise ValueError("a bug")

    @bug.command()
    def fine() -> None:
        pass

    monkeypatch.setattr(sys, "argv", ["redline", "boom"])
    with pytest.raises(ValueError, match="a bug"):
        bug()


def test_validate_refuses_nan_inf_and_huge_seeds(tmp_path):
    """What the run would choke on, validate refuses: NaN/inf anywhere, seeds beyond 2^64 - 1."""
    path = tmp_path / "nan.toml"
    path.write_text(
        '[scenario]\nname = "x"\n[world]\nyear = 2024\n[run]\nseed = 18446744073709551616\n'
        '[deterrence]\ntargets = ["EST"]\nparams = { rho = nan, V = inf }\n'
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:6: run.seed: expected less than or equal to 18446744073709551615" in result.output
    assert f"{path}:9: deterrence.params.rho: expected a finite number" in result.output
    assert "deterrence.params.V: expected a finite number" in result.output
