"""Naive baselines every forecast method must beat (``backtest/README.md`` § Scoring).

Each baseline maps one coding draw to an outcome value; P(adopted) is the share of draws at or above
the case's threshold, so baselines face the same coding uncertainty as Redline's method.

* ``weighted_mean`` — the capability×salience-weighted mean of positions (the "compromise model"
  that often forecasts EU decisions as well as bargaining models; Achen 2006 in Thomson et al.,
  *The European Union Decides*).
* ``weighted_median`` — the capability×salience-weighted median (the Condorcet winner, models.md
  §1.3; the expected-utility model's starting forecast).
* ``veto_players`` — the veto players' / decider's own positions: adopted when every veto player's
  own position is at or above the threshold, i.e. the value is the lowest veto player's position
  (the decider's for a single government). Not defined (NaN) for majority, QMV and coalitions.
* ``base_rate`` — the share of *other* cases adopted (leave-one-out); no value forecast.
* ``status_quo`` — never adopted; value = the status quo.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from redline.backtest.cases import Case

__all__ = ["BASELINES", "all_baselines", "veto_players_value", "weighted_mean", "weighted_median"]

VETO_RULES = ("nato-consensus", "eu-unanimity", "single-government")
BASELINES = ("weighted_mean", "weighted_median", "veto_players", "base_rate", "status_quo")


def weighted_mean(position: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Σ w x / Σ w over the last axis (NaN where every weight is 0)."""
    total = weight.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (weight * position).sum(axis=-1) / total, np.nan)


def weighted_median(position: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The lowest position at which the cumulative weight reaches half the total (models.md §1.3)."""
    order = np.argsort(position, axis=-1, kind="stable")
    x = np.take_along_axis(position, order, axis=-1)
    cum = np.cumsum(np.take_along_axis(weight, order, axis=-1), axis=-1)
    total = cum[..., -1:]
    first = np.argmax(cum >= 0.5 * total - 1e-12 * np.abs(total), axis=-1)
    value = np.take_along_axis(x, first[..., None], axis=-1)[..., 0]
    return np.where(total[..., 0] > 0, value, np.nan)


def veto_players_value(case: Case, position: np.ndarray) -> np.ndarray:
    """The lowest position among the veto players (the decider's for a single government): every
    veto player's own position reaches at least this far. NaN under rules without veto players
    (majority, QMV, coalition)."""
    if case.rule not in VETO_RULES:
        return np.full(position.shape[0], np.nan)
    keys = [a.key for a in case.actors]
    index = [keys.index(k) for k in case.veto_players]
    return position[:, index].min(axis=1)


def all_baselines(
    case: Case,
    position: np.ndarray,
    salience: np.ndarray,
    capability: np.ndarray,
    base_rate: float = np.nan,
) -> Iterator[tuple[str, np.ndarray, float]]:
    """``(name, value per draw, P(adopted))`` for each baseline, in :data:`BASELINES` order.

    P(adopted) is the share of draws whose value reaches the case's ``adopted_threshold``.
    """
    weight = capability * salience
    for name, value in (
        ("weighted_mean", weighted_mean(position, weight)),
        ("weighted_median", weighted_median(position, weight)),
        ("veto_players", veto_players_value(case, position)),
    ):
        p = float(np.mean(case.issue.is_adopted(value))) if np.isfinite(value).any() else np.nan
        yield name, value, p
    draws = position.shape[0]
    yield "base_rate", np.full(draws, np.nan), float(base_rate)
    yield "status_quo", np.full(draws, case.issue.status_quo), 0.0
