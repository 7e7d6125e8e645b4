"""Monte Carlo over uncertain codings: the distribution of the expected-utility forecast.

Analysts code positions, saliences and capabilities with error. Each draw perturbs the coding:

* position: ``x + sd * N(0, 1)`` (``position_dist="normal"``) or ``x + U(-sqrt(3) sd, sqrt(3) sd)``
  (``"uniform"``, the same standard deviation), clipped to the issue ``scale``;
* salience: ``Beta(s * kappa, (1 - s) * kappa)`` with mean ``s`` and concentration ``kappa``
  (saliences of exactly 0 or 1 stay put);
* capability: ``c * exp(sigma * N(0, 1))``, log-normal with median ``c`` (only ratios matter).

All draws then run through the batched kernel together. Draw ``d`` belongs to block ``d // BLOCK``
with its own ``SeedSequence`` child stream (:mod:`redline.rng`), so the result does not depend on
``chunk_size``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from redline.actors import ActorTable
from redline.bargaining.baselines import baselines as _baselines
from redline.bargaining.bdm import STATUS_CONVERGED, STATUS_MAX_ROUNDS, resolve_settings, validate_inputs
from redline.bargaining.model import _unpack, check_size, run_batch
from redline.bargaining.result import jsonable
from redline.errors import RedlineError
from redline.results import Result
from redline.rng import RNGLike, as_seed, chunk_ranges, draw_blocks

__all__ = ["BargainingDistribution", "monte_carlo", "sample_codings"]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class BargainingDistribution(Result):
    """The forecast distribution over draws, with per-actor move statistics."""

    actors: tuple[str, ...]
    draws: int
    seed: int
    forecasts: np.ndarray
    """(draws,) the forecast of every draw."""
    rounds: np.ndarray
    status: np.ndarray
    """(draws,) status codes (0 converged, 1 max_rounds, k >= 2 cycle(k))."""
    moved_share: np.ndarray
    """(actors,) share of draws in which the actor moved at least once."""
    mean_moves: np.ndarray
    """(actors,) mean number of rounds in which the actor moved."""
    counterpart_moves: np.ndarray
    """(actors, actors) moves of actor i toward actor j, summed over draws."""
    scale: tuple[float, float]
    threshold: float | None
    baselines: dict[str, float]
    settings: dict[str, object] = field(default_factory=dict)
    inputs: dict[str, object] = field(default_factory=dict)

    @property
    def mean(self) -> float:
        return float(self.forecasts.mean())

    @property
    def sd(self) -> float:
        return float(self.forecasts.std(ddof=1)) if self.draws > 1 else 0.0

    @property
    def standard_error(self) -> float:
        return self.sd / math.sqrt(self.draws)

    def quantiles(self, q=QUANTILES) -> dict[float, float]:
        return {float(p): float(v) for p, v in zip(q, np.quantile(self.forecasts, q), strict=True)}

    def histogram(self, bins: int = 20) -> pd.DataFrame:
        """Counts of forecasts in ``bins`` equal bins over the issue scale."""
        counts, edges = np.histogram(self.forecasts, bins=bins, range=self.scale)
        return pd.DataFrame({"lower": edges[:-1], "upper": edges[1:], "count": counts})

    def p_at_least(self, threshold: float) -> tuple[float, float]:
        """P(forecast >= threshold) and its standard error."""
        p = float((self.forecasts >= threshold).mean())
        return p, math.sqrt(p * (1 - p) / self.draws)

    def status_shares(self) -> dict[str, float]:
        return {
            "converged": float((self.status == STATUS_CONVERGED).mean()),
            "cycle": float((self.status >= 2).mean()),
            "max_rounds": float((self.status == STATUS_MAX_ROUNDS).mean()),
        }

    def actor_frame(self) -> pd.DataFrame:
        """Per actor: share of draws with a move, mean moves, and the counterpart it most often moved to."""
        totals = self.counterpart_moves.sum(axis=1)
        top = self.counterpart_moves.argmax(axis=1)
        return pd.DataFrame(
            {
                "actor": list(self.actors),
                "moved_share": self.moved_share,
                "mean_moves": self.mean_moves,
                "top_counterpart": [
                    self.actors[j] if t > 0 else None for j, t in zip(top, totals, strict=True)
                ],
                "top_counterpart_share": np.where(
                    totals > 0, self.counterpart_moves.max(axis=1) / np.maximum(totals, 1), np.nan
                ),
            }
        )

    def to_dict(self, bins: int = 20) -> dict[str, object]:
        out: dict[str, object] = {
            "draws": self.draws,
            "seed": self.seed,
            "mean": self.mean,
            "sd": self.sd,
            "standard_error": self.standard_error,
            "quantiles": {f"{p:g}": v for p, v in self.quantiles().items()},
            "histogram": self.histogram(bins).to_dict(orient="records"),
            "status_shares": self.status_shares(),
            "mean_rounds": float(self.rounds.mean()),
            "actors": self.actor_frame().to_dict(orient="records"),
            "baselines": self.baselines,
            "settings": self.settings,
            "inputs": self.inputs,
        }
        if self.threshold is not None:
            p, se = self.p_at_least(self.threshold)
            out["threshold"] = self.threshold
            out["p_at_least_threshold"] = p
            out["p_at_least_threshold_se"] = se
        return jsonable(out)


def sample_codings(
    gen: np.random.Generator,
    draws: int,
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    *,
    position_sd: float | np.ndarray = 0.0,
    position_dist: str = "normal",
    salience_concentration: float | None = None,
    capability_sigma: float = 0.0,
    scale: tuple[float, float] = (0.0, 100.0),
) -> dict[str, np.ndarray]:
    """``draws`` perturbed codings (arrays of shape (draws, actors)) from one generator: the package's
    one sampler, :func:`redline.uncertainty.sample_codings` (this signature keeps the bargaining
    model's argument order)."""
    from redline.uncertainty import sample_codings as sample

    return sample(
        gen,
        draws,
        position,
        salience,
        capability,
        position_sd=position_sd,
        position_dist=position_dist,
        salience_concentration=salience_concentration,
        capability_sigma=capability_sigma,
        scale=scale,
    )


def monte_carlo(
    actors: ActorTable | tuple | dict,
    draws: int,
    rng: RNGLike = None,
    *,
    position_sd: float | np.ndarray = 0.0,
    position_dist: str = "normal",
    salience_concentration: float | None = None,
    capability_sigma: float = 0.0,
    scale: tuple[float, float] = (0.0, 100.0),
    threshold: float | None = None,
    chunk_size: int = 8192,
    status_quo: float | None = None,
    **options,
) -> BargainingDistribution:
    """Distribution of the forecast when the codings are uncertain (see the module docstring).

    Parameters
    ----------
    actors
        The base coding (:class:`~redline.actors.ActorTable` or arrays as in
        :func:`~redline.bargaining.forecast`).
    draws, rng
        Number of draws and the seed (an int, a Generator or None; the integer seed used is reported).
    position_sd, position_dist, salience_concentration, capability_sigma, scale
        The input distributions; ``scale`` = (low, high) of the issue, positions are clipped to it.
    threshold
        If given, report P(forecast >= threshold) with its standard error.
    chunk_size
        Draws per chunk (rounded to whole blocks); the result does not depend on it.
    options
        Model options passed to the kernel (``compat``, ``prob_rule``, ``max_rounds``, ...).

    Examples
    --------
    >>> from redline.bargaining import monte_carlo
    >>> dist = monte_carlo(([4, 7, 10], [1, 1, 1], [0.5, 0.5, 0.5]), 100, rng=1, position_sd=0.5)
    >>> dist.draws
    100
    """
    names, position, capability, salience = _unpack(actors)
    x, c, s = validate_inputs(position, capability, salience)
    x, c, s = x[0], c[0], s[0]
    settings = resolve_settings(**options) if options else resolve_settings()
    if int(draws) != draws or draws < 1:
        raise RedlineError(f"draws: expected an integer >= 1, got {draws!r}")
    draws = int(draws)
    if position_dist not in ("normal", "uniform"):
        raise RedlineError(f"position_dist: expected 'normal' or 'uniform', got {position_dist!r}")
    sd = np.asarray(position_sd, dtype=float)
    if sd.ndim > 1 or (sd.ndim == 1 and sd.shape[0] != x.shape[0]) or not np.all(np.isfinite(sd) & (sd >= 0)):
        raise RedlineError(f"position_sd: expected a number >= 0 or one per actor, got {position_sd!r}")
    if salience_concentration is not None and not salience_concentration > 0:
        raise RedlineError(f"salience_concentration: expected a number > 0, got {salience_concentration!r}")
    if not capability_sigma >= 0:
        raise RedlineError(f"capability_sigma: expected a number >= 0, got {capability_sigma!r}")
    low, high = (float(v) for v in scale)
    if not low < high:
        raise RedlineError(f"scale: expected (low, high) with low < high, got {scale!r}")
    if (x < low).any() or (x > high).any():
        raise RedlineError(f"positions lie outside the issue scale {scale!r}; pass scale=(low, high)")
    check_size(draws, x.shape[0], settings)
    seed = as_seed(rng)

    def sampler(gen: np.random.Generator, count: int) -> dict[str, np.ndarray]:
        return sample_codings(
            gen,
            count,
            x,
            c,
            s,
            position_sd=sd,
            position_dist=position_dist,
            salience_concentration=salience_concentration,
            capability_sigma=capability_sigma,
            scale=(low, high),
        )

    parts = []
    for lo, hi in chunk_ranges(draws, chunk_size):
        coded = draw_blocks(seed, lo, hi, sampler)
        parts.append(run_batch(coded["position"], coded["capability"], coded["salience"], settings))
    moves = np.concatenate([p.moves for p in parts])
    return BargainingDistribution(
        actors=names,
        draws=draws,
        seed=seed,
        forecasts=np.concatenate([p.forecast for p in parts]),
        rounds=np.concatenate([p.rounds for p in parts]),
        status=np.concatenate([p.status for p in parts]),
        moved_share=(moves > 0).mean(axis=0),
        mean_moves=moves.mean(axis=0),
        counterpart_moves=sum(p.counterpart_moves for p in parts),
        scale=(low, high),
        threshold=threshold,
        baselines=_baselines(position=x, capability=c, salience=s, status_quo=status_quo),
        settings=settings.to_dict(),
        inputs={
            "position_sd": sd.tolist(),
            "position_dist": position_dist,
            "salience_concentration": salience_concentration,
            "capability_sigma": capability_sigma,
        },
    )
