"""Naive forecasts the expected-utility model must beat (reported beside every forecast).

The capability x salience weighted mean and weighted median of the initial positions are the
standard benchmarks in the forecasting literature on the BDM model (e.g. Scholz et al. 2011 compare
the model's outcome with the initial median); the status quo is the "nothing changes" forecast.
"""

from __future__ import annotations

import math

import numpy as np

from redline.actors import ActorTable
from redline.bargaining.bdm import validate_inputs, weighted_mean, weighted_median
from redline.errors import RedlineError

__all__ = ["baselines"]


def baselines(
    actors: ActorTable | None = None,
    *,
    position=None,
    capability=None,
    salience=None,
    status_quo: float | None = None,
) -> dict[str, float]:
    """Weighted mean and weighted median (weights c*s) of the initial positions, and the status quo.

    Give an :class:`~redline.actors.ActorTable` or the three arrays. ``status_quo`` is NaN when not
    given (a gap stays a gap).
    """
    if actors is not None:
        position, capability, salience = actors.position, actors.capability, actors.salience
    if position is None or capability is None or salience is None:
        raise RedlineError("baselines: give an actors table or position, capability and salience")
    x, c, s = validate_inputs(position, capability, salience)
    if x.shape[0] != 1:
        raise RedlineError("baselines: expected one issue (1-D arrays), got a batch")
    w = c * s
    if status_quo is not None and not math.isfinite(status_quo):
        raise RedlineError(f"status_quo: expected a finite number, got {status_quo!r}")
    return {
        "weighted_mean": float(weighted_mean(x, w)[0]),
        "weighted_median": float(weighted_median(x, w)[0]),
        "status_quo": float(status_quo) if status_quo is not None else float(np.nan),
    }
