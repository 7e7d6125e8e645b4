"""Cohesion of an alliance: on a coded issue (positions) and in recorded votes (models.md §5.3).

* Position cohesion C = 1 − σ/50, where σ is the (weighted) standard deviation of positions on the
  0–100 scale: 1 when all agree, 0 for an even split between 0 and 100. Default weights are
  capability × salience; ``weights="equal"`` gives the unweighted version.
* For recorded votes: the Hix–Noury–Roland Agreement Index AI = (max(Y,N,A) − ½(Y+N+A − max)) /
  (Y+N+A) and the Rice index |Y − N| / (Y + N).

References: Hix, Noury & Roland (2005), *Power to the parties*; Rice (1925).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from redline.analytics.alignment import vote_matrix
from redline.errors import RedlineError

__all__ = ["position_cohesion", "agreement_index", "rice_index", "vote_cohesion"]


def position_cohesion(
    positions: np.ndarray,
    weights: np.ndarray | str | None = None,
    *,
    capability: np.ndarray | None = None,
    salience: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Weighted mean m, weighted SD σ and cohesion C = 1 − σ/50 over the last (actor) axis.

    ``positions`` may carry a leading draw axis ``(draws, actors)``. ``weights`` is an array
    broadcastable to it, ``"equal"``, or None, meaning capability × salience (both then required).
    Returns ``{"mean", "sd", "cohesion"}`` arrays with the actor axis removed.
    """
    x = np.asarray(positions, dtype=float)
    if isinstance(weights, str):
        if weights != "equal":
            raise RedlineError(f"cohesion weights: expected an array, 'equal' or None, got {weights!r}")
        w = np.ones_like(x)
    elif weights is None:
        if capability is None or salience is None:
            raise RedlineError(
                "cohesion: default weights are capability × salience; pass both or weights='equal'"
            )
        w = np.broadcast_to(np.asarray(capability, float) * np.asarray(salience, float), x.shape)
    else:
        w = np.broadcast_to(np.asarray(weights, dtype=float), x.shape)
    if (w < 0).any() or not (w.sum(-1) > 0).all():
        raise RedlineError("cohesion weights must be non-negative with a positive total")
    mean = (w * x).sum(-1) / w.sum(-1)
    sd = np.sqrt((w * (x - mean[..., None]) ** 2).sum(-1) / w.sum(-1))
    return {"mean": mean, "sd": sd, "cohesion": 1.0 - sd / 50.0}


def agreement_index(yes: np.ndarray, no: np.ndarray, abstain: np.ndarray) -> np.ndarray:
    """Hix–Noury–Roland AI = (max − ½(total − max)) / total; NaN when nobody voted."""
    y, n, a = (np.asarray(v, dtype=float) for v in (yes, no, abstain))
    total = y + n + a
    top = np.maximum(np.maximum(y, n), a)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (top - 0.5 * (total - top)) / np.where(total > 0, total, 1), np.nan)


def rice_index(yes: np.ndarray, no: np.ndarray) -> np.ndarray:
    """Rice index |Y − N| / (Y + N); NaN when nobody voted yes or no."""
    y, n = np.asarray(yes, dtype=float), np.asarray(no, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(y + n > 0, np.abs(y - n) / np.where(y + n > 0, y + n, 1), np.nan)


def vote_cohesion(votes: pd.DataFrame, members: Iterable[str]) -> pd.DataFrame:
    """Cohesion of a group in each recorded vote, in date order (cohesion over time).

    ``votes`` is the long UN vote table (``iso3, resolution, date, vote``). Returns one row per
    resolution: ``resolution, date, n_members, yes, no, abstain, missing, agreement_index, rice``.
    ``missing`` counts members absent or with an undetermined (blank) vote, so a cohesive-looking
    resolution with many blanks is visible as such.
    """
    members = list(dict.fromkeys(members))
    matrix = vote_matrix(votes, states=members)
    dates = (
        votes.drop_duplicates("resolution").set_index("resolution")["date"].reindex(matrix.columns)
        if "date" in votes.columns
        else pd.Series(np.nan, index=matrix.columns)
    )
    x = matrix.to_numpy(dtype=float)
    yes, abstain, no = ((x == code).sum(0) for code in (1.0, 2.0, 3.0))
    return pd.DataFrame(
        {
            "resolution": matrix.columns.astype(str),
            "date": dates.astype(str).to_numpy(),
            "n_members": len(members),
            "yes": yes,
            "no": no,
            "abstain": abstain,
            "missing": (~np.isfinite(x)).sum(0),
            "agreement_index": agreement_index(yes, no, abstain),
            "rice": rice_index(yes, no),
        }
    )
