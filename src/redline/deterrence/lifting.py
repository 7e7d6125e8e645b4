"""What the record says about the effects of support: the partial lifting of November 2024.

The restraint sweep (:mod:`redline.deterrence.restraint`) moves each draw of the fitted ladder with
support σ: ``τ_L(σ) = τ_L + tau_gain·σ`` and ``h_L(σ) = h_L·(1 + h_scale·σ)``. Nobody measured
``tau_gain`` or ``h_scale``, so on a ladder fitted to the record they are uncertain, with a wide
uniform prior (:data:`EFFECT_PRIOR`, an assumption), and conditioned on what the record shows:

* **The observation.** A partial lifting of the restrictions on a date (by default the catalogue row
  ``deep_strikes``: ATACMS and Storm Shadow allowed into Russia, 17-20 Nov 2024) at a support level
  ``σ_obs`` (a coded judgement, :data:`LIFTING_SIGMA`: two weapon types, first limited to the Kursk
  region, Taurus withheld), followed by ``m`` whole months on the record up to the scenario's date
  (never later), ending on the rung the record stands on then (no nuclear use so far).
* **The likelihood** of that path for an effect point ``e`` (the uniform prior as a grid,
  :func:`effect_grid`) and a posterior draw ``d`` of the fitted ladder is
  ``P(rung r_end after m months | σ_obs, e, d)``, from the exact propagation the sweep uses.
* **The posterior** of the effects given each ladder draw is that likelihood normalised over the
  grid. The ladder draws keep their escalation-fit weights, so σ = 0 stays the escalation headline;
  effect sizes under which that draw would have climbed at σ_obs (a shift ``tau_gain·σ_obs`` past its
  threshold τ, which the record did not show) are ruled out for it, so the sweep at σ_obs agrees with
  the record. No months observed (a date before the lifting): the prior, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from redline.errors import RedlineError
from redline.escalation.catalogue import MONTH_DAYS, load_catalogue, rung_timeline
from redline.escalation.ladder import LadderParams

__all__ = [
    "EFFECT_PRIOR",
    "LIFTING_SIGMA",
    "LIFTING_STEP",
    "Lifting",
    "effect_grid",
    "effect_weights",
    "observed_lifting",
    "path_probability",
    "select_draws",
    "tile_draws",
    "with_support",
]

EFFECT_PRIOR: dict[str, tuple[float, float]] = {"tau_gain": (0.0, 0.4), "h_scale": (0.0, 2.0)}
"""Uniform prior ranges of the ladder effects of full support σ = 1 (ASSUMPTIONS: wide, centred on the
old point values 0.2 and 1.0; a scenario overrides them with ``effects = {tau_gain = [lo, hi]}``)."""

GRID = (9, 5)
"""Grid points of the prior: tau_gain 0, 0.05, …, 0.4 and h_scale 0, 0.5, …, 2 by default."""

LIFTING_STEP = "deep_strikes"
"""The catalogue row of the partial lifting (US ATACMS 17 Nov 2024, UK Storm Shadow 20 Nov 2024)."""

LIFTING_SIGMA = 0.3
"""σ_obs, the support level of that lifting (ASSUMPTION, a coded judgement: two weapon types, at first
for targets in and near the Kursk region only, German Taurus withheld; far from σ = 1)."""


@dataclass(frozen=True)
class Lifting:
    """An observed lifting at support ``sigma``, then ``months`` whole months on the record from
    ``rung_start`` to ``rung_end`` (the record's rung at the scenario's date)."""

    step_id: str
    date: str
    sigma: float
    months: int
    rung_start: int
    rung_end: int
    as_of: str

    def describe(self) -> str:
        """What was observed, in words (the coded σ is an assumption, said where it is shown)."""
        unit = "month" if self.months == 1 else "months"
        after = (
            "without escalation"
            if self.rung_end == self.rung_start
            else f"ending on rung {self.rung_end} (from {self.rung_start})"
        )
        return (
            f"the lifting of {self.date} ({self.step_id}), then {self.months} {unit} to {self.as_of} {after}"
        )


def observed_lifting(
    as_of: str,
    step_id: str = LIFTING_STEP,
    sigma: float = LIFTING_SIGMA,
    catalogue: pd.DataFrame | None = None,
) -> Lifting | None:
    """The lifting ``step_id`` as seen from ``as_of`` (``None`` if it comes later: nothing observed)."""
    if not 0.0 < sigma <= 1.0:
        raise RedlineError(f"lifting: σ_obs = {sigma}, expected a support level in (0, 1]")
    cat = load_catalogue() if catalogue is None else catalogue
    rows = cat[cat["step_id"] == step_id]
    if rows.empty:
        raise RedlineError(f"lifting: no step '{step_id}' in the escalation catalogue")
    row = rows.iloc[0]
    end = pd.Timestamp(as_of)
    if row["date"] > end:
        return None
    kept = cat[cat["date"] <= end]
    timeline = rung_timeline(kept, end=as_of)
    return Lifting(
        step_id=step_id,
        date=row["date"].date().isoformat(),
        sigma=float(sigma),
        months=int((end - row["date"]).days // MONTH_DAYS),
        rung_start=int(row["rung_after"]),
        rung_end=int(timeline.attrs["current_rung"]),
        as_of=end.date().isoformat(),
    )


def with_support(post: LadderParams, sigma: Any, tau_gain: Any, h_scale: Any) -> LadderParams:
    """Each draw moved by support ``sigma`` (per-draw arrays or scalars): τ up, h scaled, capped at 1."""
    sigma, tau_gain, h_scale = (np.asarray(x, dtype=float).reshape(-1, 1) for x in (sigma, tau_gain, h_scale))
    values = {name: getattr(post, name) for name in LadderParams.FIELDS}
    values["tau"] = post.tau + tau_gain * sigma
    values["h"] = np.clip(post.h * (1.0 + h_scale * sigma), 0.0, 1.0)
    return LadderParams.build(post.nuclear_rung, post.draws, **values)


def select_draws(post: LadderParams, index: np.ndarray) -> LadderParams:
    """The ladder draws ``post[index]`` (with repeats), as kernel arrays."""
    values = {name: getattr(post, name)[index] for name in LadderParams.FIELDS}
    return LadderParams.build(post.nuclear_rung, int(np.size(index)), **values)


def tile_draws(post: LadderParams, n: int) -> LadderParams:
    """``n`` copies of the ladder draws, copy-major (one block of ``D`` draws per copy)."""
    return select_draws(post, np.tile(np.arange(post.draws), n))


def path_probability(params: LadderParams, lifting: Lifting) -> np.ndarray:
    """``(D,)`` P(the ladder stands on ``rung_end`` after ``months`` months, from ``rung_start``)."""
    from redline.escalation import propagate

    start = np.full(params.draws, lifting.rung_start)
    esc = propagate(params, lifting.months, start=start)
    return esc.rung_distribution[:, lifting.months, lifting.rung_end]


def effect_grid(
    ranges: dict[str, tuple[float, float]], points: tuple[int, int] = GRID
) -> dict[str, np.ndarray]:
    """The uniform prior of ``tau_gain`` and ``h_scale`` as an equally weighted grid, endpoints
    included (``J = points[0] · points[1]`` points; an effect with ``lo == hi`` is fixed)."""
    axes = [
        np.linspace(lo, hi, n if hi > lo else 1)
        for (lo, hi), n in zip((ranges["tau_gain"], ranges["h_scale"]), points, strict=True)
    ]
    gain, scale = np.meshgrid(*axes, indexing="ij")
    return {"tau_gain": gain.ravel(), "h_scale": scale.ravel()}


def effect_weights(
    post: LadderParams, tau_gain: np.ndarray, h_scale: np.ndarray, lifting: Lifting | None
) -> np.ndarray:
    """``(D, J)`` posterior weights of the effect points ``j`` given each ladder draw ``d`` (rows sum
    to 1): ``P(path | σ_obs, d, j)`` normalised over ``j``; the prior (uniform) when nothing was
    observed, or for a ladder draw no effect point can reconcile with the record."""
    tau_gain, h_scale = np.asarray(tau_gain, dtype=float), np.asarray(h_scale, dtype=float)
    d, j = post.draws, tau_gain.size
    if lifting is None or lifting.months == 0:
        return np.full((d, j), 1.0 / j)
    moved = with_support(tile_draws(post, j), lifting.sigma, np.repeat(tau_gain, d), np.repeat(h_scale, d))
    like = path_probability(moved, lifting).reshape(j, d).T
    total = like.sum(axis=1, keepdims=True)
    return np.where(total > 0, like / np.where(total > 0, total, 1.0), 1.0 / j)
