"""Batched Monte Carlo of the escalation process (§4.2): one run per draw, vectorised over draws.

Each draw samples the responder's true type (resolute with probability ``π_R``) and then plays the
four moves of every step with uniform numbers: the pusher's decision, the responder's answer, the
Bayes update, Schelling's chance. The loop is over steps only. It is the statistical check of
:func:`redline.escalation.propagate` (agreement within 4 standard errors) and the way to sample
paths when ladder inputs themselves are drawn per run (pass :class:`LadderParams` with ``D`` rows).

With an integer seed the uniforms come from :func:`redline.rng.draw_blocks`, so draw ``i`` gets
the same numbers whether the run is done in one piece or in chunks (``first_draw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from redline.errors import RedlineError
from redline.escalation.exact import _check_steps, as_params
from redline.escalation.ladder import (
    Ladder,
    LadderParams,
    bayes_update,
    crossing_rule,
    perceived_retaliation,
)
from redline.rng import RNGLike, as_generator, draw_blocks

__all__ = ["SimulationResult", "simulate"]


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Sampled runs. ``reached[d]`` is the step at which draw ``d`` reached the nuclear rung
    (``-1`` if it did not within the horizon), ``resolute[d]`` its true type, ``belief[d, t]`` the
    pusher's belief after step ``t`` and ``rung[d, t]`` the rung."""

    reached: np.ndarray
    resolute: np.ndarray
    belief: np.ndarray
    rung: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def steps(self) -> int:
        return self.belief.shape[1] - 1

    @property
    def draws(self) -> int:
        return self.reached.shape[0]

    def hit(self) -> np.ndarray:
        """``(D, N+1)`` boolean: draw ``d`` had reached the nuclear rung by step ``t``."""
        t = np.arange(self.steps + 1)
        return (self.reached[:, None] >= 0) & (self.reached[:, None] <= t)

    def summary(self) -> pd.DataFrame:
        """Per step: the estimated cumulative P(nuclear) (mixture and per type) with standard errors.

        The mixture estimate is the plain share of draws (types drawn with ``π_R``); the per-type
        estimates condition on the drawn type (NaN when no draw had that type).
        """
        hit = self.hit().astype(float)
        rows = {"step": np.arange(self.steps + 1)}
        groups = {"": np.ones(self.draws, bool), "_resolute": self.resolute, "_bluffer": ~self.resolute}
        for suffix, mask in groups.items():
            n = int(mask.sum())
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = hit[mask].mean(axis=0) if n else np.full(self.steps + 1, np.nan)
                se = np.sqrt(mean * (1 - mean) / n) if n else np.full(self.steps + 1, np.nan)
            rows[f"p_nuclear{suffix}"] = mean
            rows[f"se{suffix}"] = se
            rows[f"n{suffix}"] = np.full(self.steps + 1, n)
        rows["belief"] = self.belief.mean(axis=0)
        return pd.DataFrame(rows)


def _uniforms(rng: RNGLike, draws: int, steps: int, first_draw: int) -> np.ndarray:
    width = 1 + 3 * steps

    def sampler(gen: np.random.Generator, n: int) -> dict[str, np.ndarray]:
        return {"u": gen.random((n, width))}

    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        if first_draw < 0:
            raise RedlineError(f"first_draw: expected >= 0, got {first_draw}")
        from redline.rng import BLOCK

        lo = (first_draw // BLOCK) * BLOCK
        block = draw_blocks(int(rng), lo, first_draw + draws, sampler)
        return block["u"][first_draw - lo :] if draws else np.zeros((0, width))
    return as_generator(rng).random((draws, width))


def simulate(
    ladder: Ladder | LadderParams,
    steps: int,
    draws: int,
    rng: RNGLike = None,
    *,
    theta0: Any = None,
    start: Any = None,
    first_draw: int = 0,
) -> SimulationResult:
    """Monte Carlo runs of the escalation game, batched over draws (no Python loop over draws).

    Parameters
    ----------
    ladder
        A :class:`Ladder`, or :class:`LadderParams` with one row (shared) or ``draws`` rows (one
        parameter set per run, e.g. drawn by a scenario runner).
    steps, draws
        Horizon ``N`` and number of runs.
    rng
        Seed or generator (:func:`redline.rng.as_generator`). An integer seed makes draw ``i``
        independent of chunking: ``first_draw`` says where this chunk starts.
    theta0, start
        Optional overrides of the prior belief and the starting rung.
    """
    steps = _check_steps(steps)
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 0:
        raise RedlineError(f"draws: expected a non-negative integer, got {draws!r}")
    p = as_params(ladder, theta0, start)
    if p.draws not in (1, draws):
        raise RedlineError(f"ladder parameters have {p.draws} rows; expected 1 or draws={draws}")
    k = p.nuclear_rung
    rows = np.zeros(draws, dtype=np.int64) if p.draws == 1 else np.arange(draws)
    u = np.ascontiguousarray(_uniforms(rng, draws, steps, first_draw).T)  # (1 + 3N, draws)

    q_r, q_b = p.q_resolute[rows], p.q_bluffer[rows]
    resolute = u[0] < p.pi_resolute[rows]
    q_true = np.where(resolute, q_r, q_b)
    lam = p.logit_lambda[rows]
    # per-rung tables (rows of the parameter arrays, rung K padded), read with flat indices
    pad = np.zeros((p.draws, 1))
    tau = np.concatenate([p.tau, pad + np.nan], axis=1).ravel()
    h = np.concatenate([p.h, pad], axis=1).ravel()
    e = np.concatenate([p.e, pad], axis=1).ravel()
    g = np.concatenate([p.g, pad], axis=1).ravel()
    offset = rows * (k + 1)
    has_e = bool(e.any())
    level = p.start[rows].copy()
    theta = p.theta0[rows].copy()
    reached = np.where(level == k, 0, -1)
    belief = np.empty((steps + 1, draws))
    rung = np.empty((steps + 1, draws), dtype=np.int64)
    belief[0], rung[0] = theta, level
    for t in range(1, steps + 1):
        u_cross, u_answer, u_chance = u[3 * t - 2], u[3 * t - 1], u[3 * t]
        rho = perceived_retaliation(theta, q_r, q_b)
        # 1. decision at the current rung (tau is NaN off red lines and at K, where g is 0)
        at = offset + level
        tau_now = tau[at]
        crossed = u_cross < crossing_rule(tau_now, rho, lam, g[at])
        is_red = crossed & ~np.isnan(tau_now)
        # 2. response, 3. Bayes update (only after a red-line crossing)
        answered = is_red & (u_answer < q_true)
        tested = np.flatnonzero(is_red)  # usually few: update only those beliefs
        theta = theta.copy()
        theta[tested] = bayes_update(theta[tested], q_r[tested], q_b[tested], answered[tested])
        level = np.minimum(level + crossed + answered, k)
        # 4. chance: up with h_L, down with e_L (zero at the absorbing rung K)
        at = offset + level
        h_now = h[at]
        level = level + (u_chance < h_now)
        if has_e:
            e_now = e[at]
            level = level - ((u_chance >= h_now) & (u_chance < h_now + e_now))
        reached[(reached < 0) & (level == k)] = t
        belief[t], rung[t] = theta, level
    belief, rung = np.ascontiguousarray(belief.T), np.ascontiguousarray(rung.T)
    meta = {"steps": steps, "draws": draws, "first_draw": first_draw}
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        meta["seed"] = int(rng)
    if isinstance(ladder, Ladder):
        meta["ladder"] = ladder.name
    return SimulationResult(reached, resolute, belief, rung, meta)
