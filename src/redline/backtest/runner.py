"""Backtest a folder of cases: forecast each case blind, then score every method against outcomes.

Order of work, so an outcome can never reach its own forecast: every case is read with
:func:`read_case` (no outcome) and forecast; outcomes are read with :func:`read_outcome` only to score,
and to give each case the base rate of the *other* cases (leave-one-out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from redline.backtest.baselines import BASELINES
from redline.backtest.calibration import reliability_table
from redline.backtest.cases import Case, find_cases, read_case, read_outcome
from redline.backtest.method import Bargainer, CaseForecast, check_backtest_work, forecast_case
from redline.backtest.scoring import bootstrap_interval, brier_difference, score_table
from redline.backtest.uncertainty import CodingUncertainty
from redline.errors import RedlineError
from redline.progress import stage
from redline.results import Provenance, provenance_of

__all__ = ["METHODS", "BacktestResult", "run_backtest"]

METHODS = ("redline", "salience_resist", *BASELINES)


@dataclass(frozen=True)
class BacktestResult:
    """Per-case forecasts, outcomes and the score summary per method.

    Follows the result protocol (:mod:`redline.results`) except that ``summary`` is the score table
    itself (a field, not a method); ``to_frame()`` is the per-case table.
    """

    cases: pd.DataFrame
    """Long table: one row per (case, method) with ``case``, ``rule``, ``method``, ``p_adopted``,
    ``value_median``, ``value_mean``, ``value_p05``, ``value_p95``, ``adopted``, ``outcome_value``."""
    summary: pd.DataFrame
    """One row per method: scores with bootstrap intervals (see :func:`score_table`) and
    ``brier_minus_redline`` (+ interval): the method's Brier score minus Redline's, paired by case."""
    calibration: dict[str, pd.DataFrame]
    forecasts: dict[str, CaseForecast] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per (case, method): the forecasts with their outcomes."""
        return self.cases

    @property
    def provenance(self) -> Provenance:
        """Package version and data snapshot (the seed is in ``settings``)."""
        seed = self.settings.get("seed")
        return provenance_of(seed if isinstance(seed, int) else None)

    def to_dict(self) -> dict:
        """The JSON document of ``redline backtest --format json`` (keys in docs/backtest.md)."""
        return {
            "settings": self.settings,
            "cases": self.cases.to_dict(orient="records"),
            "summary": self.summary.to_dict(orient="records"),
            "calibration": {m: t.to_dict(orient="records") for m, t in self.calibration.items()},
            "blocking": {
                cid: f.actors[["actor", "p_blocks", "p_pivot", "p_carries"]].to_dict(orient="records")
                for cid, f in self.forecasts.items()
            },
            "bargained": {cid: f.bargained for cid, f in self.forecasts.items()},
            "skipped": self.skipped,
        }


def run_backtest(
    folder: str | Path,
    draws: int = 500,
    seed: int = 0,
    *,
    strict: bool = False,
    uncertainty: CodingUncertainty = CodingUncertainty(),
    bargainer: Bargainer | None = None,
    n_boot: int = 2000,
    bins: int = 5,
    resistance: bool = True,
) -> BacktestResult:
    """Forecast and score every ``*.toml`` case in ``folder`` (same seed for every case)."""
    files = find_cases(folder)
    cases: list[tuple[Path, Case]] = [(path, read_case(path)) for path in files]
    ids = [c.id for _, c in cases]
    duplicate = {i for i in ids if ids.count(i) > 1}
    if duplicate:
        raise RedlineError(f"{folder}: duplicate case id(s) {', '.join(sorted(duplicate))}")

    check_backtest_work([c for _, c in cases], draws, custom_bargainer=bargainer is not None)

    forecasts: dict[str, CaseForecast] = {}
    skipped: dict[str, str] = {}
    outcomes = {}
    for path, case in cases:
        outcomes[case.id] = read_outcome(path)  # needed for the leave-one-out base rate of the others
    for number, (_path, case) in enumerate(cases, 1):
        others = [o.adopted for cid, o in outcomes.items() if cid != case.id]
        base_rate = float(np.mean(others)) if others else np.nan
        try:
            with stage(f"case {number}/{len(cases)}: {case.id} ({draws:,} draws)"):
                forecasts[case.id] = forecast_case(
                    case,
                    draws,
                    seed,
                    strict=strict,
                    uncertainty=uncertainty,
                    bargainer=bargainer,
                    base_rate=base_rate,
                    resistance=resistance,
                )
        except RedlineError as exc:
            if not (strict and "--strict" in str(exc)):
                raise
            skipped[case.id] = str(exc)  # e.g. --strict dropped the decider

    rows = []
    for cid, fc in forecasts.items():
        outcome = outcomes[cid]
        for rec in fc.methods.to_dict(orient="records"):
            rows.append(
                {
                    "case": cid,
                    "rule": fc.rule,
                    **rec,
                    "adopted": bool(outcome.adopted),
                    "outcome_value": outcome.outcome_value,
                }
            )
    table = pd.DataFrame(rows)
    summary_rows = []
    calibration = {}
    rng = np.random.default_rng(seed)
    if not table.empty:
        pivot_p = table.pivot(index="case", columns="method", values="p_adopted")
        y = table.groupby("case")["adopted"].first().reindex(pivot_p.index).to_numpy(dtype=float)
        for method in METHODS:
            sub = table[table["method"] == method].set_index("case").reindex(pivot_p.index)
            p = sub["p_adopted"].to_numpy(dtype=float)
            scores = score_table(
                p,
                y,
                sub["value_median"].to_numpy(dtype=float),
                sub["outcome_value"].to_numpy(dtype=float),
                n_boot=n_boot,
                rng=rng,
            )
            diff = _paired_brier_difference(p, pivot_p["redline"].to_numpy(dtype=float), y, n_boot, rng)
            summary_rows.append({"method": method, **scores, **diff})
            calibration[method] = reliability_table(p, y, bins)
    settings = {
        "folder": str(folder),
        "draws": draws,
        "seed": seed,
        "strict": strict,
        "resistance": resistance,
        "n_cases": len(forecasts),
        "uncertainty": {
            "position_sd": uncertainty.position_sd,
            "judgement_factor": uncertainty.judgement_factor,
            "salience_concentration": uncertainty.salience_concentration,
            "capability_sigma": uncertainty.capability_sigma,
        },
        "n_boot": n_boot,
    }
    return BacktestResult(
        cases=table,
        summary=pd.DataFrame(summary_rows),
        calibration=calibration,
        forecasts=forecasts,
        skipped=skipped,
        settings=settings,
    )


def _paired_brier_difference(
    p: np.ndarray, p_ref: np.ndarray, y: np.ndarray, n_boot: int, rng: np.random.Generator
) -> dict[str, float]:
    """Brier(method) − Brier(redline) on the cases both forecast, with a paired bootstrap interval.

    Negative means the method beats Redline.
    """
    both = np.isfinite(p) & np.isfinite(p_ref)
    p, p_ref, y = p[both], p_ref[both], y[both]
    estimate = float(brier_difference(p, p_ref, y)) if both.any() else np.nan
    low, high = bootstrap_interval(brier_difference, p, p_ref, y, n_boot=n_boot, rng=rng)
    return {
        "brier_minus_redline": estimate,
        "brier_minus_redline_low": low,
        "brier_minus_redline_high": high,
    }
