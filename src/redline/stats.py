"""Interval statistics used across the package: one Wilson interval, one paired difference.

Every 95% interval the package reports comes from here, with the one normal quantile :data:`Z95`,
so the runner, the deterrence Monte Carlo, the levers and the backtest's calibration agree.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["Z95", "interval", "mover_difference", "paired_interval", "wilson"]

Z95 = 1.959963984540054
"""The 97.5% quantile of the standard normal (two-sided 95%): ``scipy.stats.norm.ppf(0.975)``."""


def _wilson_arrays(successes: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        p = successes / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(np.clip(p * (1 - p), 0.0, None) / n + z * z / (4 * n * n)) / denom
        lo = np.maximum(0.0, centre - half)
        hi = np.minimum(1.0, centre + half)
        # the closed forms at the edges (no rounding error around 0 and 1)
        lo = np.where(p <= 0.0, 0.0, np.where(p >= 1.0, n / (n + z * z), lo))
        hi = np.where(p >= 1.0, 1.0, np.where(p <= 0.0, z * z / (n + z * z), hi))
    empty = n <= 0
    return np.where(empty, np.nan, lo), np.where(empty, np.nan, hi)


def wilson(successes: Any, n: Any, z: float = Z95) -> tuple[Any, Any]:
    """Wilson score interval for a binomial proportion (Wilson 1927), 95% by default.

    Scalars give a pair of floats, arrays a pair of arrays; ``n = 0`` gives NaN.
    """
    s, m = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    lo, hi = _wilson_arrays(s, m, z)
    if s.ndim == 0 and m.ndim == 0:
        return float(lo), float(hi)
    return lo, hi


def interval(values: np.ndarray, binary: bool = False) -> dict[str, float]:
    """Mean with a 95% interval: Wilson for 0/1 outcomes, the 2.5-97.5% quantiles otherwise.

    Non-finite values are left out; ``se`` is the standard error of the mean (NaN below two values).
    """
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    n = values.size
    if n == 0:
        return {"mean": math.nan, "lo": math.nan, "hi": math.nan, "se": math.nan, "n": 0}
    mean = float(values.mean())
    se = float(values.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    if binary:
        lo, hi = wilson(float(values.sum()), n)
    else:
        lo, hi = (float(q) for q in np.quantile(values, [0.025, 0.975]))
    return {"mean": mean, "lo": lo, "hi": hi, "se": se, "n": int(n)}


def paired_interval(diff: np.ndarray, z: float = Z95) -> dict[str, float]:
    """Mean of paired differences (common random numbers) with a normal 95% interval.

    ``mean ± z·sd/√n``; with fewer than two pairs the spread is unknown, so ``lo`` and ``hi`` are NaN.
    """
    diff = np.asarray(diff, dtype=float)
    n = diff.size
    mean = float(diff.mean()) if n else math.nan
    half = z * float(diff.std(ddof=1)) / math.sqrt(n) if n > 1 else math.nan
    return {"mean": mean, "lo": mean - half, "hi": mean + half, "n": int(n)}


def mover_difference(
    a: tuple[float, float, float], b: tuple[float, float, float]
) -> tuple[float, float, float]:
    """B - A with a 95% interval from two independent estimates ``(value, lo, hi)``.

    The MOVER method (Zou & Donner 2008): for proportions with Wilson intervals it is Newcombe's
    (1998) hybrid score interval. For runs that share random numbers the interval is conservative.
    """
    (va, la, ua), (vb, lb, ub) = a, b
    diff = vb - va
    return diff, diff - math.hypot(vb - lb, ua - va), diff + math.hypot(ub - vb, va - la)
