"""Retrodiction backtest of the deterrence model: Russia against its neighbours and NATO, year by year.

Panel: every former-Soviet state and land neighbour of Russia in the countries table, and every state
that was a NATO member at some point in the years. Each (target, year) is coded **as of 31 December of
the year before** with :func:`redline.deterrence.coding.code_game`: memberships, forces, facts and
surveys dated after that day are never read (the attack rows of ``challenger_stakes`` included), so the
outcome of the year cannot leak into its coding. A target already at full war is left out (not a
deterrence target) and listed.

Outcome: an attack begins in the year (``challenger_stakes`` rows of kind ``attack``: Georgia 2008,
Ukraine 2014, Ukraine 2022). Forecast: P(attack) = logistic(α + λ·EU_C), with EU_C the challenger's
expected utility of attacking from the game; α and λ are fitted by penalised maximum likelihood on the
other targets only (leave-one-target-out cross-validation), so every scored forecast is out of sample.

Scores: Brier and log loss against the base rate (fitted on the same training folds) and against
"attack iff a non-member land neighbour" (as a 0/1 rule and as a rate fitted per group), with 95%
intervals from a bootstrap over targets; a calibration table; dated checks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit

from redline.deterrence import challenger as ch
from redline.errors import RedlineError

__all__ = [
    "FORMER_SOVIET",
    "NEIGHBOURS",
    "NOT_IN_COUNTRIES",
    "DATED_CHECKS",
    "panel_targets",
    "code_panel",
    "fit_logit",
    "cross_validate",
    "scores",
    "dated_checks",
    "backtest",
]

FORMER_SOVIET = ("ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "TJK", "UKR")
NEIGHBOURS = ("FIN", "NOR", "POL", "CHN", "PRK")
"""Land neighbours of Russia (incl. Kaliningrad) beyond the former-Soviet states."""
NOT_IN_COUNTRIES = ("TKM", "UZB", "MNG")
"""Panel states the countries table does not hold (left out and reported)."""
PRIOR_SD = {"alpha": 3.0, "lam": 5.0}
"""Gaussian penalty (prior) on α (centred on the training base rate's logit) and on λ (centred on 0)."""

DATED_CHECKS: tuple[tuple[str, str, bool, str], ...] = (
    ("FIN", "2022-06-01", False, "Finland applied to NATO (May 2022); not attacked"),
    ("SWE", "2022-06-01", False, "Sweden applied to NATO (May 2022); not attacked"),
    ("SWE", "2024-02-01", False, "Sweden awaiting accession (joined 7 Mar 2024); not attacked"),
    ("MDA", "2022-06-01", False, "Moldova during the war next door; not attacked"),
    ("MDA", "2023-06-01", False, "Moldova, EU candidate; not attacked"),
    ("MDA", "2024-06-01", False, "Moldova; not attacked"),
    ("GEO", "2022-06-01", False, "Georgia during the war in Ukraine; not attacked"),
    ("GEO", "2023-06-01", False, "Georgia; not attacked"),
    ("GEO", "2024-06-01", False, "Georgia after the foreign agents law (28 May 2024), a move away from the EU; not attacked"),
    ("UKR", "2014-01-01", True, "Ukraine before Crimea (attacked 27 Feb 2014)"),
    ("UKR", "2021-12-31", True, "Ukraine before the full-scale invasion (24 Feb 2022)"),
)
"""(target, coding date, attacked within a year, what happened)."""


def _members_on(date: dt.date, snapshot: str | None = None) -> list[str]:
    from redline.data import load_table
    from redline.world import active_spells

    spells = active_spells(load_table("memberships", snapshot), date)
    return sorted(spells.loc[(spells["organisation"] == "NATO") & (spells["status"] == "member"), "iso3"])


def panel_targets(first: int, last: int, snapshot: str | None = None) -> tuple[list[str], list[str]]:
    """The panel's targets and the states left out because the countries table lacks them."""
    from redline.data import load_table

    countries = set(load_table("countries", snapshot)["iso3"])
    members: set[str] = set()
    for year in range(first, last + 1):
        members |= set(_members_on(dt.date(year, 12, 31), snapshot))
    wanted = set(FORMER_SOVIET) | set(NEIGHBOURS) | members
    wanted.discard(ch.CHALLENGER)
    return sorted(wanted & countries), sorted(set(NOT_IN_COUNTRIES) - countries)


def _economy(date: dt.date, cache: dict) -> tuple[dict | None, dict | None, pd.DataFrame | None]:
    """Spending and GDP by ISO3 known on ``date`` (the World of that day), or None before the tables."""
    from redline.world import World

    if date not in cache:
        try:
            world = World.for_date(date)
        except RedlineError:
            cache[date] = (None, None, None)
        else:
            a = world.actors
            spending = a["defence_usd"].astype(float).fillna(a["milex_usd"].astype(float))
            cache[date] = (spending.to_dict(), a["gdp_usd"].astype(float).to_dict(), a)
    return cache[date]


def attacked(target: str, year: int, snapshot: str | None = None) -> int:
    """1 if an attack on ``target`` began in ``year`` (the record), else 0. Never used when coding."""
    return int((target, int(year)) in _attack_years(snapshot))


@lru_cache(maxsize=8)
def _attack_years(snapshot: str | None) -> frozenset[tuple[str, int]]:
    """(target, year) of every attack of the record."""
    t = ch.attack_dates(snapshot)
    return frozenset(zip(t["iso3"].astype(str), pd.to_datetime(t["date"]).dt.year.astype(int), strict=True))


def code_panel(
    first: int = 2000,
    last: int = 2025,
    params: Mapping[str, Any] | None = None,
    targets: Sequence[str] | None = None,
    snapshot: str | None = None,
) -> pd.DataFrame:
    """One row per (target, year) coded as of 31 Dec of the year before; no outcome column.

    Columns: target, year, coded_on, member, question, V, p_L, p_W, theta, kappa, kappa_star, A, B,
    eu, regime, neighbour, gaps (count of gaps behind the row), excluded (reason, or "").
    """
    from redline.data import load_table
    from redline.deterrence.coding import code_game

    if first > last:
        raise RedlineError(f"--from {first} is after --to {last}")
    if targets is None:
        targets, _ = panel_targets(first, last, snapshot)
    countries = load_table("countries", snapshot).set_index("iso3")
    cache: dict = {}
    rows = []
    for year in range(first, last + 1):
        coded_on = dt.date(year - 1, 12, 31)
        members = _members_on(coded_on, snapshot)
        spending, gdp, actors = _economy(coded_on, cache)
        for target in targets:
            if target == ch.CHALLENGER:
                raise RedlineError("the challenger RUS cannot be a target of the panel")
            base = {
                "target": target,
                "year": year,
                "coded_on": coded_on.isoformat(),
                "member": int(target in members),
            }
            row = countries.loc[target]
            base["neighbour"] = int(
                any(int(row.get(k, 0) or 0) == 1 for k in ("land_border_russia",)) or target in ("BLR",)
            )
            question = ch.status(target, coded_on, snapshot)
            if question == "continuation":
                rows.append(
                    {**base, "question": question, "excluded": "at full war: not a deterrence target"}
                )
                continue
            game = code_game(
                target,
                coded_on,
                members,
                params,
                spending=spending,
                gdp=gdp,
                countries=actors if actors is not None else countries,
                snapshot=snapshot,
            )
            d = game.decide()
            rows.append(
                {
                    **base,
                    "question": question,
                    "V": game.V,
                    "p_L": game.p_L,
                    "p_W": game.p_W,
                    "theta": game.theta,
                    "kappa": float(d.kappa),
                    "kappa_star": float(d.kappa_star),
                    "A": float(d.A),
                    "B": float(d.B),
                    "eu": float(d.eu_attack),
                    "regime": str(d.regime_name),
                    "gaps": len(game.gaps),
                    "forces_known": int(
                        not any(
                            g["field"] == "forces"
                            and f"{target} " in g["effect"]
                            and "no military personnel" in g["effect"]
                            for g in game.gaps
                        )
                    ),
                    "excluded": "",
                }
            )
    return pd.DataFrame(rows)


def fit_logit(eu: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """α, λ of P = logistic(α + λ·EU) by penalised maximum likelihood (:data:`PRIOR_SD`)."""
    eu, y = np.asarray(eu, float), np.asarray(y, float)
    rate = (y.sum() + 0.5) / (y.size + 1.0)
    centre = math.log(rate / (1 - rate))

    def loss(theta: np.ndarray) -> float:
        a, lam = theta
        z = a + lam * eu
        nll = float(np.sum(np.logaddexp(0.0, z) - y * z))
        return nll + (a - centre) ** 2 / (2 * PRIOR_SD["alpha"] ** 2) + lam**2 / (2 * PRIOR_SD["lam"] ** 2)

    res = minimize(loss, np.array([centre, 0.0]), method="L-BFGS-B")
    return float(res.x[0]), float(res.x[1])


def cross_validate(panel: pd.DataFrame, outcome: np.ndarray) -> pd.DataFrame:
    """Leave-one-target-out forecasts: the model, the base rate and the neighbour rules.

    Returns the panel's scored rows with ``y``, ``p_model``, ``p_base``, ``p_neighbour_rule`` (0/1),
    ``p_neighbour_rate`` (the training rate of the row's group), and the fold's ``alpha``/``lam``.
    """
    rows = panel[panel["excluded"] == ""].copy().reset_index(drop=True)
    y = np.asarray(outcome, float)
    if y.size != len(rows):
        raise RedlineError(f"outcome: {y.size} values for {len(rows)} scored rows")
    rows["y"] = y
    group = ((rows["member"] == 0) & (rows["neighbour"] == 1)).to_numpy()
    rows["p_neighbour_rule"] = group.astype(float)
    for col in ("p_model", "p_base", "p_neighbour_rate", "alpha", "lam"):
        rows[col] = np.nan
    for target in rows["target"].unique():
        test = (rows["target"] == target).to_numpy()
        train = ~test
        a, lam = fit_logit(rows.loc[train, "eu"].to_numpy(), y[train])
        rows.loc[test, "p_model"] = expit(a + lam * rows.loc[test, "eu"].to_numpy())
        rows.loc[test, ["alpha", "lam"]] = (a, lam)
        rows.loc[test, "p_base"] = (y[train].sum() + 0.5) / (train.sum() + 1.0)
        for g in (True, False):
            sel = train & (group == g)
            rate = (y[sel].sum() + 0.5) / (sel.sum() + 1.0)
            rows.loc[test & (group == g), "p_neighbour_rate"] = rate
    return rows


FORECASTS = {
    "model": "p_model",
    "base rate": "p_base",
    "non-member neighbour (0/1 rule)": "p_neighbour_rule",
    "non-member neighbour (rate)": "p_neighbour_rate",
}
CLIP = 0.01
"""Log loss clips probabilities to [CLIP, 1 − CLIP] (the 0/1 rule would otherwise score infinity)."""


def _brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((p - y) ** 2))


def _logloss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, CLIP, 1 - CLIP)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def scores(rows: pd.DataFrame, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Brier and log loss per forecast, with the model's difference to each and 95% target-bootstrap intervals."""
    y = rows["y"].to_numpy(float)
    targets = rows["target"].to_numpy()
    uniq = np.unique(targets)
    index = [np.flatnonzero(targets == t) for t in uniq]
    rng = np.random.default_rng(seed)
    draws = [np.concatenate([index[i] for i in rng.integers(0, len(uniq), len(uniq))]) for _ in range(n_boot)]
    pm = rows["p_model"].to_numpy(float)
    out = []
    for name, col in FORECASTS.items():
        p = rows[col].to_numpy(float)
        b, ll = _brier(p, y), _logloss(p, y)
        diff = [_brier(pm[s], y[s]) - _brier(p[s], y[s]) for s in draws]
        bs = [_brier(p[s], y[s]) for s in draws]
        out.append(
            {
                "forecast": name,
                "brier": b,
                "brier_low": float(np.quantile(bs, 0.025)),
                "brier_high": float(np.quantile(bs, 0.975)),
                "log_loss": ll,
                "model_minus_this": _brier(pm, y) - b,
                "diff_low": float(np.quantile(diff, 0.025)),
                "diff_high": float(np.quantile(diff, 0.975)),
            }
        )
    return pd.DataFrame(out)


def calibration(
    rows: pd.DataFrame, edges: Sequence[float] = (0.0, 0.005, 0.02, 0.1, 0.3, 1.0)
) -> pd.DataFrame:
    """Mean forecast vs observed rate in bins of the model's probability."""
    p, y = rows["p_model"].to_numpy(float), rows["y"].to_numpy(float)
    out = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        sel = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        out.append(
            {
                "bin": f"[{lo:g}, {hi:g}{']' if hi >= 1 else ')'}",
                "rows": int(sel.sum()),
                "mean_forecast": float(p[sel].mean()) if sel.any() else math.nan,
                "observed": float(y[sel].mean()) if sel.any() else math.nan,
                "attacks": int(y[sel].sum()),
            }
        )
    return pd.DataFrame(out)


CHECK_ATTACKED = "attacked: the regime is a deterrence failure (P(attack) not judged)"
"""What a dated check of a state that was attacked tests (column ``check``; ``met`` says whether it holds)."""
CHECK_NOT_ATTACKED = "not attacked: P(attack) ≤ 90% (no certain failure)"
"""What a dated check of a state that was not attacked tests."""


def dated_checks(
    alpha: float, lam: float, params: Mapping[str, Any] | None = None, snapshot: str | None = None
) -> pd.DataFrame:
    """The named dates coded from what was known that day: regime, κ, EU_C and P(attack within a year),
    with what each row is checked for against the record (``check``) and whether it holds (``met``): an
    attacked state only for the regime (its low annual P(attack) is not judged), a state not attacked
    only for P(attack) ≤ 90%."""
    from redline.deterrence.coding import from_world
    from redline.world import World

    rows = []
    for target, day, hit, what in DATED_CHECKS:
        game = from_world(World.for_date(day), target, params)
        d = game.decide()
        p = float(expit(alpha + lam * float(d.eu_attack)))
        rows.append(
            {
                "target": target,
                "date": day,
                "question": game.question,
                "kappa": float(d.kappa),
                "eu": float(d.eu_attack),
                "regime": str(d.regime_name),
                "p_attack": p,
                "attacked": hit,
                "record": what,
                "check": CHECK_ATTACKED if hit else CHECK_NOT_ATTACKED,
                "met": (str(d.regime_name) in ("deterrence_fails", "undeterrable")) if hit else (p <= 0.9),
            }
        )
    return pd.DataFrame(rows)


def backtest(
    first: int = 2000,
    last: int = 2025,
    params: Mapping[str, Any] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    checks: bool = True,
    snapshot: str | None = None,
) -> dict[str, Any]:
    """The whole retrodiction: panel, out-of-sample forecasts, scores, calibration, dated checks, targets."""
    panel = code_panel(first, last, params, snapshot=snapshot)
    scored = panel[panel["excluded"] == ""]
    y = np.array([attacked(t, yr, snapshot) for t, yr in zip(scored["target"], scored["year"], strict=True)])
    rows = cross_validate(panel, y)
    table = scores(rows, n_boot, seed)
    known = (scored["forces_known"] == 1).to_numpy()
    complete = cross_validate(panel[(panel["excluded"] != "") | (panel["forces_known"] == 1)], y[known])
    table_complete = scores(complete, n_boot, seed)
    alpha, lam = fit_logit(rows["eu"].to_numpy(), rows["y"].to_numpy())
    _, left_out = panel_targets(first, last, snapshot)
    out: dict[str, Any] = {
        "panel": {
            "years": f"{first}-{last}",
            "targets": int(panel["target"].nunique()),
            "rows_scored": int(len(rows)),
            "attacks": int(rows["y"].sum()),
            "excluded_rows": int((panel["excluded"] != "").sum()),
            "left_out_states": ", ".join(left_out) or "none",
            "rows_with_gaps": int((rows["gaps"] > 0).sum()),
            "rows_target_forces_unknown": int((rows["forces_known"] == 0).sum()),
            "complete_case_rows": int(len(complete)),
            "complete_case_attacks": int(complete["y"].sum()),
            "full_sample_alpha": alpha,
            "full_sample_lambda": lam,
        },
        "scores": table,
        "scores_complete_cases": table_complete,
        "calibration": calibration(rows),
        "forecasts": rows,
    }
    attacks = rows[rows["y"] == 1][["target", "year", "question", "eu", "p_model", "p_base"]]
    out["attacks"] = attacks.reset_index(drop=True).astype({"year": str})
    unattacked = rows[rows["y"] == 0].sort_values("p_model", ascending=False)
    out["highest_unattacked"] = (
        unattacked.head(8)[["target", "year", "question", "eu", "regime", "p_model", "forces_known"]]
        .astype({"year": str})
        .reset_index(drop=True)
    )
    if checks:
        out["dated_checks"] = dated_checks(alpha, lam, params, snapshot)
    model = table.set_index("forecast")
    out["targets"] = pd.DataFrame(
        [
            {
                "target": "panel Brier below the base rate",
                "value": f"{model.loc['model', 'brier']:.5f} vs {model.loc['base rate', 'brier']:.5f} "
                f"(difference 95% CI [{model.loc['base rate', 'diff_low']:+.5f}, {model.loc['base rate', 'diff_high']:+.5f}])",
                "met": bool(model.loc["model", "brier"] < model.loc["base rate", "brier"]),
            },
            {
                "target": "complete cases (target forces known): Brier below the base rate",
                "value": f"{table_complete.iloc[0]['brier']:.5f} vs {table_complete.iloc[1]['brier']:.5f} "
                f"(difference 95% CI [{table_complete.iloc[1]['diff_low']:+.5f}, {table_complete.iloc[1]['diff_high']:+.5f}])",
                "met": bool(table_complete.iloc[0]["brier"] < table_complete.iloc[1]["brier"]),
            },
            {
                "target": "no > 90% forecast for a state that was not attacked",
                "value": f"highest {unattacked['p_model'].max():.3f} ({unattacked.iloc[0]['target']} {int(unattacked.iloc[0]['year'])})",
                "met": bool(unattacked["p_model"].max() <= 0.9),
            },
        ]
    )
    return out
