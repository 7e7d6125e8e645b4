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
    assert 100 < fits < 1900  # the documented 500 draws fit; the sweep's 1900 do not
    with pytest.raises(RedlineError, match=rf"backtest of 51 case\(s\) with 1,900 draws.*--draws {fits} or fewer"):
        run_backtest(CASES, draws=1900)
    with pytest.raises(RedlineError, match=rf"--draws {fits} or fewer"):
        run_backtest(CASES, draws=fits + 1)


def test_cross_validation_counts_the_folder_and_the_grid(monkeypatch):
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e11")
    monkeypatch.setattr("redline.backtest.crossval.prepare_case", _no_work)
    with pytest.raises(RedlineError, match=r"cross-validation of 51 case\(s\) with 1,000 draws.*--draws \d+ or fewer"):
        cross_validate(CASES, draws=1000)


def test_backtest_cli_names_the_draws_that_fit(monkeypatch):
    monkeypatch.setenv("REDLINE_WORK_BUDGET", "1e11")
    monkeypatch.setattr("redline.backtest.runner.forecast_case", _no_work)
    result = CliRunner().invoke(app, ["backtest", str(CASES), "--draws", "1900"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: backtest of 51 case(s) with 1,900 draws"), result.output
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
