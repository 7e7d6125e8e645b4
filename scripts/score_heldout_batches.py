"""Score the held-out decisions batch by batch: the report promised in docs/backtest.md (session 7).

Runs the cross-validation of ``redline backtest DIR --cv loo`` once (parameters fitted on the
2008-2022 corpus only) and scores its ``held_out`` forecasts per batch of held-out cases — the
session-5 set (``backtest_heldout.HELDOUT``), the session-6 fresh batch (``FRESH``), the session-7
batch (``THIRD`` and ``THIRD_NATIONAL``) — and for all held-out cases together. For every method (the
default holdout model ``redline``, each variant, each baseline): the cases it forecasts, Brier with a
case-bootstrap interval, accuracy, and its Brier minus the model's with a paired interval (negative:
the method beats the model). Nothing here fits or chooses anything; it only reads forecasts.

Usage: ``python scripts/score_heldout_batches.py [--folder backtest/cases] [--draws 100] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

BATCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "session 5": (("backtest_heldout", "HELDOUT"),),
    "session 6": (("backtest_heldout_fresh", "FRESH"),),
    "session 7": (("backtest_heldout_third", "THIRD"), ("backtest_heldout_third_national", "THIRD_NATIONAL")),
}
"""Each batch: the (script module, list) pairs whose case ids it holds."""


OTHERS = "development cases"
"""Held-out cases in no batch list: the 2023+ development cases shipped before the batches (session 1)."""


def batch_ids() -> dict[str, set[str]]:
    """Case ids per batch, read from the generator scripts."""
    return {
        batch: {case["id"] for module, name in sources for case in getattr(importlib.import_module(module), name)}
        for batch, sources in BATCHES.items()
    }


def batch_scores(
    predictions: pd.DataFrame, batches: dict[str, set[str]], n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """One row per (batch, method) on the ``held_out`` split; batch ``all`` is every held-out case.

    Cases in no batch are reported as :data:`OTHERS`. Columns: ``batch``, ``method``, ``n_cases``, ``n_adopted``, ``brier`` (+ ``_low``/``_high``),
    ``accuracy``, ``minus_model`` (+ ``_low``/``_high``: the paired Brier difference to ``redline``).
    """
    from redline.backtest.scoring import accuracy, bootstrap_interval, brier_difference, score_table

    held = predictions[predictions["split"] == "held_out"]
    every = set(held["case"])
    listed = set().union(*batches.values()) if batches else set()
    groups = {
        **{b: ids for b, ids in batches.items() if ids},
        OTHERS: every - listed,
        "all": every,
    }
    rows = []
    for batch, ids in groups.items():
        if not ids:
            continue
        part = held[held["case"].isin(ids)]
        wide = part.pivot(index="case", columns="method", values="p_adopted")
        y = part.groupby("case")["adopted"].first().reindex(wide.index).to_numpy(dtype=float)
        model = wide["redline"].to_numpy(dtype=float)
        for method in wide.columns:
            p = wide[method].to_numpy(dtype=float)
            rng = np.random.default_rng(seed)
            table = score_table(p, y, n_boot=n_boot, rng=rng)
            both = np.isfinite(p) & np.isfinite(model)
            low, high = bootstrap_interval(brier_difference, p[both], model[both], y[both], n_boot=n_boot, rng=rng)
            rows.append({
                "batch": batch,
                "method": method,
                "n_cases": int(table["n_cases"]),
                "n_adopted": int(np.sum(y[np.isfinite(p)])),
                "brier": table["brier"],
                "brier_low": table["brier_low"],
                "brier_high": table["brier_high"],
                "accuracy": float(accuracy(p[np.isfinite(p)], y[np.isfinite(p)])),
                "minus_model": float(brier_difference(p[both], model[both], y[both])) if both.any() else np.nan,
                "minus_model_low": low,
                "minus_model_high": high,
            })
    return pd.DataFrame(rows)


def render(scores: pd.DataFrame) -> str:
    """A plain-text table per batch, methods by Brier."""
    lines = []
    for batch, part in scores.groupby("batch", sort=False):
        first = part.iloc[0]
        lines.append(f"\n{batch}: {first['n_cases']} cases held out ({first['n_adopted']} adopted)")
        lines.append(f"  {'method':<31} {'n':>3} {'Brier (95% interval)':>24} {'acc':>5} {'minus model (paired 95%)':>30}")
        for _, r in part.sort_values("brier").iterrows():
            diff = (
                "" if r["method"] == "redline"
                else f"{r['minus_model']:+.3f} ({r['minus_model_low']:+.3f} to {r['minus_model_high']:+.3f})"
            )
            brier = f"{r['brier']:.3f} ({r['brier_low']:.3f}-{r['brier_high']:.3f})"
            lines.append(f"  {r['method']:<31} {r['n_cases']:>3} {brier:>24} {r['accuracy']:>5.2f} {diff:>30}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default=str(Path(__file__).resolve().parents[1] / "backtest" / "cases"))
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-boot", type=int, default=2000)
    parser.add_argument("--csv", help="also write the table here")
    parser.add_argument("--predictions", help="also write each held-out case's forecasts (a column per method) here")
    args = parser.parse_args(argv)
    from redline.backtest.crossval import cross_validate

    cv = cross_validate(args.folder, draws=args.draws, seed=args.seed, n_boot=args.n_boot)
    scores = batch_scores(cv.predictions, batch_ids(), n_boot=args.n_boot, seed=args.seed)
    print(render(scores))
    if args.csv:
        scores.to_csv(args.csv, index=False)
    if args.predictions:
        held = cv.predictions[cv.predictions["split"] == "held_out"]
        wide = held.pivot(index="case", columns="method", values="p_adopted")
        wide.insert(0, "adopted", held.groupby("case")["adopted"].first())
        batch = {case: name for name, ids in batch_ids().items() for case in ids}
        wide.insert(0, "batch", [batch.get(case, OTHERS) for case in wide.index])
        wide.to_csv(args.predictions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
