"""Exact propagation of the escalation process over (rung, belief), batched over draws (§4.2).

Given the responder's true type, the pusher's belief ``θ`` changes only through the answered and
unanswered red-line crossings, so the reachable beliefs are finite. We keep a list of *belief
cells*; each holds one belief per draw, ``θ[d, c]``. A crossing from cell ``c`` leads to its
"answered" or "unanswered" child cell, created on first use and merged with an existing cell when
their beliefs agree to 1e-12 of min(θ, 1 − θ) in every draw (so ``q_R = q_B`` or ``θ ∈ {0, 1}`` keep one cell). The
probability mass ``M[type, draw, cell, rung]`` is pushed through the four moves of one step
(decision, response, Bayes update, chance) with array operations: no loop over draws; the loop
over steps and (rarely) over newly created cells is short.

The nuclear rung ``K`` is absorbing, so the mass there after step ``t`` is
``P(reach K within t steps)`` for each true type (resolute, bluffer); the mixture weights them by
``π_R``. The expected belief path is ``E[θ_t]``, absorbed runs keeping their last belief.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from redline import __version__
from redline.budget import check_memory, check_work
from redline.errors import RedlineError
from redline.escalation.ladder import Ladder, LadderParams, bayes_update, perceived_retaliation
from redline.results import Result

__all__ = ["BELIEF_TOL", "EscalationResult", "as_params", "propagate", "shift_up"]

BELIEF_TOL = 1e-12
"""Beliefs that agree to this tolerance (in every draw), relative to min(θ, 1 − θ), share one state
(§4.2 merges at 1e-12; relative, so beliefs near 0 or 1 are kept apart)."""

TYPES = ("resolute", "bluffer")


def as_params(ladder: Ladder | LadderParams, theta0: Any = None, start: Any = None) -> LadderParams:
    """Kernel arrays from a :class:`Ladder` (with optional ``theta0``/``start`` overrides) or as is."""
    if isinstance(ladder, LadderParams):
        if theta0 is None and start is None:
            return ladder
        values = {name: getattr(ladder, name) for name in LadderParams.FIELDS}
        if theta0 is not None:
            values["theta0"] = theta0
        if start is not None:
            values["start"] = start
        return LadderParams.build(ladder.nuclear_rung, ladder.draws, **values)
    if isinstance(ladder, Ladder):
        return ladder.params(theta0=theta0, start=start)
    raise RedlineError(f"expected a Ladder or LadderParams, got {type(ladder).__name__}")


def shift_up(mass: np.ndarray, by: int) -> np.ndarray:
    """Move mass ``by`` rungs up the last axis, piling whatever passes the top onto rung ``K``."""
    out = np.zeros_like(mass)
    out[..., by:] = mass[..., :-by]
    out[..., -1] += mass[..., -by:].sum(axis=-1)
    return out


def _check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 0:
        raise RedlineError(f"steps: expected a non-negative integer, got {steps!r}")
    return int(steps)


@dataclass(frozen=True, eq=False)
class EscalationResult(Result):
    """Exact escalation probabilities and belief paths, arrays with leading draw axis ``D``.

    Attributes
    ----------
    p_nuclear_by_type
        ``(2, D, N+1)``: P(rung ``K`` reached within ``t`` steps), ``t = 0..N``, for a resolute
        (index 0) and a bluffing (index 1) responder.
    belief_by_type
        ``(2, D, N+1)``: the pusher's expected belief ``E[θ_t]`` given each true type.
    rung_by_type
        ``(2, D, N+1, K+1)``: the distribution of the rung after each step.
    pi_resolute
        ``(D,)``: the true share of resolute responders used for the mixture.
    rungs
        Rung names; ``meta`` holds the ladder name and inputs for provenance.
    """

    p_nuclear_by_type: np.ndarray
    belief_by_type: np.ndarray
    rung_by_type: np.ndarray
    pi_resolute: np.ndarray
    rungs: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def steps(self) -> int:
        return self.p_nuclear_by_type.shape[-1] - 1

    @property
    def draws(self) -> int:
        return self.p_nuclear_by_type.shape[1]

    def _mix(self, by_type: np.ndarray) -> np.ndarray:
        pi = self.pi_resolute.reshape((-1,) + (1,) * (by_type.ndim - 2))
        return pi * by_type[0] + (1.0 - pi) * by_type[1]

    @property
    def p_nuclear_resolute(self) -> np.ndarray:
        """``(D, N+1)`` cumulative P(nuclear) if the responder is resolute."""
        return self.p_nuclear_by_type[0]

    @property
    def p_nuclear_bluffer(self) -> np.ndarray:
        """``(D, N+1)`` cumulative P(nuclear) if the responder is bluffing."""
        return self.p_nuclear_by_type[1]

    @property
    def p_nuclear(self) -> np.ndarray:
        """``(D, N+1)`` cumulative P(nuclear), the ``π_R`` mixture of the two types."""
        return self._mix(self.p_nuclear_by_type)

    @property
    def belief(self) -> np.ndarray:
        """``(D, N+1)`` the expected belief path ``E[θ_t]`` under the mixture."""
        return self._mix(self.belief_by_type)

    @property
    def rung_distribution(self) -> np.ndarray:
        """``(D, N+1, K+1)`` P(rung = L after step t) under the mixture."""
        return self._mix(self.rung_by_type)

    @property
    def final(self) -> np.ndarray:
        """``(D,)`` P(nuclear within N steps), mixture: what a sweep or scenario usually wants."""
        return self.p_nuclear[:, -1]

    def to_frame(self) -> pd.DataFrame:
        """Long table, one row per (draw, step): cumulative and per-step P(nuclear), beliefs.

        Columns: ``draw`` (only when ``D > 1``), ``step``, ``p_nuclear_resolute``,
        ``p_nuclear_bluffer``, ``p_nuclear`` (mixture), ``p_nuclear_step`` (reached at exactly this
        step, mixture), ``belief_resolute``, ``belief_bluffer``, ``belief`` (mixture).
        """
        d, t = self.draws, self.steps + 1
        mix = self.p_nuclear
        columns = {
            "draw": np.repeat(np.arange(d), t),
            "step": np.tile(np.arange(t), d),
            "p_nuclear_resolute": self.p_nuclear_resolute.ravel(),
            "p_nuclear_bluffer": self.p_nuclear_bluffer.ravel(),
            "p_nuclear": mix.ravel(),
            "p_nuclear_step": np.diff(mix, axis=1, prepend=0.0).ravel(),
            "belief_resolute": self.belief_by_type[0].ravel(),
            "belief_bluffer": self.belief_by_type[1].ravel(),
            "belief": self.belief.ravel(),
        }
        frame = pd.DataFrame(columns)
        return frame.drop(columns="draw") if d == 1 else frame

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (keys documented in docs/escalation.md). One draw → flat lists."""

        def squeeze(arr: np.ndarray) -> Any:
            return (arr[0] if self.draws == 1 else arr).tolist()

        return {
            "meta": dict(self.meta),
            "rungs": list(self.rungs),
            "nuclear_rung": len(self.rungs) - 1,
            "steps": self.steps,
            "draws": self.draws,
            "pi_resolute": squeeze(self.pi_resolute[:, None])
            if self.draws > 1
            else float(self.pi_resolute[0]),
            "step": list(range(self.steps + 1)),
            "p_nuclear_resolute": squeeze(self.p_nuclear_resolute),
            "p_nuclear_bluffer": squeeze(self.p_nuclear_bluffer),
            "p_nuclear": squeeze(self.p_nuclear),
            "belief_resolute": squeeze(self.belief_by_type[0]),
            "belief_bluffer": squeeze(self.belief_by_type[1]),
            "belief": squeeze(self.belief),
            "rung_distribution": squeeze(self.rung_distribution),
            "final": {
                "p_nuclear_resolute": squeeze(self.p_nuclear_resolute[:, -1:]),
                "p_nuclear_bluffer": squeeze(self.p_nuclear_bluffer[:, -1:]),
                "p_nuclear": squeeze(self.p_nuclear[:, -1:]),
            },
        }


class _Cells:
    """The belief cells: ``theta[d, c]`` and, per cell, its answered / unanswered child."""

    def __init__(self, theta0: np.ndarray) -> None:
        self.theta = theta0[:, None].copy()
        self.child = {True: [-1], False: [-1]}

    @property
    def count(self) -> int:
        return self.theta.shape[1]

    def child_of(self, cell: int, retaliated: bool, q_r: np.ndarray, q_b: np.ndarray) -> int:
        """Index of the cell reached from ``cell`` by an answered/unanswered crossing."""
        known = self.child[retaliated][cell]
        if known >= 0:
            return known
        theta = bayes_update(self.theta[:, cell], q_r, q_b, retaliated)
        # relative to the belief's distance from certainty: tiny beliefs (θ ~ 1e-12) must not be fused,
        # since later updates multiply them by likelihood ratios such as q_R / q_B
        scale = np.minimum(theta, 1.0 - theta)[:, None]
        same = np.flatnonzero((np.abs(self.theta - theta[:, None]) <= BELIEF_TOL * scale).all(axis=0))
        if same.size:
            index = int(same[0])
        else:
            index = self.count
            self.theta = np.concatenate([self.theta, theta[:, None]], axis=1)
            for kind in self.child.values():
                kind.append(-1)
        self.child[retaliated][cell] = index
        return index


def propagate(
    ladder: Ladder | LadderParams, steps: int | None = None, theta0: Any = None, start: Any = None
) -> EscalationResult:
    """Exact P(nuclear rung within ``t`` steps), ``t = 0..steps``, per true type and mixed (§4.2).

    Parameters
    ----------
    ladder
        A :class:`Ladder`, or :class:`LadderParams` with per-draw arrays (``Ladder.params``).
    steps
        Horizon ``N`` (default: ``ladder.steps``; required for :class:`LadderParams`).
    theta0, start
        Optional overrides of the prior ``θ_0`` and the starting rung (scalars or ``(D,)`` arrays).

    Returns
    -------
    EscalationResult
        Arrays with leading draw axis ``D`` (1 for a plain ladder).

    Examples
    --------
    >>> from redline.escalation import Ladder, propagate
    >>> kursk = Ladder(red_lines={1: 0.30, 2: 0.10}, q_resolute=0.7, q_bluffer=0.05,
    ...                h=(0, 0, 0.01, 0.05), theta0=0.6, pi_resolute=0.6, start=1)
    >>> round(float(propagate(kursk, 10).final[0]), 6)  # before Kursk: P does not cross
    0.0
    >>> round(float(propagate(kursk, 10, theta0=0.18 / 0.56).final[0]), 6)
    0.187311
    """
    if steps is None and isinstance(ladder, Ladder):
        steps = ladder.steps
    steps = _check_steps(steps)
    p = as_params(ladder, theta0, start)
    k, d = p.nuclear_rung, p.draws
    # belief cells grow at most like (t + 1)(t + 2) / 2 (one per count of answered and unanswered
    # crossings), so the worst case costs about steps^3 / 6 cell updates per draw and rung
    check_work(
        "exact escalation propagation",
        float(steps) ** 3 / 6 * d * (k + 1),
        hint="ask for fewer steps (--steps) or use the Monte Carlo (--draws)",
    )
    q = np.stack([p.q_resolute, p.q_bluffer])  # (2, D): true retaliation probability per type
    red = ~np.isnan(p.tau)  # (D, K)
    red_full = np.concatenate([red, np.zeros((d, 1), bool)], axis=1)[None, :, None, :]
    h = np.concatenate([p.h, np.zeros((d, 1))], axis=1)[None, :, None, :]
    e = np.concatenate([p.e, np.zeros((d, 1))], axis=1)[None, :, None, :]

    cells = _Cells(p.theta0)
    mass = np.zeros((2, d, 1, k + 1))
    mass[:, np.arange(d), 0, p.start] = 1.0
    p_out = np.zeros((2, d, steps + 1))
    belief = np.zeros((2, d, steps + 1))
    rung = np.zeros((2, d, steps + 1, k + 1))

    def record(t: int) -> None:
        p_out[:, :, t] = mass[..., k].sum(axis=2)
        belief[:, :, t] = (mass.sum(axis=3) * cells.theta[None]).sum(axis=2)
        rung[:, :, t] = mass.sum(axis=2)

    record(0)
    for t in range(1, steps + 1):
        # 1. the pusher's decision: cross with probability X[d, c, L]
        rho = perceived_retaliation(cells.theta, p.q_resolute[:, None], p.q_bluffer[:, None])
        cross = mass * p.crossing_probability(rho)[None]
        stay = mass - cross
        cross_red = np.where(red_full, cross, 0.0)
        # 2.-3. the responder's answer and the Bayes update move red-line crossings to child cells
        answered = cross_red * q[:, :, None, None]
        unanswered = cross_red - answered
        sources = np.flatnonzero(cross_red.any(axis=(0, 1, 3)))
        kids = {
            flag: [cells.child_of(int(c), flag, p.q_resolute, p.q_bluffer) for c in sources]
            for flag in (True, False)
        }
        check_memory(
            "exact escalation propagation",
            8.0 * 6 * 2 * d * cells.count * (k + 1),
            hint="ask for fewer steps (--steps) or fewer parameter draws",
        )
        new = np.zeros(mass.shape[:2] + (cells.count, k + 1))
        new[:, :, : mass.shape[2]] = stay + shift_up(cross - cross_red, 1)
        _add_to_cells(new, kids[True], shift_up(answered[:, :, sources], 2))
        _add_to_cells(new, kids[False], shift_up(unanswered[:, :, sources], 1))
        # 4. Schelling's chance: involuntary escalation h_L, de-escalation e_L (K absorbs: h=e=0)
        up, down = new * h, new * e
        mass = new - up - down + shift_up(up, 1)
        mass[..., :-1] += down[..., 1:]
        record(t)

    meta = {"steps": steps, "draws": d}
    if isinstance(ladder, Ladder):
        meta.update(ladder=ladder.name, illustrative=ladder.illustrative, source=ladder.source)
    meta["version"] = __version__
    np.clip(p_out, 0.0, 1.0, out=p_out)
    return EscalationResult(p_out, belief, rung, p.pi_resolute.copy(), _rung_names(ladder, k), meta)


def _add_to_cells(mass: np.ndarray, cells: list[int], values: np.ndarray) -> None:
    """``mass[:, :, cells[s]] += values[:, :, s]`` in place. Distinct cells take one fancy-indexed
    add; repeated ones (two beliefs mapped to the same posterior, e.g. θ' = 0) need ``np.add.at``."""
    if len(set(cells)) == len(cells):
        mass[:, :, cells] += values
    else:
        np.add.at(mass, (slice(None), slice(None), cells), values)


def _rung_names(ladder: Ladder | LadderParams, k: int) -> tuple[str, ...]:
    if isinstance(ladder, Ladder):
        return ladder.rungs
    return tuple(f"rung {i}" for i in range(k + 1))
