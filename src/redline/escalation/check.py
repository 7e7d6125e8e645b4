"""Check the fitted ladder against the record: forecast each crossing's response without it.

For every crossing of a declared red line the fit is redone without that crossing (leave-one-out)
— or, in the ``forward`` mode, from the crossings before it only — and its response forecast:

* **binary**: P(the crossing is answered), scored against what happened;
* **category**: the probability of each response category (none, rhetoric, …, horizontal).

Two baselines forecast the same crossings from the same data: ``no response`` (Russia never
answers: P(answered) = 0, category "none" for sure) and ``base rate`` (the plain frequencies of the
other crossings). Scores: Brier (lower is better) and the log score (higher is better), with
forecasts floored at :data:`FLOOR` so that a forecast of 0 for what happened scores log(FLOOR)
instead of minus infinity (the floor is reported).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from redline.errors import RedlineError
from redline.escalation.catalogue import DECLARED, answered_text, crossings, load_catalogue
from redline.escalation.fit import FitPrior, fit_escalation

__all__ = ["FLOOR", "check_record"]

FLOOR = 0.01
"""Smallest probability a forecast is given in the log score."""

METHODS = ("model", "base_rate", "no_response")


def _log(p: np.ndarray | float) -> np.ndarray:
    return np.log(np.clip(p, FLOOR, 1.0))


def check_record(
    catalogue: pd.DataFrame | str | None = None,
    *,
    retaliation: str = "material",
    prior: FitPrior = FitPrior(),
    mode: str = "loo",
) -> dict[str, Any]:
    """Forecast every crossing's response from the others and score model and baselines.

    Returns ``{"forecasts": DataFrame (one row per crossing and method), "scores": DataFrame
    (one row per method: brier, log_score, category_brier, category_log_score, n), ...}``.
    """
    from redline.data.schemas import RESPONSE_CATEGORIES

    if mode not in ("loo", "forward"):
        raise RedlineError(f"mode: expected loo or forward; found {mode!r}")
    if catalogue is None or isinstance(catalogue, str):
        catalogue = load_catalogue(catalogue)
    cross = crossings(catalogue, retaliation, DECLARED)
    if len(cross) < 2:
        raise RedlineError(f"check: need at least 2 crossings of declared red lines; found {len(cross)}")
    cats = list(RESPONSE_CATEGORIES)
    rows = []
    for i, rec in cross.iterrows():
        if mode == "loo":
            others = cross.drop(index=i)
            excluded = (rec["step_id"],)
            data = catalogue
        else:
            others = cross.iloc[:i]
            later = set(cross["step_id"].iloc[i:])
            excluded = tuple(later)
            data = catalogue
        fit = fit_escalation(data, retaliation=retaliation, prior=prior, exclude=excluded)
        y = int(rec["retaliated"])
        actual = cats.index(rec["response"])
        p_cat_model = fit.categories["p_next"].to_numpy(dtype=float)
        n_other = len(others)
        if n_other:
            p_base = float(others["retaliated"].mean())
            freq = others["response"].value_counts().reindex(cats, fill_value=0).to_numpy(dtype=float)
            p_cat_base = freq / n_other
        else:  # nothing seen yet: the base rate has no data (forward mode, first crossing)
            p_base = np.nan
            p_cat_base = np.full(len(cats), np.nan)
        p_cat_none = np.eye(len(cats))[cats.index("none")]
        for method, p, pc in (
            ("model", fit.posterior.p_next(), p_cat_model),
            ("base_rate", p_base, p_cat_base),
            ("no_response", 0.0, p_cat_none),
        ):
            onehot = np.eye(len(cats))[actual]
            rows.append(
                {
                    "step_id": rec["step_id"],
                    "date": rec["date"].date().isoformat(),
                    "response": rec["response"],
                    "answered": y,
                    "method": method,
                    "p_answered": p,
                    "brier": (p - y) ** 2,
                    "log_score": float(_log(p if y else 1.0 - p)) if not np.isnan(p) else np.nan,
                    "p_actual_category": float(pc[actual]),
                    "category_brier": float(((pc - onehot) ** 2).sum()),
                    "category_log_score": float(_log(pc[actual])) if not np.isnan(pc[actual]) else np.nan,
                }
            )
    forecasts = pd.DataFrame(rows)
    # score every method on the same crossings: those every method could forecast (in the forward
    # mode the base rate has nothing to go on before the first crossing)
    missing = forecasts.loc[forecasts["brier"].isna() | forecasts["category_brier"].isna(), "step_id"]
    common = forecasts[~forecasts["step_id"].isin(set(missing))]
    columns = ["brier", "log_score", "category_brier", "category_log_score"]
    scores = common.groupby("method", sort=False)[columns].mean().reindex(list(METHODS)).reset_index()
    scores["n"] = common.groupby("method", sort=False).size().reindex(list(METHODS)).to_numpy()
    return {
        "mode": mode,
        "retaliation": retaliation,
        "crossings": len(cross),
        "answered": int(cross["retaliated"].sum()),
        "answered_text": answered_text(catalogue, retaliation, DECLARED),
        "floor": FLOOR,
        "scored_on": sorted(set(common["step_id"]), key=list(cross["step_id"]).index),
        "forecasts": forecasts,
        "scores": scores,
    }
