"""Scoring probability forecasts of binary outcomes, with case-bootstrap intervals.

The scores of ``backtest/README.md`` § Scoring: the Brier (1950) score, the log loss with the
forecast clipped to [0.01, 0.99] (so one confident miss costs at most -ln 0.01 = 4.6, not infinity),
accuracy at 0.5, and the mean absolute error of the forecast value against ``outcome_value``.
Intervals are percentile intervals from resampling whole cases with replacement (Efron & Tibshirani
1993, ch. 13); with few cases they are wide, and that is the honest answer.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from redline.rng import RNGLike, as_generator

__all__ = [
    "LOG_LOSS_CLIP",
    "accuracy",
    "bootstrap_interval",
    "brier_difference",
    "brier_score",
    "log_loss",
    "mean_absolute_error",
    "score_table",
]

LOG_LOSS_CLIP = (0.01, 0.99)


def _pair(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    if p.shape[-1:] != y.shape[-1:]:
        raise ValueError(f"forecasts {p.shape} and outcomes {y.shape} differ in length")
    return p, y


def brier_score(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean of (p - y)^2 over the last axis; 0 is perfect, 0.25 is a constant 0.5 forecast."""
    p, y = _pair(p, y)
    return np.mean((p - y) ** 2, axis=-1)


def brier_difference(p: np.ndarray, p_ref: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Brier(p) - Brier(p_ref) on the same cases (last axis): negative means ``p`` is the better.

    Bootstrapped with :func:`bootstrap_interval` it resamples the cases *paired*, so the interval
    reflects the difference between the two methods, not the spread of each.
    """
    return brier_score(p, y) - brier_score(p_ref, y)


def log_loss(p: np.ndarray, y: np.ndarray, clip: tuple[float, float] = LOG_LOSS_CLIP) -> np.ndarray:
    """Mean of -[y ln p + (1 - y) ln(1 - p)] over the last axis, with p clipped to ``clip``."""
    p, y = _pair(p, y)
    q = np.clip(p, *clip)
    return -np.mean(y * np.log(q) + (1.0 - y) * np.log1p(-q), axis=-1)


def accuracy(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Share of cases called right at 0.5: p > 0.5 calls "adopted", p < 0.5 "not adopted".

    A forecast of exactly 0.5 calls nothing and scores 1/2 (the expected accuracy of a coin toss).
    """
    p, y = _pair(p, y)
    right = np.where(p == 0.5, 0.5, ((p > 0.5) == (y > 0.5)).astype(float))
    return np.mean(right, axis=-1)


def mean_absolute_error(value: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Mean |value - truth| over the last axis, skipping cases where the value is NaN (no forecast).

    All-NaN gives NaN.
    """
    value, truth = _pair(value, truth)
    err = np.abs(value - truth)
    count = np.sum(np.isfinite(err), axis=-1)
    total = np.nansum(err, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def bootstrap_interval(
    metric: Callable[..., np.ndarray],
    *arrays: np.ndarray,
    n_boot: int = 2000,
    level: float = 0.95,
    rng: RNGLike = None,
) -> tuple[float, float]:
    """Percentile interval of ``metric(*arrays)`` over cases resampled with replacement.

    ``metric`` must accept arrays of shape ``(n_boot, n_cases)`` and reduce the last axis (every
    score here does), so all resamples are scored at once.
    """
    generator = as_generator(rng)
    n = len(arrays[0])
    if n == 0:
        return (np.nan, np.nan)
    index = generator.integers(0, n, size=(n_boot, n))
    stats = metric(*(np.asarray(a, dtype=float)[index] for a in arrays))
    stats = stats[np.isfinite(stats)]
    if stats.size == 0:
        return (np.nan, np.nan)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(stats, [alpha, 1.0 - alpha])
    return float(low), float(high)


def score_table(
    p: np.ndarray,
    y: np.ndarray,
    value: np.ndarray | None = None,
    truth: np.ndarray | None = None,
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    rng: RNGLike = None,
) -> dict[str, float]:
    """All scores of one method on a set of cases, each with its bootstrap interval.

    A method is scored on the cases it forecasts: a NaN ``p`` (e.g. the veto-player baseline under
    a majority rule) leaves that case out, and ``n_cases`` counts the cases scored. Keys:
    ``n_cases``, ``brier``, ``brier_low``, ``brier_high``, ``log_loss`` (+ ``_low``/``_high``),
    ``accuracy`` (+), ``mae_value`` (+) and ``n_value`` (cases with a value forecast). One generator
    feeds all the intervals, so the same ``rng`` gives the same table.
    """
    generator = as_generator(rng)
    p, y = _pair(p, y)
    scored = np.isfinite(p)
    p, y = p[scored], y[scored]
    out: dict[str, float] = {"n_cases": int(p.size)}
    for name, metric in (("brier", brier_score), ("log_loss", log_loss), ("accuracy", accuracy)):
        out[name] = float(metric(p, y)) if p.size else np.nan
        out[f"{name}_low"], out[f"{name}_high"] = bootstrap_interval(
            metric, p, y, n_boot=n_boot, level=level, rng=generator
        )
    if value is not None and truth is not None:
        value, truth = _pair(value, truth)
        value, truth = value[scored], truth[scored]
        out["mae_value"] = float(mean_absolute_error(value, truth)) if value.size else np.nan
        out["mae_value_low"], out["mae_value_high"] = bootstrap_interval(
            mean_absolute_error, value, truth, n_boot=n_boot, level=level, rng=generator
        )
        out["n_value"] = int(np.sum(np.isfinite(value)))
    return out
