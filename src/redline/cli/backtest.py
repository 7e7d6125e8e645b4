"""``redline forecast`` and ``redline backtest``: forecast historical cases blind and score the record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import typer

from redline.cli._output import Format, console, emit

if TYPE_CHECKING:
    from redline.backtest import BacktestResult

__all__ = ["register"]

_DRAWS = typer.Option(500, "--draws", "-d", min=1, help="Monte Carlo draws over the coding uncertainty.")
_SEED = typer.Option(0, "--seed", "-s", help="Random seed (same seed, same numbers).")
_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format: table, csv or json.")
_STRICT = typer.Option(False, "--strict", help="Drop actors whose only source postdates coding_date.")


def forecast(
    case_file: Path = typer.Argument(..., help="A case file (TOML, the format of docs/backtest.md)."),
    draws: int = _DRAWS,
    seed: int = _SEED,
    strict: bool = _STRICT,
    fmt: Format = _FORMAT,
) -> None:
    """Forecast one case without reading its outcome table: P(adopted), value, blockers, baselines.

    Example: redline forecast backtest/cases/nato_no_fly_zone_2022.toml --draws 500 --seed 1
    """
    from redline.backtest import forecast_case, read_case

    case = read_case(case_file)
    result = forecast_case(case, draws, seed, strict=strict)
    if fmt is Format.json:
        emit(result.to_dict(), fmt)
        return
    if fmt is Format.csv:
        emit(result.methods, fmt)
        return
    head = {
        "case": case.id,
        "question": case.issue.question,
        "rule": case.rule + (f" (decider {case.decider})" if case.decider else ""),
        "status quo / threshold": f"{case.issue.status_quo:g} / {case.issue.adopted_threshold:g}",
        "bargained outcome (median, 5-95%)": (
            f"{result.bargained['median']:.1f} ({result.bargained['p05']:.1f}-{result.bargained['p95']:.1f})"
        ),
        "P(rule cuts the bargain back)": f"{result.bargained['p_blocked']:.3f}",
        "draws stopped by a cycle / at max_rounds": (
            f"{result.bargained['p_cycle']:.3f} / {result.bargained['p_max_rounds']:.3f}"
        ),
        "venue": case.venue,
        "holdout model: P(adopted / with opt-outs / delayed / blocked)": " / ".join(
            f"{result.outcomes.get(k, float('nan')):.3f}"
            for k in ("adopted", "adopted_with_opt_outs", "delayed", "blocked")
        ),
        "context (coded before coding_date)": ", ".join(f"{k}={v}" for k, v in case.context.coded().items())
        or "none coded",
        "side payment on the table (loss units)": f"{result.offer:g}",
        "draws / seed": f"{draws} / {seed}",
    }
    if result.dropped:
        head["dropped by --strict"] = ", ".join(result.dropped)
    head["source quality"] = case.source_quality_line() or "no coded position rests on a flagged source"
    emit(head, fmt, title=case.title)
    emit(result.methods.round(3), fmt, title="P(adopted) and forecast value, Redline and baselines")
    emit(
        result.actors.drop(columns=["name"]).round(3),
        fmt,
        title="Actors: P(blocks or delays), P(pivotal: the unique binding blocker), P(carries the outcome), "
        "P(concedes for the side payment), P(opts out / abstains), P(delays), P(signs with a reservation)",
    )


def backtest(
    folder: Path = typer.Argument(..., help="A folder of case files (e.g. backtest/cases)."),
    draws: int | None = typer.Option(
        None,
        "--draws",
        "-d",
        min=1,
        help="Monte Carlo draws over the coding uncertainty (500; 100 with --cv).",
    ),
    seed: int = _SEED,
    strict: bool = _STRICT,
    fmt: Format = _FORMAT,
    plot: Path | None = typer.Option(None, "--plot", help="Write a reliability diagram (offline HTML) here."),
    cv: str = typer.Option(
        "",
        "--cv",
        help="'loo': fit the holdout model on the 2008-2022 corpus only and report leave-one-out, "
        "temporal-split (fit <= 2018, test 2019-2022) and held-out (2023+) scores against the baselines.",
    ),
) -> None:
    """Forecast every case in a folder blind, then score Redline and the baselines against outcomes.

    Example: redline backtest backtest/cases --draws 500 --seed 1 --plot reliability.html
    Example: redline backtest backtest/cases --cv loo --draws 200
    """
    from redline.analytics.plots import check_plot_path
    from redline.backtest import reliability_plot, run_backtest

    if plot is not None:
        plot = check_plot_path(plot)  # a bad --plot fails before minutes of forecasting, not after
    if cv:
        if cv != "loo":
            from redline.errors import RedlineError

            raise RedlineError(f"--cv: expected 'loo'; found {cv!r}")
        _cross_validate(folder, draws or 100, seed, fmt)
        return
    draws = draws or 500

    result = run_backtest(folder, draws, seed, strict=strict)
    if plot is not None:
        reliability_plot(result.calibration, plot, title=f"Reliability on {len(result.forecasts)} cases")
    if fmt is Format.json:
        emit(result.to_dict(), fmt)
        return
    if fmt is Format.csv:
        emit(result.cases, fmt)
        return
    emit(_per_case(result), fmt, title="P(adopted) per case: outcome, then Redline and the baselines")
    emit(_summary(result.summary), fmt, title="Scores on the cases (95% case-bootstrap intervals)")
    emit(result.calibration["redline"].round(3), fmt, title="Calibration of Redline's P(adopted)")
    for cid, reason in result.skipped.items():
        console.print(f"skipped {cid}: {reason}")
    console.print(_source_quality(folder))
    if plot is not None:
        console.print(f"reliability diagram written to {plot}")


_SHORT = {
    "redline": "redline",
    "salience_resist": "sal.res",
    "weighted_mean": "w.mean",
    "weighted_median": "w.median",
    "veto_players": "veto",
    "base_rate": "base",
    "status_quo": "sq",
    "holdout_first": "first",
    "holdout_reservation": "+resv",
    "holdout_capability": "+cap",
    "holdout_reservation_capability": "+resv+cap",
    "holdout_unknown_flags": "+cap+unk",
}


def _per_case(result: BacktestResult) -> pd.DataFrame:
    """Wide view for the terminal: one row per case, P(adopted) per method."""
    wide = result.cases.pivot(index="case", columns="method", values="p_adopted")
    wide = wide[[m for m in _SHORT if m in wide.columns]].round(3).rename(columns=_SHORT)
    facts = result.cases.groupby("case")[["adopted", "outcome_value"]].first()
    value = result.cases[result.cases["method"] == "redline"].set_index("case")["value_median"].round(1)
    out = pd.concat(
        [facts.rename(columns={"outcome_value": "value"}), value.rename("fc.value"), wide], axis=1
    )
    return out.reset_index()


def _summary(summary: pd.DataFrame) -> pd.DataFrame:
    """Scores as "estimate (low-high)" strings for the terminal."""

    def cell(row: pd.Series, name: str, digits: int = 3) -> str:
        est, low, high = row[name], row[f"{name}_low"], row[f"{name}_high"]
        if pd.isna(est):
            return "—"
        return f"{est:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"

    return pd.DataFrame(
        {
            "method": summary["method"],
            "Brier": [cell(r, "brier") for _, r in summary.iterrows()],
            "log loss": [cell(r, "log_loss", 2) for _, r in summary.iterrows()],
            "accuracy": [cell(r, "accuracy", 2) for _, r in summary.iterrows()],
            "MAE value": [cell(r, "mae_value", 1) for _, r in summary.iterrows()],
            "Brier - redline": [cell(r, "brier_minus_redline") for _, r in summary.iterrows()],
        }
    )


def _cross_validate(folder: Path, draws: int, seed: int, fmt: Format) -> None:
    from redline.backtest.cases import DECISION_KINDS
    from redline.backtest.crossval import (
        SPLIT_SUPPLY_BY_KIND,
        SUPPLY_METHOD,
        cross_validate,
        supply_method_by_loo,
        supply_split_by_loo,
    )
    from redline.decisions.supply import DEFAULT_OPERATION, DEFAULT_SUPPLY

    result = cross_validate(folder, draws, seed)
    if fmt is Format.json:
        emit(result.to_dict(), fmt)
        return
    if fmt is Format.csv:
        emit(result.predictions, fmt)
        return
    st = result.settings
    for split, title in (
        ("loo", f"Leave-one-out over the corpus ({st['n_corpus']} cases decided by {st['corpus_end']})"),
        (
            "temporal",
            f"Temporal split: fit on {st['n_temporal_train']} cases to {st['temporal_split']}, "
            f"test on {st['n_temporal_test']} cases of 2019-2022",
        ),
        (
            "held_out",
            f"Held out: {st['n_held_out']} cases decided after {st['corpus_end']} (never fitted on)",
        ),
    ):
        sub = result.scores[result.scores["split"] == split]
        if not sub.empty:
            emit(_summary(sub.assign(**_no_paired(sub))).drop(columns=["MAE value"]), fmt, title=title)
    emit(_groups(result.by_group, "loo"), fmt, title="Leave-one-out Brier per rule and per outcome type")
    if st["n_held_out"]:
        emit(
            _groups(result.by_group, "held_out", intervals=True),
            fmt,
            title="Held-out Brier per rule and per outcome type (holdout model and the best baselines: "
            "estimate (95% bootstrap interval); few cases per group)",
        )
    emit(result.calibration.round(3), fmt, title="Calibration of the leave-one-out forecasts (holdout model)")
    emit({k: f"{v:g}" for k, v in result.fitted.items()}, fmt, title="Parameters fitted on the whole corpus")
    emit(
        pd.DataFrame(result.fitted_variants).T.rename_axis("variant").reset_index(),
        fmt,
        title="Each variant's parameters fitted on the whole corpus",
    )
    if not result.supply.empty:
        emit(
            result.supply.round(3),
            fmt,
            title="Supply decisions (rule = coalition): each supply requirement's Brier on the supply cases",
        )
        fs = result.fitted_supply
        split = supply_split_by_loo(result.supply)
        fitted = ", ".join(
            f"{name} {fs[name]['kind']} {fs[name]['level']:g}" for name in ("pooled", *DECISION_KINDS) if name in fs
        )
        console.print(
            f"supply requirement (the redline rows on supply cases): {SUPPLY_METHOD}; lowest leave-one-out "
            f"Brier in this run: {supply_method_by_loo(result.supply)}; fitted on all corpus cases: {fitted}; "
            f"split by decision kind (per-kind LOO below pooled) in this run: {'yes' if split else 'no'}, "
            f"shipped: {'yes' if SPLIT_SUPPLY_BY_KIND else 'no'} (venue defaults: national "
            f"{DEFAULT_SUPPLY.label}, coalition {DEFAULT_OPERATION.label})"
        )
    console.print(_source_quality(folder))
    t = result.target()
    console.print(
        f"default variant (the redline rows): {t['default_variant']}; lowest leave-one-out Brier in this run: "
        f"{t['variant_by_loo']}"
    )
    verdict = "met" if t["meets_target"] and t["beats_best_baseline"] else "NOT met"
    console.print(
        f"target: cross-validated Brier <= {t['target_brier']:.2f} and below the best baseline — {verdict}: "
        f"LOO Brier {t['loo_brier']:.3f} vs best baseline {t['best_baseline']} {t['best_baseline_brier']:.3f}"
    )


def _source_quality(folder: Path) -> str:
    """The line counting the coded positions that rest on flagged sources (docs/backtest.md)."""
    from redline.backtest.cases import find_cases, flagged_sources_line, read_case

    return flagged_sources_line([read_case(p) for p in find_cases(folder)])


def _groups(by_group: pd.DataFrame, split: str, intervals: bool = False) -> pd.DataFrame:
    """One row per (grouping, group) of one split: n and each method's Brier (with its bootstrap
    interval for the model and the two weighted baselines when ``intervals``)."""
    part = by_group[by_group["split"] == split] if "split" in by_group else by_group
    groups = part.pivot_table(index=["grouping", "group"], columns="method", values="brier")
    counts = part[part["method"] == "redline"].set_index(["grouping", "group"])["n_cases"]
    groups = groups[[m for m in _SHORT if m in groups.columns]].rename(columns=_SHORT).round(3)
    if intervals:
        for method in ("redline", "weighted_mean", "weighted_median"):
            rows = part[part["method"] == method].set_index(["grouping", "group"])
            if rows.empty or _SHORT.get(method) not in groups:
                continue
            groups[_SHORT[method]] = [
                f"{r.brier:.3f} ({r.brier_low:.3f}-{r.brier_high:.3f})" if pd.notna(r.brier) else "—"
                for r in rows.reindex(groups.index).itertuples()
            ]
    groups.insert(0, "n", counts)
    return groups.reset_index()


def _no_paired(sub: pd.DataFrame) -> dict[str, float]:
    """Columns the terminal summary expects but cross-validation does not compute."""
    return {
        name: np.nan
        for name in (
            "mae_value",
            "mae_value_low",
            "mae_value_high",
            "brier_minus_redline",
            "brier_minus_redline_low",
            "brier_minus_redline_high",
        )
        if name not in sub
    }


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast)
    app.command("backtest")(backtest)
