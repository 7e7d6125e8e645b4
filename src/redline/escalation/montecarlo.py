"""Batched Monte Carlo of the escalation process (§4.2): one run per draw, vectorised over draws.

Each draw samples the responder's true type (resolute with probability ``π_R``) and then plays the
four moves of every step with uniform numbers: the pusher's decision, the responder's answer, the
Bayes update, Schelling's chance. The loop is over steps only. It is the statistical check of
:func:`redline.escalation.propagate` (agreement within 4 standard errors) and the way to sample
paths when ladder inputs themselves are drawn per run (pass :class:`LadderParams` with ``D`` rows).

The uniforms come from the block streams of :mod:`redline.rng` (one ``SeedSequence`` child per
``BLOCK`` of runs; a Generator first yields a seed, as everywhere in the package), so draw ``i`` gets
the same numbers whether the run is done in one piece or in chunks (``first_draw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from redline.budget import check_memory
from redline.errors import RedlineError
from redline.escalation.exact import _check_steps, as_params
from redline.escalation.ladder import (
    Ladder,
    LadderParams,
    bayes_update,
    crossing_rule,
    perceived_retaliation,
)
from redline.results import Result
from redline.rng import BLOCK, RNGLike, as_seed, block_generator

__all__ = ["SimulationResult", "simulate"]


@dataclass(frozen=True, eq=False)
class SimulationResult(Result):
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

    def summary(self) -> dict[str, float]:
        """The last step of :meth:`to_frame`: P(nuclear within the horizon), per type, with standard errors."""
        return {
            k: (int(v) if k == "step" or k.startswith("n") else float(v))
            for k, v in self.to_frame().iloc[-1].items()
        }

    def to_dict(self) -> dict[str, object]:
        """The per-step table as row records, the draws and the meta data (no per-draw arrays)."""
        from redline.serialize import to_jsonable

        return to_jsonable(
            {"draws": self.draws, "steps": self.steps, "meta": self.meta, "per_step": self.to_frame()}
        )

    def to_frame(self) -> pd.DataFrame:
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
    """Uniform numbers ``(1 + 3N, draws)``: row 0 draws the type, rows ``3t-2 .. 3t`` step ``t``.

    Rows are contiguous, so each step reads three plain vectors. ``rng`` becomes a seed
    (:func:`redline.rng.as_seed`, as in every block-streamed model: a Generator yields one); draw
    ``i`` takes column ``i % BLOCK`` of a ``(1 + 3N, BLOCK)`` matrix from its block's own stream
    (:func:`redline.rng.block_generator`, the convention of :func:`redline.rng.draw_blocks`);
    whole blocks are drawn, so the numbers do not depend on how a run is chunked.
    """
    width = 1 + 3 * steps
    rng = as_seed(rng)
    if first_draw < 0:
        raise RedlineError(f"first_draw: expected >= 0, got {first_draw}")
    out = np.empty((width, draws))
    stop = first_draw + draws
    for block in range(first_draw // BLOCK, -(-stop // BLOCK)):  # a loop over blocks of draws
        lo, hi = max(block * BLOCK, first_draw), min((block + 1) * BLOCK, stop)
        numbers = block_generator(int(rng), block).random((width, BLOCK))
        out[:, lo - first_draw : hi - first_draw] = numbers[:, lo - block * BLOCK : hi - block * BLOCK]
    return out


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
        Seed, Generator or None (:func:`redline.rng.as_seed`); draw ``i`` is independent of
        chunking: ``first_draw`` says where this chunk starts. The seed used is in ``meta``.
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
    hint = "ask for fewer draws or steps (a sweep runs in chunks through a scenario)"
    check_memory("escalation Monte Carlo", 8.0 * 6 * draws * max(steps, 1), hint=hint)
    seed = as_seed(rng)
    u = _uniforms(seed, draws, steps, first_draw)

    def per_run(values: np.ndarray) -> np.ndarray:
        """A parameter for every run: a read-only view (stride 0 when the row is shared)."""
        return np.broadcast_to(values, (draws,))

    q_r, q_b, lam = per_run(p.q_resolute), per_run(p.q_bluffer), per_run(p.logit_lambda)
    resolute = u[0] < per_run(p.pi_resolute)
    q_true = np.where(resolute, q_r, q_b)
    # per-rung tables with rung K padded (no red line, no chance), read at flat (row, rung) indices
    pad = np.zeros((p.draws, 1))
    tau = np.concatenate([p.tau, pad + np.nan], axis=1).ravel()
    h = np.concatenate([p.h, pad], axis=1).ravel()
    e = np.concatenate([p.e, pad], axis=1).ravel()
    g = np.concatenate([p.g, pad], axis=1).ravel()
    offset = None if p.draws == 1 else np.arange(draws) * (k + 1)
    deterministic = bool(np.isinf(p.logit_lambda).all())
    has_g, has_e = bool(g.any()), bool(e.any())
    level = per_run(p.start).copy()
    theta = per_run(p.theta0).copy()
    belief = np.empty((steps + 1, draws))
    rung = np.empty((steps + 1, draws), dtype=np.int64)
    belief[0], rung[0] = theta, level
    for t in range(1, steps + 1):  # the loop is over steps; every line is vectorised over runs
        u_cross, u_answer, u_chance = u[3 * t - 2], u[3 * t - 1], u[3 * t]
        at = level if offset is None else offset + level
        tau_now = tau[at]
        rho = perceived_retaliation(theta, q_r, q_b)
        # 1. the pusher's decision (tau is NaN off red lines, where g applies; g is 0 at red lines)
        if deterministic:
            crossed = rho < tau_now
            if has_g:
                crossed |= u_cross < g[at]
        else:
            crossed = u_cross < crossing_rule(tau_now, rho, lam, g[at])
        # 2. the responder's answer, 3. the Bayes update: only runs that crossed a red line
        tested = np.flatnonzero(crossed & ~np.isnan(tau_now))
        answered = u_answer[tested] < q_true[tested]
        if tested.size:
            theta[tested] = bayes_update(theta[tested], q_r[tested], q_b[tested], answered)
        level += crossed
        level[tested[answered]] += 1
        np.minimum(level, k, out=level)
        # 4. Schelling's chance: up with h_L, down with e_L (both zero at the absorbing rung K)
        at = level if offset is None else offset + level
        h_now = h[at]
        up = u_chance < h_now
        if has_e:
            level -= (u_chance >= h_now) & (u_chance < h_now + e[at])
        level += up
        belief[t], rung[t] = theta, level
    reached = np.where(rung[-1] == k, np.argmax(rung == k, axis=0), -1)
    belief, rung = belief.T, rung.T  # (draws, N+1) views of the step-major arrays
    meta = {"steps": steps, "draws": draws, "first_draw": first_draw}
    meta["seed"] = seed
    if isinstance(ladder, Ladder):
        meta["ladder"] = ladder.name
    return SimulationResult(reached, resolute, belief, rung, meta)
