"""Backtest: forecast historical alliance decisions coded before their outcome, score against baselines.

``read_case`` reads a case file for forecasting (never its ``[outcome]``); ``forecast_case`` runs
Redline's method (expected-utility bargaining + the case's decision rule, Monte Carlo over coding
uncertainty) and the baselines; ``run_backtest`` does every case of a folder and scores them.
See docs/backtest.md.
"""

from redline.backtest.baselines import BASELINES
from redline.backtest.calibration import reliability_plot, reliability_table
from redline.backtest.cases import (
    CASE_RULES,
    Case,
    CaseActor,
    CaseIssue,
    Outcome,
    find_cases,
    read_case,
    read_outcome,
)
from redline.backtest.method import CaseForecast, forecast_case
from redline.backtest.runner import METHODS, BacktestResult, run_backtest
from redline.backtest.scoring import accuracy, brier_score, log_loss, mean_absolute_error, score_table
from redline.backtest.uncertainty import CodingUncertainty, sample_codings

__all__ = [
    "BASELINES",
    "CASE_RULES",
    "METHODS",
    "BacktestResult",
    "Case",
    "CaseActor",
    "CaseForecast",
    "CaseIssue",
    "CodingUncertainty",
    "Outcome",
    "accuracy",
    "brier_score",
    "find_cases",
    "forecast_case",
    "log_loss",
    "mean_absolute_error",
    "read_case",
    "read_outcome",
    "reliability_plot",
    "reliability_table",
    "run_backtest",
    "sample_codings",
    "score_table",
]
